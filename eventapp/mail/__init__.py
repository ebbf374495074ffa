"""The outbox and its delivery over SMTP."""
