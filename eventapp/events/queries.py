"""What the public site reads: visible events, one event with its timetable, a series."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from itertools import groupby

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    bindparam,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import joinedload, load_only, selectinload

from eventapp.core.db import read_columns, utcnow
from eventapp.core.errors import NotFound
from eventapp.core.timefmt import to_zone
from eventapp.core.translation import other_language
from eventapp.core.types import EventStatus, SessionKind
from eventapp.directory.models import Organisation, Person, display_name
from eventapp.events.cards import EventCard, card_select, cards_of
from eventapp.events.models import (
    Event,
    EventOrganiser,
    EventSeries,
    Room,
    Session,
    SessionSpeaker,
)
from eventapp.extensions import db

#: Statuses the public may see; drafts are invisible (404).
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.ARCHIVED)
EVENT_NOT_FOUND = _l("There is no public event at this address.")
SERIES_NOT_FOUND = _l("There is no series at this address.")


@dataclass
class EventFilters:
    """The /events/ filters that survived validation (None: not filtered)."""

    series: str | None = None
    organisation: str | None = None
    kind: SessionKind | None = None


@dataclass
class EventLists:
    """Events split at "now": upcoming soonest first, past newest first."""

    upcoming: list[EventCard] = field(default_factory=list)
    past: list[EventCard] = field(default_factory=list)


@dataclass
class EventWindow(EventLists):
    """Some of the events on each side of "now", and how many there are in all."""

    upcoming_total: int = 0
    past_total: int = 0

    @property
    def total(self) -> int:
        return self.upcoming_total + self.past_total

    @property
    def is_complete(self) -> bool:
        """True when every event is shown."""
        return len(self.upcoming) + len(self.past) == self.total


@dataclass
class EventPage(EventWindow):
    """One page of the event list: a window on "upcoming, then past", with the totals."""

    page: int = 1
    pages: int = 1


@dataclass
class TimetableDay:
    """The sessions of one local day of an event."""

    day: date
    sessions: list[Session]


def nearest_events(
    conditions: list[ColumnElement[bool]], limit: int, now: datetime | None = None
) -> EventWindow:
    """At most ``limit`` of the events matching ``conditions`` on each side of ``now`` (the
    soonest upcoming, the latest past) and the totals, in one query (window functions: SQLite
    and PostgreSQL), as cards.

    Ongoing events count as upcoming: they end after ``now``.
    """
    now = now or utcnow()
    upcoming = Event.ends_at >= now
    ranked = (
        select(
            Event.id,
            upcoming.label("upcoming"),
            func.row_number()
            .over(partition_by=upcoming, order_by=(Event.starts_at, Event.id))
            .label("soonest"),
            func.row_number()
            .over(partition_by=upcoming, order_by=(Event.starts_at.desc(), Event.id.desc()))
            .label("latest"),
            func.count().over(partition_by=upcoming).label("total"),
        )
        .where(*conditions)
        .subquery()
    )
    rows = db.session.execute(
        card_select(ranked.c.upcoming, ranked.c.total)
        .join(ranked, ranked.c.id == Event.id)
        .where(
            or_(
                and_(ranked.c.upcoming, ranked.c.soonest <= limit),
                and_(~ranked.c.upcoming, ranked.c.latest <= limit),
            )
        )
        .order_by(Event.starts_at, Event.id)
    ).all()
    window = EventWindow()
    for card, row in zip(cards_of(rows), rows, strict=True):
        if row.upcoming:
            window.upcoming.append(card)
            window.upcoming_total = row.total
        else:
            window.past.append(card)
            window.past_total = row.total
    window.past.reverse()
    return window


#: Cards on the home page: the next upcoming events, and the latest past ones.
HOME_UPCOMING, HOME_PAST = 12, 6


@lru_cache(maxsize=1)
def _home_statement() -> CompoundSelect:
    """Both lists of the home page in one statement, built once (``now`` bound per request)."""
    now = bindparam("now")
    upcoming = (
        card_select(literal(True).label("upcoming"))
        .where(Event.status == EventStatus.PUBLISHED, Event.ends_at >= now)
        .order_by(Event.starts_at, Event.id)
        .limit(HOME_UPCOMING)
    )
    past = (
        card_select(literal(False).label("upcoming"))
        .where(Event.status.in_(PUBLIC_STATUSES), Event.status != EventStatus.CANCELLED)
        .where(Event.ends_at < now)
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .limit(HOME_PAST)
    )
    return union_all(upcoming.subquery().select(), past.subquery().select())


def home_events() -> EventLists:
    """The home page: upcoming published events, then the most recent past ones (one
    statement for both, one for their organisers)."""
    rows = read_columns(_home_statement(), {"now": utcnow()}).all()
    lists = EventLists()
    for card, row in zip(cards_of(rows), rows, strict=True):
        (lists.upcoming if row.upcoming else lists.past).append(card)
    lists.upcoming.sort(key=lambda c: (c.starts_at, c.id))
    lists.past.sort(key=lambda c: (c.starts_at, c.id), reverse=True)
    return lists


#: Events per page of /events/: the page costs what it shows, not what is stored.
EVENTS_PER_PAGE = 30


def _filter_values(filters: EventFilters) -> dict[str, object]:
    return {"series": filters.series, "organisation": filters.organisation, "kind": filters.kind}


def _filter_shape(series: bool, organisation: bool, kind: bool) -> list[ColumnElement[bool]]:
    """The ``where`` for filters by series, organisation and kind, their values bound by name
    (``_filter_values``)."""
    conditions: list[ColumnElement[bool]] = [Event.status.in_(PUBLIC_STATUSES)]
    if series:
        conditions.append(
            Event.series_id.in_(
                select(EventSeries.id).where(EventSeries.slug == bindparam("series"))
            )
        )
    if organisation:
        slug = bindparam("organisation")
        organisation_ids = select(Organisation.id).where(
            or_(
                Organisation.slug == slug,
                Organisation.parent_id.in_(
                    select(Organisation.id).where(Organisation.slug == slug)
                ),
            )
        )
        conditions.append(
            Event.id.in_(
                select(EventOrganiser.event_id).where(
                    EventOrganiser.organisation_id.in_(organisation_ids)
                )
            )
        )
    if kind:
        conditions.append(
            Event.id.in_(select(Session.event_id).where(Session.kind == bindparam("kind")))
        )
    return conditions


@lru_cache(maxsize=8)
def _totals_statement(series: bool, organisation: bool, kind: bool) -> Select:
    """Upcoming and past events matching a shape of filters, counted in one statement; built
    once per shape (``now`` and the filters' values bound per request)."""
    conditions = _filter_shape(series, organisation, kind)
    now = bindparam("now")
    return select(
        select(func.count())
        .select_from(Event)
        .where(*conditions, Event.ends_at >= now)
        .scalar_subquery(),
        select(func.count())
        .select_from(Event)
        .where(*conditions, Event.ends_at < now)
        .scalar_subquery(),
    )


@lru_cache(maxsize=24)
def _page_statement(
    series: bool, organisation: bool, kind: bool, upcoming: bool, past: bool
) -> Select | CompoundSelect:
    """A page of cards: its upcoming part, its past part or both (``upcoming_offset``,
    ``upcoming_limit``, ``past_offset``, ``past_limit`` bound), built once per shape."""
    conditions = _filter_shape(series, organisation, kind)
    now = bindparam("now")
    parts = []
    if upcoming:
        parts.append(
            card_select(literal(True).label("upcoming"))
            .where(*conditions, Event.ends_at >= now)
            .order_by(Event.starts_at, Event.id)
            .offset(bindparam("upcoming_offset"))
            .limit(bindparam("upcoming_limit"))
        )
    if past:
        parts.append(
            card_select(literal(False).label("upcoming"))
            .where(*conditions, Event.ends_at < now)
            .order_by(Event.starts_at.desc(), Event.id.desc())
            .offset(bindparam("past_offset"))
            .limit(bindparam("past_limit"))
        )
    if len(parts) == 1:
        return parts[0]
    return union_all(*(part.subquery().select() for part in parts))


def list_events(filters: EventFilters, page: int = 1, per_page: int = EVENTS_PER_PAGE) -> EventPage:
    """One page of the public events matching ``filters``: upcoming first, then past."""
    shape = (bool(filters.series), bool(filters.organisation), bool(filters.kind))
    values = {**_filter_values(filters), "now": utcnow()}
    totals = db.session.execute(_totals_statement(*shape), values).one()
    upcoming_total, past_total = int(totals[0]), int(totals[1])
    pages = max(1, -(-(upcoming_total + past_total) // per_page))
    page = min(max(page, 1), pages)
    start, end = (page - 1) * per_page, page * per_page
    upcoming, past = start < upcoming_total, end > upcoming_total
    result = EventPage(upcoming_total=upcoming_total, past_total=past_total, page=page, pages=pages)
    if upcoming or past:
        bounds = {
            "upcoming_offset": start,
            "upcoming_limit": max(min(end, upcoming_total) - start, 0),
            "past_offset": max(start - upcoming_total, 0),
            "past_limit": max(end - max(start, upcoming_total), 0),
        }
        rows = read_columns(_page_statement(*shape, upcoming, past), values | bounds).all()
        for card, row in zip(cards_of(rows), rows, strict=True):
            (result.upcoming if row.upcoming else result.past).append(card)
        result.upcoming.sort(key=lambda c: (c.starts_at, c.id))
        result.past.sort(key=lambda c: (c.starts_at, c.id), reverse=True)
    return result


@lru_cache(maxsize=1)
def _filter_choices_statements() -> tuple[Select, Select]:
    """The series and organisations with public events (no values: built once)."""
    visible = select(Event.id).where(Event.status.in_(PUBLIC_STATUSES))
    series = (
        select(EventSeries.slug, EventSeries.name)
        .where(EventSeries.id.in_(select(Event.series_id).where(Event.id.in_(visible))))
        .order_by(EventSeries.name)
    )
    organisations = (
        select(Organisation.slug, Organisation.name, Organisation.short_name)
        .where(
            Organisation.id.in_(
                select(EventOrganiser.organisation_id).where(EventOrganiser.event_id.in_(visible))
            )
        )
        .order_by(Organisation.name)
    )
    return series, organisations


def filter_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(slug, name) of the series and organisations that have public events, for the filter
    form: two statements of two or three columns."""
    series, organisations = _filter_choices_statements()
    return (
        [(slug, name) for slug, name in read_columns(series).all()],
        [
            (slug, display_name(name, short))
            for slug, name, short in read_columns(organisations).all()
        ],
    )


#: What a timetable row (and the event's JSON-LD) shows of a session.
SESSION_ROW_COLUMNS = (
    Session.event_id,
    Session.kind,
    Session.title,
    Session.abstract,
    Session.starts_at,
    Session.ends_at,
    Session.room_id,
    Session.track,
    Session.status,
    Session.original_language,
    Session.translations,
)


def could_be_slug(slug: str) -> bool:
    """False for what no slug column holds (PostgreSQL refuses NUL bytes in a query: not a 500)."""
    return 0 < len(slug) <= 120 and "\x00" not in slug


def get_public_event(slug: str, *, drafts: bool = False, sessions: bool = True) -> Event:
    """The event at ``slug`` with everything its page shows; NotFound for unknowns, and for
    drafts unless ``drafts`` (an organiser's preview, whose rights are checked before).
    ``sessions=False`` leaves the timetable to ``timetable_rows.timetable_rows``."""
    if not could_be_slug(slug):
        raise NotFound(str(EVENT_NOT_FOUND))
    event = (
        db.session.scalars(_public_event_statement(drafts, sessions), {"slug": slug})
        .unique()
        .one_or_none()
    )
    if event is None:
        raise NotFound(str(EVENT_NOT_FOUND))
    return event


@lru_cache(maxsize=4)
def _public_event_statement(drafts: bool, sessions: bool) -> Select:
    """The event page's statement, built once per kind (its slug bound per request): its
    loader options cost about what loading the event does. The venue, series, contact and
    organisers are joined (one statement: the organisers' own ``selectin`` was a second round
    trip and a third of the event's time)."""
    statuses = (*PUBLIC_STATUSES, EventStatus.DRAFT) if drafts else PUBLIC_STATUSES
    # The timetable reads a few columns of each session, speaker and affiliation: load only
    # those (a 200-session programme hydrates about 700 objects; their long text columns, such as
    # biographies, never reach the page).
    speakers = (
        selectinload(Session.speakers)
        .load_only(SessionSpeaker.role, SessionSpeaker.position)
        .joinedload(SessionSpeaker.person)
        .load_only(
            Person.slug, Person.name, Person.title, Person.affiliation_text, Person.affiliation_id
        )
        .joinedload(Person.affiliation)
        .load_only(Organisation.name)
    )
    stmt = (
        select(Event)
        .where(Event.slug == bindparam("slug"), Event.status.in_(statuses))
        .options(
            joinedload(Event.venue),
            joinedload(Event.series),
            joinedload(Event.contact_person).joinedload(Person.affiliation),
            joinedload(Event.organisers).joinedload(EventOrganiser.organisation),
        )
    )
    if sessions:
        stmt = stmt.options(
            selectinload(Event.sessions)
            .load_only(*SESSION_ROW_COLUMNS)
            .options(
                joinedload(Session.room).load_only(
                    Room.name, Room.original_language, Room.translations
                ),
                speakers,
            )
        )
    return stmt


def timetable_days(event: Event) -> list[TimetableDay]:
    """The event's sessions grouped by their local day in the event's zone."""
    ordered = sorted(event.sessions, key=lambda s: (s.starts_at, s.id))

    def local_day(session: Session) -> date:
        return to_zone(session.starts_at, event.timezone).date()

    return [
        TimetableDay(day=day, sessions=list(group)) for day, group in groupby(ordered, local_day)
    ]


#: Editions a series page shows on each side of "now"; /events/?series=… pages through them all.
SERIES_EDITIONS_SHOWN = 12


def get_series(slug: str) -> tuple[EventSeries, EventWindow]:
    """The series at ``slug`` and its nearest public editions; NotFound when there is none."""
    if not could_be_slug(slug):
        raise NotFound(str(SERIES_NOT_FOUND))
    series = db.session.scalars(
        select(EventSeries)
        .where(EventSeries.slug == slug)
        .options(selectinload(EventSeries.organisations))
    ).one_or_none()
    if series is None:
        raise NotFound(str(SERIES_NOT_FOUND))
    editions = [Event.status.in_(PUBLIC_STATUSES), Event.series_id == series.id]
    return series, nearest_events(editions, SERIES_EDITIONS_SHOWN)


@dataclass
class MissingTranslations:
    """What of an event is not yet in its other language: its own texts, and how many sessions
    lack a translated title or abstract."""

    language: str
    event_fields: list[str]
    session_titles: int
    session_abstracts: int

    def __bool__(self) -> bool:
        return bool(self.event_fields or self.session_titles or self.session_abstracts)


def missing_translations(event: Event) -> MissingTranslations:
    """The gaps in ``event``'s other language (one query for its sessions' texts)."""
    other = other_language(event.language)
    sessions = db.session.execute(
        select(Session)
        .where(Session.event_id == event.id)
        .options(
            load_only(
                Session.title, Session.abstract, Session.original_language, Session.translations
            )
        )
    ).scalars()
    titles = abstracts = 0
    for session in sessions:
        missing = session.missing_translations(other)
        titles += "title" in missing
        abstracts += "abstract" in missing
    return MissingTranslations(other, event.missing_translations(other), titles, abstracts)
