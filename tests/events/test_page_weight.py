"""A 200-session event page stays light (bytes per row pinned) and loses nothing a visitor or a
screen reader gets: every row keeps its times, title, room, speakers and its .ics link."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from tests.events.conftest import json_ld_of, make_full_event

#: What one timetable row of ``make_full_event`` (one speaker) may weigh, and the rest of the page.
#: (bench's synthetic 200-session page went from 259,309 bytes to 194,512: rows without their
#: data-start/data-end copies of the <time>s and with a relative .ics link, no sub-events.)
ROW_BYTES = 880
PAGE_BYTES = 12_000


def test_a_200_session_page_weighs_at_most_its_rows_and_the_page_around_them(client, db):
    event = make_full_event(sessions=200, speakers_per_session=1)
    db.session.commit()
    html = client.get(f"/events/{event.slug}/").text
    rows = re.findall(r'<li(?: class="is-cancelled")? id="session-\d+">.*?\n</li>', html, re.S)
    assert len(rows) == 200 and max(len(row.encode()) for row in rows) <= ROW_BYTES
    assert len(html.encode()) <= PAGE_BYTES + 200 * ROW_BYTES
    assert "subEvent" not in json_ld_of(html)  # the programme is the page's, and schedule.json's


def test_every_row_keeps_what_a_visitor_reads(client, db):
    event = make_full_event(sessions=200, speakers_per_session=1)
    db.session.commit()
    page_url = f"/events/{event.slug}/"
    html = client.get(page_url).text
    rows = re.findall(r'<li(?: class="is-cancelled")? id="session-(\d+)">(.*?)\n</li>', html, re.S)
    assert len(rows) == 200
    downloads = []
    for session_id, row in rows:
        assert row.count("<time datetime=") == 2
        assert f'<h4 id="session-{session_id}-title">Talk ' in row
        assert '<p class="meta">Room: ' in row
        assert re.search(r'<a href="/people/[^"]+/">Dr Speaker \d+</a>', row)
        (ics,) = re.findall(
            rf'<a class="session-ics" href="([^"]+)" download '
            rf'aria-describedby="session-{session_id}-title"[^>]*>Add to your calendar</a>',
            row,
        )
        resolved = urljoin(page_url, ics.replace("&amp;", "&"))
        assert resolved == f"{page_url}calendar.ics?session={session_id}&download=1"
        downloads.append(resolved)
    answer = client.get(downloads[0])
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"


def test_a_short_programme_is_still_listed_for_search_engines(client, db):
    event = make_full_event(sessions=3, speakers_per_session=1)
    db.session.commit()
    data = json_ld_of(client.get(f"/events/{event.slug}/").text)
    assert [sub["name"] for sub in data["subEvent"]] == ["Talk 0", "Talk 1", "Talk 2"]
