"""The blog's Atom feed (RFC 4287), built with the standard library's ElementTree.

Entry ids are ``tag:`` URIs made from the post's id and creation date, so they never change
when a post's title or address does. Content is the sanitised HTML of the page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from markupsafe import escape

from eventapp.blog.models import BlogPost
from eventapp.blog.render import render_markdown

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
ET.register_namespace("", ATOM)


@dataclass
class FeedInfo:
    """What the feed says about itself."""

    title: str
    subtitle: str
    base_url: str  # "https://events.example.org"
    feed_path: str  # "/blog/feed.atom"
    page_path: str  # "/blog/"
    author: str
    language: str | None = None


def rfc3339(value: datetime) -> str:
    """ "2025-01-22T10:00:00Z"."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_id(post: BlogPost, base_url: str) -> str:
    """ "tag:events.example.org,2025-01-22:blog/12": stable for the life of the post."""
    host = urlsplit(base_url).hostname or "localhost"
    return f"tag:{host},{post.created_at.astimezone(UTC):%Y-%m-%d}:blog/{post.id}"


def entry_updated(post: BlogPost) -> datetime:
    """When the entry last changed as a reader sees it (never before it was published)."""
    times = [t for t in (post.updated_at, post.publish_at) if t is not None]
    return max(times)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def entry_html(post: BlogPost, base_url: str) -> str:
    """The entry's content: the cover image, then the sanitised body."""
    cover = ""
    if post.cover_image_path:
        src = f"{base_url}/media/{post.cover_image_path}"
        cover = f'<p><img src="{escape(src)}" alt="{escape(post.cover_alt)}"></p>'
    return cover + str(render_markdown(post.body_md))


def build_feed(
    posts: Sequence[BlogPost],
    info: FeedInfo,
    counterpart: Callable[[BlogPost], BlogPost | None],
    now: datetime,
) -> bytes:
    """The Atom document for ``posts`` (newest first)."""
    base = info.base_url
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_BASE: f"{base}/"})
    if info.language:
        feed.set(XML_LANG, info.language)
    _sub(feed, "id", f"{base}{info.feed_path}")
    _sub(feed, "title", info.title)
    _sub(feed, "subtitle", info.subtitle)
    updated = max((entry_updated(p) for p in posts), default=now)
    _sub(feed, "updated", rfc3339(updated))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=f"{base}{info.feed_path}")
    _sub(feed, "link", rel="alternate", type="text/html", href=f"{base}{info.page_path}")
    _sub(_sub(feed, "author"), "name", info.author)
    _sub(feed, "generator", "eventapp")
    for post in posts:
        entry = _sub(feed, "entry")
        entry.set(XML_LANG, post.language)
        _sub(entry, "id", entry_id(post, base))
        _sub(entry, "title", post.title)
        _sub(entry, "updated", rfc3339(entry_updated(post)))
        if post.publish_at is not None:
            _sub(entry, "published", rfc3339(post.publish_at))
        author = _sub(entry, "author")
        _sub(author, "name", post.author.name if post.author else (post.author_line or info.author))
        url = f"{base}/blog/{post.slug}/"
        _sub(entry, "link", rel="alternate", type="text/html", hreflang=post.language, href=url)
        other = counterpart(post)
        if other is not None:
            # "related", not a second "alternate": readers differ on which alternate they follow.
            _sub(
                entry, "link", rel="related", type="text/html", hreflang=other.language,
                href=f"{base}/blog/{other.slug}/",
            )  # fmt: skip
        if post.lead:
            _sub(entry, "summary", post.lead, type="text")
        _sub(entry, "content", entry_html(post, base), type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
