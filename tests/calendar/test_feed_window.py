"""A feed whose bytes changed never answers 304, to either validator: also when the window of
past events moved at midnight and an event dropped out, with no change logged."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from eventapp.calendar import feeds
from eventapp.core.db import utcnow
from eventapp.extensions import db
from tests.builders import make_event, make_organisation


def test_an_event_dropping_out_of_the_window_at_midnight_moves_both_validators(
    app, client, monkeypatch
):
    ki = make_organisation("Karolinska Institutet", short_name="KI")
    days = app.config["FEED_PAST_DAYS"]
    midnight = datetime.combine(utcnow().date(), time(0), UTC)
    # Ended an hour after today's window start: in the feeds today, out of them tomorrow.
    ends = midnight - timedelta(days=days) + timedelta(hours=1)
    make_event("Old symposium", starts_at=ends - timedelta(hours=6), ends_at=ends, organisers=[ki])
    make_event("Next symposium", organisers=[ki])
    db.session.commit()
    for url in ("/calendar.ics", f"/organisations/{ki.slug}/calendar.ics"):
        monkeypatch.setattr(feeds, "utcnow", utcnow)
        today = client.get(url)
        assert b"Old symposium" in today.data
        etag, last_modified = today.headers["ETag"], today.headers["Last-Modified"]
        assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304

        monkeypatch.setattr(feeds, "utcnow", lambda: utcnow() + timedelta(days=1))
        by_date = client.get(url, headers={"If-Modified-Since": last_modified})
        assert by_date.status_code == 200 and b"Old symposium" not in by_date.data
        assert by_date.headers["Last-Modified"] != last_modified
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 200
        # And the new validators are answered 304 again.
        again = {"If-Modified-Since": by_date.headers["Last-Modified"]}
        assert client.get(url, headers=again).status_code == 304
