"""What an edit of an event does beyond its own fields, said before it is saved.

Shortening an event left its sessions on the dropped day in the timetable without a word, and
a capacity below the places already held was accepted silently ("Confirmed: 16 / 2"). Neither
is refused (an organiser may mean it: the sessions are moved next, the capacity is a stop to
further registrations), but the form says what will happen and saves only when the organiser
saves again having read it (``fingerprint``: the same consequences seen, not older ones).
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.registration.availability import taken_places

MAX_TITLES = 5


def edit_consequences(event: Event, values: dict[str, Any]) -> list[str]:
    """What saving ``values`` on ``event`` would do that the organiser may not expect."""
    return [
        message
        for message in (_stranded_sessions(event, values), _capacity_below_taken(event, values))
        if message
    ]


def fingerprint(consequences: list[str]) -> str:
    """A short digest of the consequences shown, sent back by the form when saved again."""
    return hashlib.sha256("\n".join(consequences).encode()).hexdigest()[:16]


def _stranded_sessions(event: Event, values: dict[str, Any]) -> str | None:
    """Sessions inside the event's old times that the new times leave outside."""
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts is None or ends is None or event.starts_at is None:
        return None
    inside_old = (Session.starts_at >= event.starts_at) & (Session.ends_at <= event.ends_at)
    outside_new = (Session.starts_at < starts) | (Session.ends_at > ends)
    titles = list(
        db.session.scalars(
            select(Session.title)
            .where(Session.event_id == event.id, inside_old, outside_new)
            .order_by(Session.starts_at, Session.id)
        )
    )
    if not titles:
        return None
    shown = ", ".join(f"“{title}”" for title in titles[:MAX_TITLES])
    if len(titles) > MAX_TITLES:
        shown += " …"
    return ngettext(
        "%(num)d session falls outside the new dates and times and stays in the timetable "
        "as it is: %(titles)s. Move or delete it after saving.",
        "%(num)d sessions fall outside the new dates and times and stay in the timetable "
        "as they are: %(titles)s. Move or delete them after saving.",
        len(titles),
        titles=shown,
    )


def _capacity_below_taken(event: Event, values: dict[str, Any]) -> str | None:
    """A capacity lowered below the places already held."""
    capacity = values.get("capacity")
    if capacity is None or (event.capacity is not None and capacity >= event.capacity):
        return None
    taken = taken_places([event.id]).get(event.id, 0)
    if capacity >= taken:
        return None
    return _(
        "%(taken)d people already hold a place and the new capacity is %(capacity)d: nobody "
        "loses their place, and nobody else gets one (nor anyone from the waiting list) until "
        "fewer than %(capacity)d hold one.",
        taken=taken,
        capacity=capacity,
    )
