"""Which events each feed holds, personal agendas, and the fixed query budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.core.types import ChoiceStatus, EventStatus, RegistrationStatus
from eventapp.registration.models import RegistrationChoice
from tests.builders import (
    make_event,
    make_organisation,
    make_person,
    make_registration,
    make_series,
    make_session,
    make_venue,
)
from tests.calendar.conftest import icaljs, needs_node, parse


def _uids(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [str(c["UID"]) for c in parse(response.data).walk("VEVENT")]


def test_draft_events_never_appear_in_any_feed(client, db):
    organisation = make_organisation()
    series = make_series()
    draft = make_event(status=EventStatus.DRAFT, organisers=[organisation], series=series)
    make_session(draft)
    db.session.commit()
    for url in (
        "/calendar.ics",
        f"/series/{series.slug}/calendar.ics",
        f"/organisations/{organisation.slug}/calendar.ics",
    ):
        assert _uids(client, url) == []
    assert client.get(f"/events/{draft.slug}/calendar.ics").status_code == 404


def test_site_and_organisation_feeds_reach_back_feed_past_days_but_series_keeps_all(
    client, db, make_app
):
    organisation = make_organisation()
    series = make_series()
    now = utcnow()
    old = make_event(starts_at=now - timedelta(days=400), organisers=[organisation], series=series)
    recent = make_event(
        starts_at=now - timedelta(days=300), organisers=[organisation], series=series
    )
    other = make_event(starts_at=now + timedelta(days=10))
    db.session.commit()
    site = _uids(client, "/calendar.ics")
    assert site == [f"event-{recent.id}@eventapp.test", f"event-{other.id}@eventapp.test"]
    org = _uids(client, f"/organisations/{organisation.slug}/calendar.ics")
    assert org == [f"event-{recent.id}@eventapp.test"]
    assert _uids(client, f"/series/{series.slug}/calendar.ics") == [
        f"event-{old.id}@eventapp.test",
        f"event-{recent.id}@eventapp.test",
    ]
    shorter = make_app(FEED_PAST_DAYS=30).test_client()
    assert _uids(shorter, "/calendar.ics") == [f"event-{other.id}@eventapp.test"]


def test_unknown_slugs_give_404(client, db):
    for url in (
        "/series/nope/calendar.ics",
        "/organisations/nope/calendar.ics",
        "/events/nope/calendar.ics",
    ):
        assert client.get(url).status_code == 404


def test_single_session_download_holds_just_that_session(client, symposium):
    event, keynote, _panel = symposium
    response = client.get(f"/events/{event.slug}/calendar.ics?session={keynote.id}&download=1")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    (only,) = parse(response.data).walk("VEVENT")
    assert str(only["UID"]) == f"session-{keynote.id}@eventapp.test"
    assert client.get(f"/events/{event.slug}/calendar.ics?session=999999").status_code == 404
    assert client.get(f"/events/{event.slug}/calendar.ics?session=x").status_code == 404
    for beyond in (2**31, 10**30):  # no id column holds these: not found, not a database error
        assert client.get(f"/events/{event.slug}/calendar.ics?session={beyond}").status_code == 404


def _registered(db, symposium, status=RegistrationStatus.CONFIRMED):
    event, keynote, panel = symposium
    registration = make_registration(event, "Åsa Öberg", status=status)
    registration.choices.append(
        RegistrationChoice(session=panel, status=ChoiceStatus.CONFIRMED, created_at=utcnow())
    )
    db.session.commit()
    return registration


def test_personal_agenda_holds_the_event_and_chosen_sessions_privately(client, db, symposium):
    event, keynote, panel = symposium
    registration = _registered(db, symposium)
    response = client.get(f"/r/{registration.secret}/agenda.ics")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, max-age=300"
    assert [str(c["UID"]) for c in parse(response.data).walk("VEVENT")] == [
        f"event-{event.id}@eventapp.test",
        f"session-{panel.id}@eventapp.test",
    ]
    assert "METHOD" not in parse(response.data)
    again = client.get(
        f"/r/{registration.secret}/agenda.ics", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


@needs_node
def test_cancelled_registration_leaves_an_empty_but_valid_agenda(client, db, symposium):
    registration = _registered(db, symposium)
    url = f"/r/{registration.secret}/agenda.ics"
    etag = client.get(url).headers["ETag"]
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = utcnow()
    db.session.commit()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    calendar = parse(response.data)
    assert calendar.walk("VEVENT") == []
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert icaljs(response.data)["events"] == []


def test_wrong_secret_gives_404(client, db):
    assert client.get("/r/not-a-secret/agenda.ics").status_code == 404


def _grow(db, events: int, sessions: int) -> None:
    venue = make_venue()
    for _ in range(events):
        organisation = make_organisation()
        event = make_event(venue=venue, organisers=[organisation], series=make_series())
        for _ in range(sessions):
            speaker = make_person(affiliation=organisation)
            make_session(event, speakers=[speaker, make_person()], room=venue.rooms[0])
    db.session.commit()


@pytest.mark.parametrize("url", ["/calendar.ics", "event"])
def test_a_feed_takes_the_same_number_of_queries_whatever_its_size(
    app, client, db, count_queries, url
):
    from eventapp.calendar.http import etags
    from eventapp.events.models import Event

    counts = []
    for events, sessions in ((1, 1), (6, 8)):
        _grow(db, events, sessions)
        path = url
        if url == "event":
            newest = db.session.scalars(select(Event).order_by(Event.id.desc())).first()
            path = f"/events/{newest.slug}/calendar.ics"
        etags.clear()
        db.session.expire_all()
        with count_queries() as queries:
            assert client.get(path).status_code == 200
        counts.append(queries.count)
    assert counts[0] == counts[1]
    # site: the events with their organisers (the change log, read first, by a plain DBAPI
    # cursor); event: the event by slug, the change log, the event, its sessions with speakers
    assert counts[0] == {"/calendar.ics": 1, "event": 4}[url]


def test_personal_agenda_takes_a_fixed_number_of_queries(client, db, symposium, count_queries):
    event, keynote, _panel = symposium
    registration = _registered(db, symposium)
    url = f"/r/{registration.secret}/agenda.ics"
    counts = []
    for _ in range(2):
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        counts.append(queries.count)
        # One more chosen session with two speakers: the count must not move.
        workshop = make_session(event, speakers=[make_person(), make_person()])
        registration.choices.append(
            RegistrationChoice(session=workshop, status=ChoiceStatus.CONFIRMED, created_at=utcnow())
        )
        db.session.commit()
        url = f"/r/{registration.secret}/agenda.ics"
    # the registration with its event and validator, the chosen sessions with their speakers
    assert counts == [2, 2]
