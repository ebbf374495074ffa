"""The audit log: ``record(event, user, action, …)`` adds who changed what to the session."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.manage.models import AuditLogEntry


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a changed value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def record(
    event: Event | None,
    user: Any,
    action: str,
    target: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditLogEntry:
    """Add an audit entry (committed with the caller's change)."""
    user_id = getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None
    entry = AuditLogEntry(
        event_id=event.id if event is not None else None,
        user_id=user_id,
        action=action[:80],
        target=(target or "")[:200],
        changes=_plain(changes or {}),
    )
    if event is not None and event.id is None:
        entry.event_id = None
        db.session.flush()
        entry.event_id = event.id
    db.session.add(entry)
    return entry


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields whose value changed."""
    return {
        key: [_plain(before.get(key)), _plain(value)]
        for key, value in after.items()
        if before.get(key) != value
    }


def event_log(event: Event, limit: int = 100) -> Sequence[AuditLogEntry]:
    """The newest entries of an event's log, with their users (one query each)."""
    stmt = (
        select(AuditLogEntry)
        .where(AuditLogEntry.event_id == event.id)
        .options(selectinload(AuditLogEntry.user))
        .order_by(AuditLogEntry.created_at.desc(), AuditLogEntry.id.desc())
        .limit(limit)
    )
    return db.session.execute(stmt).scalars().all()


def last_entry(event_id: int, action: str) -> AuditLogEntry | None:
    """The newest ``action`` entry of an event's log, with its user."""
    stmt = (
        select(AuditLogEntry)
        .where(AuditLogEntry.event_id == event_id, AuditLogEntry.action == action)
        .options(selectinload(AuditLogEntry.user))
        .order_by(AuditLogEntry.id.desc())
        .limit(1)
    )
    return db.session.execute(stmt).scalar_one_or_none()
