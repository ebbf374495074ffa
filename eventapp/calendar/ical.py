"""A pure, typed iCalendar generator: events and sessions in, bytes out.

Nothing here touches the request or the database beyond the attributes of the objects given,
which the caller loads eagerly (``feeds.py``). Identical content gives identical bytes: UIDs are
derived from ids, DTSTAMP is the item's last change, never "now".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from icalendar import Calendar, vCalAddress, vDuration, vGeo, vText
from icalendar import Event as VEvent

from eventapp.calendar.vtimezone import vtimezone
from eventapp.core.timefmt import zone
from eventapp.core.types import (
    ChoiceStatus,
    EventStatus,
    RegistrationStatus,
    SessionKind,
    SessionStatus,
)

if TYPE_CHECKING:
    from eventapp.events.models import Event, Session
    from eventapp.registration.models import Registration

PRODID = "-//eventapp//Calendar feeds 1.0//EN"
REFRESH = timedelta(hours=1)

SESSION_KIND_LABELS = {kind: kind.value.replace("_", " ").capitalize() for kind in SessionKind}


@dataclass(frozen=True)
class Site:
    """What the generator needs to know about the site: public base URL and a fallback
    organiser address."""

    base_url: str
    organizer_email: str
    organizer_name: str = "eventapp"
    default_timezone: str = "Europe/Stockholm"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or "localhost"

    @classmethod
    def from_config(cls) -> Site:
        """The site as configured in the current application."""
        config = current_app.config
        name, address = parseaddr(config.get("MAIL_FROM") or "")
        return cls(
            base_url=config["BASE_URL"],
            organizer_email=address or f"noreply@{urlsplit(config['BASE_URL']).hostname}",
            organizer_name=name or "eventapp",
            default_timezone=config.get("DEFAULT_TIMEZONE") or "Europe/Stockholm",
        )


@dataclass(frozen=True)
class FeedInfo:
    """The calendar's own properties: its name, description and the page it belongs to."""

    name: str
    description: str
    url: str


def event_uid(event: Event, site: Site) -> str:
    return f"event-{event.id}@{site.host}"


def session_uid(session: Session, site: Site) -> str:
    return f"session-{session.id}@{site.host}"


def event_url(event: Event, site: Site) -> str:
    return f"{site.base_url}/events/{event.slug}/"


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(microsecond=0)


def _local_or_utc(value: datetime, tz: ZoneInfo) -> datetime:
    """The wall-clock time in the event's zone; in UTC inside the hour that happens twice after
    the autumn switch: RFC 5545 says such a time means the first pass, ical.js takes the second,
    so only UTC is read alike everywhere."""
    value = value.astimezone(UTC).replace(microsecond=0)
    local = value.astimezone(tz)
    if local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset():
        return value
    return local


def _location(event: Event, room_name: str = "") -> str:
    venue = event.venue
    parts = [room_name]
    if venue is not None:
        parts += [venue.name, venue.address, venue.city]
    return ", ".join(part.strip() for part in parts if part and part.strip())


def _organizer(event: Event, site: Site) -> vCalAddress:
    contact = event.contact_person
    email = contact.email if contact is not None and contact.email else site.organizer_email
    hosts = [role.organisation.name for role in event.organisers]
    name = hosts[0] if hosts else (contact.name if contact is not None else site.organizer_name)
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = name
    return address


def _common(component: VEvent, event: Event, site: Site, item: Event | Session) -> None:
    """Times, stamps, sequence, organiser and position shared by events and sessions."""
    starts_at, ends_at, updated_at = item.starts_at, item.ends_at, item.updated_at
    created_at, sequence = item.created_at, item.sequence
    tz = zone(event.timezone)
    component.add("DTSTAMP", _utc(updated_at))
    component.add("CREATED", _utc(created_at))
    component.add("LAST-MODIFIED", _utc(updated_at))
    component.add("SEQUENCE", sequence)
    component.add("DTSTART", _local_or_utc(starts_at, tz))
    component.add("DTEND", _local_or_utc(ends_at, tz))
    component.add("ORGANIZER", _organizer(event, site))
    venue = event.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        component.add("GEO", vGeo((float(venue.latitude), float(venue.longitude))))


def event_component(event: Event, site: Site, *, tentative: bool = False) -> VEvent:
    """The VEVENT of an event (UID ``event-<id>@<host>``)."""
    component = VEvent()
    component.add("UID", event_uid(event, site))
    component.add("SUMMARY", event.title)
    _common(component, event, site, event)
    lines: list[str] = []
    if event.status == EventStatus.CANCELLED:
        lines.append(f"CANCELLED. {event.cancellation_note}".strip())
    if event.summary:
        lines.append(event.summary)
    if event.organisers:
        names = ", ".join(role.organisation.name for role in event.organisers)
        lines.append(f"Organisers: {names}")
    lines.append(event_url(event, site))
    component.add("DESCRIPTION", "\n\n".join(lines))
    location = _location(event)
    if location:
        component.add("LOCATION", location)
    component.add("URL", event_url(event, site))
    categories = [event.series.name] if event.series is not None else []
    categories += [r.organisation.short_name or r.organisation.name for r in event.organisers]
    component.add("CATEGORIES", categories or ["Event"])
    component.add("STATUS", _status(event.status == EventStatus.CANCELLED, tentative))
    component.add("TRANSP", "OPAQUE")
    return component


def session_component(session: Session, site: Site, *, tentative: bool = False) -> VEvent:
    """The VEVENT of a timetable entry, related to its event's VEVENT."""
    event = session.event
    component = VEvent()
    component.add("UID", session_uid(session, site))
    component.add("SUMMARY", session.title)
    _common(component, event, site, session)
    cancelled = session.status == SessionStatus.CANCELLED or event.status == EventStatus.CANCELLED
    lines: list[str] = []
    if cancelled:
        lines.append("CANCELLED.")
    if session.abstract:
        lines.append(session.abstract)
    if session.speakers:
        people = []
        for role in session.speakers:
            person = role.person
            affiliation = person.affiliation_name
            name = person.full_name
            people.append(f"{name} ({affiliation})" if affiliation else name)
        lines.append("Speakers: " + "; ".join(people))
    lines.append(f"{event.title}: {event_url(event, site)}")
    component.add("DESCRIPTION", "\n\n".join(lines))
    location = _location(event, session.room.name if session.room is not None else "")
    if location:
        component.add("LOCATION", location)
    component.add("URL", f"{event_url(event, site)}#session-{session.id}")
    categories = [SESSION_KIND_LABELS[session.kind]]
    if session.track:
        categories.append(session.track)
    component.add("CATEGORIES", categories)
    component.add("RELATED-TO", event_uid(event, site))
    component.add("STATUS", _status(cancelled, tentative))
    component.add("TRANSP", "TRANSPARENT" if session.kind == SessionKind.BREAK else "OPAQUE")
    return component


def _status(cancelled: bool, tentative: bool) -> str:
    if cancelled:
        return "CANCELLED"
    return "TENTATIVE" if tentative else "CONFIRMED"


def _zone_years(events: Iterable[Event], sessions: Iterable[Session]) -> dict[str, list[int]]:
    years: dict[str, list[int]] = {}
    for tzid, start, end in [(e.timezone, e.starts_at, e.ends_at) for e in events] + [
        (s.event.timezone, s.starts_at, s.ends_at) for s in sessions
    ]:
        tz = zone(tzid)
        span = years.setdefault(tzid, [start.astimezone(tz).year, end.astimezone(tz).year])
        span[0] = min(span[0], start.astimezone(tz).year)
        span[1] = max(span[1], end.astimezone(tz).year)
    return years


def build_calendar(
    info: FeedInfo,
    events: Sequence[Event],
    sessions: Sequence[Session],
    site: Site,
    *,
    method: str | None = None,
    tentative: bool = False,
    empty_zone: tuple[str, int] | None = None,
) -> bytes:
    """A VCALENDAR of ``events`` and ``sessions`` (in that order), each time with a TZID whose
    VTIMEZONE is included. ``method`` is only for e-mail attachments (``PUBLISH``)."""
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    if method:
        calendar.add("METHOD", method)
    # icalendar 7.3 no longer escapes these when given as str: set them as vText.
    calendar.add("NAME", vText(info.name))
    calendar.add("X-WR-CALNAME", vText(info.name))
    calendar.add("DESCRIPTION", vText(info.description))
    calendar.add("X-WR-CALDESC", vText(info.description))
    calendar.add("URL", info.url)
    calendar.add("REFRESH-INTERVAL", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    zones = _zone_years(events, sessions)
    if not zones:
        # RFC 5545 wants at least one component: an empty feed still describes its zone.
        tzid, year = empty_zone or (site.default_timezone, 2026)
        zones = {tzid: [year, year]}
    for tzid in sorted(zones):
        calendar.add_component(vtimezone(tzid, zones[tzid][0], zones[tzid][1]))
    for event in events:
        calendar.add_component(event_component(event, site, tentative=tentative))
    for session in sessions:
        calendar.add_component(session_component(session, site, tentative=tentative))
    return calendar.to_ical()


def registration_sessions(registration: Registration) -> list[Session]:
    """The sessions a participant holds a confirmed place in, in timetable order."""
    chosen = [c.session for c in registration.choices if c.status == ChoiceStatus.CONFIRMED]
    return sorted(chosen, key=lambda s: (s.starts_at, s.id))


def registration_calendar(
    registration: Registration, site: Site, *, method: str | None = None
) -> bytes:
    """A participant's event and chosen sessions; empty (but valid) once cancelled."""
    event = registration.event
    info = FeedInfo(
        name=f"{event.title} – {registration.name}",
        description=f"Your registration for {event.title}",
        url=event_url(event, site),
    )
    active = registration.status in (
        RegistrationStatus.PENDING,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    )
    events = [event] if active and event.status != EventStatus.DRAFT else []
    sessions = registration_sessions(registration) if events else []
    tentative = registration.status != RegistrationStatus.CONFIRMED
    year = event.starts_at.astimezone(zone(event.timezone)).year
    return build_calendar(
        info,
        events,
        sessions,
        site,
        method=method,
        tentative=tentative,
        empty_zone=(event.timezone, year),
    )


def registration_invitation(registration: Registration, site: Site | None = None) -> bytes:
    """The ``.ics`` attached to the confirmation e-mail: METHOD:PUBLISH with an ORGANIZER,
    the event and the registration's chosen sessions."""
    return registration_calendar(registration, site or Site.from_config(), method="PUBLISH")
