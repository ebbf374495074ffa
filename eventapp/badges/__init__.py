"""QR codes, badge PDFs and door check-in."""
