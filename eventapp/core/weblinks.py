"""Addresses of other sites that organisers type ("Website"): only http(s) may become a link.

``javascript:``, ``data:``, ``vbscript:`` and every other scheme would run or show something in
our origin when clicked; the forms refuse them (``core.forms.web_address_field``) and the
``web_link`` filter drops any that are stored anyway (rows older than the rule, the demo, SQL).
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def web_link(url: str | None) -> str:
    """``url`` (trimmed) if it is an http(s) address with a host, else ""."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" in the host
        return ""
    if parts.scheme.lower() in WEB_SCHEMES and parts.hostname:
        return url
    return ""
