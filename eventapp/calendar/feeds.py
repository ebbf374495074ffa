"""What each feed holds, a cheap validator per feed, and loading in a fixed number of queries.

A feed is described by a ``FeedScope``: which events (a SQL condition), whether the timetable
comes along, and its calendar properties. ``validator`` answers in ONE query whether anything a
feed shows may have changed (counts and newest change times), so a conditional request is
answered without building the feed; ``load`` fetches everything with eager loading, so the
number of queries does not grow with the number of events, sessions or speakers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import joinedload, load_only, selectinload

from eventapp.calendar.models import FeedChange
from eventapp.core.db import utcnow
from eventapp.core.types import ChoiceStatus, EventStatus
from eventapp.core.urls import external_url
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import (
    Event,
    EventOrganiser,
    EventSeries,
    Session,
    SessionSpeaker,
)
from eventapp.extensions import db
from eventapp.registration.models import Registration, RegistrationChoice


def event_options() -> tuple:
    """Eager loading of what an event's VEVENT shows (built per call: mappers configure late)."""
    return (
        # Only what the generator reads: registration settings (JSON and all) stay unloaded.
        load_only(
            Event.id,
            Event.slug,
            Event.title,
            Event.summary,
            Event.language,
            Event.translations,
            Event.status,
            Event.timezone,
            Event.starts_at,
            Event.ends_at,
            Event.sequence,
            Event.uid_host,
            Event.cancellation_note,
            Event.created_at,
            Event.updated_at,
            Event.series_id,
            Event.venue_id,
            Event.contact_person_id,
        ),
        joinedload(Event.venue),
        joinedload(Event.series),
        joinedload(Event.contact_person),
        selectinload(Event.organisers).joinedload(EventOrganiser.organisation),
    )


def session_options() -> tuple:
    """Eager loading of what a session's VEVENT shows: room, speakers and their affiliations."""
    return (
        joinedload(Session.room),
        selectinload(Session.speakers)
        .joinedload(SessionSpeaker.person)
        .joinedload(Person.affiliation),
    )


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedScope:
    """One feed: its key (for caches and file names), its events and, optionally, sessions."""

    key: str
    page_url: str
    filename: str
    # Built only when the feed is built: a 304 needs none of them.
    describe: Callable[[], tuple[str, str]]  # name, description
    events_where: Callable[[], ColumnElement[bool]]
    sessions_where: Callable[[], ColumnElement[bool]] | None = None
    personal: bool = False
    registration: Registration | None = None
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
        page_url=external_url("events.event_list"),
        filename="events.ics",
        events_where=lambda: _public(Event.ends_at >= _window_start()),
        windowed=True,
    )


def series_scope(series: EventSeries) -> FeedScope:
    """Every public edition of a series."""
    return FeedScope(
        key=f"series-{series.id}",
        describe=lambda: (series.name, _("Every edition of %(name)s.", name=series.name)),
        page_url=external_url("events.series", slug=series.slug),
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
        page_url=external_url("directory.organisation", slug=organisation.slug),
        filename=f"{organisation.slug}.ics",
        events_where=lambda: _public(
            Event.id.in_(organises()) & (Event.ends_at >= _window_start())
        ),
        windowed=True,
    )


def event_scope(event: Event, session_id: int | None = None) -> FeedScope:
    """A public event and each session of its timetable (or just one session, to download)."""

    def sessions_where() -> ColumnElement[bool]:
        condition = Session.event_id == event.id
        return condition if session_id is None else condition & (Session.id == session_id)

    return FeedScope(
        key=f"event-{event.id}" + (f"-session-{session_id}" if session_id is not None else ""),
        describe=lambda: (event.title, event.summary or event.title),
        page_url=external_url("events.event", slug=event.slug),
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
        page_url=external_url("directory.person", slug=person.slug),
        filename=f"{person.slug}.ics",
        events_where=lambda: _public(Event.id.in_(in_events())),
        sessions_where=lambda: Session.id.in_(speaks_in()),
        show_events=False,
    )


def registration_scope(registration: Registration) -> FeedScope:
    """A participant's agenda (the registration decides what is in it: see ical.py)."""
    event = registration.event

    def chosen():
        return (
            select(RegistrationChoice.session_id)
            .where(RegistrationChoice.registration_id == registration.id)
            .where(RegistrationChoice.status == ChoiceStatus.CONFIRMED)
            .scalar_subquery()
        )

    return FeedScope(
        key=f"registration-{registration.id}",
        describe=lambda: (event.title, event.summary or event.title),
        page_url=external_url("events.event", slug=event.slug),
        filename=f"{event.slug}-agenda.ics",
        events_where=lambda: _public(Event.id == event.id),
        sessions_where=lambda: Session.id.in_(chosen()),
        personal=True,
        registration=registration,
    )


def validator(scope: FeedScope) -> Validator:
    """Everything that could change the feed's bytes, read in ONE cheap query: the change log
    (count and newest), the day the window starts, and for a personal feed its own rows."""
    if scope.registration is None:
        row = change_log_row()
        return _validator(scope, row)
    registration_id = scope.registration.id
    choices = RegistrationChoice.registration_id == registration_id
    columns = [
        func.count(FeedChange.id),
        func.max(FeedChange.changed_at),
        select(Registration.updated_at).where(Registration.id == registration_id).scalar_subquery(),
        select(func.count()).select_from(RegistrationChoice).where(choices).scalar_subquery(),
        select(func.max(RegistrationChoice.created_at)).where(choices).scalar_subquery(),
    ]
    row = db.session.execute(select(*columns).select_from(FeedChange)).one()
    return _validator(scope, row)


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


def load(scope: FeedScope) -> tuple[list[Event], list[Session]]:
    """The feed's events and sessions with everything the generator reads, eagerly loaded."""
    events = list(
        db.session.scalars(
            select(Event)
            .where(scope.events_where())
            .options(*event_options())
            .order_by(Event.starts_at, Event.id)
        ).unique()
    )
    sessions: list[Session] = []
    if events and scope.sessions_where is not None:
        sessions = list(
            db.session.scalars(
                select(Session)
                .where(scope.sessions_where())
                .where(Session.event_id.in_([e.id for e in events]))
                .options(*session_options())
                .order_by(Session.starts_at, Session.id)
            ).unique()
        )
    return events, sessions


def load_registration(registration_id: int) -> Registration:
    """A registration with its event and chosen sessions, everything the agenda shows."""
    event_path = joinedload(Registration.event)
    session_path = selectinload(Registration.choices).joinedload(RegistrationChoice.session)
    stmt = (
        select(Registration)
        .where(Registration.id == registration_id)
        .options(
            event_path.joinedload(Event.venue),
            event_path.joinedload(Event.series),
            event_path.joinedload(Event.contact_person),
            event_path.selectinload(Event.organisers).joinedload(EventOrganiser.organisation),
            session_path.joinedload(Session.room),
            session_path.selectinload(Session.speakers)
            .joinedload(SessionSpeaker.person)
            .joinedload(Person.affiliation),
        )
        .execution_options(populate_existing=True)
    )
    return db.session.scalars(stmt).unique().one()
