"""Pages, feeds and JSON are sent compressed when the client asks (negotiated, one ETag per
coding), stored compressed in the page cache per coding, and revalidated with a cheap 304."""

from __future__ import annotations

import gzip

import brotli
import pytest
from backports import zstd
from sqlalchemy import event as sa_event

from eventapp.extensions import db as _db
from eventapp.pagecache.middleware import STATUS_HEADER
from tests.builders import make_event, make_session

DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress, "zstd": zstd.decompress}
URLS = [
    "/events/day/",
    "/events/",
    "/events/day/calendar.ics",
    "/api/v1/events/day/sessions",
    "/static/css/app.css",
]


@pytest.fixture
def day(db):
    event = make_event("Cell Biology Day", slug="day", capacity=20)
    for n in range(6):
        make_session(event, f"Talk number {n} on the biology of cells")
    db.session.commit()
    return event


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("coding", ["gzip", "br", "zstd"])
def test_each_coding_is_sent_when_asked_and_decodes_to_the_plain_page(client, day, url, coding):
    with client.get(url) as plain_answer:  # (a static file's answer holds the file open)
        plain = plain_answer.get_data()
    with client.get(url, headers={"Accept-Encoding": coding}) as answer:
        body = answer.get_data()
    assert answer.status_code == 200
    assert answer.headers["Content-Encoding"] == coding
    assert "Accept-Encoding" in answer.headers["Vary"]
    assert int(answer.headers.get("Content-Length", len(body))) == len(body) < len(plain)
    assert DECODERS[coding](body) == plain


def test_the_client_s_preference_is_negotiated(client, day):
    browser = "gzip, deflate, br, zstd"
    assert client.get("/events/", headers={"Accept-Encoding": browser}).headers[
        "Content-Encoding"
    ] == ("zstd")
    weighted = client.get("/events/", headers={"Accept-Encoding": "zstd;q=0.5, gzip;q=1"})
    assert weighted.headers["Content-Encoding"] == "gzip"
    none = client.get("/events/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in none.headers and "Accept-Encoding" in none.headers["Vary"]
    unknown = client.get("/events/", headers={"Accept-Encoding": "compress, x-made-up"})
    assert "Content-Encoding" not in unknown.headers


def test_each_coding_is_a_hit_of_its_own_with_its_own_etag(client, day):
    etags = {}
    for coding in ("gzip", "br", "zstd", "identity"):
        first = client.get("/events/day/", headers={"Accept-Encoding": coding})
        second = client.get("/events/day/", headers={"Accept-Encoding": coding})
        assert (first.headers[STATUS_HEADER], second.headers[STATUS_HEADER]) == ("miss", "hit")
        assert second.get_data() == first.get_data()
        assert second.headers.get("Content-Encoding") == first.headers.get("Content-Encoding")
        etags[coding] = second.headers["ETag"]
    assert len(set(etags.values())) == 4


def test_a_hit_costs_no_compression(client, day, monkeypatch):
    client.get("/events/day/", headers={"Accept-Encoding": "br"})
    calls = []
    monkeypatch.setattr(brotli, "compress", lambda *a, **k: calls.append(a) or b"")
    hit = client.get("/events/day/", headers={"Accept-Encoding": "br"})
    assert hit.headers[STATUS_HEADER] == "hit" and calls == []
    assert b"Cell Biology Day" in brotli.decompress(hit.get_data())


def test_a_cached_page_revalidates_with_a_304_of_its_coding(client, day):
    etag = client.get("/events/day/", headers={"Accept-Encoding": "br"}).headers["ETag"]
    again = client.get("/events/day/", headers={"Accept-Encoding": "br", "If-None-Match": etag})
    assert again.status_code == 304 and again.headers[STATUS_HEADER] == "hit"
    assert again.get_data() == b""
    other = client.get("/events/day/", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert other.status_code == 200 and other.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("url", ["/events/day/calendar.ics", "/api/v1/events/day/sessions"])
def test_a_feed_s_coded_etag_gives_a_304_without_building_it_through_flask(make_app, day, url):
    """With the page cache off (an organiser, a miss) the view's own 304 still answers the
    coded ETag, decided by its validator query alone, and names the coded representation."""
    app = make_app(PAGE_CACHE_SECONDS=0)
    client = app.test_client()

    def counted(headers: dict[str, str]):
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        sa_event.listen(_db.engine, "before_cursor_execute", listener)
        try:
            return client.get(url, headers=headers), len(statements)
        finally:
            sa_event.remove(_db.engine, "before_cursor_execute", listener)

    with app.app_context():
        plain_etag = client.get(url).headers["ETag"]
        _plain, plain_statements = counted({"If-None-Match": plain_etag})
        etag = client.get(url, headers={"Accept-Encoding": "zstd"}).headers["ETag"]
        assert etag == plain_etag[:-1] + ':zstd"'
        again, statements = counted({"Accept-Encoding": "zstd", "If-None-Match": etag})
    assert _plain.status_code == again.status_code == 304 and again.headers["ETag"] == etag
    assert "Accept-Encoding" in again.headers["Vary"]
    assert statements == plain_statements
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200  # no coding


def test_pages_holding_a_csrf_token_are_never_compressed(client, day):
    """BREACH: the token would leak through the sizes of pages that repeat the visitor's input."""
    answer = client.get("/events/day/register", headers={"Accept-Encoding": "gzip, br, zstd"})
    assert answer.status_code == 200 and b'name="csrf_token"' in answer.get_data()
    assert "Content-Encoding" not in answer.headers
    assert "Accept-Encoding" in answer.headers["Vary"]


def test_compression_can_be_turned_off(make_app, day):
    app = make_app(COMPRESS=False, PAGE_CACHE_SECONDS=60)
    answer = app.test_client().get("/events/day/", headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and "Content-Encoding" not in answer.headers
