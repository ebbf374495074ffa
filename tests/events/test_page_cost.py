"""What a big programme costs to send: bytes per timetable row, pinned (issue #10)."""

from __future__ import annotations

import re

from tests.events.conftest import make_full_event

#: Bytes one session adds to the event page: its timetable row (a talk with one speaker and a
#: room, the add-to-calendar menu) and its entry in the JSON-LD. Measured 1,164; it was 2,166
#: when every row carried its Google, Outlook and webcal URLs.
ROW_BYTES = 650


def _page_bytes(client, event) -> int:
    response = client.get(f"/events/{event.slug}/")
    assert response.status_code == 200
    return len(response.get_data())


def test_event_page_grows_linearly_and_by_less_than_a_bound_per_session(client, db):
    # Past 50 sessions the JSON-LD leaves its sub-events out: the three sizes are all beyond.
    events = {n: make_full_event(sessions=n, speakers_per_session=1) for n in (60, 130, 200)}
    db.session.commit()
    size = {n: _page_bytes(client, event) for n, event in events.items()}
    per_row_first, per_row_second = (size[130] - size[60]) / 70, (size[200] - size[130]) / 70
    assert per_row_second <= ROW_BYTES, size
    assert abs(per_row_second - per_row_first) <= 0.05 * per_row_first, size


def test_each_timetable_row_carries_one_url_for_the_calendar(client, db):
    event = make_full_event(sessions=20, speakers_per_session=1)
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    rows = re.findall(r'<li id="session-\d+">.*?\n</li>', html, re.S)
    assert len(rows) == 20
    for row in rows:
        # the speaker's page and the session's .ics; Google and Outlook are built on demand
        assert row.count("href=") == 2, row
        assert "calendar.google.com" not in row and "outlook" not in row
