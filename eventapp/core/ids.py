"""Database ids arriving from outside (paths, query strings, forms, JSON): a number the id
columns cannot hold is "no such thing", never a database error.

``<int:…>`` in every route is ``IdConverter``: past ``MAX_ID`` the route does not match (404).
``parse_id`` reads one from text or JSON for the views and forms that take ids elsewhere.
"""

from __future__ import annotations

from typing import Any

from flask import request
from werkzeug.routing import IntegerConverter, Map

MAX_ID = 2**31 - 1  # PostgreSQL's integer (SQLite's are 64 bits: the smaller range rules)


class IdConverter(IntegerConverter):
    """``<int:…>``: an id, 1 to ``MAX_ID``, unless a route says otherwise."""

    def __init__(
        self,
        map: Map,  # noqa: A002 - Werkzeug's parameter name
        fixed_digits: int = 0,
        min: int | None = 1,  # noqa: A002
        max: int | None = MAX_ID,  # noqa: A002
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, max, signed)


def parse_id(value: Any) -> int | None:
    """A positive id from text (ASCII digits only) or a JSON number, else None."""
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID))):
            return None
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 < value <= MAX_ID else None


def id_arg(name: str) -> int | None:
    """The id in the query string's ``name`` (None when absent or not an id)."""
    return parse_id(request.args.get(name))
