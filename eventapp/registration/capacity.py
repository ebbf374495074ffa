"""Places, waiting lists and promotion, all decided under the event's row lock.

Every change that takes or frees a place (a registration, a cancellation, a session change, a
raised capacity) first calls ``lock_event``: one writer per event at a time on PostgreSQL (row
lock) and SQLite (``BEGIN IMMEDIATE``), so counts made afterwards are exact and nobody overbooks.
Session places are counted under the same event lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import ColumnElement, Integer, Select, String, bindparam, case, func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from eventapp.core.db import UTCDateTime, is_sqlite, lock_row, utcnow
from eventapp.core.errors import NotFound
from eventapp.core.types import ACTIVE_REGISTRATION_STATUSES, ChoiceStatus, RegistrationStatus
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.registration.availability import takes_a_place
from eventapp.registration.models import Registration, RegistrationChoice


def lock_event(event_id: int) -> Event:
    """Take the event's write lock and return the freshly read event."""
    event = lock_row(Event, event_id)
    if event is None:
        raise NotFound("No such event.")
    return event


#: What decides a registration (``services.registration_closed_reason``, ``_decide_status``).
_DECIDING = (
    Event.status,
    Event.registration_enabled,
    Event.registration_opens_at,
    Event.registration_closes_at,
    Event.ends_at,
    Event.capacity,
    Event.waitlist_enabled,
    Event.moderation_enabled,
    Event.confirm_email,
)


@cache
def _registration_lock() -> Select:
    event_id = bindparam("event_id", type_=Integer())
    return select(*_DECIDING).where(Event.id == event_id).with_for_update()


def lock_event_for_registration(event: Event) -> Event:
    """``lock_event`` for a new registration: on PostgreSQL the lock's statement reads only the
    columns that decide it, fresh, into ``event`` (the rest, read before the lock, is what the
    form showed); the ORM loads no row while every other registration waits. SQLite takes its
    lock as ``lock_event`` does (``BEGIN IMMEDIATE``, then the whole row)."""
    if is_sqlite():
        return lock_event(event.id)
    connection = db.session.connection()
    row = connection.execute(_registration_lock(), {"event_id": event.id}).one_or_none()
    if row is None:
        raise NotFound("No such event.")
    for column, value in zip(_DECIDING, row, strict=True):
        set_committed_value(event, column.key, value)
    return event


def confirmed_count(event_id: int) -> int:
    """Places taken (``availability.takes_a_place``): exact when the event lock is held."""
    stmt = select(func.count()).where(Registration.event_id == event_id, takes_a_place())
    return db.session.execute(stmt).scalar_one()


@dataclass(frozen=True)
class Tally:
    """What a new registration is decided on, counted in one statement under the event lock."""

    taken: int  # places taken (``takes_a_place``)
    waiting: int  # on the waiting list with a turn taken by ``now``
    due_holds: int  # holds due to lapse (``holds.expire_due_holds`` lets them go first)
    already: bool  # the address has an active registration for the event


@cache
def _tally_statement() -> Select:
    """``tally``'s statement, built once per process (building it cost more CPU than running
    it); the event, the address and the time are its parameters."""

    def number(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.count(case((condition, 1)))

    now = bindparam("now", type_=UTCDateTime())
    return select(
        number(takes_a_place(now)),
        number(
            (Registration.status == RegistrationStatus.WAITLISTED)
            & (Registration.waitlisted_at <= now)
        ),
        number(
            (Registration.status == RegistrationStatus.UNCONFIRMED)
            & (Registration.hold_expires_at <= now)
        ),
        number(Registration.email == bindparam("email", type_=String())),
    ).where(
        Registration.event_id == bindparam("event_id", type_=Integer()),
        Registration.status.in_(ACTIVE_REGISTRATION_STATUSES),
    )


def tally(event_id: int, email: str, now: datetime) -> Tally:
    """The event's places taken, its waiting list, its lapsed holds and whether ``email`` is
    registered, in one pass over its active registrations: the one read a registration makes
    under the lock besides the lock itself (exact when the lock is held)."""
    params = {"event_id": event_id, "email": email, "now": now}
    row = db.session.connection().execute(_tally_statement(), params).one()
    return Tally(taken=row[0], waiting=row[1], due_holds=row[2], already=row[3] > 0)


def session_taken(session_ids: Iterable[int]) -> dict[int, int]:
    """Confirmed places per session held by active registrations, in one query."""
    ids = list(session_ids)
    if not ids:
        return {}
    stmt = (
        select(RegistrationChoice.session_id, func.count())
        .join(Registration)
        .where(
            RegistrationChoice.session_id.in_(ids),
            RegistrationChoice.status == ChoiceStatus.CONFIRMED,
            Registration.status.in_(ACTIVE_REGISTRATION_STATUSES),
        )
        .group_by(RegistrationChoice.session_id)
    )
    return {session_id: n for session_id, n in db.session.execute(stmt)}


def has_place(event: Event) -> bool:
    """True when a confirmed place is free (call with the event lock held)."""
    return event.capacity is None or confirmed_count(event.id) < event.capacity


def waitlist(event_id: int) -> list[Registration]:
    """The event's waiting list in order (first to be promoted first)."""
    stmt = (
        select(Registration)
        .where(
            Registration.event_id == event_id, Registration.status == RegistrationStatus.WAITLISTED
        )
        .order_by(Registration.waitlisted_at, Registration.id)
    )
    return list(db.session.execute(stmt).scalars())


def waitlist_position(registration: Registration) -> int | None:
    """1-based place on the waiting list, or None when not waitlisted (always gapless)."""
    if registration.status != RegistrationStatus.WAITLISTED or registration.waitlisted_at is None:
        return None
    ahead = select(func.count()).where(
        Registration.event_id == registration.event_id,
        Registration.status == RegistrationStatus.WAITLISTED,
        (Registration.waitlisted_at < registration.waitlisted_at)
        | (
            (Registration.waitlisted_at == registration.waitlisted_at)
            & (Registration.id < registration.id)
        ),
    )
    return db.session.execute(ahead).scalar_one() + 1


def session_waitlist_position(choice: RegistrationChoice) -> int | None:
    """1-based place on a session's waiting list, or None when the choice holds a place."""
    if choice.status != ChoiceStatus.WAITLISTED:
        return None
    ahead = (
        select(func.count())
        .select_from(RegistrationChoice)
        .join(Registration)
        .where(
            RegistrationChoice.session_id == choice.session_id,
            RegistrationChoice.status == ChoiceStatus.WAITLISTED,
            Registration.status.in_(ACTIVE_REGISTRATION_STATUSES),
            (RegistrationChoice.created_at < choice.created_at)
            | (
                (RegistrationChoice.created_at == choice.created_at)
                & (RegistrationChoice.registration_id < choice.registration_id)
            ),
        )
    )
    return db.session.execute(ahead).scalar_one() + 1


def choice_status(session: Session, taken: dict[int, int]) -> ChoiceStatus | None:
    """Confirmed while the session has room, else waitlisted; None when full without a list.

    ``taken`` is updated so several choices made in one transaction count each other.
    """
    used = taken.get(session.id, 0)
    if session.capacity is None or used < session.capacity:
        taken[session.id] = used + 1
        return ChoiceStatus.CONFIRMED
    if session.event.waitlist_enabled:
        return ChoiceStatus.WAITLISTED
    return None


def promote_event_waitlist(event: Event) -> list[Registration]:
    """Confirm waitlisted registrations in order while places are free (event lock held)."""
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - confirmed_count(event.id)
        if free <= 0:
            return []
    promoted: list[Registration] = []
    for registration in waitlist(event.id):
        if free is not None and len(promoted) >= free:
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = utcnow()
        registration.waitlisted_at = None
        promoted.append(registration)
    db.session.flush()
    return promoted


def promote_session_waitlists(session_ids: Iterable[int]) -> list[RegistrationChoice]:
    """Give freed session places to the first waitlisted choices, in order (event lock held)."""
    ids = list(session_ids)
    if not ids:
        return []
    db.session.flush()
    sessions = db.session.execute(select(Session).where(Session.id.in_(ids))).scalars().all()
    taken = session_taken(ids)
    promoted: list[RegistrationChoice] = []
    for session in sessions:
        free = None if session.capacity is None else session.capacity - taken.get(session.id, 0)
        if free is not None and free <= 0:
            continue
        stmt = (
            select(RegistrationChoice)
            .join(Registration)
            .where(
                RegistrationChoice.session_id == session.id,
                RegistrationChoice.status == ChoiceStatus.WAITLISTED,
                Registration.status.in_(ACTIVE_REGISTRATION_STATUSES),
            )
            .order_by(RegistrationChoice.created_at, RegistrationChoice.registration_id)
            .options(selectinload(RegistrationChoice.registration))
        )
        if free is not None:
            stmt = stmt.limit(free)
        for choice in db.session.execute(stmt).scalars():
            choice.status = ChoiceStatus.CONFIRMED
            promoted.append(choice)
    db.session.flush()
    return promoted


def event_session_ids(event_id: int) -> list[int]:
    """Ids of the event's sessions that have their own capacity."""
    stmt = select(Session.id).where(Session.event_id == event_id, Session.capacity.is_not(None))
    return list(db.session.execute(stmt).scalars())
