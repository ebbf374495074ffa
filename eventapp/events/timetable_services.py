"""The timetable editor's services: sessions, speakers, rooms, and the conflicts refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.auth.rights import require_event_manager
from eventapp.core.db import lock_row, transaction
from eventapp.core.errors import DomainError, NotFound
from eventapp.core.slugs import slug_from
from eventapp.core.timefmt import local_time, to_zone
from eventapp.core.translation import assign_texts
from eventapp.core.types import EventStatus, SessionStatus, SpeakerRole
from eventapp.directory.models import Person
from eventapp.events.changes import (
    SESSION_VISIBLE,
    apply_sequence,
    bump,
    changed_fields,
    snapshot,
)
from eventapp.events.models import Event, Room, Session, SessionSpeaker
from eventapp.extensions import db
from eventapp.manage import audit
from eventapp.registration.notify import notify_session_changed
from eventapp.registration.services import promote_waitlist

#: What a participant who chose a session is written to about: when, where, whether it happens.
PARTICIPANT_VISIBLE = {"starts_at", "ends_at", "room_id", "status"}

SESSION_FIELDS = (
    "kind",
    "title",
    "abstract",
    "starts_at",
    "ends_at",
    "room_id",
    "track",
    "selectable",
    "capacity",
    "translations",
)


class TimetableConflict(DomainError):
    """A session clashes; ``problems`` maps form fields to messages naming the clash."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        super().__init__("; ".join(m for messages in problems.values() for m in messages))
        self.problems = problems

    def by_field(self) -> dict[str | None, list[str]]:
        return dict(self.problems)


@dataclass
class SpeakerEntry:
    """A speaker row: an existing person, or a name to create a person from."""

    person_id: int | None
    new_name: str
    role: SpeakerRole
    position: int


@dataclass
class SessionData:
    values: dict[str, Any]
    speakers: list[SpeakerEntry] = field(default_factory=list)
    new_room: str = ""


def get_session(user: User, event: Event, session_id: int) -> Session:
    """A session of ``event`` the user may edit: 404 if it belongs elsewhere."""
    require_event_manager(user, event)
    session = db.session.get(Session, session_id)
    if session is None or session.event_id != event.id:
        raise NotFound(_("No such session."))
    return session


def timetable(user: User, event: Event) -> list[Session]:
    """The event's sessions with rooms and speakers (a fixed number of queries)."""
    require_event_manager(user, event)
    stmt = (
        select(Session)
        .where(Session.event_id == event.id)
        .options(
            selectinload(Session.room).load_only(Room.name),
            selectinload(Session.speakers)
            .load_only(SessionSpeaker.role, SessionSpeaker.position)
            .selectinload(SessionSpeaker.person)
            .load_only(Person.name),
        )
        .order_by(Session.starts_at, Session.id)
    )
    return list(db.session.execute(stmt).scalars())


def _span(event: Event, starts: datetime, ends: datetime) -> str:
    return f"{local_time(starts, event.timezone)}–{local_time(ends, event.timezone)}"


def find_conflicts(
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    room_id: int | None,
    person_ids: list[int],
    exclude_id: int | None = None,
) -> dict[str, list[str]]:
    """Clashes of a planned session by form field: outside the event's days, room or speaker
    double-booked (each message names the other session)."""
    if ends_at <= starts_at:
        return {"ends_at": [_("The end must be after the start.")]}
    overlapping = _overlapping(starts_at, ends_at, exclude_id)
    problems = {
        "starts_at": _outside_event_days(event, starts_at, ends_at),
        "room_id": _room_clashes(event, overlapping, room_id),
        "speakers": _speaker_clashes(event, overlapping, person_ids),
    }
    return {name: messages for name, messages in problems.items() if messages}


def _overlapping(starts_at: datetime, ends_at: datetime, exclude_id: int | None) -> Select:
    """Scheduled sessions of events not cancelled that overlap the span."""
    stmt = (
        select(Session)
        .join(Session.event)
        .where(
            Session.starts_at < ends_at,
            Session.ends_at > starts_at,
            Session.status == SessionStatus.SCHEDULED,
            Event.status != EventStatus.CANCELLED,
        )
        .options(selectinload(Session.room), selectinload(Session.event))
    )
    return stmt if exclude_id is None else stmt.where(Session.id != exclude_id)


def _outside_event_days(event: Event, starts_at: datetime, ends_at: datetime) -> list[str]:
    first = to_zone(event.starts_at, event.timezone).date()
    last = to_zone(event.ends_at, event.timezone).date()
    start_day = to_zone(starts_at, event.timezone).date()
    end_day = to_zone(ends_at - timedelta(microseconds=1), event.timezone).date()
    if first <= start_day and end_day <= last:
        return []
    message = _(
        "The session is outside the event's days (%(first)s to %(last)s).",
        first=first.isoformat(),
        last=last.isoformat(),
    )
    return [message]


def _room_clashes(event: Event, overlapping: Select, room_id: int | None) -> list[str]:
    if room_id is None:
        return []
    others = db.session.execute(overlapping.where(Session.room_id == room_id)).scalars()
    return [
        _(
            "%(room)s is already used by “%(title)s” (%(event)s, %(time)s).",
            room=other.room.name if other.room else "",
            title=other.title,
            event=other.event.title,
            time=_span(event, other.starts_at, other.ends_at),
        )
        for other in others
    ]


def _speaker_clashes(event: Event, overlapping: Select, person_ids: list[int]) -> list[str]:
    if not person_ids:
        return []
    stmt = (
        select(SessionSpeaker)
        .join(SessionSpeaker.session)
        .where(
            SessionSpeaker.person_id.in_(person_ids),
            Session.id.in_(overlapping.with_only_columns(Session.id)),
        )
        .options(selectinload(SessionSpeaker.person), selectinload(SessionSpeaker.session))
    )
    return [
        _(
            "%(person)s already speaks at “%(title)s” (%(time)s) at that time.",
            person=row.person.name,
            title=row.session.title,
            time=_span(event, row.session.starts_at, row.session.ends_at),
        )
        for row in db.session.execute(stmt).scalars()
    ]


def _room_id(event: Event, data: SessionData) -> int | None:
    """The chosen room, or a new room of the event's venue created on the spot."""
    name = data.new_room.strip()
    if not name:
        return data.values.get("room_id")
    if event.venue_id is None:
        raise TimetableConflict({"new_room": [_("Choose the event's venue first.")]})
    room = db.session.execute(
        select(Room).where(Room.venue_id == event.venue_id, Room.name == name)
    ).scalar_one_or_none()
    if room is None:
        room = Room(venue_id=event.venue_id, name=name)
        db.session.add(room)
        db.session.flush()
    return room.id


def _person_id(entry: SpeakerEntry) -> int | None:
    if entry.person_id:
        return entry.person_id
    name = entry.new_name.strip()
    if not name:
        return None
    base = slug_from(name, max_length=100) or "person"
    slug, n = base, 2
    while db.session.execute(select(Person.id).where(Person.slug == slug)).first():
        slug, n = f"{base}-{n}", n + 1
    person = Person(name=name, slug=slug)
    db.session.add(person)
    db.session.flush()
    return person.id


def _apply(user: User, event: Event, session: Session, data: SessionData) -> dict[str, Any]:
    values = dict(data.values)
    values["room_id"] = _room_id(event, data)
    speakers: list[tuple[int, SpeakerRole, int]] = []
    for entry in sorted(data.speakers, key=lambda e: e.position):
        pid = _person_id(entry)
        if pid is not None and pid not in {s[0] for s in speakers}:
            speakers.append((pid, entry.role, entry.position))
    problems = find_conflicts(
        event,
        values["starts_at"],
        values["ends_at"],
        values["room_id"],
        [pid for pid, _r, _p in speakers],
        exclude_id=session.id,
    )
    if problems:
        raise TimetableConflict(problems)
    before = snapshot(session, SESSION_FIELDS)
    assign_texts(session, {name: values[name] for name in SESSION_FIELDS if name in values})
    old = [(s.person_id, s.role.value) for s in session.speakers]
    current = {s.person_id: s for s in session.speakers}
    wanted = {pid for pid, _r, _p in speakers}
    for pid, row in current.items():
        if pid not in wanted:
            session.speakers.remove(row)
    for position, (pid, role, _p) in enumerate(speakers):
        row = current.get(pid)
        if row is None:
            row = SessionSpeaker(person_id=pid)
            session.speakers.append(row)
        row.role, row.position = role, position
    changes = changed_fields(session, before)
    new = [(pid, role.value) for pid, role, _p in speakers]
    if new != old:
        changes["speakers"] = [old, new]
    return changes


def add_session(user: User, event: Event, data: SessionData) -> Session:
    """Add a session to the timetable, refusing clashes."""
    require_event_manager(user, event)
    session = Session(
        event_id=event.id, title=data.values.get("title", ""), original_language=event.language
    )
    with transaction():
        _apply(user, event, session, data)
        db.session.add(session)
        db.session.flush()
        audit.record(event, user, "session.added", session.title)
    return session


def update_session(user: User, event: Event, session: Session, data: SessionData) -> bool:
    """Edit a session; True when subscribers will see the change (SEQUENCE bumped)."""
    require_event_manager(user, event)
    with transaction():
        lock_row(Event, event.id)  # a raised capacity promotes under the registrations' lock
        before = snapshot(session, SESSION_VISIBLE)
        with db.session.no_autoflush:
            changes = _apply(user, event, session, data)
        visible = apply_sequence(session, before, SESSION_VISIBLE)
        if "speakers" in changes and not visible:
            bump(session)  # the speakers are in the session's DESCRIPTION
            visible = True
        if changes:
            audit.record(event, user, "session.updated", session.title, changes)
        if "capacity" in changes:
            promote_waitlist(event)  # a session place freed goes to its waiting list
        if PARTICIPANT_VISIBLE & changes.keys():
            notify_session_changed(session)
    return visible


def move_session(
    user: User, event: Event, session: Session, starts_at: datetime, room_id: int | None
) -> None:
    """Move a session to a new start (same length) and room, refusing clashes."""
    require_event_manager(user, event)
    length = session.ends_at - session.starts_at
    data = SessionData(
        values={"starts_at": starts_at, "ends_at": starts_at + length, "room_id": room_id},
        speakers=[SpeakerEntry(s.person_id, "", s.role, s.position) for s in session.speakers],
    )
    update_session(user, event, session, data)


def set_session_status(user: User, event: Event, session: Session, status: SessionStatus) -> None:
    """Cancel a session (it stays in the timetable, struck through) or reinstate it."""
    require_event_manager(user, event)
    if status == SessionStatus.SCHEDULED and session.status != status:
        problems = find_conflicts(
            event,
            session.starts_at,
            session.ends_at,
            session.room_id,
            [s.person_id for s in session.speakers],
            exclude_id=session.id,
        )
        if problems:
            raise TimetableConflict(problems)
    before = snapshot(session, SESSION_VISIBLE)
    session.status = status
    if apply_sequence(session, before, SESSION_VISIBLE):
        action = "session.cancelled" if status == SessionStatus.CANCELLED else "session.reinstated"
        audit.record(event, user, action, session.title)
        notify_session_changed(session)
    db.session.commit()


def delete_session(user: User, event: Event, session: Session) -> None:
    """Remove a session (and the participants' choices of it) for good."""
    require_event_manager(user, event)
    title = session.title
    db.session.delete(session)
    audit.record(event, user, "session.deleted", title)
    db.session.commit()
