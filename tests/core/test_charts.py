"""The shared SVG charts: figures as text, bars in proportion, a line through the values,
labels escaped, nothing the strict CSP would refuse (no style attribute)."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from eventapp.core.charts import HEIGHT, WIDTH, bar_chart, line_chart


def _parse(markup: str) -> ElementTree.Element:
    return ElementTree.fromstring(str(markup).replace("&nbsp;", " "))


def test_bars_are_in_proportion_to_the_largest_and_each_figure_is_text():
    chart = bar_chart([("Karolinska Institutet", 40), ("KTH", 10)], caption="By organisation")
    tree = _parse(chart)
    assert tree.find("figcaption").text == "By organisation"
    rows = tree.findall(".//li")
    assert [r.find("span").text for r in rows] == ["Karolinska Institutet", "KTH"]
    assert [r.find("span[@class='chart-value']").text for r in rows] == ["40", "10"]
    widths = [float(r.find(".//rect").get("width")) for r in rows]
    assert widths == [100.0, 25.0]
    assert "style=" not in str(chart)


def test_labels_are_escaped():
    chart = str(bar_chart([("<script>alert(1)</script>", 1)], caption="<b>x</b>"))
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
    assert "Nothing yet" in str(bar_chart([], caption="c", empty="Nothing yet"))
    assert "Nothing yet" in str(line_chart([], caption="c", figures="f", empty="Nothing yet"))
