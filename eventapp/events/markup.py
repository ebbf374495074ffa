"""An event's or series' description: Markdown rendered, then sanitised."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Raw HTML is off: organisers write Markdown, and nh3 removes anything unsafe that remains.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def description_html(text: str | None, below: int = 2) -> Markup:
    """Markdown → safe HTML, its headings placed below the page's h``below`` (outline kept)."""
    if not text:
        return Markup("")
    if len(text) > KEPT_LENGTH:
        return _render(text, below)
    return _kept(text, below)


#: Short texts (abstracts) are rendered once per process and kept by their Markdown:
#: markdown-it-py parses a 400-character abstract in about 1.3 ms, so a 200-session programme
#: with abstracts cost a quarter of a second a render; the HTML is a function of the text alone.
#: At most KEPT texts of at most KEPT_LENGTH characters: a few megabytes a worker.
KEPT, KEPT_LENGTH = 2048, 2000


def _render(text: str, below: int) -> Markup:
    md = _markdown()
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + below, 6)}"
    return Markup(nh3.clean(md.renderer.render(tokens, md.options, {})))


_kept = lru_cache(maxsize=KEPT)(_render)
