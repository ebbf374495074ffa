"""How many places an event has left: shown publicly and used by the capacity rules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, func, select

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import Registration


def takes_a_place(now: datetime | ColumnElement[datetime] | None = None) -> ColumnElement[bool]:
    """A registration that takes one of the event's places: confirmed, or unconfirmed with a
    hold that has not lapsed by ``now`` (a lapsed hold counts for nothing even before the
    worker or the next registration expires it, so a stopped worker cannot keep places held)."""
    holding = (
        (Registration.status == RegistrationStatus.UNCONFIRMED)
        & Registration.waitlisted_at.is_(None)
        & (Registration.hold_expires_at > (utcnow() if now is None else now))
    )
    return (Registration.status == RegistrationStatus.CONFIRMED) | holding


def taken_places(event_ids: Iterable[int]) -> dict[int, int]:
    """Places taken per event (``takes_a_place``), in one query (events without any are absent)."""
    ids = list(event_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Registration.event_id, func.count())
        .where(
            Registration.event_id.in_(ids),
            takes_a_place(),
        )
        .group_by(Registration.event_id)
    )
    return {event_id: count for event_id, count in rows}


def places_left(event: Event, taken: int | None = None) -> int | None:
    """Places still free, or None when the event has no capacity limit."""
    if event.capacity is None:
        return None
    if taken is None:
        taken = taken_places([event.id]).get(event.id, 0)
    return max(event.capacity - taken, 0)
