"""Anonymous visitors get stored pages until a commit changes what public pages show."""

from __future__ import annotations

from sqlalchemy import text, update

from eventapp.mail.outbox import enqueue
from eventapp.pagecache import stores
from eventapp.pagecache.middleware import STATUS_HEADER
from eventapp.registration.models import Registration
from tests.builders import make_event, make_organisation, make_registration, make_user
from tests.conftest import login


def _publish(db, title: str = "Cell Biology Day"):
    event = make_event(title, capacity=20)
    db.session.commit()
    return event


def test_second_anonymous_view_is_served_from_the_cache_with_the_same_bytes(client, db):
    event = _publish(db)
    first = client.get(f"/events/{event.slug}/")
    second = client.get(f"/events/{event.slug}/")
    assert first.status_code == second.status_code == 200
    assert first.headers[STATUS_HEADER] == "miss"
    assert second.headers[STATUS_HEADER] == "hit"
    assert second.data == first.data
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_a_hit_sends_no_query(client, db, count_queries):
    event = _publish(db)
    client.get(f"/events/{event.slug}/")
    with count_queries() as queries:
        assert client.get(f"/events/{event.slug}/").headers[STATUS_HEADER] == "hit"
    assert queries.count == 0


def test_a_known_etag_gets_304_without_a_body(client, db):
    event = _publish(db)
    etag = client.get(f"/events/{event.slug}/").headers["ETag"]
    again = client.get(f"/events/{event.slug}/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    other = client.get(f"/events/{event.slug}/", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_a_commit_that_changes_the_event_shows_at_once(client, db):
    event = _publish(db)
    assert b"Cell Biology Day" in client.get(f"/events/{event.slug}/").data
    event.title = "Cell Biology Day 2027"
    db.session.commit()
    page = client.get(f"/events/{event.slug}/")
    assert page.headers[STATUS_HEADER] == "miss"
    assert b"Cell Biology Day 2027" in page.data
    assert b"Cell Biology Day 2027" in client.get("/").data


def _later(monkeypatch, seconds: float) -> None:
    """Move the page cache's clock ``seconds`` ahead."""
    moment = stores.now() + seconds
    monkeypatch.setattr(stores, "now", lambda: moment)
    monkeypatch.setattr("eventapp.pagecache.middleware.now", lambda: moment)


def test_places_left_follow_registrations_within_the_counts_seconds(client, db, monkeypatch):
    event = _publish(db)
    url = f"/events/{event.slug}/"
    assert b"20 places left" in client.get(url).data
    make_registration(event)
    db.session.commit()
    soon = client.get(url)  # a rush of registrations does not re-render the page per person
    assert soon.headers[STATUS_HEADER] == "hit" and b"20 places left" in soon.data
    _later(monkeypatch, 5)
    assert b"19 places left" in client.get(url).data


def test_bulk_update_statements_invalidate_too(client, db, monkeypatch):
    event = _publish(db)
    registration = make_registration(event)
    db.session.commit()
    assert b"19 places left" in client.get(f"/events/{event.slug}/").data
    db.session.execute(
        update(Registration).where(Registration.id == registration.id).values(status="cancelled")
    )
    db.session.commit()
    _later(monkeypatch, 5)
    assert b"20 places left" in client.get(f"/events/{event.slug}/").data


def test_a_change_to_the_event_with_a_registration_shows_at_once(client, db):
    event = _publish(db)
    url = f"/events/{event.slug}/"
    client.get(url)
    make_registration(event)
    event.capacity = 30
    db.session.commit()
    assert b"29 places left" in client.get(url).data


def test_writes_no_public_page_shows_keep_the_cache(client, db):
    event = _publish(db)
    registration = make_registration(event)
    db.session.commit()
    client.get(f"/events/{event.slug}/")
    enqueue(recipient="a@example.org", subject="Hello", body_text="Hi", kind="test")
    db.session.commit()
    db.session.execute(
        update(Registration)
        .where(Registration.id == registration.id)
        .values(note="door: late")
        .execution_options(pages_unchanged=True)
    )
    db.session.commit()
    assert client.get(f"/events/{event.slug}/").headers[STATUS_HEADER] == "hit"


def test_plain_sql_reads_keep_the_cache_and_plain_sql_writes_do_not(client, db):
    event = _publish(db)
    url = f"/events/{event.slug}/"
    client.get(url)
    db.session.execute(text("SELECT 1"))
    db.session.commit()
    assert client.get(url).headers[STATUS_HEADER] == "hit"
    db.session.execute(
        text("UPDATE events SET title = 'Written in SQL' WHERE id = :id"), {"id": event.id}
    )
    db.session.commit()
    assert b"Written in SQL" in client.get(url).data


def test_a_rolled_back_change_keeps_the_cache(client, db):
    event = _publish(db)
    client.get(f"/events/{event.slug}/")
    event.title = "Never saved"
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert client.get(f"/events/{event.slug}/").headers[STATUS_HEADER] == "hit"


def test_each_language_has_its_own_page(client, db):
    event = _publish(db)
    url = f"/events/{event.slug}/"
    english = client.get(url, headers={"Accept-Language": "en"})
    swedish = client.get(url, headers={"Accept-Language": "sv-SE,sv;q=0.9"})
    assert b'lang="en"' in english.data and b'lang="sv"' in swedish.data
    again = client.get(url, headers={"Accept-Language": "sv"})
    assert again.headers[STATUS_HEADER] == "hit" and b'lang="sv"' in again.data
    assert b'lang="en"' in client.get(url, headers={"Accept-Language": "en"}).data


def test_choosing_a_language_sets_its_cookie_and_is_not_stored(client, db):
    event = _publish(db)
    url = f"/events/{event.slug}/"
    client.get(url)  # the English page is stored
    chosen = client.get(f"{url}?lang=sv")
    assert "lang=sv" in chosen.headers["Set-Cookie"]
    assert STATUS_HEADER not in chosen.headers
    after = client.get(url)  # the cookie now says Swedish
    assert b'lang="sv"' in after.data


def test_logged_in_organisers_always_get_a_fresh_page(client, db):
    organisation = make_organisation()
    user = make_user(organisations=[organisation])
    event = make_event("Ours", organisers=[organisation])
    db.session.commit()
    client.get(f"/events/{event.slug}/")
    client.get(f"/events/{event.slug}/")
    login(client, user)
    page = client.get(f"/events/{event.slug}/")
    assert page.status_code == 200
    assert STATUS_HEADER not in page.headers


def test_forms_and_private_pages_are_never_stored(client, db):
    event = make_event("Open", registration_enabled=True, capacity=10)
    registration = make_registration(event)
    db.session.commit()
    for url in (f"/events/{event.slug}/register", f"/r/{registration.secret}/"):
        client.get(url)
        assert STATUS_HEADER not in client.get(url).headers, url
    agenda = f"/r/{registration.secret}/agenda.ics"
    client.get(agenda)
    assert STATUS_HEADER not in client.get(agenda).headers


def test_feeds_are_stored_with_their_own_etag(client, db):
    _publish(db)
    first = client.get("/calendar.ics")
    second = client.get("/calendar.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 304 and second.headers[STATUS_HEADER] == "hit"
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Cache-Control"] == first.headers["Cache-Control"]


def test_a_feed_not_modified_since_gets_304_from_the_cache(client, db):
    event = _publish(db)
    url = f"/events/{event.slug}/calendar.ics"
    last_modified = client.get(url).headers["Last-Modified"]
    again = client.get(url, headers={"If-Modified-Since": last_modified})
    assert again.status_code == 304 and again.headers[STATUS_HEADER] == "hit"
    older = client.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert older.status_code == 200 and older.headers[STATUS_HEADER] == "hit"


def test_a_change_outside_a_feed_does_not_rebuild_it(client, db, monkeypatch):
    from eventapp.calendar import views

    event = _publish(db)
    builds = []
    build = views._build
    monkeypatch.setattr(views, "_build", lambda scope: builds.append(scope.key) or build(scope))
    first = client.get("/calendar.ics")
    make_registration(event)  # the page cache is out of date, the feed is not
    db.session.commit()
    _later(monkeypatch, 5)
    again = client.get("/calendar.ics")
    assert again.headers[STATUS_HEADER] == "miss"
    assert again.data == first.data
    assert len(builds) == 1
    event.title = "Renamed"
    db.session.commit()
    assert b"Renamed" in client.get("/calendar.ics").data
    assert len(builds) == 2


def test_a_feed_is_kept_once_per_language_whatever_the_headers_say(client, db, monkeypatch):
    from eventapp.calendar import views

    _publish(db)
    builds = []
    build = views._build
    monkeypatch.setattr(views, "_build", lambda scope: builds.append(scope.key) or build(scope))
    headers = ("en", "en-GB,en;q=0.9", "de, en;q=0.5", "xx-made-up-1", "sv", "sv-SE")
    for n, header in enumerate(headers):  # ?x=n: past the page cache, into the feed view
        client.get(f"/calendar.ics?x={n}", headers={"Accept-Language": header})
    assert len(builds) == 2  # English and Swedish


def test_made_up_query_arguments_are_answered_but_not_stored(client, db):
    event = _publish(db)
    for n in range(3):
        page = client.get(f"/events/{event.slug}/?x={n}")
        assert page.status_code == 200 and STATUS_HEADER not in page.headers
    client.get("/events/?page=1")
    assert client.get("/events/?page=1").headers[STATUS_HEADER] == "hit"


def test_errors_and_missing_pages_are_not_stored(client, db):
    for _ in range(2):
        missing = client.get("/events/no-such-event/")
        assert missing.status_code == 404
        assert STATUS_HEADER not in missing.headers


def test_pages_older_than_the_setting_are_rendered_again(client, db, monkeypatch):
    event = _publish(db)
    client.get(f"/events/{event.slug}/")
    _later(monkeypatch, 60)
    assert client.get(f"/events/{event.slug}/").headers[STATUS_HEADER] == "miss"


def test_a_page_rendered_during_a_commit_is_not_served_after_it(app, client, db):
    """The generation is read before rendering: a commit that lands while the page is being
    rendered makes that page out of date even though it was stored after the commit."""
    event = _publish(db)
    bump = app.extensions["page_cache_bump"]

    @app.before_request
    def commit_lands_meanwhile() -> None:
        bump()

    client.get(f"/events/{event.slug}/")
    app.before_request_funcs[None].remove(commit_lands_meanwhile)
    assert client.get(f"/events/{event.slug}/").headers[STATUS_HEADER] == "miss"
    assert client.get(f"/events/{event.slug}/").headers[STATUS_HEADER] == "hit"


def test_odd_requests_never_fail(client, db):
    event = _publish(db)
    url = f"/events/{event.slug}/"
    odd = [
        {"Cookie": "lang=xx"},
        {"Cookie": "=; ;;lang"},
        {"Accept-Language": "*;q=abc, ,,"},
        {"If-None-Match": '"unterminated'},
        {"If-None-Match": "*"},
    ]
    for headers in odd:
        assert client.get(url, headers=headers).status_code in (200, 304), headers
    assert client.get(url + "?lang=%ff%fe&x=" + "y" * 5000).status_code == 200
    assert client.head(url).status_code == 200
    assert client.head(url).data == b""


def test_with_redis_down_the_site_still_answers(make_app, db):
    event = _publish(db)
    broken = make_app(PAGE_CACHE_SECONDS=60, REDIS_URL="redis://127.0.0.1:1/0")
    with broken.test_client() as client:
        page = client.get(f"/events/{event.slug}/")
    assert page.status_code == 200
    assert STATUS_HEADER not in page.headers


REDIS_URL = "redis://127.0.0.1:6379/13"  # these tests' own Redis database, flushed around them


def _flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def test_two_app_servers_share_pages_and_changes_through_redis(make_app, db):
    """Server A stores the page; server B serves it; a commit on B is seen by A at once."""
    _flush_redis()
    try:
        event = _publish(db)
        server_a = make_app(PAGE_CACHE_SECONDS=60, REDIS_URL=REDIS_URL)
        server_b = make_app(PAGE_CACHE_SECONDS=60, REDIS_URL=REDIS_URL)
        url = f"/events/{event.slug}/"
        assert server_a.test_client().get(url).headers[STATUS_HEADER] == "miss"
        assert server_b.test_client().get(url).headers[STATUS_HEADER] == "hit"
        with server_b.app_context():
            from eventapp.events.models import Event
            from eventapp.extensions import db as database

            database.session.get(Event, event.id).title = "Renamed on server B"
            database.session.commit()
        page = server_a.test_client().get(url)
        assert page.headers[STATUS_HEADER] == "miss"
        assert b"Renamed on server B" in page.data
    finally:
        _flush_redis()


def test_registering_through_the_form_only_moves_the_counts(app, client, db, monkeypatch):
    from tests.registration.conftest import register

    event = make_event("Open", registration_enabled=True, capacity=20)
    db.session.commit()
    url = f"/events/{event.slug}/"
    client.get(url)
    registrant = app.test_client()
    assert register(registrant, event).status_code == 303
    after = client.get(url)
    assert after.headers[STATUS_HEADER] == "hit"
    assert STATUS_HEADER not in registrant.get(url).headers  # has a session: always fresh
    _later(monkeypatch, 5)
    assert b"19 places left" in client.get(url).data


def test_a_large_feed_is_revalidated_without_reading_its_body_from_redis(make_app, db):
    """Bodies over 64 KiB live under their own key: a 304 reads only the small head, and a
    body the store has dropped is rendered again."""
    import redis

    from eventapp.pagecache.stores import INLINE_BODY
    from tests.builders import make_session

    _flush_redis()
    try:
        event = _publish(db)
        for n in range(200):
            make_session(event, f"Session {n} " + "x" * 200)
        db.session.commit()
        server = make_app(PAGE_CACHE_SECONDS=60, REDIS_URL=REDIS_URL)
        client = server.test_client()
        url = f"/events/{event.slug}/calendar.ics"
        first = client.get(url)
        assert len(first.data) > INLINE_BODY
        store = redis.Redis.from_url(REDIS_URL)
        heads = list(store.scan_iter("eventapp:*:page:*"))
        bodies = list(store.scan_iter("eventapp:*:bytes:body:*"))
        assert len(heads) == 1 and len(bodies) == 1
        assert len(store.get(heads[0])) < 4096
        etag = first.headers["ETag"]
        revalidated = client.get(url, headers={"If-None-Match": etag})
        assert revalidated.status_code == 304 and revalidated.headers[STATUS_HEADER] == "hit"
        hit = client.get(url)
        assert hit.headers[STATUS_HEADER] == "hit" and hit.data == first.data
        store.delete(*bodies)
        again = client.get(url)
        assert again.status_code == 200 and again.data == first.data
        assert again.headers[STATUS_HEADER] == "miss"
    finally:
        _flush_redis()
