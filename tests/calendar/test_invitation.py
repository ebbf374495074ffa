"""The .ics attached to the confirmation e-mail (registration_invitation)."""

from __future__ import annotations

import icalendar

from eventapp.calendar.ical import registration_invitation
from eventapp.core.types import ChoiceStatus, RegistrationStatus
from eventapp.registration.models import RegistrationChoice
from tests.builders import (
    make_event,
    make_organisation,
    make_registration,
    make_session,
    make_venue,
    stockholm,
)


def _registration(db, status=RegistrationStatus.CONFIRMED):
    host = make_organisation("Karolinska Institutet", short_name="KI")
    event = make_event(
        "ATMP mini-symposium",
        starts_at=stockholm(2027, 1, 22, 12, 0),
        ends_at=stockholm(2027, 1, 22, 17, 0),
        organisers=[host],
        venue=make_venue("Campus Flemingsberg", address="Alfred Nobels allé 8"),
    )
    workshop = make_session(event, "Workshop: CAR-NK", starts_at=stockholm(2027, 1, 22, 13, 0))
    skipped = make_session(event, "Not chosen", starts_at=stockholm(2027, 1, 22, 14, 0))
    registration = make_registration(event, "Carin Dahlberg", status=status)
    registration.choices.append(
        RegistrationChoice(
            session=workshop, status=ChoiceStatus.CONFIRMED, created_at=event.created_at
        )
    )
    db.session.commit()
    return registration, event, workshop, skipped


def test_invitation_publishes_event_and_chosen_sessions_with_organizer(app, db):
    registration, event, workshop, skipped = _registration(db)
    calendar = icalendar.Calendar.from_ical(registration_invitation(registration))
    assert calendar["METHOD"] == "PUBLISH"
    uids = [str(c["UID"]) for c in calendar.walk("VEVENT")]
    assert uids == [f"event-{event.id}@eventapp.test", f"session-{workshop.id}@eventapp.test"]
    for component in calendar.walk("VEVENT"):
        assert component["ORGANIZER"].params["CN"] == "Karolinska Institutet"
        assert str(component["ORGANIZER"]).startswith("mailto:")
        assert component["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]


def test_invitation_of_a_cancelled_registration_has_no_events_but_stays_valid(app, db):
    registration, *_ = _registration(db, status=RegistrationStatus.CANCELLED)
    calendar = icalendar.Calendar.from_ical(registration_invitation(registration))
    assert calendar.walk("VEVENT") == []
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_invitation_bytes_are_identical_for_identical_content(app, db):
    registration, *_ = _registration(db)
    assert registration_invitation(registration) == registration_invitation(registration)
