"""A feed's events and sessions read as columns into records (``items.py``): no ORM objects.

Two queries whatever the feed's size: the events with their venue, series, contact person and
organisers (a row per organiser), and the sessions with their room and speakers (a row per
speaker). The ORM's eager loading took six, and building an object per row, venue, room,
person and organisation, with its JSON translations decoded, cost more than writing the feed.
Every joined table is an alias: a scope's conditions are subqueries on the plain tables
(``feeds.py``), which SQLAlchemy would otherwise correlate with a joined table of that name.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from flask import g
from sqlalchemy import Alias, ColumnElement, Connection, Row, Select, func, select

from eventapp.calendar.blueprint import bp
from eventapp.calendar.items import EventItem, SessionItem, VenueItem, speaker_label
from eventapp.calendar.models import FeedChange
from eventapp.core.translation import pick_text, translation_in
from eventapp.core.types import ChoiceStatus, RegistrationStatus
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import (
    Event,
    EventOrganiser,
    EventSeries,
    Room,
    Session,
    SessionSpeaker,
    Venue,
)
from eventapp.extensions import db
from eventapp.materials.models import Material, Visibility
from eventapp.registration.models import Registration, RegistrationChoice


@cache
def _events_select() -> Select:
    """The events query without its condition: built once (mappers are configured by then),
    as building it costs more than the rest of a personal agenda. Of tables, not of mapped
    classes: the statement's cache key, computed on every execution, then skips the ORM's
    annotations of every column (a third of the statement's cost)."""
    events, series, venue = Event.__table__, _alias(EventSeries), _alias(Venue)
    contact, role, host = _alias(Person), _alias(EventOrganiser), _alias(Organisation)
    e = events.c
    return (
        select(
            e.id,
            e.uid_host,
            e.slug,
            e.title,
            e.summary,
            e.language,
            e.translations,
            e.status,
            e.cancellation_note,
            e.timezone,
            e.starts_at,
            e.ends_at,
            e.created_at,
            e.updated_at,
            e.sequence,
            series.c.id,
            series.c.name,
            series.c.original_language,
            series.c.translations,
            venue.c.id,
            venue.c.name,
            venue.c.original_language,
            venue.c.translations,
            venue.c.address,
            venue.c.city,
            venue.c.latitude,
            venue.c.longitude,
            contact.c.id,
            contact.c.email,
            contact.c.name,
            host.c.name,
            host.c.short_name,
        )
        .select_from(
            events.outerjoin(series, e.series_id == series.c.id)
            .outerjoin(venue, e.venue_id == venue.c.id)
            .outerjoin(contact, e.contact_person_id == contact.c.id)
            .outerjoin(role, role.c.event_id == e.id)
            .outerjoin(host, role.c.organisation_id == host.c.id)
        )
        .order_by(e.starts_at, e.id, role.c.position, role.c.organisation_id)
    )


def _alias(model: type) -> Alias:
    """A model's table under another name (see the module's docstring)."""
    return model.__table__.alias(f"feed_{model.__tablename__}")


EVENT_COLUMNS = 32
NO_ADAPT = {"_result_disable_adapt_to_context": True}
READS = "calendar_feed_reads"


def _execute(stmt: Select) -> Sequence[Row]:
    # Past the ORM's result handling: these are rows of columns read by position. The option
    # is the one the ORM itself sets: a fresh statement need not have its columns matched to
    # the cached compiled one's.
    return _connection().execute(stmt, execution_options=NO_ADAPT).all()


def _connection() -> Connection:
    """The session's connection if the request has begun a transaction; else one autocommit
    connection for the request's feed reads, closed at its end (``close_reads``). Each read is
    one statement, whole in itself (under READ COMMITTED each statement of a transaction has
    its own snapshot anyway), and a personal agenda, never cached, is spared the BEGIN and
    ROLLBACK round trips around its two statements: a 304 becomes one round trip, not three."""
    session = db.session()
    if session.in_transaction():
        return session.connection()
    connection = g.get(READS)
    if connection is None:
        connection = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        setattr(g, READS, connection)
    return connection


@bp.teardown_request
def close_reads(_error: BaseException | None = None) -> None:
    """Give the request's autocommit connection back to the pool."""
    connection = g.pop(READS, None)
    if connection is not None:
        connection.close()


def event_items(where: ColumnElement[bool], lang: str) -> list[EventItem]:
    """The events matching ``where``, in time order, with texts in ``lang``."""
    grouped: dict[int, tuple[tuple, list[tuple[str, str]]]] = {}
    for row in _execute(_events_select().where(where)):
        organisers = grouped.setdefault(row[0], (row, []))[1]
        if row[30] is not None:
            organisers.append((row[30], row[31]))
    return [_event_item(row, organisers, lang) for row, organisers in grouped.values()]


def _event_item(row: tuple, organisers: list[tuple[str, str]], lang: str) -> EventItem:
    (id_, uid_host, slug, title, summary, language, translations, status, note, timezone,
     starts_at, ends_at, created_at, updated_at, sequence,
     series_id, series_name, series_language, series_translations,
     venue_id, venue_name, venue_language, venue_translations, address, city, lat, lon,
     contact_id, contact_email, contact_name, *_host) = row  # fmt: skip
    return EventItem(
        id=id_,
        uid_host=uid_host,
        slug=slug,
        title=pick_text(title, "title", language, translations, lang),
        summary=pick_text(summary, "summary", language, translations, lang),
        status=status,
        cancellation_note=note,
        timezone=timezone,
        starts_at=starts_at,
        ends_at=ends_at,
        created_at=created_at,
        updated_at=updated_at,
        sequence=sequence,
        organisers=tuple(organisers),
        series_name=None
        if series_id is None
        else pick_text(series_name, "name", series_language, series_translations, lang),
        venue=None
        if venue_id is None
        else VenueItem(
            pick_text(venue_name, "name", venue_language, venue_translations, lang),
            address,
            city,
            lat,
            lon,
        ),
        contact=None if contact_id is None else (contact_email, contact_name),
    )


@cache
def _sessions_select(lang: str) -> Select:
    """The sessions query without its conditions, built once per language (as
    ``_events_select``). Of the JSON translations only the texts in ``lang`` are read, by the
    database: decoding two JSON documents per row cost more than writing the row's VEVENT."""
    sessions, room, role = Session.__table__, _alias(Room), _alias(SessionSpeaker)
    person, affiliation, materials = _alias(Person), _alias(Organisation), Material.__table__
    c = sessions.c
    public_materials = (
        select(materials.c.id)
        .where(materials.c.session_id == c.id, materials.c.visibility == Visibility.PUBLIC)
        .exists()
    )
    return (
        select(
            c.id,
            c.uid_host,
            c.event_id,
            c.title,
            c.abstract,
            c.original_language,
            translation_in(c.translations, lang, "title"),
            translation_in(c.translations, lang, "abstract"),
            c.kind,
            c.track,
            c.status,
            c.sequence,
            c.created_at,
            c.updated_at,
            c.starts_at,
            c.ends_at,
            room.c.id,
            room.c.name,
            room.c.original_language,
            translation_in(room.c.translations, lang, "name"),
            public_materials,
            # The speaker, SESSION_COLUMNS on: a row per speaker.
            person.c.title,
            person.c.name,
            person.c.affiliation_text,
            affiliation.c.id,
            affiliation.c.name,
        )
        .select_from(
            sessions.outerjoin(room, c.room_id == room.c.id)
            .outerjoin(role, role.c.session_id == c.id)
            .outerjoin(person, role.c.person_id == person.c.id)
            .outerjoin(affiliation, person.c.affiliation_id == affiliation.c.id)
        )
        .order_by(c.starts_at, c.id, role.c.position, role.c.person_id)
    )


SESSION_COLUMNS = 21  # then the speaker's


def _text(value: str, original: str | None, translation: str | None, lang: str) -> str:
    """The text in ``lang`` if translated into it (read as a column), else the original, as
    ``pick_text`` chooses; a plain string: a feed marks no languages."""
    if translation and lang != (original or "en"):
        return translation
    return value or ""


def session_items(
    where: ColumnElement[bool], events: dict[int, EventItem], lang: str
) -> list[SessionItem]:
    """The sessions matching ``where`` of the given events, in timetable order."""
    stmt = _sessions_select(lang).where(where, Session.__table__.c.event_id.in_(list(events)))
    grouped: dict[int, tuple[tuple, list[str]]] = {}
    for row in _execute(stmt):
        speakers = grouped.setdefault(row[0], (row, []))[1]
        title, name, affiliation_text, affiliation_id, affiliation = row[SESSION_COLUMNS:]
        if name is not None:  # a speaker (people.name is never NULL)
            affiliation = affiliation if affiliation_id is not None else affiliation_text
            speakers.append(speaker_label(title, name, affiliation))
    return [_session_item(row, speakers, events, lang) for row, speakers in grouped.values()]


def _session_item(
    row: tuple, speakers: list[str], events: dict[int, EventItem], lang: str
) -> SessionItem:
    (id_, uid_host, event_id, title, abstract, language, title_tr, abstract_tr, kind, track,
     status, sequence, created_at, updated_at, starts_at, ends_at,
     room_id, room_name, room_language, room_name_tr,
     has_materials) = row[:SESSION_COLUMNS]  # fmt: skip
    return SessionItem(
        id=id_,
        uid_host=uid_host,
        event=events[event_id],
        title=_text(title, language, title_tr, lang),
        abstract=_text(abstract, language, abstract_tr, lang),
        kind=kind,
        track=track,
        status=status,
        sequence=sequence,
        created_at=created_at,
        updated_at=updated_at,
        starts_at=starts_at,
        ends_at=ends_at,
        room_name="" if room_id is None else _text(room_name, room_language, room_name_tr, lang),
        speakers=tuple(speakers),
        has_materials=bool(has_materials),
    )


@cache
def _agenda_select() -> Select:
    """A registration with its event (as ``_events_select`` reads it, a row per organiser) and
    what the agenda's validator reads (``feeds.validator``): one query before a 304 or a 200."""
    registrations, choices = Registration.__table__, RegistrationChoice.__table__
    changes, r = FeedChange.__table__, registrations.c
    held = choices.c.registration_id == r.id
    return (
        _events_select()
        .join(registrations, r.event_id == Event.__table__.c.id)
        .add_columns(
            r.id,
            r.name,
            r.status,
            # The validator's inputs: the change log, the registration's own rows.
            select(func.count(changes.c.id)).scalar_subquery(),
            select(func.max(changes.c.changed_at)).scalar_subquery(),
            r.updated_at,
            select(func.count()).select_from(choices).where(held).scalar_subquery(),
            select(func.max(choices.c.created_at)).where(held).scalar_subquery(),
        )
    )


class Agenda(NamedTuple):
    """What a personal agenda needs of its registration, its event and its validator."""

    registration_id: int
    name: str
    status: RegistrationStatus
    event_row: tuple  # as ``_events_select`` reads it: an EventItem once the language is known
    organisers: list[tuple[str, str]]
    validator_row: tuple

    @property
    def event_id(self) -> int:
        return self.event_row[0]

    @property
    def event_slug(self) -> str:
        return self.event_row[2]

    def event(self, lang: str) -> EventItem:
        return _event_item(self.event_row, self.organisers, lang)

    def event_texts(self, field: str, lang: str) -> str:
        """The event's title or summary in ``lang`` (to name the feed)."""
        row = self.event_row
        value = row[3] if field == "title" else row[4]
        return pick_text(value, field, row[5], row[6], lang)


def agenda_by_secret(secret: str) -> Agenda | None:
    """The agenda whose link carries ``secret``, or None."""
    found = _execute(_agenda_select().where(Registration.__table__.c.secret == secret))
    if not found:
        return None
    first = found[0]
    organisers = [(row[30], row[31]) for row in found if row[30] is not None]
    event_row = tuple(first[:EVENT_COLUMNS])
    registration_id, name, status, *validator_row = first[EVENT_COLUMNS:]
    return Agenda(registration_id, name, status, event_row, organisers, tuple(validator_row))


def chosen_sessions(registration_id: int) -> ColumnElement[bool]:
    """The sessions the registration holds a confirmed place in."""
    choices = RegistrationChoice.__table__.c
    return Session.__table__.c.id.in_(
        select(choices.session_id)
        .where(choices.registration_id == registration_id, choices.status == ChoiceStatus.CONFIRMED)
        .scalar_subquery()
    )
