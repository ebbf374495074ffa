"""SEQUENCE and updated time: bumped only by changes a calendar subscriber would see."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm.attributes import flag_modified

from eventapp.core.db import utcnow

#: What a subscriber sees of an event and of a session: time, place, title, status.
EVENT_VISIBLE = ("title", "starts_at", "ends_at", "timezone", "venue_id", "status")
SESSION_VISIBLE = ("title", "starts_at", "ends_at", "room_id", "status")


def snapshot(obj: Any, fields: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """The current values of ``fields`` (taken before an edit)."""
    return {name: getattr(obj, name) for name in fields}


def changed_fields(obj: Any, before: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field of ``before`` whose value changed."""
    return {
        name: [old, getattr(obj, name)] for name, old in before.items() if getattr(obj, name) != old
    }


def apply_sequence(obj: Any, before: dict[str, Any], visible: tuple[str, ...]) -> bool:
    """Bump SEQUENCE and the updated time if a visible field changed; else keep both.

    Returns True when the change is visible to subscribers.
    """
    visible_change = any(name in before and getattr(obj, name) != before[name] for name in visible)
    if visible_change:
        obj.sequence = (obj.sequence or 0) + 1
        obj.updated_at = utcnow()
    elif obj.id is not None:
        # Writing the old value explicitly stops the column's onupdate from touching it.
        flag_modified(obj, "updated_at")
    return visible_change
