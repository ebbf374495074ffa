"""The statements each feed sends, pinned: what a calendar app's poll costs the database."""

from __future__ import annotations

from datetime import timedelta

from eventapp.core.db import utcnow
from eventapp.core.types import ChoiceStatus
from eventapp.materials.models import Licence, Material, MaterialKind, Visibility
from eventapp.registration.models import RegistrationChoice
from tests.builders import (
    make_event,
    make_organisation,
    make_person,
    make_registration,
    make_session,
    make_venue,
)
from tests.calendar.conftest import parse


def _timetable(db, sessions: int = 12, starts_at=None):
    """An event with a venue, two organisers and ``sessions`` sessions of two speakers each."""
    venue = make_venue(rooms=("Aula", "Rum 2"))
    hosts = [make_organisation(), make_organisation()]
    event = make_event(venue=venue, organisers=hosts, starts_at=starts_at)
    for n in range(sessions):
        speakers = [make_person(affiliation=hosts[0]), make_person(affiliation_text="Elsewhere")]
        start = event.starts_at + timedelta(minutes=30 * n)
        make_session(event, starts_at=start, speakers=speakers, room=venue.rooms[n % 2])
    db.session.commit()
    return event


def _statements(client, count_queries, url: str, **headers: str) -> tuple[int, int]:
    with count_queries() as queries:
        response = client.get(url, headers=headers)
    return response.status_code, queries.count


def test_an_event_feed_reads_its_timetable_in_two_statements(client, db, count_queries):
    event = _timetable(db)
    url = f"/events/{event.slug}/calendar.ics"
    # the event by its slug, the change log, the event (with venue, organisers), the sessions
    # (with rooms and speakers); no materials query: no session has public materials
    assert _statements(client, count_queries, url) == (200, 4)
    session_id = event.sessions[3].id
    # one session's download: its existence is checked first
    assert _statements(client, count_queries, f"{url}?session={session_id}") == (200, 5)


def test_materials_are_looked_for_only_where_a_session_has_some(client, db, count_queries):
    event = _timetable(db, sessions=3, starts_at=utcnow() - timedelta(days=2))
    ended = event.sessions[1]
    db.session.add(
        Material(
            session_id=ended.id,
            kind=MaterialKind.SLIDES,
            title="Slides",
            licence=Licence.CC_BY,
            url="https://example.org/slides",
            visibility=Visibility.PUBLIC,
        )
    )
    db.session.commit()
    url = f"/events/{event.slug}/calendar.ics"
    with count_queries() as queries:
        response = client.get(url)
    assert queries.count == 5  # the four above, and the materials of the one session
    vevents = {str(c["UID"]): c for c in parse(response.data).walk("VEVENT")}
    assert str(vevents[f"session-{ended.id}@eventapp.test"]["ATTACH"]) == (
        "https://example.org/slides"
    )


def test_a_personal_agenda_is_one_statement_for_a_304_and_two_for_the_feed(
    client, db, count_queries
):
    event = _timetable(db)
    registration = make_registration(event)
    for session in event.sessions[::3]:
        registration.choices.append(
            RegistrationChoice(session=session, status=ChoiceStatus.CONFIRMED, created_at=utcnow())
        )
    db.session.commit()
    url = f"/r/{registration.secret}/agenda.ics"
    db.session.remove()  # as at the start of a real request (tests share one app context)
    # the registration with its event and the validator's inputs; the chosen sessions
    status, statements = _statements(client, count_queries, url)
    assert (status, statements) == (200, 2)
    etag = client.get(url).headers["ETag"]
    db.session.remove()
    assert _statements(client, count_queries, url, **{"If-None-Match": etag}) == (304, 1)
    assert _statements(client, count_queries, "/r/no-such-secret/agenda.ics") == (404, 1)


def test_a_new_public_material_changes_the_feed_it_is_attached_in(client, db):
    event = _timetable(db, sessions=1, starts_at=utcnow() - timedelta(days=2))
    url = f"/events/{event.slug}/calendar.ics"
    etag = client.get(url).headers["ETag"]
    db.session.add(
        Material(
            session_id=event.sessions[0].id,
            kind=MaterialKind.SLIDES,
            title="Slides",
            licence=Licence.CC_BY,
            url="https://example.org/slides",
            visibility=Visibility.PUBLIC,
        )
    )
    db.session.commit()
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert b"ATTACH:https://example.org/slides" in again.data
