"""Builders for test data: ``make_event(title="…")`` instead of long setup blocks.

Every builder adds to the session and flushes, so ids are set; the caller commits when it needs to.
"""

from __future__ import annotations

import itertools
import secrets
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from eventapp.auth.models import User
from eventapp.core.db import utcnow
from eventapp.core.types import (
    EventStatus,
    OrganisationKind,
    OrganiserRole,
    RegistrationCategory,
    RegistrationStatus,
    SessionKind,
    SpeakerRole,
)
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import (
    Event,
    EventOrganiser,
    EventSeries,
    Room,
    Session,
    SessionSpeaker,
    Venue,
)
from eventapp.extensions import db
from eventapp.registration.models import Registration

_counter = itertools.count(1)
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _n() -> int:
    return next(_counter)


def stockholm(*args: int) -> datetime:
    """An aware datetime in Stockholm time: ``stockholm(2026, 6, 10, 9, 0)``."""
    return datetime(*args, tzinfo=STOCKHOLM)


def _save(obj: Any) -> Any:
    db.session.add(obj)
    db.session.flush()
    return obj


def make_organisation(name: str | None = None, **kw: Any) -> Organisation:
    n = _n()
    name = name or f"Organisation {n}"
    kw.setdefault("slug", f"org-{n}")
    kw.setdefault("kind", OrganisationKind.UNIVERSITY)
    return _save(Organisation(name=name, **kw))


def make_person(name: str | None = None, **kw: Any) -> Person:
    n = _n()
    kw.setdefault("slug", f"person-{n}")
    return _save(Person(name=name or f"Person {n}", **kw))


def make_venue(name: str | None = None, rooms: tuple[str, ...] = ("Aula",), **kw: Any) -> Venue:
    n = _n()
    kw.setdefault("slug", f"venue-{n}")
    venue = Venue(name=name or f"Venue {n}", **kw)
    for room in rooms:
        venue.rooms.append(Room(name=room))
    return _save(venue)


def make_series(name: str | None = None, organisations: list[Organisation] = (), **kw: Any):
    n = _n()
    kw.setdefault("slug", f"series-{n}")
    series = EventSeries(name=name or f"Series {n}", **kw)
    series.organisations.extend(organisations)
    return _save(series)


def make_event(
    title: str | None = None,
    *,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    status: EventStatus = EventStatus.PUBLISHED,
    organisers: list[Organisation] | None = None,
    role: OrganiserRole = OrganiserRole.HOST,
    **kw: Any,
) -> Event:
    """A published event a month from now, 09:00–17:00 Stockholm time, unless told otherwise.

    Registrations are confirmed at once (``confirm_email=False``, unlike a new event's default):
    the tests of the e-mail confirmation ask for it (tests/registration/test_confirm_email.py).
    """
    n = _n()
    kw.setdefault("confirm_email", False)
    if starts_at is None:
        day = (utcnow() + timedelta(days=30)).astimezone(STOCKHOLM).date()
        starts_at = datetime(day.year, day.month, day.day, 9, 0, tzinfo=STOCKHOLM)
    ends_at = ends_at or starts_at + timedelta(hours=8)
    kw.setdefault("slug", f"event-{n}")
    kw.setdefault("timezone", "Europe/Stockholm")
    event = Event(
        title=title or f"Event {n}", starts_at=starts_at, ends_at=ends_at, status=status, **kw
    )
    for position, organisation in enumerate(organisers or []):
        event.organisers.append(
            EventOrganiser(organisation=organisation, role=role, position=position)
        )
    return _save(event)


def make_session(
    event: Event,
    title: str | None = None,
    *,
    starts_at: datetime | None = None,
    minutes: int = 30,
    kind: SessionKind = SessionKind.TALK,
    speakers: list[Person] | None = None,
    speaker_role: SpeakerRole = SpeakerRole.SPEAKER,
    **kw: Any,
) -> Session:
    n = _n()
    starts_at = starts_at or event.starts_at
    session = Session(
        event=event,
        title=title or f"Session {n}",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        kind=kind,
        **kw,
    )
    for position, person in enumerate(speakers or []):
        session.speakers.append(SessionSpeaker(person=person, role=speaker_role, position=position))
    return _save(session)


def make_registration(
    event: Event,
    name: str | None = None,
    *,
    email: str | None = None,
    status: RegistrationStatus = RegistrationStatus.CONFIRMED,
    category: RegistrationCategory = RegistrationCategory.PARTICIPANT,
    **kw: Any,
) -> Registration:
    """A registration row written directly (no capacity rules: use the service for those)."""
    n = _n()
    now = utcnow()
    kw.setdefault("confirmed_at", now if status == RegistrationStatus.CONFIRMED else None)
    kw.setdefault("waitlisted_at", now if status == RegistrationStatus.WAITLISTED else None)
    kw.setdefault("consent_at", now)
    return _save(
        Registration(
            event=event,
            name=name or f"Participant {n}",
            email=(email or f"participant{n}@example.org").lower(),
            status=status,
            category=category,
            secret=secrets.token_urlsafe(32),
            checkin_code=secrets.token_urlsafe(16),
            **kw,
        )
    )


def make_user(
    email: str | None = None,
    *,
    organisations: list[Organisation] = (),
    site_admin: bool = False,
    password: str | None = None,
    **kw: Any,
) -> User:
    """An organiser (or site admin). ``password`` is hashed with the app's hasher when given."""
    n = _n()
    user = User(
        email=(email or f"organiser{n}@example.org").lower(),
        display_name=kw.pop("display_name", f"Organiser {n}"),
        is_site_admin=site_admin,
        **kw,
    )
    if password is not None:
        from eventapp.auth.passwords import hash_password

        user.password_hash = hash_password(password)
    user.organisations.extend(organisations)
    return _save(user)
