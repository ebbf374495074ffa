"""The shared SVG charts: figures as text, bars in proportion, a line through the values,
labels escaped, nothing the strict CSP would refuse (no style attribute)."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from eventapp.core.charts import LINE_HEIGHT as HEIGHT
from eventapp.core.charts import LINE_WIDTH as WIDTH
from eventapp.core.charts import bar_chart, line_chart


def _parse(markup: str) -> ElementTree.Element:
    return ElementTree.fromstring(str(markup).replace("&nbsp;", " "))


SVG = "{http://www.w3.org/2000/svg}"


def test_bars_are_in_proportion_to_the_largest_and_each_figure_is_text():
    chart = bar_chart([("Karolinska Institutet", 40), ("KTH", 10)], title="By organisation",
                      chart_id="c")  # fmt: skip
    tree = _parse(chart)
    assert tree.get("role") == "img" and tree.find(f"{SVG}title").text == "By organisation"
    assert tree.find(f"{SVG}desc").text == "Karolinska Institutet: 40; KTH: 10"
    widths = [float(r.get("width")) for r in tree.iter(f"{SVG}rect")]
    assert widths[0] == 4 * widths[1]
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert texts == ["Karolinska Institutet", "40", "KTH", "10"]
    assert "style=" not in str(chart)


def test_labels_are_escaped():
    chart = str(bar_chart([("<script>alert(1)</script>", 1)], title="<b>x</b>", chart_id="c"))
    assert "<script>" not in chart and "&lt;script&gt;" in chart and "<b>" not in chart


def test_the_line_runs_from_the_first_value_to_the_last_scaled_to_the_top():
    chart = line_chart(
        [("1 Dec", 1), ("2 Dec", 3), ("3 Dec", 4)], caption="Over time", figures="Figures"
    )
    points = re.search(r'<polyline class="chart-stroke" points="([^"]+)"', str(chart)).group(1)
    assert points.split() == [
        f"0.0,{HEIGHT - HEIGHT / 4:.1f}",
        f"{WIDTH / 2:.1f},40.0",
        f"{WIDTH:.1f},0.0",
    ]
    tree = _parse(chart)
    assert [th.text for th in tree.findall(".//tbody/tr/th")] == ["1 Dec", "2 Dec", "3 Dec"]
    assert tree.find(".//span[@class='chart-top']").text == "4"


def test_no_data_says_so():
    assert "Nothing yet" in str(line_chart([], caption="c", figures="f", empty="Nothing yet"))
