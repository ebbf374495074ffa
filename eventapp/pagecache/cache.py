"""The page cache's setup, which pages it keeps, and ``kept_bytes`` for feeds."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app, request
from flask.wrappers import Response

from eventapp.core.i18n import LANG_COOKIE
from eventapp.pagecache.blueprint import bp
from eventapp.pagecache.invalidation import watch_commits
from eventapp.pagecache.middleware import STORE_FLAG, PageCacheMiddleware
from eventapp.pagecache.stores import LocalStore, PageStore, RedisStore

log = logging.getLogger(__name__)

#: Public pages and feeds: the same for every anonymous visitor reading them in one language.
CACHED_ENDPOINTS = frozenset(
    {
        "events.home",
        "events.event_list",
        "events.event",
        "events.series",
        "calendar.site_feed",
        "calendar.series_feed",
        "calendar.organisation_feed",
        "calendar.event_feed",
        "calendar.person_feed",
        "api.index",
        "api.openapi",
        "api.docs",
        "api.series_list",
        "api.one_series",
        "api.events",
        "api.event",
        "api.sessions",
        "api.people",
        "api.person",
        "api.organisations",
        "api.organisation",
        "api.posts",
        "api.post",
        "api.schedule_xml_export",
        "api.schedule_json_export",
        "api.embed_events",
        "api.embed_series",
        "api.embed_organisation",
        "api.embed_event",
        "blog.index",
        "blog.post",
        "blog.feed",
        "blog.feed_in_language",
        "directory.organisations",
        "directory.organisation",
        "directory.person",
    }
)


#: The query arguments those pages read. A request with any other is answered but not stored:
#: made-up arguments (``?x=1``, ``?x=2`` …) must not fill the store with copies of a page.
CACHED_ARGUMENTS = frozenset(
    {
        "lang",
        "page",
        "per_page",
        "series",
        "organisation",
        "kind",
        "from",
        "to",
        "event",
        "language",
        "session",
        "download",
    }
)


@bp.after_app_request
def mark_cacheable(response: Response) -> Response:
    """Let the middleware keep this response if it is a public page's and not private."""
    if (
        request.endpoint in CACHED_ENDPOINTS
        and CACHED_ARGUMENTS.issuperset(request.args.keys())
        and response.status_code == 200
        and not response.cache_control.private
        and not response.cache_control.no_store
    ):
        request.environ[STORE_FLAG] = True
    return response


def kept_bytes(key: str, build: Callable[[], bytes], seconds: int = 24 * 3600) -> bytes:
    """``build()``, or the bytes it gave before under ``key``, a key that names everything the
    bytes depend on (a feed's validator): a change elsewhere on the site does not rebuild them.
    With the page cache off, or its store unreachable, simply ``build()``."""
    store: PageStore | None = current_app.extensions.get("page_cache_store")
    if store is None:
        return build()
    try:
        data = store.fetch(key)
    except Exception:  # a cache that is down must not take the site with it
        log.warning("page cache fetch failed", exc_info=True)
        data = None
    if data is not None:
        return data
    data = build()
    try:
        store.keep(key, data, seconds)
    except Exception:
        log.warning("page cache keep failed", exc_info=True)
    return data


def make_store(app: Flask) -> PageStore:
    """Redis when configured (several app servers), else memory and a generation file."""
    if app.config.get("REDIS_URL"):
        database = app.config["SQLALCHEMY_DATABASE_URI"].encode("utf-8")
        namespace = hashlib.blake2b(database, digest_size=6).hexdigest()
        return RedisStore(app.config["REDIS_URL"], namespace)
    return LocalStore(Path(app.instance_path) / "page-cache-generation")


def init_app(app: Flask) -> None:
    """Put the cache in front of ``app`` (unless ``PAGE_CACHE_SECONDS`` is 0)."""
    seconds = int(app.config.get("PAGE_CACHE_SECONDS", 60))
    if seconds <= 0:
        return
    store = make_store(app)
    app.extensions["page_cache_bump"] = store.bump
    app.extensions["page_cache_store"] = store
    watch_commits()
    app.wsgi_app = PageCacheMiddleware(  # type: ignore[method-assign]
        app.wsgi_app,
        store,
        seconds=seconds,
        counts_seconds=int(app.config.get("PAGE_CACHE_COUNTS_SECONDS", 5)),
        languages=tuple(app.config["LANGUAGES"]),
        default_language=app.config["DEFAULT_LOCALE"],
        language_cookie=LANG_COOKIE,
        codings=tuple(app.extensions.get("compress_algorithms", ())),
    )
