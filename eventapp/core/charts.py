"""Bar charts as inline SVG: readable without JavaScript, and by screen readers.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by a ``<desc>``
that lists every bar with its figure, so a screen reader reads the numbers, not the shapes; each
bar also has its own ``<title>`` (a tooltip). Labels and figures are real text in the SVG. No
``style`` attribute (the CSP forbids inline styles): colours are presentation attributes and
classes that static/css may restyle.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 640
LABEL_WIDTH = 240
BAR_HEIGHT = 22
GAP = 8
FIGURE_SPACE = 70
FILL = "#1f4e9c"


def _row(index: int, label: str, value: float, shown: str, scale: float) -> Markup:
    y = index * (BAR_HEIGHT + GAP)
    width = round(value * scale, 1)
    middle = y + BAR_HEIGHT / 2 + 5
    return Markup(
        '<g class="bar"><title>{title}</title>'
        '<text x="{lx}" y="{ty}" text-anchor="end" font-size="14" fill="#1d2330">{label}</text>'
        '<rect x="{bx}" y="{y}" width="{w}" height="{h}" fill="{fill}"></rect>'
        '<text x="{fx}" y="{ty}" font-size="14" fill="#1d2330">{shown}</text></g>'
    ).format(
        title=f"{label}: {shown}",
        lx=LABEL_WIDTH - 8,
        ty=middle,
        label=_clip(label),
        bx=LABEL_WIDTH,
        y=y,
        w=width,
        h=BAR_HEIGHT,
        fill=FILL,
        fx=LABEL_WIDTH + width + 6,
        shown=shown,
    )


def _clip(label: str, most: int = 32) -> str:
    """A label that fits beside its bar (the whole label stays in the bar's title and desc)."""
    return label if len(label) <= most else label[: most - 1] + "…"


def bar_chart(
    bars: Sequence[tuple[str, float]],
    *,
    title: str,
    chart_id: str,
    figure: str = "{:g}",
) -> Markup:
    """A horizontal bar chart of ``(label, value)``; ``figure`` formats each value."""
    top = max((value for _label, value in bars), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - FIGURE_SPACE) / top
    shown = [figure.format(value) for _label, value in bars]
    height = max(len(bars), 1) * (BAR_HEIGHT + GAP)
    description = "; ".join(
        f"{label}: {text}" for (label, _v), text in zip(bars, shown, strict=True)
    )
    rows = Markup("").join(
        _row(i, label, value, text, scale)
        for i, ((label, value), text) in enumerate(zip(bars, shown, strict=True))
    )
    return Markup(
        '<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{rows}</svg>'
    ).format(w=WIDTH, h=height, id=escape(chart_id), title=title, desc=description, rows=rows)
