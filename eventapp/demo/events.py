"""Writing the demo's series, editions, timetables and synthetic registrations."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import selectinload

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
from eventapp.registration.models import Registration, RegistrationChoice

from .content.specs import EventSpec, SeriesSpec, other_texts
from .upsert import ensure, ensure_child, rows_by, sync_collection

ZONE = "Europe/Stockholm"


@dataclass
class Directory:
    """What the events refer to, by slug."""

    orgs: dict[str, Organisation]
    people: dict[str, Person]
    venues: dict[str, Venue]
    collaborations: dict[str, Collaboration]


def local(day: date, clock: str, zone: str = ZONE) -> datetime:
    """An aware datetime for ``day`` at ``HH:MM`` in ``zone``."""
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))


def upcoming_first_day(now: datetime, weeks_ahead: int, zone: str = ZONE) -> date:
    """The Tuesday on or after ``weeks_ahead`` weeks from ``now``."""
    day = now.astimezone(ZoneInfo(zone)).date() + timedelta(weeks=weeks_ahead)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def existing_events() -> dict[str, Event]:
    """Every event by slug, with organisers, sessions and speakers loaded in a few queries."""
    return rows_by(
        Event,
        "slug",
        selectinload(Event.organisers).joinedload(EventOrganiser.organisation),
        selectinload(Event.sessions)
        .selectinload(Session.speakers)
        .joinedload(SessionSpeaker.person),
    )


def load_series(
    spec: SeriesSpec,
    series_rows: dict[str, EventSeries],
    events: dict[str, Event],
    directory: Directory,
    now: datetime,
) -> tuple[EventSeries, list[Event]]:
    """Create or update a series and each of its editions."""
    series = ensure(
        series_rows,
        spec.slug,
        lambda: EventSeries(slug=spec.slug),
        {
            "name": spec.name,
            "description": spec.description,
            "cadence_rrule": spec.cadence_rrule,
            "cadence_text": spec.cadence_text,
            "collaboration": directory.collaborations.get(spec.collaboration or ""),
            "original_language": spec.language,
            "translations": other_texts(spec.language, spec.translated),
        },
    )
    sync_collection(series.organisations, [directory.orgs[slug] for slug in spec.organisations])
    fixed = {event.slug for event in spec.events if event.first_day is not None}
    editions = [load_event(event, series, fixed, events, directory, now) for event in spec.events]
    return series, editions


def _find_upcoming(
    series: EventSeries, fixed: set[str], events: dict[str, Event], now: datetime
) -> Event | None:
    """The edition an earlier run dated relative to its day, while it still lies ahead."""
    if series.id is None:
        return None
    ahead = [
        event
        for event in events.values()
        if event.series_id == series.id and event.slug not in fixed and event.starts_at > now
    ]
    return min(ahead, key=lambda event: event.starts_at, default=None)


def _free_slug(slug: str, events: dict[str, Event]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… when an older generated edition holds it."""
    candidate, number = slug, 1
    while candidate in events:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def load_event(
    spec: EventSpec,
    series: EventSeries,
    fixed: set[str],
    events: dict[str, Event],
    directory: Directory,
    now: datetime,
) -> Event:
    """Create or update one edition; a relative edition keeps the date of its first run."""
    on_create: dict[str, object] = {}
    if spec.first_day is not None:
        first_day, slug = spec.first_day, spec.slug
        on_create["published_at"] = local(first_day - timedelta(days=60), "09:00")
    else:
        existing = _find_upcoming(series, fixed, events, now)
        if existing is not None:
            first_day, slug = existing.starts_at.astimezone(ZoneInfo(ZONE)).date(), existing.slug
        else:
            first_day = upcoming_first_day(now, spec.weeks_ahead)
            slug = _free_slug(spec.slug.format(year=first_day.year), events)
        on_create["published_at"] = now
        if spec.registration is not None:
            opens = now.replace(minute=0, second=0, microsecond=0)
            days = spec.registration.opens_days_before_now
            on_create["registration_opens_at"] = opens - timedelta(days=days)
    values: dict[str, object] = {
        "title": spec.title.format(year=first_day.year),
        "series": series,
        "summary": spec.summary,
        "description": spec.description,
        "language": spec.language,
        "translations": other_texts(spec.language, spec.translated, year=first_day.year),
        "status": EventStatus.PUBLISHED,
        "timezone": ZONE,
        "starts_at": local(first_day, spec.start),
        "ends_at": local(first_day + timedelta(days=spec.end[0]), spec.end[1]),
        "venue": directory.venues[spec.venue],
        "contact_person": directory.people.get(spec.contact or ""),
        "collaboration": directory.collaborations.get(spec.collaboration or ""),
        "website": spec.website,
        "registration_enabled": spec.registration is not None,
        "public_grid": spec.public_grid,
    }
    reg = spec.registration
    if reg is not None:
        closes_day = first_day - timedelta(days=reg.closes_days_before_start)
        values |= {
            "registration_closes_at": local(closes_day, "23:59"),
            "capacity": reg.capacity,
            "waitlist_enabled": reg.waitlist,
            "registration_categories": list(reg.categories),
            "privacy_text": reg.privacy_text,
        }
    event = ensure(events, slug, lambda: Event(slug=slug), values, on_create)
    _load_timetable(event, spec, first_day, directory)
    return event


def _load_timetable(event: Event, spec: EventSpec, first_day: date, directory: Directory) -> None:
    """The organisers, sessions and speakers of an edition."""
    for position, (org_slug, role) in enumerate(spec.organisers):
        organisation = directory.orgs[org_slug]
        ensure_child(
            event.organisers,
            lambda row, org=organisation: row.organisation is org,
            lambda org=organisation: EventOrganiser(organisation=org),
            {"role": role, "position": position},
        )
    rooms = {room.name: room for room in directory.venues[spec.venue].rooms}
    for item in spec.sessions:
        day = first_day + timedelta(days=item.day)
        session = ensure_child(
            event.sessions,
            lambda row, title=item.title: row.title == title,
            lambda title=item.title: Session(title=title),
            {
                "kind": item.kind,
                "abstract": item.abstract,
                "starts_at": local(day, item.start),
                "ends_at": local(day, item.end),
                "room": rooms.get(item.room or ""),
                "track": item.track,
                "selectable": item.selectable,
                "capacity": item.capacity,
                "original_language": spec.language,
                "translations": other_texts(spec.language, item.translated),
            },
        )
        for position, (person_slug, role) in enumerate(item.speakers):
            person = directory.people[person_slug]
            ensure_child(
                session.speakers,
                lambda row, who=person: row.person is who,
                lambda who=person: SessionSpeaker(person=who),
                {"role": role, "position": position},
            )


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
    workshops = sorted(
        (session for session in event.sessions if session.selectable), key=lambda s: s.title
    )
    taken = {registration.email for registration in event.registrations}
    created = 0
    for number in range(1, count + 1):
        email = f"demo{number}@example.org"
        if email in taken:
            continue
        organisation = orgs[DEMO_AFFILIATIONS[number % len(DEMO_AFFILIATIONS)]]
        category = RegistrationCategory.PARTICIPANT
        if number == count - 1:
            category = RegistrationCategory.SPEAKER
        elif number == count:
            category = RegistrationCategory.EXHIBITOR
        registration = Registration(
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
            # Spread over the days since registration opened (the dashboard's line).
            created_at=now - timedelta(days=count - number, hours=number % 5),
        )
        if number == 3:  # registered a moment ago: the place is held until the address is confirmed
            registration.status, registration.confirmed_at = RegistrationStatus.UNCONFIRMED, None
            registration.created_at = now
            registration.hold_expires_at = now + timedelta(minutes=30)
        if workshops and number <= 2 * len(workshops):
            workshop = workshops[number % len(workshops)]
            registration.choices.append(RegistrationChoice(session=workshop, created_at=now))
        event.registrations.append(registration)
        created += 1
    return created
