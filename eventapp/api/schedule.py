"""An event's programme as conference apps see it: days, rooms, talks, with stable GUIDs.

``programme`` is pure (models in, dataclasses out): ``frab.py`` writes it as schedule.xml and
``c3voc.py`` as schedule.json. GUIDs are uuid5 in the URL namespace of the object's address on
this site (``<BASE_URL>/sessions/<id>``): the same talk keeps its GUID through every export,
rename and reschedule, which is what apps (and c3nav) key their favourites and rooms on.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from slugify import slugify

from eventapp.core.slugs import slug_from
from eventapp.core.timefmt import to_zone
from eventapp.events.models import Event, Session


def guid(base_url: str, kind: str, ident: int | str) -> str:
    """The stable GUID of object ``kind``/``ident`` on the site at ``base_url``."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url}/{kind}/{ident}"))


@dataclass(frozen=True)
class Speaker:
    id: int
    guid: str
    name: str
    biography: str
    role: str


@dataclass(frozen=True)
class Talk:
    """One session of the programme."""

    id: int
    guid: str
    slug: str
    title: str
    kind: str
    track: str
    abstract: str
    room: str
    start: datetime  # in the event's zone
    duration: timedelta
    language: str
    url: str
    speakers: list[Speaker]


@dataclass
class Day:
    index: int
    date: date
    start: datetime
    end: datetime
    rooms: dict[str, list[Talk]] = field(default_factory=dict)


@dataclass(frozen=True)
class RoomInfo:
    name: str
    guid: str
    capacity: int | None


@dataclass(frozen=True)
class Programme:
    title: str
    acronym: str
    version: str
    timezone: str
    start: date
    end: date
    url: str
    base_url: str
    rooms: list[RoomInfo]
    days: list[Day]


def acronym(slug: str) -> str:
    """The event's slug as c3voc's acronym pattern wants it (``[a-z0-9_]``, four or more)."""
    text = slugify(slug, separator="_") or "event"
    return text if len(text) >= 4 else text.ljust(4, "_")


def hh_mm(duration: timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _talk(session: Session, event: Event, base_url: str, page_url: str, room: str) -> Talk:
    speakers = [
        Speaker(
            id=sp.person.id,
            guid=guid(base_url, "people", sp.person.id),
            name=sp.person.name,
            biography=sp.person.bio,
            role=sp.role.value,
        )
        for sp in session.speakers
    ]
    title_slug = slug_from(session.title, max_length=60)
    return Talk(
        id=session.id,
        guid=guid(base_url, "sessions", session.id),
        slug="-".join(part for part in (acronym(event.slug), str(session.id), title_slug) if part),
        title=session.title,
        kind=session.kind.value,
        track=session.track,
        abstract=session.abstract,
        room=room,
        start=to_zone(session.starts_at, event.timezone),
        duration=session.ends_at - session.starts_at,
        language=event.language,
        url=f"{page_url}#session-{session.id}",
        speakers=speakers,
    )


def _version(event: Event, sessions: list[Session]) -> str:
    """Changes whenever the programme does: the newest change of the event or a session."""
    newest = max([event.updated_at, *(s.updated_at for s in sessions)])
    return newest.strftime("%Y-%m-%d %H:%M:%S")


def programme(event: Event, base_url: str, page_url: str) -> Programme:
    """The public programme of ``event``: its scheduled sessions by local day and room."""
    zone = event.timezone
    sessions = [s for s in event.sessions if not s.is_cancelled]
    fallback_room = event.venue.name if event.venue is not None else event.title
    first = to_zone(event.starts_at, zone).date()
    last = max(
        [
            to_zone(event.ends_at, zone).date(),
            *(to_zone(s.starts_at, zone).date() for s in sessions),
        ]
    )
    days: list[Day] = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        midnight = datetime.combine(day, datetime.min.time(), to_zone(event.starts_at, zone).tzinfo)
        days.append(Day(offset + 1, day, midnight, midnight + timedelta(days=1)))
    rooms: dict[str, RoomInfo] = {}
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.id)):
        name = session.room.name if session.room is not None else fallback_room
        ident: int | str = session.room.id if session.room is not None else f"event-{event.id}"
        rooms.setdefault(
            name,
            RoomInfo(
                name,
                guid(base_url, "rooms", ident),
                session.room.capacity if session.room else None,
            ),
        )
        talk = _talk(session, event, base_url, page_url, name)
        today = days[(talk.start.date() - first).days]
        today.rooms.setdefault(name, []).append(talk)
    for day in days:  # a day runs from its first talk to its last, when it has talks
        talks = [t for room in day.rooms.values() for t in room]
        if talks:
            day.start = min(t.start for t in talks)
            day.end = max(t.start + t.duration for t in talks)
    return Programme(
        title=event.title,
        acronym=acronym(event.slug),
        version=_version(event, sessions),
        timezone=zone,
        start=first,
        end=last,
        url=page_url,
        base_url=base_url,
        rooms=list(rooms.values()),
        days=days,
    )
