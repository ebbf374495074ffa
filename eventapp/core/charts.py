"""Charts as inline SVG for the organiser's pages: readable without JavaScript, and by screen
readers; no ``style`` attribute (the strict CSP forbids inline styles).

- ``bar_chart([(label, value), …], title=…, chart_id=…)``: an ``<svg role="img">`` named by its
  ``<title>`` and described by a ``<desc>`` that lists every bar with its figure, so a screen
  reader reads the numbers, not the shapes; each bar has its own ``<title>`` (a tooltip), and
  labels and figures are real text in the SVG. Colours are presentation attributes and classes
  that static/css may restyle.
- ``line_chart([(label, value), …], caption=…, figures=…)``: a line through the values in order,
  the first and last labels and the top value written beside it in HTML, the figures in a
  table below (static/css/charts.css gives it the site's palette).
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


Series = Sequence[tuple[str, float]]

#: The line chart's drawing box; the SVG stretches to its container and keeps strokes thin.
LINE_WIDTH, LINE_HEIGHT = 600, 160


def _figure(caption: str, body: Markup, css: str) -> Markup:
    return Markup(
        '<figure class="chart {css}"><figcaption>{caption}</figcaption>{body}</figure>'
    ).format(css=css, caption=caption, body=body)


def _number(value: float) -> str:
    return f"{value:g}"


def _points(values: Sequence[float]) -> str:
    top = max(values) or 1
    step = LINE_WIDTH / max(len(values) - 1, 1)
    return " ".join(
        f"{n * step:.1f},{LINE_HEIGHT - LINE_HEIGHT * value / top:.1f}"
        for n, value in enumerate(values)
    )


def line_chart(points: Series, *, caption: str, figures: str, empty: str = "—") -> Markup:
    """A line through ``points`` in order (one per day, say); ``figures`` names the table."""
    if not points:
        return _figure(caption, Markup('<p class="meta">{}</p>').format(empty), "chart-line")
    values = [value for _label, value in points]
    if len(values) == 1:
        values = values * 2  # one day still draws a (flat) line
    line = _points(values)
    area = f"0,{LINE_HEIGHT} {line} {LINE_WIDTH},{LINE_HEIGHT}"
    svg = Markup(
        '<div class="chart-plot"><span class="chart-top">{top}</span>'
        '<svg viewBox="0 0 {w} {h}" preserveAspectRatio="none" aria-hidden="true" '
        'focusable="false"><polygon class="chart-area" points="{area}"/>'
        '<polyline class="chart-stroke" points="{line}" vector-effect="non-scaling-stroke"/>'
        "</svg></div>"
        '<p class="chart-axis"><span>{first}</span><span>{last}</span></p>'
    ).format(
        top=_number(max(values)), w=LINE_WIDTH, h=LINE_HEIGHT, area=area, line=line,
        first=points[0][0], last=points[-1][0],
    )  # fmt: skip
    rows = Markup("").join(
        Markup('<tr><th scope="row">{}</th><td>{}</td></tr>').format(label, _number(value))
        for label, value in points
    )
    table = Markup(
        '<details class="chart-figures"><summary>{figures}</summary>'
        '<table class="manage-table"><tbody>{rows}</tbody></table></details>'
    ).format(figures=figures, rows=rows)
    return _figure(caption, svg + table, "chart-line")
