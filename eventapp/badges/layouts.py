"""Sheet layouts: where badges sit on a page, and the cut marks between them."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm

ID1_WIDTH, ID1_HEIGHT = 85.6 * mm, 54 * mm  # ISO/IEC 7810 ID-1, the credit-card size
MARK_LENGTH = 5 * mm
MARK_GAP = 1.5 * mm


@dataclass(frozen=True)
class Layout:
    """A sheet: its size, the badge size and the lower-left corner of each badge slot."""

    key: str
    label: object
    page_size: tuple[float, float]
    badge_size: tuple[float, float]
    slots: tuple[tuple[float, float], ...]
    cut_marks: bool
    #: "portrait" (A6: QR below the name) or "card" (ID-1: QR beside the name).
    design: str

    @property
    def per_page(self) -> int:
        return len(self.slots)

    def cut_lines(self) -> tuple[list[float], list[float]]:
        """The x and y positions of the lines along which the sheet is cut."""
        width, height = self.badge_size
        xs = sorted(
            {round(x, 3) for x, _ in self.slots} | {round(x + width, 3) for x, _ in self.slots}
        )
        ys = sorted(
            {round(y, 3) for _, y in self.slots} | {round(y + height, 3) for _, y in self.slots}
        )
        return xs, ys


def _grid(page: tuple[float, float], badge: tuple[float, float], cols: int, rows: int):
    """Slots of a centred grid, filled row by row from the top left."""
    page_w, page_h = page
    width, height = badge
    left = (page_w - cols * width) / 2
    bottom = (page_h - rows * height) / 2
    return tuple(
        (left + col * width, bottom + (rows - 1 - row) * height)
        for row in range(rows)
        for col in range(cols)
    )


A6_SINGLE = Layout(
    key="a6",
    label=_l("A6, one badge per page"),
    page_size=A6,
    badge_size=A6,
    slots=((0.0, 0.0),),
    cut_marks=False,
    design="portrait",
)
A6_ON_A4 = Layout(
    key="a6x4",
    label=_l("Four A6 badges on A4, with cut marks"),
    page_size=A4,
    badge_size=A6,
    slots=_grid(A4, A6, 2, 2),
    cut_marks=True,
    design="portrait",
)
ID1_ON_A4 = Layout(
    key="id1x10",
    label=_l("Card size (ID-1, 85.6 × 54 mm), ten on A4, for badge holders"),
    page_size=A4,
    badge_size=(ID1_WIDTH, ID1_HEIGHT),
    slots=_grid(A4, (ID1_WIDTH, ID1_HEIGHT), 2, 5),
    cut_marks=True,
    design="card",
)

LAYOUTS: dict[str, Layout] = {layout.key: layout for layout in (A6_SINGLE, A6_ON_A4, ID1_ON_A4)}


def get_layout(key: str) -> Layout:
    """The layout called ``key`` (A6 single when unknown)."""
    return LAYOUTS.get(key, A6_SINGLE)


def cut_mark_segments(layout: Layout) -> list[tuple[float, float, float, float]]:
    """Short lines in the margins, in line with the badge edges, showing where to cut."""
    page_w, page_h = layout.page_size
    xs, ys = layout.cut_lines()
    left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]
    segments: list[tuple[float, float, float, float]] = []
    for x in xs:
        # Ticks above and below the grid, in the margin (or at the very edge when there is none).
        top_start = min(top + MARK_GAP, page_h - MARK_LENGTH)
        bottom_end = max(bottom - MARK_GAP, MARK_LENGTH)
        segments.append((x, top_start, x, min(top_start + MARK_LENGTH, page_h)))
        segments.append((x, max(bottom_end - MARK_LENGTH, 0.0), x, bottom_end))
    for y in ys:
        right_start = min(right + MARK_GAP, page_w - MARK_LENGTH)
        left_end = max(left - MARK_GAP, MARK_LENGTH)
        segments.append((right_start, y, min(right_start + MARK_LENGTH, page_w), y))
        segments.append((max(left_end - MARK_LENGTH, 0.0), y, left_end, y))
    return segments
