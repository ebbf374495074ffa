"""Addresses of other sites that organisers type ("Website"): only http(s) may become a link.

``javascript:``, ``data:``, ``vbscript:`` and every other scheme would run or show something in
our origin when clicked; the forms refuse them (``core.forms.web_address_field``) and the
``web_link`` filter drops any that are stored anyway (rows older than the rule, the demo, SQL).
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

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


def map_url(venue: object | None) -> str:
    """An OpenStreetMap link to a venue: its pin when it has coordinates, else a search for its
    street address; "" for no venue or one without either. OpenStreetMap, because it needs no
    account or key and opens in every browser and in the map apps of both phone systems."""
    if venue is None:
        return ""
    latitude, longitude = getattr(venue, "latitude", None), getattr(venue, "longitude", None)
    if latitude is not None and longitude is not None:
        lat, lon = f"{float(latitude):.6f}", f"{float(longitude):.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    place = ", ".join(p for p in (getattr(venue, "address", ""), getattr(venue, "city", "")) if p)
    if not place.strip():
        return ""
    return "https://www.openstreetmap.org/search?" + urlencode({"query": place})
