"""An event's or series' description: Markdown rendered, then sanitised."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from eventapp.events import bp


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Raw HTML is off: organisers write Markdown, and nh3 removes anything unsafe that remains.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


@bp.app_template_filter("description_html")
def description_html(text: str | None) -> Markup:
    """Markdown → safe HTML for a description (links get ``rel="noopener noreferrer"``)."""
    if not text:
        return Markup("")
    return Markup(nh3.clean(_markdown().render(text)))
