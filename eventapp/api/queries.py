"""What the API reads: public objects only, one page at a time, in a fixed number of queries.

Every list is a ``Select`` of the public rows, counted and cut to the page asked for; its
related rows come with eager loading, so a page costs the same few queries whatever is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from eventapp.blog import queries as blog_queries
from eventapp.blog.models import BlogPost
from eventapp.core.errors import NotFound
from eventapp.core.paging import Slice
from eventapp.core.types import SessionKind
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import Event, EventOrganiser, EventSeries, Session, SessionSpeaker
from eventapp.events.queries import PUBLIC_STATUSES, could_be_slug
from eventapp.extensions import db
from eventapp.registration.availability import taken_places

MAX_PER_PAGE = 200
PER_PAGE = 50


@dataclass
class EventQuery:
    """The filters of ``/api/v1/events`` (None: not filtered), as the public list has them."""

    series: str | None = None
    organisation: str | None = None
    kind: SessionKind | None = None
    starts_from: date | None = None  # events that end on or after this day
    until: date | None = None  # events that start on or before this day


@dataclass
class EventsWithPlaces:
    """Events and the confirmed registrations of each (for "places left")."""

    events: Slice[Event]
    taken: dict[int, int] = field(default_factory=dict)


def cut(stmt: Select, page: int, per_page: int, *order: Any) -> Slice:
    """The page ``page`` of ``stmt`` (a count and one query; pages past the end are empty)."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = db.session.scalars(
        stmt.order_by(*order).offset((page - 1) * per_page).limit(per_page)
    ).unique()
    return Slice(list(rows), page, per_page, int(total or 0))


def _one(stmt: Select, message: str, slug: str) -> Any:
    if not could_be_slug(slug):
        raise NotFound(message)
    found = db.session.scalars(stmt).unique().one_or_none()
    if found is None:
        raise NotFound(message)
    return found


# --- Events ---------------------------------------------------------------------------------


def _event_options() -> tuple:
    return (
        joinedload(Event.venue),
        joinedload(Event.series),
        joinedload(Event.contact_person).joinedload(Person.affiliation),
        selectinload(Event.organisers).joinedload(EventOrganiser.organisation),
    )


def _public_events() -> Select:
    return select(Event).where(Event.status.in_(PUBLIC_STATUSES)).options(*_event_options())


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def list_events(query: EventQuery, page: int, per_page: int) -> EventsWithPlaces:
    """Public events matching ``query``, soonest first."""
    stmt = _public_events()
    if query.series:
        stmt = stmt.where(
            Event.series_id.in_(select(EventSeries.id).where(EventSeries.slug == query.series))
        )
    if query.organisation:
        named = select(Organisation.id).where(Organisation.slug == query.organisation)
        organisations = select(Organisation.id).where(
            or_(Organisation.id.in_(named), Organisation.parent_id.in_(named))
        )
        stmt = stmt.where(
            Event.id.in_(
                select(EventOrganiser.event_id).where(
                    EventOrganiser.organisation_id.in_(organisations)
                )
            )
        )
    if query.kind:
        stmt = stmt.where(Event.id.in_(select(Session.event_id).where(Session.kind == query.kind)))
    if query.starts_from:
        stmt = stmt.where(Event.ends_at >= _day_start(query.starts_from))
    if query.until and query.until < date.max:  # 9999-12-31: no day after it to stop before
        stmt = stmt.where(Event.starts_at < _day_start(query.until + timedelta(days=1)))
    events = cut(stmt, page, per_page, Event.starts_at, Event.id)
    return EventsWithPlaces(events, taken_places(e.id for e in events.items if e.capacity))


def get_event(slug: str) -> EventsWithPlaces:
    """The public event at ``slug`` (a one-item slice, with its places); NotFound otherwise."""
    event = _one(
        _public_events().where(Event.slug == slug),
        "There is no public event at this address.",
        slug,
    )
    taken = taken_places([event.id]) if event.capacity is not None else {}
    return EventsWithPlaces(Slice([event], 1, 1, 1), taken)


def get_event_alone(slug: str) -> Event:
    """The public event at ``slug``, without its relations (a timetable needs only its zone)."""
    stmt = select(Event).where(Event.slug == slug, Event.status.in_(PUBLIC_STATUSES))
    return _one(stmt, "There is no public event at this address.", slug)


def list_sessions(event: Event, kind: SessionKind | None, page: int, per_page: int) -> Slice:
    """The timetable of a public event, in time order."""
    stmt = (
        select(Session)
        .where(Session.event_id == event.id)
        .options(
            joinedload(Session.room),
            selectinload(Session.speakers)
            .joinedload(SessionSpeaker.person)
            .joinedload(Person.affiliation),
        )
    )
    if kind is not None:
        stmt = stmt.where(Session.kind == kind)
    return cut(stmt, page, per_page, Session.starts_at, Session.id)


# --- Series, organisations, people ----------------------------------------------------------


def _series() -> Select:
    return select(EventSeries).options(selectinload(EventSeries.organisations))


def list_series(page: int, per_page: int) -> Slice:
    return cut(_series(), page, per_page, EventSeries.name, EventSeries.id)


def get_series(slug: str) -> EventSeries:
    return _one(_series().where(EventSeries.slug == slug), "There is no such series.", slug)


def _organisations() -> Select:
    return select(Organisation).options(joinedload(Organisation.parent))


def list_organisations(page: int, per_page: int) -> Slice:
    return cut(_organisations(), page, per_page, Organisation.name, Organisation.id)


def get_organisation(slug: str) -> Organisation:
    return _one(
        _organisations().where(Organisation.slug == slug), "There is no such organisation.", slug
    )


def _people() -> Select:
    return select(Person).options(joinedload(Person.affiliation))


def list_people(page: int, per_page: int) -> Slice:
    return cut(_people(), page, per_page, Person.name, Person.id)


def get_person(slug: str) -> Person:
    return _one(_people().where(Person.slug == slug), "No such person.", slug)


# --- Blog -----------------------------------------------------------------------------------


def _posts() -> Select:
    return (
        select(BlogPost)
        .where(blog_queries.public())
        .options(
            joinedload(BlogPost.author).joinedload(Person.affiliation),
            joinedload(BlogPost.event),
            joinedload(BlogPost.translation_of),
            joinedload(BlogPost.translation),
        )
    )


def list_posts(language: str | None, page: int, per_page: int) -> Slice:
    stmt = _posts()
    if language:
        stmt = stmt.where(BlogPost.language == language)
    return cut(stmt, page, per_page, BlogPost.publish_at.desc(), BlogPost.id.desc())


def get_post(slug: str) -> BlogPost:
    return _one(_posts().where(BlogPost.slug == slug), "There is no such post.", slug)


def programme_event(slug: str) -> Event:
    """A public event with its whole timetable (rooms, speakers), for the schedule exports."""
    return _one(
        select(Event)
        .where(Event.slug == slug, Event.status.in_(PUBLIC_STATUSES))
        .options(
            joinedload(Event.venue),
            selectinload(Event.sessions).options(
                joinedload(Session.room),
                selectinload(Session.speakers).joinedload(SessionSpeaker.person),
            ),
        ),
        "There is no public event at this address.",
        slug,
    )
