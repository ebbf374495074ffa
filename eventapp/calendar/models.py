"""The feed change log: one row per flush that changed anything a calendar feed shows.

Every public feed's validator is read from this small table in one query (how many changes,
the newest), so a conditional request is answered without looking at events at all, and
Last-Modified only moves forward: deleting or unpublishing an event logs a change like any
edit. Counting rows as well as taking the newest time catches a transaction that commits after
a later one. Registrations are not logged here (personal feeds read their own rows).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, String, event
from sqlalchemy.orm import Mapped, ORMExecuteState, mapped_column
from sqlalchemy.orm import Session as OrmSession

from eventapp.core.db import UTCDateTime, utcnow
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
from eventapp.materials.models import Material


class FeedChange(db.Model):
    """A change to something that calendar feeds show (an event, a session, a venue…)."""

    __tablename__ = "feed_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer)


@lru_cache(maxsize=1)
def tracked_models() -> tuple[type, ...]:
    """The models whose rows feeds show (a session's public materials are its ATTACH lines)."""
    return (
        Material,
        Event,
        Session,
        SessionSpeaker,
        EventOrganiser,
        EventSeries,
        Venue,
        Room,
        Organisation,
        Person,
    )


def change_for(session: OrmSession) -> FeedChange | None:
    """The FeedChange row a flush of ``session`` calls for, if it touches any feed."""
    tracked = tracked_models()
    candidates = [
        *((obj, "added") for obj in session.new),
        *((obj, "deleted") for obj in session.deleted),
        *((obj, "changed") for obj in session.dirty if session.is_modified(obj)),
    ]
    for obj, what in candidates:
        if isinstance(obj, tracked):
            kind = f"{type(obj).__tablename__}-{what}"[:40]
            return FeedChange(kind=kind, object_id=getattr(obj, "id", None))
    return None


@event.listens_for(OrmSession, "before_flush")
def log_feed_change(session: OrmSession, _context: Any, _instances: Any) -> None:
    """Log one change per flush that touches what feeds show."""
    change = change_for(session)
    if change is not None:
        session.add(change)


@event.listens_for(OrmSession, "do_orm_execute")
def log_bulk_feed_change(state: ORMExecuteState) -> None:
    """ORM-enabled ``update()`` / ``delete()`` statements bypass the flush: log them too."""
    if not (state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, tracked_models()):
        what = "updated" if state.is_update else "deleted"
        state.session.add(FeedChange(kind=f"{mapper.local_table.name}-{what}"[:40]))
