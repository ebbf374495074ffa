"""Every change a subscriber can see moves SEQUENCE, LAST-MODIFIED and DTSTAMP of the VEVENTs
that show it: the event's texts in either language, its venue's address, a speaker's name, the
sessions cancelled with their event."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from eventapp.core.db import utcnow
from eventapp.core.types import SessionStatus
from eventapp.directory.services import save_organisation, save_person, save_venue
from eventapp.events import lifecycle_services as lifecycle
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from tests.builders import (
    make_event,
    make_organisation,
    make_person,
    make_session,
    make_user,
    make_venue,
)
from tests.calendar.conftest import parse
from tests.reminders.test_calendar_updates import edit


@pytest.fixture
def world(app):
    ki = make_organisation("Karolinska Institutet", short_name="KI")
    venue = make_venue("Aula Medica", address="Nobels väg 6", city="Solna")
    speaker = make_person("Karin Lund")
    event = make_event("ATMP day", slug="atmp-day", organisers=[ki], venue=venue)
    session = make_session(event, "Gene therapy", speakers=[speaker])
    user = make_user(organisations=[ki])
    db.session.commit()
    # Everything last changed an hour ago, so a change now moves the stamps visibly.
    hour_ago = utcnow() - timedelta(hours=1)
    for model in (Event, Session):
        db.session.execute(update(model).values(updated_at=hour_ago))
    db.session.commit()
    db.session.expire_all()
    return {"event": event, "session": session, "venue": venue, "speaker": speaker, "user": user}


def stamps(client) -> dict[str, tuple[int, object, object, str]]:
    """UID prefix (event/session) → (SEQUENCE, LAST-MODIFIED, DTSTAMP, STATUS) in the feed."""
    db.session.expire_all()
    body = client.get("/events/atmp-day/calendar.ics").data
    found = {}
    for component in parse(body).walk("VEVENT"):
        kind = str(component["UID"]).split("-")[0]
        found[kind] = (
            int(component["SEQUENCE"]),
            component.decoded("LAST-MODIFIED"),
            component.decoded("DTSTAMP"),
            str(component["STATUS"]),
        )
    return found


def moved(before, after, kind: str) -> bool:
    return all(a > b for a, b in zip(after[kind][:3], before[kind][:3], strict=True))


@pytest.mark.parametrize(
    "change",
    [
        {"summary": "A day on advanced therapies"},
        {"description": "Now with a poster session."},
        {"translations": {"sv": {"title": "ATMP-dagen"}}},
    ],
    ids=["summary", "description", "swedish-title"],
)
def test_an_edit_of_the_events_texts_moves_its_stamps(client, world, change):
    before = stamps(client)
    edit(world["user"], world["event"], **change)
    after = stamps(client)
    assert moved(before, after, "event")


def test_a_new_venue_address_moves_the_event_and_its_sessions(client, world):
    before = stamps(client)
    venue = world["venue"]
    save_venue(world["user"], venue, {"name": venue.name, "address": "Berzelius väg 3"})
    after = stamps(client)
    assert moved(before, after, "event") and moved(before, after, "session")


def test_a_speakers_new_name_moves_their_sessions(client, world):
    before = stamps(client)
    speaker = world["speaker"]
    save_person(world["user"], speaker, {"name": "Karin Lund-Berg", "slug": speaker.slug})
    after = stamps(client)
    assert moved(before, after, "session") and not moved(before, after, "event")


def test_sessions_cancelled_with_their_event_move_too(client, world):
    before = stamps(client)
    lifecycle.cancel(world["user"], world["event"])
    after = stamps(client)
    assert moved(before, after, "event") and moved(before, after, "session")
    assert after["session"][3] == "CANCELLED" == after["event"][3]
    assert world["session"].status == SessionStatus.SCHEDULED  # cancelled through its event


def test_an_edit_nobody_sees_moves_nothing(client, world):
    before = stamps(client)
    edit(world["user"], world["event"], capacity=40)
    assert stamps(client) == before


def test_a_renamed_host_organisation_moves_its_events(client, world):
    before = stamps(client)
    organisation = world["event"].organisers[0].organisation
    save_organisation(
        world["user"],
        organisation,
        {"name": "Karolinska Institutet (KI)", "slug": organisation.slug},
    )
    after = stamps(client)
    assert moved(before, after, "event")
