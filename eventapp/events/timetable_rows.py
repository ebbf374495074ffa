"""The public timetable read as columns and formatted once: what the event page prints per row.

A 200-session programme loaded as ORM objects (sessions, rooms, speakers, people and their
organisations: about 700 objects) cost three times the rest of the page; two ``select``s of the
columns a row shows cost a tenth of that. Each row's times, labels and links are formatted here
in one pass (the reader's language, the zone's offsets and the feed's path looked up once per
page, not once per row), so the template only prints them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import groupby
from typing import Any

from flask import url_for
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import Select, bindparam, cast, select
from sqlalchemy import Text as Text_

from eventapp.core.db import read_columns
from eventapp.core.i18n import current_language
from eventapp.core.timefmt import clock_time, zone
from eventapp.core.translation import Text, marked, pick_translated, translation_in
from eventapp.core.types import SessionStatus
from eventapp.directory.models import Organisation, Person
from eventapp.events.labels import translated_labels
from eventapp.events.models import Event, Room, Session, SessionSpeaker

NO_TEXT = Text("", "en")


@dataclass(slots=True)
class SpeakerLine:
    """A speaker as a row lists them."""

    url: str
    name: str
    role: str
    affiliation: str


@dataclass(slots=True)
class TimetableRow:
    """One session of the timetable, every text ready to print."""

    id: int
    #: ``session-<id>``: the row's anchor, its title's id is this and ``-title``.
    anchor: str
    is_cancelled: bool
    starts_at: datetime
    ends_at: datetime
    start_iso: str
    end_iso: str
    start_time: str
    end_time: str
    start_zone: str
    end_zone: str
    kind: str
    track: str
    title: Text
    title_html: Markup | Text
    abstract: Text
    room: Text | None
    room_html: Markup
    speakers: tuple[SpeakerLine, ...]
    #: The row's .ics, relative to the event page (``calendar.ics?session=…``).
    download: str
    #: The room's own name, for the web calendars' location (``static/js/calendar.js``).
    room_name: str


@dataclass
class TimetableRowsDay:
    """The rows of one local day of an event."""

    day: date
    sessions: list[TimetableRow]


@lru_cache(maxsize=1)
def _speakers_statement() -> Select:
    """Built once: building the two statements cost as much as running them."""
    return (
        select(
            SessionSpeaker.session_id,
            SessionSpeaker.role,
            Person.slug,
            Person.title,
            Person.name,
            Person.affiliation_text,
            Organisation.name,
        )
        .join(Person, Person.id == SessionSpeaker.person_id)
        .outerjoin(Organisation, Organisation.id == Person.affiliation_id)
        .join(Session, Session.id == SessionSpeaker.session_id)
        .where(Session.event_id == bindparam("event_id"))
        .order_by(SessionSpeaker.session_id, SessionSpeaker.position)
    )


@lru_cache(maxsize=4)
def _sessions_statement(language: str) -> Select:
    """The sessions in time order with their rooms and their texts in ``language`` (see
    ``_speakers_statement``; one statement per language)."""
    return (
        select(
            Session.id,
            Session.kind,
            Session.title,
            Session.abstract,
            Session.starts_at,
            Session.ends_at,
            Session.track,
            Session.status,
            Session.original_language,
            translation_in(Session.translations, language, "title"),
            translation_in(Session.translations, language, "abstract"),
            Session.room_id,
            Room.name,
            Room.original_language,
            translation_in(Room.translations, language, "name"),
        )
        .outerjoin(Room, Room.id == Session.room_id)
        .where(Session.event_id == bindparam("event_id"))
        .order_by(Session.starts_at, Session.id)
    )


def _speaker_lines(event_id: int) -> dict[int, list[SpeakerLine]]:
    roles = translated_labels("speaker_role_label")
    person_path = url_for("directory.person", slug="-slug-").replace("-slug-", "{}")
    rows = read_columns(_speakers_statement(), {"event_id": event_id}).all()
    lines: dict[int, list[SpeakerLine]] = defaultdict(list)
    for session_id, role, slug, title, name, affiliation_text, organisation in rows:
        lines[session_id].append(
            SpeakerLine(
                person_path.format(slug),
                f"{title} {name}".strip(),
                roles.get(role, role),
                organisation if organisation is not None else affiliation_text,
            )
        )
    return lines


def as_text(column: Any, name: str) -> Any:
    """A JSON column read as its text: most rows are shown in their original language, and
    parsing 400 translation maps nobody reads was a quarter of the rows' time."""
    return cast(column, Text_).label(name)


def parsed(raw: str | None, original: str | None, language: str) -> dict | None:
    """The translations of a row read by ``as_text``, parsed only when the reader needs them."""
    if not raw or language == (original or "en") or raw == "{}":
        return None
    return json.loads(raw)


def timetable_rows(event: Event) -> list[TimetableRow]:
    """The event's sessions in time order, each formatted for the reader."""
    language = current_language()
    locale = str(get_locale() or language)
    tz = event.timezone
    where = zone(tz)
    kinds = translated_labels("session_kind_label")
    speakers = _speaker_lines(event.id)
    # Relative to /events/<slug>/ (the page's own URL): 200 rows need not repeat the path.
    feed = url_for("calendar.event_feed", slug=event.slug).rsplit("/", 1)[1]
    download = feed + "?session={}&download=1"
    rooms: dict[int, tuple[Text, Markup]] = {}  # each room translated and marked once
    rows = read_columns(_sessions_statement(language), {"event_id": event.id}).all()
    no_room = (None, Markup(""))
    result = []
    for (
        session_id,
        kind,
        title,
        abstract,
        starts_at,
        ends_at,
        track,
        status,
        original,
        title_translated,
        abstract_translated,
        room_id,
        room_name,
        room_original,
        room_translated,
    ) in rows:
        start, end = starts_at.astimezone(where), ends_at.astimezone(where)
        start_zone, end_zone = start.tzname() or tz, end.tzname() or tz
        title_text = pick_translated(title, original, title_translated, language)
        # In the page's language (most rows) the title prints as it is, else marked with its own.
        title_html = title_text if title_text.lang == language else marked(title_text, language)
        room = None if room_id is None else rooms.get(room_id)
        if room_id is not None and room is None:
            text = pick_translated(room_name, room_original, room_translated, language)
            room = rooms[room_id] = (text, marked(text, language))
        room_text, room_html = room or no_room
        result.append(
            TimetableRow(
                id=session_id,
                anchor=f"session-{session_id}",
                is_cancelled=status == SessionStatus.CANCELLED,
                starts_at=starts_at,
                ends_at=ends_at,
                start_iso=start.isoformat(),
                end_iso=end.isoformat(),
                start_time=clock_time(start, locale),
                end_time=clock_time(end, locale),
                start_zone=start_zone,
                end_zone=end_zone,
                kind=kinds.get(kind, kind),
                track=track or "",
                title=title_text,
                title_html=title_html,
                abstract=pick_translated(abstract, original, abstract_translated, language)
                if abstract or abstract_translated
                else NO_TEXT,
                room=room_text,
                room_html=room_html,
                speakers=tuple(speakers.get(session_id, ())),
                download=download.format(session_id),
                room_name=room_name or "",
            )
        )
    return result


def rooms_of(rows: list[TimetableRow]) -> list[Markup]:
    """The rooms the timetable uses, by name, each marked with its language."""
    rooms = {str(row.room): row.room_html for row in rows if row.room is not None}
    return [rooms[name] for name in sorted(rooms)]


def timetable_row_days(event: Event, rows: list[TimetableRow]) -> list[TimetableRowsDay]:
    """``rows`` grouped by their local day in the event's zone."""
    where = zone(event.timezone)

    def local_day(row: TimetableRow) -> date:
        return row.starts_at.astimezone(where).date()

    return [TimetableRowsDay(day, list(group)) for day, group in groupby(rows, local_day)]
