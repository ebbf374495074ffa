"""The grid's sessions as rows formatted once: what a block and a list row print.

The organiser's 200-session timetable loaded sessions, rooms, speakers and people as ORM objects
(about 800) and then formatted each session's times, labels and links in the template, twice (its
block and its list row): two ``select``s of the columns the page shows and one pass that formats
each row once cost a fraction of that. The public grid formats the sessions the event page has
loaded already the same way, so one macro draws both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import Select, bindparam, select

from eventapp.core.i18n import current_language
from eventapp.core.timefmt import clock_time, zone
from eventapp.core.translation import marked, translated
from eventapp.core.types import SessionKind, SessionStatus, SpeakerRole
from eventapp.directory.models import Person
from eventapp.events.labels import translated_labels
from eventapp.events.models import Event, Room, Session, SessionSpeaker
from eventapp.extensions import db

#: Stands in for a session's id in the one ``url_for`` per action and page.
_ID = 987654321


@dataclass(slots=True)
class GridRoom:
    """A room column's room: its own name (the columns' order), and the heading that prints
    it (in the reader's language on the public page)."""

    id: int
    name: str
    name_html: Markup


@dataclass(slots=True)
class GridSession:
    """A session as the grid lays it out and prints it."""

    id: int
    kind: SessionKind
    starts_at: datetime
    ends_at: datetime
    #: The naive wall-clock times in the event's zone (the layout's slots, the script's data).
    starts: datetime
    ends: datetime
    room_id: int | None
    room: GridRoom | None
    is_cancelled: bool
    title: str
    title_html: Markup
    #: Where the block's title links: the session's edit page, or its row on the event page.
    href: str
    when: str  # "09:00–09:20"
    kind_label: str
    speaker_names: str  # "Ada Lovelace, Alan Turing"
    speaker_line: str  # with the roles other than speaker: "Ada Lovelace (Chair), Alan Turing"


@dataclass(slots=True)
class EditableSession(GridSession):
    """A session of the organiser's grid, with its list row's actions."""

    starts_iso: str  # "2026-09-01T09:00", the wall-clock minute the script computes with
    ends_iso: str
    move_label: str  # the grip's name for a screen reader
    move_url: str
    status_url: str  # cancel, or reinstate a cancelled one
    delete_url: str


class _Page:
    """What every row of one page shares: the zone, the reader's locale, translated labels."""

    def __init__(self, event: Event) -> None:
        self.where = zone(event.timezone)
        self.locale = str(get_locale() or current_language())
        self.kinds = translated_labels("session_kind_label")
        self.roles = translated_labels("speaker_role_label")

    def fields(
        self,
        starts_at: datetime,
        ends_at: datetime,
        kind: SessionKind,
        speakers: Iterable[tuple[str, SpeakerRole]],
    ) -> dict:
        start, end = starts_at.astimezone(self.where), ends_at.astimezone(self.where)
        people = list(speakers)
        return {
            "kind": kind,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "starts": start.replace(tzinfo=None),
            "ends": end.replace(tzinfo=None),
            "when": f"{clock_time(start, self.locale)}–{clock_time(end, self.locale)}",
            "kind_label": self.kinds.get(kind, kind),
            "speaker_names": ", ".join(name for name, _role in people),
            "speaker_line": ", ".join(
                name if role == SpeakerRole.SPEAKER else f"{name} ({self.roles.get(role, role)})"
                for name, role in people
            ),
        }


@lru_cache(maxsize=1)
def _sessions_statement() -> Select:
    """Built once (as the event page's ``timetable_rows`` statements)."""
    return (
        select(
            Session.id,
            Session.kind,
            Session.title,
            Session.starts_at,
            Session.ends_at,
            Session.status,
            Session.room_id,
            Room.name,
        )
        .outerjoin(Room, Room.id == Session.room_id)
        .where(Session.event_id == bindparam("event_id"))
        .order_by(Session.starts_at, Session.id)
    )


@lru_cache(maxsize=1)
def _speakers_statement() -> Select:
    return (
        select(SessionSpeaker.session_id, Person.name, SessionSpeaker.role)
        .join(Person, Person.id == SessionSpeaker.person_id)
        .join(Session, Session.id == SessionSpeaker.session_id)
        .where(Session.event_id == bindparam("event_id"))
        .order_by(SessionSpeaker.session_id, SessionSpeaker.position)
    )


def _path(endpoint: str, slug: str) -> str:
    """The endpoint's URL for any session of the event: ``str.format`` it with the id."""
    return url_for(endpoint, slug=slug, session_id=_ID).replace(str(_ID), "{}")


def room_of(room_id: int, name: str) -> GridRoom:
    """A room as the organiser's pages name it (the name as typed)."""
    return GridRoom(room_id, name, escape(name))


def organiser_sessions(event: Event) -> list[EditableSession]:
    """The event's sessions in time order, cancelled ones too, read as columns (2 queries)."""
    page = _Page(event)
    params = {"event_id": event.id}
    speakers: dict[int, list[tuple[str, SpeakerRole]]] = defaultdict(list)
    for session_id, name, role in db.session.execute(_speakers_statement(), params):
        speakers[session_id].append((name, role))
    edit, move = _path("manage.edit_session", event.slug), _path("manage.move_session", event.slug)
    cancel = _path("manage.cancel_session", event.slug)
    reinstate = _path("manage.reinstate_session", event.slug)
    delete = _path("manage.delete_session", event.slug)
    move_label = _("Move “%(title)s”, %(time)s")
    rooms: dict[int, GridRoom] = {}
    rows = []
    for id_, kind, title, starts_at, ends_at, status, room_id, room_name in db.session.execute(
        _sessions_statement(), params
    ):
        room = None
        if room_id is not None:
            room = rooms.get(room_id) or rooms.setdefault(room_id, room_of(room_id, room_name))
        cancelled = status == SessionStatus.CANCELLED
        fields = page.fields(starts_at, ends_at, kind, speakers.get(id_, ()))
        rows.append(
            EditableSession(
                id=id_,
                room_id=room_id,
                room=room,
                is_cancelled=cancelled,
                title=title,
                title_html=escape(title),
                href=edit.format(id_),
                starts_iso=fields["starts"].isoformat(timespec="minutes"),
                ends_iso=fields["ends"].isoformat(timespec="minutes"),
                move_label=move_label % {"title": title, "time": fields["when"]},
                move_url=move.format(id_),
                status_url=(reinstate if cancelled else cancel).format(id_),
                delete_url=delete.format(id_),
                **fields,
            )
        )
    return rows


def public_sessions(event: Event) -> list[GridSession]:
    """The sessions the event page has loaded, in the reader's language (no query)."""
    page = _Page(event)
    language = current_language()
    rooms: dict[int, GridRoom] = {}
    rows = []
    for session in event.sessions:
        room = None
        if session.room is not None:
            room = rooms.get(session.room.id)
            if room is None:  # the columns in the order of the rooms' own names
                heading = marked(translated(session.room, "name"), language)
                room = rooms[session.room.id] = GridRoom(
                    session.room.id, session.room.name, heading
                )
        people = ((s.person.name, s.role) for s in session.speakers)
        title = translated(session, "title")
        rows.append(
            GridSession(
                id=session.id,
                room_id=session.room_id,
                room=room,
                is_cancelled=session.is_cancelled,
                title=title,
                title_html=marked(title, language),
                href=f"#session-{session.id}",
                **page.fields(session.starts_at, session.ends_at, session.kind, people),
            )
        )
    return rows
