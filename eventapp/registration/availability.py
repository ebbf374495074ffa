"""How many places an event has left: shown publicly and used by the capacity rules."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from eventapp.core.types import RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import Registration


def taken_places(event_ids: Iterable[int]) -> dict[int, int]:
    """Confirmed registrations per event, in one query (events without any are absent)."""
    ids = list(event_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Registration.event_id, func.count())
        .where(
            Registration.event_id.in_(ids),
            Registration.status == RegistrationStatus.CONFIRMED,
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
