"""Serving a feed over HTTP: strong ETag from the bytes, Last-Modified, 304 without building.

The validator (one query) is checked first; the bytes a validator gave are kept in the page
cache's store (``kept_bytes``), so a registration or any change outside the feed does not make
the next calendar app that polls rebuild it. The ETag of the bytes a validator gave is
remembered per process; since the bytes are a pure function of the content, every worker
computes the same ETag for the same content, so the workers never disagree, and a worker that
has not seen a validator yet builds once and learns it.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from flask import Response, request

from eventapp.calendar import feeds
from eventapp.calendar.feeds import FeedScope, Validator
from eventapp.core.i18n import LANG_COOKIE, current_language
from eventapp.pagecache.cache import kept_bytes

MAX_AGE = 300
CONTENT_TYPE = "text/calendar; charset=utf-8"


class EtagMemory:
    """A bounded map from (feed, language, validator) to the ETag of the bytes it gave."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str, str], str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, str]) -> str | None:
        with self._lock:
            etag = self._items.get(key)
            if etag is not None:
                self._items.move_to_end(key)
            return etag

    def put(self, key: tuple[str, str, str], etag: str) -> None:
        with self._lock:
            self._items[key] = etag
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


etags = EtagMemory()


def etag_of(body: bytes) -> str:
    """A strong ETag: the first 128 bits of the SHA-256 of the bytes."""
    return hashlib.sha256(body).hexdigest()[:32]


def _not_modified_by_etag(etag: str) -> bool:
    matches = request.if_none_match
    return bool(matches) and (matches.star_tag or matches.contains_weak(etag))


def _not_modified_by_date(last_modified: datetime) -> bool:
    # If-None-Match takes precedence (RFC 9110 13.1.3): dates are only used without it.
    since = request.if_modified_since
    return not request.if_none_match and since is not None and last_modified <= since


def _headers(response: Response, scope: FeedScope, validator: Validator, etag: str | None):
    response.last_modified = validator.last_modified
    if etag is not None:
        response.set_etag(etag)
    if scope.personal:
        response.headers["Cache-Control"] = f"private, max-age={MAX_AGE}"
        response.headers["X-Robots-Tag"] = "noindex"
    else:
        response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
        # Public feeds: web calendars (and any site's scripts) may read them.
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def _language_inputs() -> str:
    """What the feed's language is chosen from (see core/i18n.py), unparsed: resolving the
    locale costs as much as the whole 304, and equal inputs give equal bytes."""
    return "|".join(
        (
            request.args.get("lang", ""),
            request.cookies.get(LANG_COOKIE, ""),
            request.headers.get("Accept-Language", ""),
        )
    )


def feed_response(scope: FeedScope, build: Callable[[], bytes]) -> Response:
    """A 200 with the feed, or a 304 decided from the validator alone whenever possible."""
    validator = feeds.validator(scope)
    key = (scope.key, _language_inputs(), validator.digest)
    known = etags.get(key)
    if (known is not None and _not_modified_by_etag(known)) or _not_modified_by_date(
        validator.last_modified
    ):
        return _headers(Response(status=304), scope, validator, known)
    if scope.personal:
        body = build()
    else:  # the same validator gives the same bytes: other changes on the site don't rebuild
        # Keyed by the language chosen, not by the raw headers: made-up Accept-Language values
        # must not each keep a copy of the feed.
        kept = (scope.key, current_language(), validator.digest)
        body = kept_bytes("feed:" + "\x1f".join(kept), build)
    etag = etag_of(body)
    etags.put(key, etag)
    if _not_modified_by_etag(etag):
        return _headers(Response(status=304), scope, validator, etag)
    response = Response(body, status=200, content_type=CONTENT_TYPE)
    disposition = "attachment" if request.args.get("download") else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{scope.filename}"'
    return _headers(response, scope, validator, etag)
