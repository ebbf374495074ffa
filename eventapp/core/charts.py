"""Small charts for the organiser's pages, as inline SVG a strict CSP allows (attributes, no
style) and that read without it: every figure is also text.

Two shapes, generic over what they count:

- ``bar_chart([(label, value), …], caption=…)``: one row per label, the label and the figure as
  text, the bar an SVG stretched to the row (so long organisation names wrap on a phone instead
  of shrinking with a viewBox);
- ``line_chart([(label, value), …], caption=…)``: a line through the values in order, the first
  and last labels and the top value written beside it in HTML, the figures in a table below.

Colours come from classes (static/css/charts.css), so both follow the site's palette.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

Series = Sequence[tuple[str, float]]

#: The line chart's drawing box; the SVG stretches to its container and keeps strokes thin.
WIDTH, HEIGHT = 600, 160


def _figure(caption: str, body: Markup, css: str) -> Markup:
    return Markup(
        '<figure class="chart {css}"><figcaption>{caption}</figcaption>{body}</figure>'
    ).format(css=css, caption=caption, body=body)


def _number(value: float) -> str:
    return f"{value:g}"


def bar_chart(rows: Series, *, caption: str, empty: str = "—") -> Markup:
    """Horizontal bars, longest first as given; values are shares of the largest."""
    if not rows:
        return _figure(caption, Markup('<p class="meta">{}</p>').format(empty), "chart-bars")
    top = max(value for _label, value in rows) or 1
    items = Markup("").join(
        Markup(
            '<li><span class="chart-label">{label}</span> <span class="chart-value">{value}</span>'
            '<svg class="chart-bar" viewBox="0 0 100 1" preserveAspectRatio="none" '
            'aria-hidden="true" focusable="false"><rect width="{width}" height="1"/></svg></li>'
        ).format(label=label, value=_number(value), width=f"{100 * value / top:.2f}")
        for label, value in rows
    )
    return _figure(caption, Markup("<ul>{}</ul>").format(items), "chart-bars")


def _points(values: Sequence[float]) -> str:
    top = max(values) or 1
    step = WIDTH / max(len(values) - 1, 1)
    return " ".join(
        f"{n * step:.1f},{HEIGHT - HEIGHT * value / top:.1f}" for n, value in enumerate(values)
    )


def line_chart(points: Series, *, caption: str, figures: str, empty: str = "—") -> Markup:
    """A line through ``points`` in order (one per day, say); ``figures`` names the table."""
    if not points:
        return _figure(caption, Markup('<p class="meta">{}</p>').format(empty), "chart-line")
    values = [value for _label, value in points]
    if len(values) == 1:
        values = values * 2  # one day still draws a (flat) line
    line = _points(values)
    area = f"0,{HEIGHT} {line} {WIDTH},{HEIGHT}"
    svg = Markup(
        '<div class="chart-plot"><span class="chart-top">{top}</span>'
        '<svg viewBox="0 0 {w} {h}" preserveAspectRatio="none" aria-hidden="true" '
        'focusable="false"><polygon class="chart-area" points="{area}"/>'
        '<polyline class="chart-stroke" points="{line}" vector-effect="non-scaling-stroke"/>'
        "</svg></div>"
        '<p class="chart-axis"><span>{first}</span><span>{last}</span></p>'
    ).format(
        top=_number(max(values)), w=WIDTH, h=HEIGHT, area=area, line=line,
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
