"""Markdown to safe HTML: markdown-it-py renders, nh3 keeps only an allow-list.

Authors may type raw HTML in the Markdown (a ``<sup>``, a ``<figure>``); whatever they type, the
sanitiser removes scripts, event-handler attributes, styles and links to schemes other than
http, https and mailto (relative links to our own pages stay).
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del",
        "sup", "sub", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "figure",
        "figcaption", "table", "thead", "tbody", "tr", "th", "td", "abbr", "cite", "q", "small",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align", "scope"},
    "td": {"align"},
    "*": {"lang"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"

# The page's own <h1> is the title: a "# heading" in the body becomes an <h2>.
_markdown = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(
    ["table", "strikethrough"]
)
_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)
_H1 = re.compile(r"<(/?)h1>")


def sanitise_html(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes of ``html``."""
    return _cleaner.clean(_H1.sub(r"<\1h2>", html))


def render_markdown(text: str) -> Markup:
    """Render an author's Markdown to sanitised HTML, safe to put in a page or a feed."""
    return Markup(sanitise_html(_markdown.render(text or "")))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_markdown(text: str) -> str:
    """Escape ``text`` so Markdown shows it literally (names and titles put in a draft)."""
    return _MD_SPECIAL.sub(r"\\\1", text or "")
