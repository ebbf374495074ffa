"""Idempotent writes for the demo: find a row by its natural key, create it or change what differs.

Only attributes whose value differs are assigned, so a second run issues no UPDATE at all and
``updated_at`` stays put. Values that depend on the day the demo first ran (relative dates,
generated secrets) are passed as ``on_create`` and never touched again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy import select

from eventapp.extensions import db

M = TypeVar("M")


def slugify(text: str) -> str:
    """An ASCII slug: ``Södertörns högskola`` → ``sodertorns-hogskola``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def assign(obj: Any, values: Mapping[str, Any]) -> None:
    """Set each attribute of ``obj`` whose current value differs from the wanted one."""
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)


def sync_collection(collection: list[Any], wanted: Iterable[Any]) -> None:
    """Make a many-to-many collection hold exactly ``wanted`` (order ignored)."""
    wanted = list(wanted)
    for item in list(collection):
        if item not in wanted:
            collection.remove(item)
    for item in wanted:
        if item not in collection:
            collection.append(item)


def upsert(
    model: type[M],
    key: Mapping[str, Any],
    values: Mapping[str, Any] | None = None,
    on_create: Mapping[str, Any] | None = None,
) -> tuple[M, bool]:
    """Return the row of ``model`` matching ``key`` (created if missing), with ``values`` set."""
    with db.session.no_autoflush:
        obj = db.session.execute(select(model).filter_by(**key)).scalar_one_or_none()
        created = obj is None
        if obj is None:
            obj = model(**key)
            assign(obj, on_create or {})
        assign(obj, values or {})
    if created:
        db.session.add(obj)
        db.session.flush()
    return obj, created
