"""Idempotent writes for the demo: find a row by its natural key, create it or change what differs.

Only attributes whose value differs are assigned, so a second run issues no UPDATE at all and
``updated_at`` stays put. Values that depend on the day the demo first ran (relative dates,
generated secrets) are passed as ``on_create`` and never touched again. Rows of a table are read
once into a dictionary by key, and new rows are only flushed at the end: a flush per row would
make loading the demo quadratic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
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
        if all(item is not other for other in wanted):
            collection.remove(item)
    for item in wanted:
        if all(item is not other for other in collection):
            collection.append(item)


def rows_by(model: type[M], key: str, *options: Any) -> dict[Any, M]:
    """Every row of ``model`` in the database, by the value of its attribute ``key``."""
    rows = db.session.scalars(select(model).options(*options))
    return {getattr(row, key): row for row in rows}


def ensure(
    existing: dict[Any, M],
    key: Any,
    factory: Callable[[], M],
    values: Mapping[str, Any] | None = None,
    on_create: Mapping[str, Any] | None = None,
) -> M:
    """The row ``existing[key]``, or a new one from ``factory`` added to the session; then
    ``values`` assigned where they differ (``on_create`` only for a new row)."""
    obj = existing.get(key)
    if obj is None:
        obj = factory()
        assign(obj, on_create or {})
        db.session.add(obj)
        existing[key] = obj
    assign(obj, values or {})
    return obj


def ensure_child(
    collection: list[M],
    match: Callable[[M], bool],
    factory: Callable[[], M],
    values: Mapping[str, Any] | None = None,
) -> M:
    """The item of a parent's one-to-many ``collection`` that ``match``es, else a new one."""
    obj = next((item for item in collection if match(item)), None)
    if obj is None:
        obj = factory()
        collection.append(obj)
    assign(obj, values or {})
    return obj
