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

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.orm import aliased

from eventapp.calendar.items import EventItem, SessionItem, VenueItem, speaker_label
from eventapp.calendar.models import FeedChange
from eventapp.core.translation import pick_text
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
    as building it, aliases and all, costs more than the rest of a personal agenda."""
    series, venue, contact = aliased(EventSeries), aliased(Venue), aliased(Person)
    role, host = aliased(EventOrganiser), aliased(Organisation)
    return (
        select(
            Event.id,
            Event.uid_host,
            Event.slug,
            Event.title,
            Event.summary,
            Event.language,
            Event.translations,
            Event.status,
            Event.cancellation_note,
            Event.timezone,
            Event.starts_at,
            Event.ends_at,
            Event.created_at,
            Event.updated_at,
            Event.sequence,
            series.id,
            series.name,
            series.original_language,
            series.translations,
            venue.id,
            venue.name,
            venue.original_language,
            venue.translations,
            venue.address,
            venue.city,
            venue.latitude,
            venue.longitude,
            contact.id,
            contact.email,
            contact.name,
            host.name,
            host.short_name,
        )
        .outerjoin(series, Event.series_id == series.id)
        .outerjoin(venue, Event.venue_id == venue.id)
        .outerjoin(contact, Event.contact_person_id == contact.id)
        .outerjoin(role, role.event_id == Event.id)
        .outerjoin(host, role.organisation_id == host.id)
        .order_by(Event.starts_at, Event.id, role.position, role.organisation_id)
    )


EVENT_COLUMNS = 32
NO_ADAPT = {"_result_disable_adapt_to_context": True}


def _execute(stmt: Select) -> Sequence[Row]:
    # On the session's connection (its transaction), past the ORM's result handling: these
    # are rows of columns read by position. The option is the one the ORM itself sets: a
    # fresh statement need not have its columns matched to the cached compiled one's.
    connection = db.session.connection()
    return connection.execute(stmt, execution_options=NO_ADAPT).all()


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
    room, role = aliased(Room), aliased(SessionSpeaker)
    person, affiliation = aliased(Person), aliased(Organisation)
    public_materials = (
        select(Material.id)
        .where(Material.session_id == Session.id, Material.visibility == Visibility.PUBLIC)
        .exists()
    )
    return (
        select(
            Session.id,
            Session.uid_host,
            Session.event_id,
            Session.title,
            Session.abstract,
            Session.original_language,
            _translation(Session.translations, lang, "title"),
            _translation(Session.translations, lang, "abstract"),
            Session.kind,
            Session.track,
            Session.status,
            Session.sequence,
            Session.created_at,
            Session.updated_at,
            Session.starts_at,
            Session.ends_at,
            room.id,
            room.name,
            room.original_language,
            _translation(room.translations, lang, "name"),
            public_materials,
            # The speaker, SPEAKER_COLUMNS from here on: a row per speaker.
            person.title,
            person.name,
            person.affiliation_text,
            affiliation.id,
            affiliation.name,
        )
        .outerjoin(room, Session.room_id == room.id)
        .outerjoin(role, role.session_id == Session.id)
        .outerjoin(person, role.person_id == person.id)
        .outerjoin(affiliation, person.affiliation_id == affiliation.id)
        .order_by(Session.starts_at, Session.id, role.position, role.person_id)
    )


SESSION_COLUMNS = 21  # then the speaker's


def _translation(column: ColumnElement, lang: str, field: str) -> ColumnElement[str | None]:
    """The ``lang`` text of ``field`` in a JSON ``translations`` column (NULL: none)."""
    return column[(lang, field)].as_string()


def _text(value: str, field: str, original: str, translation: str | None, lang: str) -> str:
    """``pick_text`` for a translation read as a column."""
    translations = {lang: {field: translation}} if translation else None
    return pick_text(value, field, original, translations, lang)


def session_items(
    where: ColumnElement[bool], events: dict[int, EventItem], lang: str
) -> list[SessionItem]:
    """The sessions matching ``where`` of the given events, in timetable order."""
    stmt = _sessions_select(lang).where(where, Session.event_id.in_(list(events)))
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
        title=_text(title, "title", language, title_tr, lang),
        abstract=_text(abstract, "abstract", language, abstract_tr, lang),
        kind=kind,
        track=track,
        status=status,
        sequence=sequence,
        created_at=created_at,
        updated_at=updated_at,
        starts_at=starts_at,
        ends_at=ends_at,
        room_name=""
        if room_id is None
        else _text(room_name, "name", room_language, room_name_tr, lang),
        speakers=tuple(speakers),
        has_materials=bool(has_materials),
    )


@cache
def _agenda_select() -> Select:
    """A registration with its event (as ``_events_select`` reads it, a row per organiser) and
    what the agenda's validator reads (``feeds.validator``): one query before a 304 or a 200."""
    choices = RegistrationChoice.registration_id == Registration.id
    return (
        _events_select()
        .join(Registration, Registration.event_id == Event.id)
        .add_columns(
            Registration.id,
            Registration.name,
            Registration.status,
            # The validator's inputs: the change log, the registration's own rows.
            select(func.count(FeedChange.id)).scalar_subquery(),
            select(func.max(FeedChange.changed_at)).scalar_subquery(),
            Registration.updated_at,
            select(func.count()).select_from(RegistrationChoice).where(choices).scalar_subquery(),
            select(func.max(RegistrationChoice.created_at)).where(choices).scalar_subquery(),
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
    found = _execute(_agenda_select().where(Registration.secret == secret))
    if not found:
        return None
    first = found[0]
    organisers = [(row[30], row[31]) for row in found if row[30] is not None]
    event_row = tuple(first[:EVENT_COLUMNS])
    registration_id, name, status, *validator_row = first[EVENT_COLUMNS:]
    return Agenda(registration_id, name, status, event_row, organisers, tuple(validator_row))


def chosen_sessions(registration_id: int) -> ColumnElement[bool]:
    """The sessions the registration holds a confirmed place in."""
    return Session.id.in_(
        select(RegistrationChoice.session_id)
        .where(RegistrationChoice.registration_id == registration_id)
        .where(RegistrationChoice.status == ChoiceStatus.CONFIRMED)
        .scalar_subquery()
    )
