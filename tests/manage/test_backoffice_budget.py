"""The organisers' pages of an event cost a fixed number of SQL statements, however many
sessions and registrations it has (bench/backoffice.py times them for 200 and 2,000)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import g

from eventapp.core.types import RegistrationStatus
from tests.builders import make_event, make_person, make_registration, make_session, make_venue

#: Per page, everything included (login, rights, the page's own queries, the layout's).
PAGES = {
    "dashboard": ("/manage/events/{slug}/", 15),  # with its charts (eventapp/dashboard)
    "timetable": ("/manage/events/{slug}/timetable", 8),  # the grid (3) and its side list
    "registrations": ("/manage/events/{slug}/registrations", 8),  # rows, choices, questions
    "check-in": ("/manage/events/{slug}/checkin", 4),
}


def _event(ki, sessions: int, registrations: int):
    venue = make_venue("Campus Flemingsberg", rooms=("Aula", "Room 2"))
    event = make_event(
        f"Day {sessions}", organisers=[ki.organisation], venue=venue, capacity=10_000
    )
    for n in range(sessions):
        make_session(
            event,
            f"Talk {n}",
            starts_at=event.starts_at + timedelta(minutes=5 * n),
            minutes=5,
            room=venue.rooms[n % 2],
            speakers=[make_person()],
        )
    for n in range(registrations):
        status = RegistrationStatus.WAITLISTED if n % 7 == 0 else RegistrationStatus.CONFIRMED
        make_registration(event, f"Person {n}", status=status)
    return event


def _count(client, db, count_queries, url: str) -> int:
    db.session.expunge_all()  # the tests' app context outlives requests
    g.pop("_login_user", None)
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.count


@pytest.mark.parametrize("page", PAGES)
def test_a_back_office_page_costs_the_same_statements_for_3_or_60_sessions_and_registrations(
    ki_client, ki, db, count_queries, page
):
    small, large = _event(ki, 3, 3), _event(ki, 60, 120)
    db.session.commit()
    template, statements = PAGES[page]
    small_url, large_url = template.format(slug=small.slug), template.format(slug=large.slug)
    _count(ki_client, db, count_queries, small_url)  # templates compiled
    assert _count(ki_client, db, count_queries, large_url) == statements
    assert _count(ki_client, db, count_queries, small_url) == statements
