"""Times are shown in the event's zone, whatever the season, and across the DST change."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.builders import make_event, make_session, stockholm
from tests.events.conftest import json_ld_of, parse_page


def _facts_and_data(client, event):
    html = client.get(f"/events/{event.slug}/").text
    return html, json_ld_of(html)


def test_nine_oclock_in_summer_shows_0900_cest(client, db):
    event = make_event(starts_at=stockholm(2026, 7, 1, 9, 0), ends_at=stockholm(2026, 7, 1, 12, 0))
    db.session.commit()
    assert event.starts_at == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
    html, data = _facts_and_data(client, event)
    assert "09:00–12:00" in html
    assert ">CEST</abbr>" in html
    assert data["startDate"] == "2026-07-01T09:00:00+02:00"


def test_nine_oclock_in_winter_shows_0900_cet(client, db):
    event = make_event(
        starts_at=stockholm(2026, 1, 14, 9, 0), ends_at=stockholm(2026, 1, 14, 12, 0)
    )
    db.session.commit()
    assert event.starts_at == datetime(2026, 1, 14, 8, 0, tzinfo=UTC)
    html, data = _facts_and_data(client, event)
    assert "09:00–12:00" in html
    assert ">CET</abbr>" in html
    assert data["startDate"] == "2026-01-14T09:00:00+01:00"


def test_session_across_the_october_dst_change_shows_local_times(client, db):
    # Sunday 25 October 2026: at 03:00 CEST the clocks go back to 02:00 CET.
    event = make_event(
        starts_at=stockholm(2026, 10, 24, 18, 0), ends_at=stockholm(2026, 10, 25, 10, 0)
    )
    start = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)  # 01:30 CEST
    night = make_session(event, "Night of the long hour", starts_at=start, minutes=180)
    db.session.commit()
    assert night.ends_at == datetime(2026, 10, 25, 2, 30, tzinfo=UTC)  # 03:30 CET
    html, data = _facts_and_data(client, event)
    assert (
        '<time datetime="2026-10-25T01:30:00+02:00">01:30</time> '
        '<abbr class="zone" title="Europe/Stockholm">CEST</abbr>–'
        '<time datetime="2026-10-25T03:30:00+01:00">03:30</time> '
        '<abbr class="zone" title="Europe/Stockholm">CET</abbr>'
    ) in html
    assert "Sunday, October 25, 2026" in html
    (sub,) = data["subEvent"]
    assert sub["startDate"] == "2026-10-25T01:30:00+02:00"
    assert sub["endDate"] == "2026-10-25T03:30:00+01:00"


def test_sessions_on_either_side_of_the_change_keep_their_wall_clock_times(client, db):
    event = make_event(
        starts_at=stockholm(2026, 10, 24, 9, 0), ends_at=stockholm(2026, 10, 25, 17, 0)
    )
    make_session(event, "Saturday talk", starts_at=stockholm(2026, 10, 24, 9, 0))
    make_session(event, "Sunday talk", starts_at=stockholm(2026, 10, 25, 9, 0))
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    assert '<time datetime="2026-10-24T09:00:00+02:00">09:00</time>' in html
    assert '<time datetime="2026-10-25T09:00:00+01:00">09:00</time>' in html
    days = [text for level, text in parse_page(html).headings if level == 3]
    assert days == ["Saturday, October 24, 2026 (CEST)", "Sunday, October 25, 2026 (CET)"]


def test_list_cards_show_the_events_local_start(client, db):
    event = make_event(starts_at=stockholm(2026, 7, 1, 9, 0))
    db.session.commit()
    html = client.get("/events/").text
    assert '<span class="event-time">09:00 CEST</span>' in html
    assert event.title in html


def test_swedish_ui_formats_dates_in_swedish(client, db):
    event = make_event(
        starts_at=stockholm(2025, 1, 22, 9, 0), ends_at=stockholm(2025, 1, 22, 13, 0)
    )
    db.session.commit()
    response = client.get(f"/events/{event.slug}/?lang=sv")
    assert '<html lang="sv">' in response.text
    assert "onsdag 22 januari 2025" in response.text
    assert "09:00–13:00" in response.text
    assert response.headers.get("Set-Cookie", "").startswith("lang=sv")


def test_swedish_choice_is_kept_for_the_next_page(client, db):
    event = make_event(starts_at=stockholm(2025, 1, 22, 9, 0))
    db.session.commit()
    client.get("/?lang=sv")
    from flask_babel import refresh

    refresh()  # the test's shared app context would otherwise keep the first locale
    html = client.get("/events/").text
    assert '<html lang="sv">' in html
    assert "22 jan. 2025" in html or "22 januari 2025" in html
    assert event.title in html
