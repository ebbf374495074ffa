"""Markdown is rendered, then sanitised: nothing an author types can run script in a reader."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventapp.blog.render import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    escape_markdown,
    render_markdown,
)

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](<javascript:alert(1)>)",
    "![img](javascript:alert(1))",
    "<a href=x onclick=alert(1) onmouseover=alert(2)>x</a>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="x:expression(alert(1))">x</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=`x` onerror=`alert(1)`>",
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="mailto:x@example.org" onclick="alert(1)">m</a>',
    '<video><source onerror="alert(1)"></video>',
    "<textarea><script>alert(1)</script></textarea>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]


class TagCollector(HTMLParser):
    """Every start tag and its attributes, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))


URL_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def assert_inert(html: str) -> None:
    """No tag, attribute or URL outside the allow-list; no script, handler or javascript: URL."""
    parser = TagCollector()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (tag, html)
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"] | {"rel"}
        for name, value in attrs:
            assert name in allowed, (tag, name, html)
            assert not name.startswith("on"), html
            # Without spaces and control characters (browsers drop or ignore them in URLs).
            squeezed = "".join(ch for ch in value or "" if ord(ch) > 0x20).lower()
            if name in ("href", "src"):
                # The scheme as a browser reads it; without one (a first character that is not a
                # letter, as in "0javascript:") the URL is a relative path on this site.
                scheme = URL_SCHEME.match(squeezed)
                if scheme is not None:
                    assert scheme.group(1) in {"http", "https", "mailto"}, (value, html)
            else:
                assert "javascript:" not in squeezed and "vbscript:" not in squeezed, html
    assert "<script" not in html.lower()  # text that merely mentions javascript: is harmless


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payload_is_made_harmless(payload):
    assert_inert(str(render_markdown(payload)))
    assert_inert(str(render_markdown(f"Some *text* before.\n\n{payload}\n\nAnd after.")))


def test_markdown_keeps_what_authors_need():
    html = str(
        render_markdown(
            "# Title\n\nA **bold** and *italic* [link](https://ki.se) to "
            "[the event](/events/atmp/), <sup>2</sup>, [mail](mailto:info@example.org).\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n"
        )
    )
    assert "<h2>Title</h2>" in html  # the page's <h1> is the post title
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert 'href="https://ki.se"' in html and 'href="/events/atmp/"' in html
    assert 'href="mailto:info@example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "<sup>2</sup>" in html and "<table>" in html and "<li>one</li>" in html


def test_escaped_text_shows_literally():
    text = "Prof. *Malin* [Lindberg] <b>#1</b> _x_"
    html = str(render_markdown(escape_markdown(text)))
    assert "<em>" not in html and "<b>" not in html and "<a" not in html
    assert "*Malin*" in html and "[Lindberg]" in html


DANGEROUS = st.sampled_from(
    ["<script>", "</script>", "<img src=x ", "onerror=", "onclick=", " href=", "javascript:",
     "JaVaScRiPt:", "&#106;", "<a ", "</a>", "<svg ", "<iframe ", "style=", "[x](", ")", "](",
     "<", ">", "\"", "'", "`", "=", "\n\n", "alert(1)", "<!--", "-->", "data:", "&#x3a;"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(DANGEROUS, st.text(max_size=8)), max_size=25).map("".join))
def test_whatever_the_author_types_the_output_is_inert(text):
    assert_inert(str(render_markdown(text)))
