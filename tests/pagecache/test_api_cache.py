"""The API, the schedule exports, the speaker feeds and the embeds are stored for anonymous
clients like the pages, with their headers, and replaced as soon as what they show changes."""

from __future__ import annotations

import pytest

from eventapp.pagecache.middleware import STATUS_HEADER
from tests.builders import make_event, make_person, make_session

URLS = [
    "/api/v1/events",
    "/api/v1/events/day",
    "/api/v1/events/day/sessions",
    "/api/v1/people/ada",
    "/api/v1/openapi.json",
    "/api/v1/events?organisation=nobody&kind=talk&from=2020-01-01&per_page=5&page=1",
    "/events/day/schedule.xml",
    "/events/day/schedule.json",
    "/people/ada/calendar.ics",
    "/embed/events/",
    "/embed/events/day/?lang=sv",
]


@pytest.fixture
def day(db):
    event = make_event("Cell Biology Day", slug="day", capacity=20)
    make_session(event, "Opening", speakers=[make_person("Ada", slug="ada")])
    db.session.commit()
    return event


@pytest.mark.parametrize("url", URLS)
def test_a_second_request_is_a_hit_with_its_headers(client, day, url):
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert (first.headers[STATUS_HEADER], second.headers[STATUS_HEADER]) == ("miss", "hit")
    if url.startswith("/embed/"):  # framed by other sites; no script of theirs reads it
        assert "frame-ancestors *" in second.headers["Content-Security-Policy"]
    else:
        assert second.headers["Access-Control-Allow-Origin"] == "*"
    assert second.data == first.data


def test_a_changed_session_shows_at_once_in_the_api_and_the_exports(client, db, day):
    for url in ("/api/v1/events/day/sessions", "/events/day/schedule.xml"):
        client.get(url)
    day.sessions[0].title = "Opening, moved"
    db.session.commit()
    for url in ("/api/v1/events/day/sessions", "/events/day/schedule.xml"):
        answer = client.get(url)
        assert answer.headers[STATUS_HEADER] == "miss" and b"Opening, moved" in answer.data
