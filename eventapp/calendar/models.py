"""Feed changes: a row per removal that no remaining row would show (a "tombstone").

A feed's Last-Modified is the newest change among the rows it shows; deleting or unpublishing an
event removes its row from the feed, so without a record of that the date would move backwards
and clients asking If-Modified-Since would never see the removal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, event, inspect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm import Session as OrmSession

from eventapp.core.db import UTCDateTime, utcnow
from eventapp.extensions import db


class FeedChange(db.Model):
    """A change that took something out of one or more calendar feeds."""

    __tablename__ = "feed_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer)


# Attributes whose change can take an event out of a feed (status: unpublished or back to
# draft; series: moved to another series).
EVENT_SCOPE_ATTRIBUTES = ("status", "series_id", "starts_at", "ends_at")


def _changed(obj: Any, names: tuple[str, ...]) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def tombstones_for(session: OrmSession) -> list[FeedChange]:
    """The FeedChange rows a flush of ``session`` calls for."""
    from eventapp.events.models import Event, EventOrganiser
    from eventapp.events.models import Session as TimetableSession
    from eventapp.registration.models import RegistrationChoice

    rows: list[FeedChange] = []
    for obj in session.deleted:
        if isinstance(obj, Event | TimetableSession | EventOrganiser | RegistrationChoice):
            ident = getattr(obj, "id", None) or getattr(obj, "event_id", None)
            rows.append(FeedChange(kind=f"{type(obj).__tablename__}-deleted", object_id=ident))
    for obj in session.dirty:
        if isinstance(obj, Event) and _changed(obj, EVENT_SCOPE_ATTRIBUTES):
            rows.append(FeedChange(kind="event-changed", object_id=obj.id))
    return rows


@event.listens_for(OrmSession, "before_flush")
def record_feed_removals(session: OrmSession, _context: Any, _instances: Any) -> None:
    """Write a tombstone whenever a flush takes something out of a feed."""
    rows = tombstones_for(session)
    if rows:
        session.add_all(rows)
