"""HTTP behaviour of the feeds: headers, validators, 304 without building, HEAD."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import update
from werkzeug.http import http_date

from eventapp.calendar.models import FeedChange
from eventapp.core.db import utcnow
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import Event, EventSeries, Session, Venue
from tests.builders import make_event
from tests.calendar.conftest import parse


def test_event_feed_is_text_calendar_inline_with_strong_etag_of_the_bytes(client, symposium):
    event, *_ = symposium
    response = client.get(f"/events/{event.slug}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'inline; filename="{event.slug}.ics"'
    assert response.headers["Cache-Control"] == "public, max-age=300"
    etag, weak = response.get_etag()
    assert not weak
    assert etag == hashlib.sha256(response.data).hexdigest()[:32]
    assert response.last_modified is not None
    assert parse(response.data)


def test_download_parameter_makes_an_attachment(client, symposium):
    event, *_ = symposium
    response = client.get(f"/events/{event.slug}/calendar.ics?download=1")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'


def test_etag_cycle_gives_304_until_something_changes(client, db, symposium):
    event, *_ = symposium
    url = f"/events/{event.slug}/calendar.ics"
    first = client.get(url)
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "public, max-age=300"
    event.title = "ATMP mini-symposium (moved)"
    event.sequence += 1
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_if_modified_since_gives_304_while_nothing_changed(client, symposium):
    event, *_ = symposium
    url = f"/events/{event.slug}/calendar.ics"
    last_modified = client.get(url).headers["Last-Modified"]
    response = client.get(url, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304
    old = http_date(utcnow() - timedelta(days=2))
    assert client.get(url, headers={"If-Modified-Since": old}).status_code == 200


def test_304_is_answered_without_building_the_feed(client, db, symposium, count_queries):
    event, *_ = symposium
    slug = event.slug
    etag = client.get("/calendar.ics").headers["ETag"]
    last_modified = client.get(f"/events/{slug}/calendar.ics").headers["Last-Modified"]
    db.session.remove()  # as at the start of a real request (tests share one app context)
    with count_queries() as queries:
        response = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert response.status_code == 304
    # No transaction is open yet, so the change log is read with one plain DBAPI cursor
    # (invisible here); building the feed would take SQLAlchemy queries: none were sent.
    assert queries.count == 0
    with count_queries() as queries:
        response = client.get(
            f"/events/{slug}/calendar.ics", headers={"If-Modified-Since": last_modified}
        )
    assert response.status_code == 304
    assert queries.count == 2  # the event by its slug, the change log


def test_head_answers_with_the_headers_of_get_and_no_body(client, symposium):
    event, *_ = symposium
    url = f"/events/{event.slug}/calendar.ics"
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == 200
    assert head.data == b""
    for name in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Content-Disposition"):
        assert head.headers[name] == get.headers[name]


def _age_everything(db) -> None:
    """Pretend the content was last changed two days ago."""
    two_days_ago = utcnow() - timedelta(days=2)
    for model in (Event, Session, Venue, EventSeries, Organisation, Person):
        db.session.execute(update(model).values(updated_at=two_days_ago))
    db.session.commit()
    db.session.execute(update(FeedChange).values(changed_at=two_days_ago))
    db.session.commit()


def test_deleting_an_event_moves_last_modified_forward(client, db, symposium):
    event, *_ = symposium
    _age_everything(db)
    before = client.get("/calendar.ics")
    db.session.delete(db.session.get(Event, event.id))
    db.session.commit()
    after = client.get(
        "/calendar.ics", headers={"If-Modified-Since": before.headers["Last-Modified"]}
    )
    assert after.status_code == 200
    assert after.last_modified > before.last_modified
    assert b"BEGIN:VEVENT" not in after.data


def test_unpublishing_an_event_moves_last_modified_forward(client, db, symposium):
    from eventapp.core.types import EventStatus

    event, *_ = symposium
    _age_everything(db)
    before = client.get("/calendar.ics")
    event = db.session.get(Event, event.id)
    event.status = EventStatus.DRAFT
    event.updated_at = utcnow() - timedelta(days=3)  # even a back-dated change is seen
    db.session.commit()
    after = client.get("/calendar.ics")
    assert after.last_modified > before.last_modified
    assert b"BEGIN:VEVENT" not in after.data
    assert client.get(f"/events/{event.slug}/calendar.ics").status_code == 404


def test_renaming_a_speaker_or_a_venue_changes_the_feed_and_its_etag(client, db, symposium):
    event, keynote, _panel = symposium
    url = f"/events/{event.slug}/calendar.ics"
    etag = client.get(url).headers["ETag"]
    keynote.speakers[0].person.name = "Malin Lindberg Renamed"
    db.session.commit()
    renamed = client.get(url, headers={"If-None-Match": etag})
    assert renamed.status_code == 200
    assert b"Malin Lindberg Renamed" in renamed.data.replace(b"\r\n ", b"")
    event.venue.address = "Hälsovägen 11"
    db.session.commit()
    moved = client.get(url, headers={"If-None-Match": renamed.headers["ETag"]})
    assert moved.status_code == 200
    assert "Hälsovägen 11".encode() in moved.data.replace(b"\r\n ", b"")


def test_a_change_that_does_not_touch_the_bytes_still_answers_304_after_one_build(
    client, db, symposium
):
    event, *_ = symposium
    other = make_event("Unrelated")  # logged, so the validator moves; this feed's bytes do not
    db.session.commit()
    url = f"/events/{event.slug}/calendar.ics"
    first = client.get(url)
    assert other.id
    make_event("Another unrelated")
    db.session.commit()
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
