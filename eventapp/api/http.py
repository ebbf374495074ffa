"""Answering API requests: JSON with a strong ETag (304 when the client has it), CORS for
everyone (the data is public), and the parameters of a list read strictly (400, never a 500).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from flask import Response, current_app, request
from pydantic import BaseModel

from eventapp.core.errors import BadRequest
from eventapp.core.types import SessionKind

MAX_AGE = 60
MAX_PAGE = 1_000_000
JSON = "application/json"
#: Full dates only (RFC 3339 ``full-date``, what OpenAPI's ``format: date`` means).
DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def allow_any_origin(response: Response) -> Response:
    """Public data: any site's scripts may read it (no credentials are ever involved)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def conditional(body: bytes, content_type: str) -> Response:
    """A 200 with ``body``, or a 304 when the client's ETag matches it."""
    etag = hashlib.sha256(body).hexdigest()[:32]
    matches = request.if_none_match
    if matches and (matches.star_tag or matches.contains_weak(etag)):
        response = Response(status=304)
    else:
        response = Response(body, status=200, content_type=content_type)
    response.set_etag(etag)
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def json_response(document: BaseModel) -> Response:
    """``document`` as JSON (its schema's field names), conditional on its ETag."""
    return conditional(document.model_dump_json().encode("utf-8"), JSON)


def _integer(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        raise BadRequest(f"{name} must be a whole number from {low} to {high}.")
    return int(raw)


def paging(default_per_page: int, max_per_page: int) -> tuple[int, int]:
    """``page`` (from 1) and ``per_page`` (1 to ``max_per_page``) of the query string."""
    page = _integer("page", 1, 1, MAX_PAGE)
    return page, _integer("per_page", default_per_page, 1, max_per_page)


def date_arg(name: str) -> date | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    try:
        if not DATE.fullmatch(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a date, YYYY-MM-DD.") from None


def kind_arg() -> SessionKind | None:
    raw = request.args.get("kind")
    if raw is None:
        return None
    try:
        return SessionKind(raw)
    except ValueError:
        raise BadRequest("kind must be one of " + ", ".join(k.value for k in SessionKind)) from None


def lang_arg() -> str | None:
    """``?lang=``: one of the site's languages, or absent."""
    raw = request.args.get("lang")
    languages = current_app.config["LANGUAGES"]
    if raw is not None and raw not in languages:
        raise BadRequest("lang must be one of " + ", ".join(languages) + ".")
    return raw


def text_arg(name: str) -> str | None:
    """A slug filter: a value no slug has matches nothing (an empty list, not an error)."""
    raw = request.args.get(name)
    return raw if raw else None
