"""Descriptions and abstracts are Markdown rendered once per process and kept (a 200-session
programme with abstracts parsed each one per render: about a quarter of a second)."""

from __future__ import annotations

from eventapp.events import markup


def test_an_abstract_is_rendered_once_and_a_long_text_is_not_kept() -> None:
    markup._kept.cache_clear()
    abstract = "We present **new results** and [a link](https://example.org).\n\n# Methods"
    first = markup.description_html(abstract, 4)
    assert "<strong>new results</strong>" in first and "<h5>Methods</h5>" in first
    assert markup.description_html(abstract, 4) == first
    assert markup._kept.cache_info().hits == 1 and markup._kept.cache_info().currsize == 1
    assert markup.description_html(abstract, 2) != first  # the outline depends on ``below``
    long_text = "A paragraph. " * (markup.KEPT_LENGTH // 10)
    assert "<p>A paragraph." in markup.description_html(long_text)
    assert markup._kept.cache_info().currsize == 2  # the long text was not kept


def test_a_kept_rendering_is_still_sanitised() -> None:
    html = markup.description_html("<script>alert(1)</script> [x](javascript:alert(1))")
    assert "<script" not in html and 'href="javascript' not in html
