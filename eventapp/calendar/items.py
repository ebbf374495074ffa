"""What a VEVENT shows, as plain typed records with every text already in the reader's language.

The generator (``ical.py``) reads these records, never ORM objects. A feed loads them as
columns (``rows.py``: no ORM objects, one query per kind of record); an e-mail's invitation
converts the registration it already holds (``event_item`` and ``session_item`` here). Either
way the same writer turns them into the same bytes.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from eventapp.core.translation import translated
from eventapp.core.types import EventStatus, SessionKind, SessionStatus

if TYPE_CHECKING:
    from eventapp.events.models import Event, Session


class VenueItem(NamedTuple):
    """Where an event is: the name in the reader's language, the address and coordinates."""

    name: str
    address: str
    city: str
    latitude: float | None
    longitude: float | None


class EventItem(NamedTuple):
    """An event as its VEVENT (and its sessions' VEVENTs) show it."""

    id: int
    uid_host: str | None
    slug: str
    title: str
    summary: str
    status: EventStatus
    cancellation_note: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    created_at: datetime
    updated_at: datetime
    sequence: int
    organisers: tuple[tuple[str, str], ...]  # (name, short name), in the event's order
    series_name: str | None  # None: not part of a series
    venue: VenueItem | None
    contact: tuple[str | None, str] | None  # (e-mail, name) of the contact person


class SessionItem(NamedTuple):
    """A timetable entry as its VEVENT shows it, with its event."""

    id: int
    uid_host: str | None
    event: EventItem
    title: str
    abstract: str
    kind: SessionKind
    track: str
    status: SessionStatus
    sequence: int
    created_at: datetime
    updated_at: datetime
    starts_at: datetime
    ends_at: datetime
    room_name: str  # "" without a room
    speakers: tuple[str, ...]  # "Prof. Name (Affiliation)", in the session's order
    # False: the session has no public materials (no need to look for them, ``ical.py``).
    has_materials: bool = True


def speaker_label(title: str, name: str, affiliation: str | None) -> str:
    """How a description names a speaker: "Prof. Malin Lindberg (Luleå University)"."""
    full_name = f"{title} {name}".strip()
    return f"{full_name} ({affiliation})" if affiliation else full_name


def event_item(event: Event, lang: str) -> EventItem:
    """The record of a loaded ``Event`` (its venue, series, contact and organisers)."""
    venue = event.venue
    contact = event.contact_person
    return EventItem(
        id=event.id,
        uid_host=event.uid_host,
        slug=event.slug,
        title=translated(event, "title", lang),
        summary=translated(event, "summary", lang),
        status=event.status,
        cancellation_note=event.cancellation_note,
        timezone=event.timezone,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        created_at=event.created_at,
        updated_at=event.updated_at,
        sequence=event.sequence,
        organisers=tuple(
            (role.organisation.name, role.organisation.short_name) for role in event.organisers
        ),
        series_name=translated(event.series, "name", lang) if event.series is not None else None,
        venue=None
        if venue is None
        else VenueItem(
            translated(venue, "name", lang),
            venue.address,
            venue.city,
            venue.latitude,
            venue.longitude,
        ),
        contact=None if contact is None else (contact.email, contact.name),
    )


def session_item(session: Session, event: EventItem, lang: str) -> SessionItem:
    """The record of a loaded ``Session`` (its room and speakers) of ``event``."""
    room = session.room
    return SessionItem(
        id=session.id,
        uid_host=session.uid_host,
        event=event,
        title=translated(session, "title", lang),
        abstract=translated(session, "abstract", lang),
        kind=session.kind,
        track=session.track,
        status=session.status,
        sequence=session.sequence,
        created_at=session.created_at,
        updated_at=session.updated_at,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        room_name=translated(room, "name", lang) if room is not None else "",
        speakers=tuple(
            speaker_label(role.person.title, role.person.name, role.person.affiliation_name)
            for role in session.speakers
        ),
    )
