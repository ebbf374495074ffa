"""Every list of the API costs the same few queries whatever is stored (eager loading), and
the schedule exports the same few whatever the programme's size."""

from __future__ import annotations

import pytest

from eventapp.core.types import SessionKind
from tests.blog.conftest import make_post
from tests.builders import (
    make_event,
    make_organisation,
    make_person,
    make_registration,
    make_series,
    make_session,
    make_venue,
)

#: Each list: a count, the page, then one query per relation loaded with ``selectinload``.
BUDGET = {
    "/api/v1/events": 4,  # count, events (venue, series, contact joined), organisers, places
    "/api/v1/events/big/sessions": 4,  # the event, count, sessions (rooms joined), speakers
    "/api/v1/series": 3,  # count, series, their organisations
    "/api/v1/people": 2,  # count, people (affiliation joined)
    "/api/v1/organisations": 2,  # count, organisations (parent joined)
    "/api/v1/posts": 2,  # count, posts (author, event, translations joined)
}


def grow(n: int) -> None:
    """``n`` more of everything the lists show, each with its relations filled."""
    venue = make_venue(rooms=("Aula", "Room 2"))
    for i in range(n):
        organisation = make_organisation(parent=make_organisation())
        speakers = [make_person(affiliation=organisation) for _ in range(2)]
        series = make_series(organisations=[organisation, make_organisation()])
        event = make_event(organisers=[organisation], series=series, venue=venue, capacity=50,
                           contact_person=speakers[0])  # fmt: skip
        make_registration(event)
        make_session(event, speakers=speakers, room=venue.rooms[i % 2])
        make_post(event=event, author=speakers[1])


@pytest.fixture
def big(db):
    event = make_event("Big", slug="big", capacity=100, organisers=[make_organisation()])
    venue = make_venue(rooms=("Aula",))
    people = [make_person(affiliation=make_organisation()) for _ in range(3)]
    for _ in range(30):
        make_session(event, speakers=people, room=venue.rooms[0], kind=SessionKind.TALK)
    db.session.commit()
    return event


def _count(client, count_queries, url: str) -> int:
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return queries.count


@pytest.mark.parametrize("url", sorted(BUDGET))
def test_a_list_costs_the_same_queries_for_3_and_30_of_everything(
    app, client, db, count_queries, big, url
):
    grow(3)
    db.session.commit()
    small = _count(client, count_queries, url + "?per_page=200")
    grow(27)
    for _ in range(170):
        make_session(big, speakers=[make_person()])
    db.session.commit()
    db.session.expire_all()
    assert _count(client, count_queries, url + "?per_page=200") == small == BUDGET[url]


@pytest.mark.parametrize("suffix", ["xml", "json"])
def test_a_schedule_export_costs_the_same_queries_for_30_and_200_sessions(
    client, db, count_queries, big, suffix
):
    url = f"/events/big/schedule.{suffix}"
    small = _count(client, count_queries, url)
    for _ in range(170):
        make_session(big, speakers=[make_person()])
    db.session.commit()
    db.session.expire_all()
    assert _count(client, count_queries, url) == small == 3  # event (venue), sessions, speakers
