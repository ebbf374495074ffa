"""Fixtures of the reminder and calendar-update tests: an event six days away, with a venue, a
contact, a workshop, and the SMTP server."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from eventapp.core.db import utcnow
from eventapp.core.timefmt import zone
from eventapp.extensions import db
from eventapp.reminders.services import due_at
from tests.builders import make_event, make_organisation, make_person, make_session, make_venue
from tests.mail.conftest import smtp_server  # noqa: F401 (fixture)

STOCKHOLM = zone("Europe/Stockholm")


@pytest.fixture
def event(app):
    """Published, six days from now 09:00–17:00 Stockholm, at Aula Medica with coordinates
    (registrations made in the test are made before any reminder falls due)."""
    organisation = make_organisation("Karolinska Institutet", short_name="KI")
    venue = make_venue(
        "Aula Medica",
        address="Nobels väg 6",
        city="Solna",
        latitude=59.348,
        longitude=18.0267,
    )
    contact = make_person("Eva Lind", email="eva.lind@ki.example.org")
    event = make_event(
        "ATMP mini-symposium",
        slug="atmp-2026",
        starts_at=datetime.combine(
            (utcnow() + timedelta(days=6)).astimezone(STOCKHOLM).date(), time(9, 0), STOCKHOLM
        ),
        organisers=[organisation],
        venue=venue,
        contact_person=contact,
        remind_two_days=True,
        remind_morning=True,
    )
    make_session(event, "Workshop: CAR-T manufacturing", room=venue.rooms[0], minutes=90)
    db.session.commit()
    return event


def after(event, reminder: str, minutes: int = 1) -> datetime:
    """A moment just after ``reminder`` of ``event`` fell due."""
    return due_at(event, reminder) + timedelta(minutes=minutes)
