"""What each feed holds, a cheap validator per feed, and loading in a fixed number of queries.

A feed is described by a ``FeedScope``: which events (a SQL condition), whether the timetable
comes along, and its calendar properties. ``validator`` answers in ONE query whether anything a
feed shows may have changed (counts and newest change times), so a conditional request is
answered without building the feed; ``load`` reads everything as columns in two queries
(``rows.py``), however many events, sessions or speakers the feed holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Protocol

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, select

from eventapp.calendar import rows
from eventapp.calendar.ical import agenda_shows_event
from eventapp.calendar.items import EventItem, SessionItem
from eventapp.calendar.rows import Agenda
from eventapp.core.db import utcnow
from eventapp.core.translation import reader_language
from eventapp.core.types import EventStatus
from eventapp.core.urls import external_url
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import Event, EventOrganiser, EventSeries, Session, SessionSpeaker
from eventapp.extensions import db

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedScope:
    """One feed: its key (for caches and file names), its events and, optionally, sessions."""

    key: str
    filename: str
    # Built only when the feed is built: a 304 (and a personal agenda) needs none of them.
    page_url: Callable[[], str]
    describe: Callable[[], tuple[str, str]]  # name, description
    events_where: Callable[[], ColumnElement[bool]]
    sessions_where: Callable[[], ColumnElement[bool]] | None = None
    personal: bool = False
    # A personal feed's validator inputs, read with its registration (see ``validator``).
    validator_row: tuple | None = None
    # False for a single session's download: the event is loaded for its details, not shown.
    show_events: bool = True
    # True for feeds of the last ``FEED_PAST_DAYS`` only: at midnight an event may drop out.
    windowed: bool = False


@dataclass(frozen=True)
class Validator:
    """A digest of everything that could change a feed, and the newest change time."""

    digest: str
    last_modified: datetime


def _window_start() -> datetime:
    """Midnight UTC ``FEED_PAST_DAYS`` ago: whole days, so time alone changes a feed once a day
    (the validator includes the day)."""
    today = datetime.combine(utcnow().date(), time(0), UTC)
    return today - timedelta(days=current_app.config["FEED_PAST_DAYS"])


def _public(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return (Event.status != EventStatus.DRAFT) & condition


def site_scope() -> FeedScope:
    """Every public event that ended less than ``FEED_PAST_DAYS`` ago, or later."""
    base = current_app.config["BASE_URL"]
    return FeedScope(
        key="site",
        describe=lambda: (_("All events"), _("Every published event on %(host)s.", host=base)),
        page_url=lambda: external_url("events.event_list"),
        filename="events.ics",
        events_where=lambda: _public(Event.ends_at >= _window_start()),
        windowed=True,
    )


def series_scope(series: EventSeries) -> FeedScope:
    """Every public edition of a series."""
    return FeedScope(
        key=f"series-{series.id}",
        describe=lambda: (series.name, _("Every edition of %(name)s.", name=series.name)),
        page_url=lambda: external_url("events.series", slug=series.slug),
        filename=f"{series.slug}.ics",
        events_where=lambda: _public(Event.series_id == series.id),
    )


def organisation_scope(organisation: Organisation) -> FeedScope:
    """Public events an organisation organises, from ``FEED_PAST_DAYS`` ago onward."""

    def organises():
        return (
            select(EventOrganiser.event_id)
            .where(EventOrganiser.organisation_id == organisation.id)
            .scalar_subquery()
        )

    return FeedScope(
        key=f"organisation-{organisation.id}",
        describe=lambda: (
            organisation.name,
            _("Events organised by %(name)s.", name=organisation.name),
        ),
        page_url=lambda: external_url("directory.organisation", slug=organisation.slug),
        filename=f"{organisation.slug}.ics",
        events_where=lambda: _public(
            Event.id.in_(organises()) & (Event.ends_at >= _window_start())
        ),
        windowed=True,
    )


class EventRef(Protocol):
    """What an event's scope reads of it: an ``Event``, or a row of these columns."""

    id: int
    slug: str
    title: str
    summary: str


def event_scope(event: EventRef, session_id: int | None = None) -> FeedScope:
    """A public event and each session of its timetable (or just one session, to download)."""

    def sessions_where() -> ColumnElement[bool]:
        condition = Session.event_id == event.id
        return condition if session_id is None else condition & (Session.id == session_id)

    return FeedScope(
        key=f"event-{event.id}" + (f"-session-{session_id}" if session_id is not None else ""),
        describe=lambda: (event.title, event.summary or event.title),
        page_url=lambda: external_url("events.event", slug=event.slug),
        filename=f"{event.slug}" + (f"-{session_id}" if session_id is not None else "") + ".ics",
        events_where=lambda: _public(Event.id == event.id),
        sessions_where=sessions_where,
        show_events=session_id is None,
    )


def person_scope(person: Person) -> FeedScope:
    """The sessions a person speaks in (moderates, sits on the panel of), at public events."""

    def speaks_in():
        return (
            select(SessionSpeaker.session_id)
            .where(SessionSpeaker.person_id == person.id)
            .scalar_subquery()
        )

    def in_events():
        return select(Session.event_id).where(Session.id.in_(speaks_in())).scalar_subquery()

    return FeedScope(
        key=f"person-{person.id}",
        describe=lambda: (
            person.name,
            _("Sessions with %(name)s.", name=person.name),
        ),
        page_url=lambda: external_url("directory.person", slug=person.slug),
        filename=f"{person.slug}.ics",
        events_where=lambda: _public(Event.id.in_(in_events())),
        sessions_where=lambda: Session.id.in_(speaks_in()),
        show_events=False,
    )


def registration_scope(agenda: Agenda) -> FeedScope:
    """A participant's agenda (the registration decides what is in it: see ical.py)."""

    def describe() -> tuple[str, str]:
        lang = reader_language()
        title = agenda.event_texts("title", lang)
        return title, agenda.event_texts("summary", lang) or title

    return FeedScope(
        key=f"registration-{agenda.registration_id}",
        describe=describe,
        page_url=lambda: external_url("events.event", slug=agenda.event_slug),
        filename=f"{agenda.event_slug}-agenda.ics",
        events_where=lambda: _public(Event.id == agenda.event_id),
        sessions_where=lambda: rows.chosen_sessions(agenda.registration_id),
        personal=True,
        validator_row=agenda.validator_row,
    )


def validator(scope: FeedScope) -> Validator:
    """Everything that could change the feed's bytes, read in ONE cheap query: the change log
    (count and newest) and the day the window starts; for a personal feed, read with the
    registration (``rows.agenda_by_secret``), its own rows too."""
    if scope.validator_row is not None:
        return _validator(scope, scope.validator_row)
    return _validator(scope, change_log_row())


def change_log_row() -> tuple[int, datetime | str | None]:
    """How many changes were logged, and the newest. This is the whole cost of a 304, so when
    the request has not opened a transaction yet (the site feed) it is one plain DBAPI cursor
    on a pooled connection, past the ORM; otherwise the session's own connection is reused."""
    if db.session().in_transaction():
        count, newest = db.session.connection().exec_driver_sql(CHANGE_LOG_SQL).one()
        return count, newest
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(CHANGE_LOG_SQL)
        count, newest = cursor.fetchone()
        cursor.close()
    finally:
        connection.close()
    return count, newest


CHANGE_LOG_SQL = "SELECT count(id), max(changed_at) FROM feed_changes"


def _validator(scope: FeedScope, row: Sequence[object]) -> Validator:
    times = [_as_utc(value) for value in row if isinstance(value, datetime | str)]
    if scope.windowed:
        # The window moved at midnight and an event may have dropped out: the bytes changed
        # with no change logged, so Last-Modified moves too, or a client sending only
        # If-Modified-Since would keep getting 304 for a feed that changed.
        times.append(_window_start() + timedelta(days=current_app.config["FEED_PAST_DAYS"]))
    newest = max([EPOCH, *times]).replace(microsecond=0)
    text = "|".join(str(value) for value in (scope.key, _window_start().date(), *row))
    return Validator(hashlib.sha256(text.encode()).hexdigest(), newest)


def _as_utc(value: datetime | str) -> datetime:
    # SQLite returns aggregates of timestamps as text; PostgreSQL as aware datetimes.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def load(scope: FeedScope) -> tuple[list[EventItem], list[SessionItem]]:
    """The feed's events and sessions, in the reader's language: two queries at most."""
    lang = reader_language()
    events = rows.event_items(scope.events_where(), lang)
    sessions: list[SessionItem] = []
    if events and scope.sessions_where is not None:
        by_id = {event.id: event for event in events}
        sessions = rows.session_items(scope.sessions_where(), by_id, lang)
    return events, sessions


def load_agenda(agenda: Agenda) -> tuple[EventItem, list[SessionItem]]:
    """A participant's event (even a draft: the agenda is then empty) and the sessions they
    hold a confirmed place in, unless the agenda shows nothing (see ical.agenda_shows_event)."""
    lang = reader_language()
    event = agenda.event(lang)
    sessions: list[SessionItem] = []
    if agenda_shows_event(agenda.status, event.status):
        chosen = rows.chosen_sessions(agenda.registration_id)
        sessions = rows.session_items(chosen, {event.id: event}, lang)
    return event, sessions
