"""Absolute URLs on the configured public host, in a request or not (the mail worker, the CLI)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from werkzeug.routing import MapAdapter


def absolute_url(path: str) -> str:
    """``path`` on the configured public host (for feeds, e-mails, Open Graph)."""
    return current_app.config["BASE_URL"] + path


def external_url(endpoint: str, **values: Any) -> str:
    """The absolute URL of ``endpoint`` on ``BASE_URL``: the same with or without a request, so
    an e-mail rendered by the mail worker links where the page would."""
    return _adapter().build(endpoint, values, force_external=True)


def path_for(endpoint: str, **values: Any) -> str:
    """The path of ``endpoint`` on ``BASE_URL`` (its prefix included), with or without a
    request: for links stored with data, such as a story's facts."""
    return _adapter().build(endpoint, values)


def _adapter() -> MapAdapter:
    base = current_app.config["BASE_URL"]
    cached = current_app.extensions.get("external_url_adapter")
    if cached is None or cached[0] != base:
        parts = urlsplit(base)
        adapter = current_app.url_map.bind(
            parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "http"
        )
        cached = current_app.extensions["external_url_adapter"] = (base, adapter)
    return cached[1]
