"""What the back office's lists show: the user's events with their registration counts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.auth.rights import manageable_events
from eventapp.core.types import EventStatus, RegistrationStatus
from eventapp.events.models import Event, EventOrganiser
from eventapp.extensions import db
from eventapp.registration.models import Registration


def my_events(user: User, include_archived: bool = True) -> Sequence[Event]:
    """The events ``user`` may manage, newest first, with series and organisers loaded."""
    stmt = manageable_events(user).options(
        selectinload(Event.series),
        selectinload(Event.organisers).selectinload(EventOrganiser.organisation),
    )
    if not include_archived:
        stmt = stmt.where(Event.status != EventStatus.ARCHIVED)
    return db.session.execute(stmt.order_by(Event.starts_at.desc())).scalars().all()


def confirmed_counts(events: Sequence[Event]) -> dict[int, dict[str, int]]:
    """Confirmed and waitlisted registrations per event, in one grouped query."""
    ids = [e.id for e in events]
    result: dict[int, dict[str, int]] = {i: {"confirmed": 0, "waitlisted": 0} for i in ids}
    if not ids:
        return result
    rows = db.session.execute(
        select(Registration.event_id, Registration.status, func.count())
        .where(
            Registration.event_id.in_(ids),
            Registration.status.in_((RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)),
        )
        .group_by(Registration.event_id, Registration.status)
    )
    for event_id, status, count in rows:
        result[event_id][RegistrationStatus(status).value] = count
    return result
