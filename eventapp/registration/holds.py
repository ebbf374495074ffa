"""Places held for an address not yet confirmed, and their lapse (under the event lock).

When an event asks for it (``Event.confirm_email``), a new registration is ``unconfirmed``: it
holds a place, or its turn on the waiting list, for ``CONFIRM_HOLD_MINUTES`` until the person
confirms through the link in the e-mail (``registration/confirmation.py``). A script's made-up
addresses never confirm, so a flood lapses by itself and its places go on in order, like a
cancellation's. Lapsing is done here, by whoever takes the event lock first: the next
registration, a confirmation, or the worker (``send-mail --loop``, ``expire-holds``). Every row
is re-read under the lock, so each hold lapses exactly once, however many of them race.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration import capacity
from eventapp.registration.errors import EventFull
from eventapp.registration.models import Registration
from eventapp.registration.notify import send_registration_mail, send_session_promotions


def hold_period() -> timedelta:
    """How long an unconfirmed registration holds its place (``EVENTAPP_CONFIRM_HOLD_MINUTES``)."""
    return timedelta(minutes=int(current_app.config.get("CONFIRM_HOLD_MINUTES", 30)))


def hold_place(event: Event, registration: Registration, free: bool | None = None) -> None:
    """Make ``registration`` unconfirmed: a place held if one is ``free`` (counted here unless
    the caller counted it), else a turn on the waiting list taken now; ``EventFull`` when
    neither. Call with the event locked."""
    now = utcnow()
    if free is None:
        free = capacity.has_place(event)  # counted before this row changes (and is autoflushed)
    if not free and not event.waitlist_enabled:
        raise EventFull(_("This event is fully booked."))
    registration.status = RegistrationStatus.UNCONFIRMED
    registration.hold_expires_at = now + hold_period()
    registration.waitlisted_at = None if free else now


def free_places(event: Event, session_ids: list[int]) -> None:
    """Promote from the event's and the sessions' waiting lists, e-mailing each promoted person."""
    for promoted in capacity.promote_event_waitlist(event):
        send_registration_mail(promoted, "promoted")
    send_session_promotions(capacity.promote_session_waitlists(session_ids))


def expire_due_holds(event: Event) -> list[Registration]:
    """Let the event's lapsed holds go (cancelled, telling no one: the address may be made up
    or someone else's) and pass their places on in order. Call with the event locked."""
    stmt = (
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.UNCONFIRMED,
            Registration.hold_expires_at <= utcnow(),
        )
        .options(selectinload(Registration.choices))
        .execution_options(populate_existing=True)
    )
    lapsed = list(db.session.execute(stmt).scalars())
    if not lapsed:
        return []
    now = utcnow()
    for registration in lapsed:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at, registration.waitlisted_at = now, None
    db.session.flush()
    free_places(event, sorted({c.session_id for r in lapsed for c in r.choices}))
    return lapsed


def has_due_holds(event_id: int) -> bool:
    """Whether the event has holds due to lapse, read before its lock is taken: most
    registrations find none, and then skip ``expire_due_holds``'s query under the lock (a
    hold that lapses in between lapses on the next registration)."""
    stmt = select(Registration.id).where(
        Registration.event_id == event_id,
        Registration.status == RegistrationStatus.UNCONFIRMED,
        Registration.hold_expires_at <= utcnow(),
    )
    return db.session.execute(stmt.limit(1)).first() is not None


def events_with_lapsed_holds() -> list[int]:
    """Ids of events that have holds due to lapse (read without a lock)."""
    stmt = (
        select(Registration.event_id)
        .where(
            Registration.status == RegistrationStatus.UNCONFIRMED,
            Registration.hold_expires_at <= utcnow(),
        )
        .distinct()
    )
    return list(db.session.execute(stmt).scalars())


def is_lapsed_hold(registration: Registration) -> bool:
    """True for a registration that ended because its address was not confirmed in time."""
    return (
        registration.status == RegistrationStatus.CANCELLED
        and registration.hold_expires_at is not None
        and registration.cancelled_at is not None
        and registration.cancelled_at >= registration.hold_expires_at
        and registration.confirmed_at is None
    )
