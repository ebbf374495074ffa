"""The page cache in front of Flask: anonymous GETs of public pages answered from the store.

A hit never enters Flask (no session, login, locale or database work): it costs a store lookup
and writing the bytes. Everything else passes through untouched: other methods, requests with
any cookie but the language cookie or with an Authorization header (an organiser's pages show
their tools; a session may hold flashed messages), and pages Flask did not mark as cacheable.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from werkzeug.http import parse_cookie, parse_date, parse_etags, quote_etag, unquote_etag

from eventapp.core.compression import negotiated_coding
from eventapp.core.i18n import choose_language
from eventapp.pagecache.stores import CachedPage, Generation, PageStore, now

log = logging.getLogger(__name__)

#: Set in the WSGI environ by the app when the response may be stored (see ``mark_cacheable``).
STORE_FLAG = "eventapp.page_cache.store"
#: Tells whoever reads a response whether it came from the cache (tests, operators, curl -I).
STATUS_HEADER = "X-Page-Cache"
NOT_MODIFIED_DROPS = {"content-length", "content-type", "content-disposition"}

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class PageCacheMiddleware:
    """Serve stored pages; store the cacheable responses of anonymous GETs."""

    def __init__(
        self,
        app: WSGIApp,
        store: PageStore,
        *,
        seconds: int,
        counts_seconds: int,
        languages: tuple[str, ...],
        default_language: str,
        language_cookie: str,
        codings: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.store = store
        self.seconds = seconds
        self.counts_seconds = counts_seconds
        self.languages = languages
        self.default_language = default_language
        self.language_cookie = language_cookie
        self.codings = codings

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        key = self.key(environ)
        if key is None:
            return self.app(environ, start_response)
        try:
            generation, page = self.store.lookup(key)
        except Exception:  # a cache that is down must not take the site with it
            log.warning("page cache lookup failed; serving without it", exc_info=True)
            return self.app(environ, start_response)
        if page is not None and self.fresh(page, generation):
            return self.serve(environ, page, start_response, key, generation)
        return self.render(environ, start_response, key, generation)

    def key(self, environ: dict[str, Any]) -> str | None:
        """The page's key (language, coding, path and query), or None when it must not be
        cached. The coding is the one the app will choose, not the raw header: made-up
        ``Accept-Encoding`` values must not each keep a copy of the page."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        if environ.get("HTTP_AUTHORIZATION"):
            return None
        cookie = ""
        if environ.get("HTTP_COOKIE"):
            cookies = parse_cookie(environ["HTTP_COOKIE"])
            if any(name != self.language_cookie for name in cookies):
                return None
            cookie = cookies.get(self.language_cookie, "")
        query = environ.get("QUERY_STRING", "")
        asked = parse_qs(query).get("lang", [""])[0] if "lang=" in query else ""
        accept = environ.get("HTTP_ACCEPT_LANGUAGE", "")
        language = choose_language(asked, cookie, accept, self.languages, self.default_language)
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        coding = (
            negotiated_coding(environ.get("HTTP_ACCEPT_ENCODING", ""), self.codings)
            if self.codings
            else ""
        )
        raw = f"{language} {coding} {path}?{query}".encode("utf-8", "surrogateescape")
        return hashlib.blake2b(raw, digest_size=16).hexdigest()

    def fresh(self, page: CachedPage, generation: Generation) -> bool:
        """Rendered since the last change, and not older than the configured seconds (pages
        that depend on the clock, "upcoming" and "registration closes", follow within them);
        numbers of places may lag by ``counts_seconds``."""
        age = now() - page.stored_at
        if page.generation[0] != generation[0] or age >= self.seconds:
            return False
        return page.generation[1] == generation[1] or age < self.counts_seconds

    def serve(
        self,
        environ: dict[str, Any],
        page: CachedPage,
        start_response: StartResponse,
        key: str,
        generation: Generation,
    ) -> Iterable[bytes]:
        if not_modified(environ, page):
            headers = [(n, v) for n, v in page.headers if n.lower() not in NOT_MODIFIED_DROPS]
            start_response("304 Not Modified", [*headers, (STATUS_HEADER, "hit")])
            return []
        if environ["REQUEST_METHOD"] == "HEAD":
            start_response(page.status, [*page.headers, (STATUS_HEADER, "hit")])
            return []
        try:
            body = self.store.body(page)
        except Exception:  # as in __call__
            log.warning("page cache body read failed", exc_info=True)
            body = None
        if body is None:  # dropped by the store since the lookup: render it again
            return self.render(environ, start_response, key, generation)
        start_response(page.status, [*page.headers, (STATUS_HEADER, "hit")])
        return [body]

    def render(
        self,
        environ: dict[str, Any],
        start_response: StartResponse,
        key: str,
        generation: Generation,
    ) -> Iterable[bytes]:
        """Let Flask answer; keep the answer if it marked it cacheable and set no cookie."""
        captured: list[tuple[str, list[tuple[str, str]]]] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
            if (
                environ.get(STORE_FLAG)
                and environ["REQUEST_METHOD"] == "GET"
                and status.startswith("200 ")
                and not any(name.lower() == "set-cookie" for name, _ in headers)
            ):
                captured.append((status, list(headers)))
                return _no_write
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        if not captured:
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = captured[0]
        if not any(name.lower() == "etag" for name, _ in headers):
            headers.append(("ETag", quote_etag(hashlib.blake2b(body, digest_size=16).hexdigest())))
        page = CachedPage(generation, now(), status, headers, body)
        try:
            self.store.store(key, page, self.seconds)
        except Exception:  # as above: the page is still served
            log.warning("page cache store failed", exc_info=True)
        return self.serve(environ, page, _miss(start_response), key, generation)


def not_modified(environ: dict[str, Any], page: CachedPage) -> bool:
    """The client's copy is current: its ETag matches, or (without one) it is not older than
    the page's Last-Modified (RFC 9110 13.1.3: If-None-Match takes precedence)."""
    headers = {name.lower(): value for name, value in page.headers}
    wanted = environ.get("HTTP_IF_NONE_MATCH")
    if wanted:
        etag = headers.get("etag")
        return bool(etag) and parse_etags(wanted).contains_weak(unquote_etag(etag)[0])
    since = parse_date(environ.get("HTTP_IF_MODIFIED_SINCE"))
    modified = parse_date(headers.get("last-modified"))
    return since is not None and modified is not None and modified <= since


def _no_write(_data: bytes) -> None:
    raise RuntimeError("the page cache does not support the WSGI write() callable")


def _miss(start_response: StartResponse) -> StartResponse:
    """``start_response`` that labels a freshly rendered page as a miss, not a hit."""

    def labelled(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
        headers = [(n, "miss" if n == STATUS_HEADER else v) for n, v in headers]
        return start_response(status, headers, exc_info)

    return labelled
