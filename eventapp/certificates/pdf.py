"""Certificates of attendance as a PDF: texts in, bytes out (no request, no database writes).

One page each, A4 (landscape unless the template says portrait), in the participant's language:
the organisers' logos, the heading, the name, the event with its dates and venue, the hours, the
sessions attended (when the template lists them), the organisers' own paragraph, a signature
line, and the verification code with its QR (vector, like the badges') opening the public page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from eventapp.badges.pdf import draw_lines, draw_qr
from eventapp.badges.typeface import BOLD, REGULAR, fit_text, printable, register_fonts

INK = HexColor("#1d2330")
MUTED = HexColor("#4a5263")
ACCENT = HexColor("#1f4e9c")
MOST_SESSIONS = 12


@dataclass(frozen=True)
class CertificateText:
    """Everything one certificate shows, already in its participant's language."""

    heading: str
    certifies: str
    name: str
    attended: str
    event_title: str
    when_where: str
    hours: str
    sessions_heading: str
    sessions: list[str]
    more_sessions: str
    body: str
    organisers: str
    signatory_name: str
    signatory_title: str
    verify: str
    code: str
    qr_payload: str
    logos: list[str] = field(default_factory=list)


def verification_url(base_url: str, code: str) -> str:
    """The public page a certificate's QR opens."""
    return f"{base_url.rstrip('/')}/certificates/{code}"


def _text(canvas: Canvas, text: str, font: str, colour, box: tuple, sizes: tuple, lines=1):
    left, bottom, width, height = box
    fitted = fit_text(
        printable(text, font),
        font,
        max_width=width,
        max_height=height,
        max_size=sizes[0],
        min_size=sizes[1],
        max_lines=lines,
    )
    canvas.setFillColor(colour)
    draw_lines(
        canvas, fitted, font, centre_x=left + width / 2, box_bottom=bottom, box_height=height
    )


def _logos(canvas: Canvas, paths: list[str], page_w: float, top: float) -> None:
    height, gap = 16 * mm, 8 * mm
    readers = []
    for path in paths[:4]:
        try:
            readers.append(ImageReader(path))
        except (OSError, ValueError):
            continue  # a missing or broken logo leaves its place empty, never the page
    widths = [min(height * r.getSize()[0] / max(r.getSize()[1], 1), 50 * mm) for r in readers]
    x = (page_w - sum(widths) - gap * (len(widths) - 1)) / 2
    for reader, width in zip(readers, widths, strict=True):
        canvas.drawImage(
            reader, x, top - height, width, height, mask="auto", preserveAspectRatio=True
        )
        x += width + gap


def draw_certificate(canvas: Canvas, c: CertificateText, page: tuple[float, float]) -> None:
    """One certificate on the current page."""
    w, h = page
    margin = 18 * mm
    inner = w - 2 * margin
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(2)
    canvas.rect(10 * mm, 10 * mm, w - 20 * mm, h - 20 * mm, stroke=1, fill=0)
    top = h - 16 * mm
    if c.logos:
        _logos(canvas, c.logos, w, top)
        top -= 20 * mm
    rows = (
        (c.heading, BOLD, ACCENT, 16 * mm, (28, 14), 1),
        (c.certifies, REGULAR, MUTED, 8 * mm, (12, 8), 1),
        (c.name, BOLD, INK, 16 * mm, (30, 12), 1),
        (c.attended, REGULAR, MUTED, 8 * mm, (12, 8), 1),
        (c.event_title, BOLD, INK, 18 * mm, (20, 10), 2),
        (c.when_where, REGULAR, INK, 7 * mm, (12, 7), 1),
        (c.hours, BOLD, INK, 8 * mm, (12, 8), 1),
    )
    for text, font, colour, height, sizes, lines in rows:
        top -= height
        _text(canvas, text, font, colour, (margin, top, inner, height), sizes, lines)
    if c.sessions:
        top -= 7 * mm
        _text(canvas, c.sessions_heading, BOLD, MUTED, (margin, top, inner, 6 * mm), (10, 7))
        for title in [*c.sessions, c.more_sessions] if c.more_sessions else c.sessions:
            top -= 5 * mm
            _text(canvas, title, REGULAR, INK, (margin, top, inner, 5 * mm), (9, 6))
    if c.body:
        top -= 14 * mm
        _text(canvas, c.body, REGULAR, INK, (margin, top, inner, 13 * mm), (10, 6), 3)
    _footer(canvas, c, w, margin)


def _footer(canvas: Canvas, c: CertificateText, w: float, margin: float) -> None:
    qr = 26 * mm
    bottom = 16 * mm
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    canvas.line(margin, bottom + 16 * mm, margin + 80 * mm, bottom + 16 * mm)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 10)
    canvas.drawString(margin, bottom + 11 * mm, printable(c.signatory_name, BOLD))
    canvas.setFont(REGULAR, 9)
    canvas.drawString(margin, bottom + 7 * mm, printable(c.signatory_title))
    canvas.setFillColor(MUTED)
    canvas.drawString(margin, bottom + 2 * mm, printable(c.organisers)[:120])
    draw_qr(canvas, c.qr_payload, w - margin - qr, bottom, qr)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawRightString(w - margin - qr - 3 * mm, bottom + 6 * mm, printable(c.verify))
    canvas.drawRightString(w - margin - qr - 3 * mm, bottom + 2 * mm, c.code)


def render_certificates(
    certificates: Iterable[CertificateText], *, landscape_page: bool = True, title: str = ""
) -> bytes:
    """A PDF with one page per certificate (an iterable: a thousand are never all in memory)."""
    register_fonts()
    page = landscape(A4) if landscape_page else A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page, pageCompression=1, initialFontName=REGULAR)
    canvas.setTitle(title or "Certificates of attendance")
    canvas.setAuthor("eventapp")
    canvas.setCreator("eventapp certificates")
    drawn = 0
    for certificate in certificates:
        draw_certificate(canvas, certificate, page)
        canvas.showPage()
        drawn += 1
    if drawn == 0:
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
