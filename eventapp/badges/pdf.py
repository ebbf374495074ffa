"""Badges as a PDF: registrations in, bytes out (pure: no request, no database writes).

A badge shows the event (title and dates in the event's zone), the name large (shrunk and broken
to fit, never overflowing), the affiliation, the QR code drawn as vector rectangles from the
``qrcode`` matrix, and the category as a coloured band.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from eventapp.badges.layouts import Layout, cut_mark_segments
from eventapp.badges.qr import checkin_url, qr_matrix
from eventapp.badges.typeface import (
    BOLD,
    REGULAR,
    FittedText,
    draw_text,
    fit_text,
    register_fonts,
    text_width,
)
from eventapp.core.translation import translated

if TYPE_CHECKING:
    from eventapp.events.models import Event
    from eventapp.registration.models import Registration

Progress = Callable[[int, int], None]

CATEGORY_COLOURS: dict[str, Color] = {
    "speaker": HexColor("#b03a2e"),
    "organiser": HexColor("#5b2c83"),
    "participant": HexColor("#1f4e9c"),
    "press": HexColor("#1e7445"),
    "exhibitor": HexColor("#a0620a"),
}
DEFAULT_LABELS = {key: key.capitalize() for key in CATEGORY_COLOURS}
INK = HexColor("#1d2330")
MUTED = HexColor("#4a5263")
PROGRESS_EVERY = 25


@dataclass(frozen=True)
class BadgeText:
    """Everything one badge shows."""

    name: str
    affiliation: str
    category: str
    category_label: str
    event_title: str
    event_dates: str
    qr_payload: str


def event_dates(event: Event, locale: str = "en") -> str:
    """The event's dates in its own zone: "10 June 2026" or "10–11 June 2026"."""
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        locale = "en"
    tz = ZoneInfo(event.timezone)
    start, end = event.starts_at.astimezone(tz).date(), event.ends_at.astimezone(tz).date()
    if start == end:
        return format_date(start, "long", locale=locale)
    return format_interval(start, end, "yMMMMd", locale=locale)


def badge_texts(
    event: Event,
    registrations: Iterable[Registration],
    *,
    base_url: str,
    labels: Mapping[str, str] | None = None,
    locale: str = "en",
) -> Iterable[BadgeText]:
    """What each registration's badge shows (the affiliation falls back to its organisation)."""
    labels = {**DEFAULT_LABELS, **(labels or {})}
    dates = event_dates(event, locale)
    for registration in registrations:
        affiliation = registration.affiliation
        if not affiliation and registration.organisation_id is not None:
            affiliation = registration.organisation.name if registration.organisation else ""
        category = str(registration.category.value)
        yield BadgeText(
            name=registration.name,
            affiliation=affiliation or "",
            category=category,
            category_label=labels.get(category, category),
            event_title=translated(event, "title", locale),
            event_dates=dates,
            qr_payload=checkin_url(base_url, registration.checkin_code),
        )


def render_badges(
    event: Event,
    registrations: Sequence[Registration],
    layout: Layout,
    *,
    base_url: str,
    labels: Mapping[str, str] | None = None,
    locale: str = "en",
    progress: Progress | None = None,
) -> bytes:
    """A PDF with one badge per registration, placed on sheets of ``layout``."""
    texts = badge_texts(event, registrations, base_url=base_url, labels=labels, locale=locale)
    title = f"Badges – {event.title}"
    return render_badge_texts(
        texts, layout, total=len(registrations), title=title, progress=progress
    )


def render_badge_texts(
    badges: Iterable[BadgeText],
    layout: Layout,
    *,
    total: int,
    title: str = "Badges",
    progress: Progress | None = None,
) -> bytes:
    """The PDF of ``badges`` (an iterable, so a large batch is never all in memory at once)."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=layout.page_size, pageCompression=1, initialFontName=REGULAR)
    canvas.setTitle(title)
    canvas.setAuthor("eventapp")
    canvas.setCreator("eventapp badges")
    done = 0
    slot = 0
    for badge in badges:
        if slot == 0 and layout.cut_marks:
            draw_cut_marks(canvas, layout)
        x, y = layout.slots[slot]
        draw_badge(canvas, badge, x, y, layout)
        done += 1
        slot += 1
        if slot == layout.per_page:
            canvas.showPage()
            slot = 0
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
    if slot or done == 0:
        canvas.showPage()
    canvas.save()
    if progress is not None:
        progress(done, total)
    return buffer.getvalue()


def draw_cut_marks(canvas: Canvas, layout: Layout) -> None:
    """Thin lines in the margins along the badge edges."""
    canvas.saveState()
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.3)
    canvas.lines(cut_mark_segments(layout))
    canvas.restoreState()


def qr_operators(matrix: list[list[bool]], x: float, y: float, size: float) -> str:
    """PDF operators filling one rectangle per horizontal run of dark modules.

    Drawn in module units under one scaling matrix, so each rectangle is four small integers:
    a thousand badges stay fast to write and small, and the code is sharp at any size.
    """
    count = len(matrix)
    module = size / count
    ops = [f"q 0 g {module:.4f} 0 0 {module:.4f} {x:.3f} {y:.3f} cm"]
    for row_index, row in enumerate(matrix):
        line = count - 1 - row_index
        col = 0
        while col < count:
            if row[col]:
                start = col
                while col < count and row[col]:
                    col += 1
                ops.append(f"{start} {line} {col - start} 1 re")
            else:
                col += 1
    ops.append("f Q")
    return "\n".join(ops)


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """The QR code of ``payload`` as vector rectangles, ``size`` points square at (x, y)."""
    canvas.addLiteral(qr_operators(qr_matrix(payload), x, y, size))


def draw_lines(
    canvas: Canvas,
    fitted: FittedText,
    font: str,
    *,
    centre_x: float | None,
    left: float = 0.0,
    box_bottom: float,
    box_height: float,
    leading: float = 1.15,
) -> None:
    """Fitted lines, vertically centred in their box, centred on ``centre_x`` or left-aligned."""
    if not fitted.lines:
        return
    line_height = fitted.size * leading
    block = line_height * len(fitted.lines)
    first_baseline = box_bottom + (box_height + block) / 2 - fitted.size * 0.95
    for index, line in enumerate(fitted.lines):
        baseline = first_baseline - index * line_height
        x = left if centre_x is None else centre_x - text_width(line, font, fitted.size) / 2
        draw_text(canvas, x, baseline, line, font, fitted.size)


@dataclass(frozen=True)
class Box:
    """A text box in a badge, in points from the badge's lower-left corner."""

    left: float
    bottom: float
    width: float
    height: float
    max_size: float
    min_size: float
    max_lines: int = 1


# Portrait badges (A6): the event at the top, the name, the affiliation, the QR, the band.
PORTRAIT = {
    "title": Box(7 * mm, 124 * mm, 91 * mm, 17 * mm, 14, 7, 2),
    "dates": Box(7 * mm, 117 * mm, 91 * mm, 6 * mm, 10, 6),
    "name": Box(6 * mm, 83 * mm, 93 * mm, 31 * mm, 32, 11, 2),
    "affiliation": Box(7 * mm, 68 * mm, 91 * mm, 13 * mm, 14, 7, 2),
    "band": Box(7 * mm, 0, 91 * mm, 16 * mm, 16, 8),
}
PORTRAIT_QR = (32.5 * mm, 22 * mm, 40 * mm)  # left, bottom, size: a 4-module quiet zone around
# Card badges (ID-1): the event at the top, the name and affiliation left, the QR right.
CARD = {
    "title": Box(3.5 * mm, 46.5 * mm, 78.6 * mm, 5 * mm, 9, 5),
    "dates": Box(3.5 * mm, 42 * mm, 78.6 * mm, 4 * mm, 7, 4.5),
    "name": Box(3.5 * mm, 22.5 * mm, 50 * mm, 17 * mm, 17, 6, 2),
    "affiliation": Box(3.5 * mm, 10 * mm, 50 * mm, 11 * mm, 8.5, 4.5, 2),
    "band": Box(3.5 * mm, 0, 78.6 * mm, 7 * mm, 9, 5),
}
CARD_QR = (56.5 * mm, 10 * mm, 26 * mm)


def draw_badge(canvas: Canvas, badge: BadgeText, x: float, y: float, layout: Layout) -> None:
    """One badge with its lower-left corner at (x, y)."""
    boxes, (qr_left, qr_bottom, qr_size) = (
        (CARD, CARD_QR) if layout.design == "card" else (PORTRAIT, PORTRAIT_QR)
    )
    width, _height = layout.badge_size
    canvas.saveState()
    canvas.translate(x, y)
    band = boxes["band"]
    canvas.setFillColor(CATEGORY_COLOURS.get(badge.category, INK))
    canvas.rect(0, 0, width, band.height, stroke=0, fill=1)
    texts = (
        ("title", badge.event_title, BOLD, INK),
        ("dates", badge.event_dates, REGULAR, MUTED),
        ("name", badge.name, BOLD, INK),
        ("affiliation", badge.affiliation, REGULAR, MUTED),
        ("band", badge.category_label.upper(), BOLD, white),
    )
    for key, text, font, colour in texts:
        box = boxes[key]
        fitted = fit_text(
            text,
            font,
            max_width=box.width,
            max_height=box.height,
            max_size=box.max_size,
            min_size=box.min_size,
            max_lines=box.max_lines,
        )
        canvas.setFillColor(colour)
        left_aligned = layout.design == "card" and key in {"name", "affiliation"}
        draw_lines(
            canvas,
            fitted,
            font,
            centre_x=None if left_aligned else box.left + box.width / 2,
            left=box.left,
            box_bottom=box.bottom,
            box_height=box.height,
        )
    draw_qr(canvas, badge.qr_payload, qr_left, qr_bottom, qr_size)
    canvas.restoreState()
