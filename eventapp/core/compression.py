"""Responses compressed when the client asks (zstd, brotli or gzip, negotiated by Flask-Compress).

Flask-Compress chooses the coding from ``Accept-Encoding``, adds ``Vary: Accept-Encoding``,
compresses, and gives a strong ETag the coding's suffix (``"abc"`` → ``"abc:br"``): each coding
is its own representation. The page cache keys its copies by the same choice
(``negotiated_coding``), so a hit sends stored compressed bytes and costs no compression.

Views that answer ``If-None-Match`` themselves (feeds, the API) know only their own ETag, so a
client's ``"abc:br"`` is also offered to them as ``"abc"`` (``offer_plain_etags``), and their
304 gets back the suffix the client holds (``suffix_not_modified``): a revalidation stays a
304 decided before any feed is built.

A page that carries a CSRF token is sent uncompressed: compressing a secret together with text
an attacker can make the page repeat lets them guess the secret from the sizes (BREACH), and
Flask-WTF's token is the same on every page of a session.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request
from flask.wrappers import Response
from flask_compress import Compress
from flask_compress.flask_compress import _choose_algorithm
from werkzeug.http import parse_etags, quote_etag

compress = Compress()

#: Flask-Compress's own list, plus what our feeds and downloads are sent as.
EXTRA_MIMETYPES = ("text/calendar", "text/csv", "application/problem+json")
ALGORITHMS = ("zstd", "br", "gzip")


def negotiated_coding(accept_encoding: str, algorithms: tuple[str, ...] = ALGORITHMS) -> str:
    """The coding Flask-Compress will answer ``accept_encoding`` with ("" for none)."""
    if not accept_encoding:
        return ""
    return _choose_algorithm(algorithms, accept_encoding) or ""


def init_app(app: Flask) -> None:
    """Compress responses unless ``COMPRESS`` is off. Registered before any blueprint's hooks,
    so it runs after them all (Flask calls ``after_request`` functions in reverse order)."""
    if not app.config.get("COMPRESS", True):
        return
    app.config.setdefault("COMPRESS_ALGORITHM", list(ALGORITHMS))
    # Static files are streamed: gzip too, or a gzip-only client would get them plain.
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", list(ALGORITHMS))
    app.config["COMPRESS_REGISTER"] = False
    compress.init_app(app)
    compress.compress_mimetypes_set.update(EXTRA_MIMETYPES)
    app.extensions["compress_algorithms"] = compress.enabled_algorithms
    app.before_request(offer_plain_etags)
    app.after_request(compress_response)


def offer_plain_etags() -> None:
    """Let a view's own ETag match a client's copy of its compressed form."""
    raw = request.headers.get("If-None-Match")
    coding = _request_coding()
    suffix = f":{coding}"
    if not raw or not coding or suffix not in raw:
        return
    asked = request.if_none_match
    plain = [quote_etag(tag.removesuffix(suffix)) for tag in asked.as_set() if tag.endswith(suffix)]
    request.if_none_match = parse_etags(", ".join([raw, *plain]))  # type: ignore[misc]


def compress_response(response: Response) -> Response:
    """Flask-Compress's answer, except for pages holding a CSRF token (see the module)."""
    if "csrf_token" in g:
        vary = response.vary
        vary.add("Accept-Encoding")
        return response
    if response.status_code == 304:
        return suffix_not_modified(response)
    sent = response.response
    response = compress.after_request(response)
    if response.response is not sent and hasattr(sent, "close"):
        sent.close()  # a static file read to be compressed: its file is closed here
    return response


def suffix_not_modified(response: Response) -> Response:
    """A 304 names the representation the client holds: the coded ETag if it sent that one."""
    response.vary.add("Accept-Encoding")
    etag, weak = response.get_etag()
    coding = _request_coding()
    raw = request.headers.get("If-None-Match", "")
    if etag and not weak and coding and f'"{etag}:{coding}"' in raw:
        response.set_etag(f"{etag}:{coding}")
    return response


def _request_coding() -> str:
    algorithms = current_app.extensions.get("compress_algorithms", ALGORITHMS)
    return negotiated_coding(request.headers.get("Accept-Encoding", ""), algorithms)
