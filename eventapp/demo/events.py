"""Writing the demo's series, editions, timetables and synthetic registrations."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from eventapp.core.types import EventStatus, RegistrationCategory, RegistrationStatus
from eventapp.directory.models import Collaboration, Organisation, Person
from eventapp.events.models import (
    Event,
    EventOrganiser,
    EventSeries,
    Session,
    SessionSpeaker,
    Venue,
)
from eventapp.extensions import db
from eventapp.registration.models import Registration, RegistrationChoice

from .content.specs import EventSpec, SeriesSpec
from .upsert import sync_collection, upsert


def local(day: date, clock: str, zone: str) -> datetime:
    """An aware datetime for ``day`` at ``HH:MM`` in ``zone``."""
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))


def upcoming_first_day(now: datetime, weeks_ahead: int, zone: str) -> date:
    """The Tuesday on or after ``weeks_ahead`` weeks from ``now``."""
    day = now.astimezone(ZoneInfo(zone)).date() + timedelta(weeks=weeks_ahead)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def load_series(
    spec: SeriesSpec,
    orgs: dict[str, Organisation],
    people: dict[str, Person],
    venues: dict[str, Venue],
    collaborations: dict[str, Collaboration],
    now: datetime,
) -> tuple[EventSeries, list[Event]]:
    """Create or update a series and each of its editions."""
    series, _ = upsert(
        EventSeries,
        {"slug": spec.slug},
        {
            "name": spec.name,
            "description": spec.description,
            "cadence_rrule": spec.cadence_rrule,
            "cadence_text": spec.cadence_text,
            "collaboration": collaborations.get(spec.collaboration or ""),
        },
    )
    sync_collection(series.organisations, [orgs[slug] for slug in spec.organisations])
    fixed = [event.slug for event in spec.events if event.first_day is not None]
    events = [
        load_event(event, series, fixed, orgs, people, venues, collaborations, now)
        for event in spec.events
    ]
    return series, events


def _find_upcoming(series: EventSeries, fixed: list[str], now: datetime) -> Event | None:
    """The edition an earlier run dated relative to its day, while it still lies ahead."""
    return db.session.scalars(
        select(Event)
        .where(Event.series_id == series.id, Event.slug.not_in(fixed), Event.starts_at > now)
        .order_by(Event.starts_at)
    ).first()


def load_event(
    spec: EventSpec,
    series: EventSeries | None,
    fixed: list[str],
    orgs: dict[str, Organisation],
    people: dict[str, Person],
    venues: dict[str, Venue],
    collaborations: dict[str, Collaboration],
    now: datetime,
) -> Event:
    """Create or update one edition; a relative edition keeps the date of its first run."""
    zone = "Europe/Stockholm"
    on_create: dict[str, object] = {}
    if spec.first_day is not None:
        first_day = spec.first_day
        key = {"slug": spec.slug}
        on_create["published_at"] = local(first_day - timedelta(days=60), "09:00", zone)
    else:
        existing = _find_upcoming(series, fixed, now) if series is not None else None
        if existing is not None:
            first_day = existing.starts_at.astimezone(ZoneInfo(zone)).date()
            key = {"slug": existing.slug}
        else:
            first_day = upcoming_first_day(now, spec.weeks_ahead, zone)
            key = {"slug": _free_slug(spec.slug.format(year=first_day.year))}
        on_create["published_at"] = now
        if spec.registration is not None:
            opens = now.replace(minute=0, second=0, microsecond=0)
            on_create["registration_opens_at"] = opens - timedelta(
                days=spec.registration.opens_days_before_now
            )
    values: dict[str, object] = {
        "title": spec.title.format(year=first_day.year),
        "series": series,
        "summary": spec.summary,
        "description": spec.description,
        "language": spec.language,
        "status": EventStatus.PUBLISHED,
        "timezone": zone,
        "starts_at": local(first_day, spec.start, zone),
        "ends_at": local(first_day + timedelta(days=spec.end[0]), spec.end[1], zone),
        "venue": venues[spec.venue],
        "contact_person": people.get(spec.contact or ""),
        "collaboration": collaborations.get(spec.collaboration or ""),
        "website": spec.website,
        "registration_enabled": spec.registration is not None,
    }
    reg = spec.registration
    if reg is not None:
        closes_day = first_day - timedelta(days=reg.closes_days_before_start)
        values |= {
            "registration_closes_at": local(closes_day, "23:59", zone),
            "capacity": reg.capacity,
            "waitlist_enabled": reg.waitlist,
            "registration_categories": list(reg.categories),
            "privacy_text": reg.privacy_text,
        }
    event, _ = upsert(Event, key, values, on_create)
    for position, (slug, role) in enumerate(spec.organisers):
        upsert(
            EventOrganiser,
            {"event_id": event.id, "organisation_id": orgs[slug].id},
            {"role": role, "position": position},
        )
    rooms = {room.name: room for room in venues[spec.venue].rooms}
    for session_spec in spec.sessions:
        day = first_day + timedelta(days=session_spec.day)
        session, _ = upsert(
            Session,
            {"event_id": event.id, "title": session_spec.title},
            {
                "kind": session_spec.kind,
                "abstract": session_spec.abstract,
                "starts_at": local(day, session_spec.start, zone),
                "ends_at": local(day, session_spec.end, zone),
                "room": rooms.get(session_spec.room or ""),
                "track": session_spec.track,
                "selectable": session_spec.selectable,
                "capacity": session_spec.capacity,
            },
        )
        for position, (person_slug, role) in enumerate(session_spec.speakers):
            upsert(
                SessionSpeaker,
                {"session_id": session.id, "person_id": people[person_slug].id},
                {"role": role, "position": position},
            )
    return event


def _free_slug(slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… when an older generated edition holds it."""
    candidate, number = slug, 1
    while db.session.scalar(select(Event.id).where(Event.slug == candidate)) is not None:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


DEMO_AFFILIATIONS = (
    "karolinska-institutet",
    "karolinska-universitetssjukhuset",
    "sodertorns-hogskola",
    "kth",
    "cimed",
    "flemingsberg-science",
)


def load_registrations(
    event: Event, orgs: dict[str, Organisation], now: datetime, count: int = 12
) -> int:
    """Add clearly synthetic participants ("Demo participant 7") once; return how many are new."""
    workshops = [session for session in event.sessions if session.selectable]
    created = 0
    for number in range(1, count + 1):
        email = f"demo{number}@example.org"
        exists = db.session.scalar(
            select(Registration.id).where(
                Registration.event_id == event.id, Registration.email == email
            )
        )
        if exists is not None:
            continue
        organisation = orgs[DEMO_AFFILIATIONS[number % len(DEMO_AFFILIATIONS)]]
        category = RegistrationCategory.PARTICIPANT
        if number == count - 1:
            category = RegistrationCategory.SPEAKER
        elif number == count:
            category = RegistrationCategory.EXHIBITOR
        registration = Registration(
            event=event,
            name=f"Demo participant {number}",
            email=email,
            affiliation=organisation.name,
            organisation=organisation,
            category=category,
            status=RegistrationStatus.CONFIRMED,
            confirmed_at=now,
            consent_at=now,
            language="en",
            secret=secrets.token_urlsafe(32),
            checkin_code=secrets.token_urlsafe(16),
        )
        if workshops and number <= 2 * len(workshops):
            workshop = workshops[number % len(workshops)]
            registration.choices.append(RegistrationChoice(session=workshop, created_at=now))
        db.session.add(registration)
        created += 1
    db.session.flush()
    return created
