"""Values arriving from outside (paths, query strings, forms, JSON): what no column can hold is
"no such thing" (404) or a bad request (400), never a database error.

A NUL character (PostgreSQL refuses it in text; nobody types it) anywhere in a request's query
string or JSON is refused before any view runs (``refuse_nul``): 400. In a posted form it is
taken out before any view reads the form, and the fields that held one are remembered
(``nul_fields``): every form of ours then refuses to validate, with the error on the field that
held it, and re-shows what was typed (a person pasting from a PDF keeps their text). So is JSON
nested deeper than ``MAX_JSON_DEPTH`` (no API of ours takes more than three levels; a hundred
thousand brackets made the parser, then the NUL walk, exceed Python's recursion limit: a 500).

Every route's variables go through these converters: ``<int:…>`` is ``IdConverter`` (1 to
``MAX_ID``), ``<slug>`` and ``<path:…>`` take no control characters (PostgreSQL refuses a NUL
in text; no slug, code or file name has one). ``parse_id`` reads an id from text or JSON for
the views and forms that take one elsewhere, ``page_arg`` a page number.
"""

from __future__ import annotations

from typing import Any

from flask import g, request
from flask_babel import gettext as _
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter, Map, PathConverter, UnicodeConverter

from eventapp.core.blueprint import bp
from eventapp.core.errors import BadRequest

MAX_ID = 2**31 - 1  # PostgreSQL's integer (SQLite's are 64 bits: the smaller range rules)
CONTROL = r"\x00-\x1f\x7f"  # in a regular expression's character class
MAX_JSON_DEPTH = 32


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


class TextConverter(UnicodeConverter):
    """``<slug>``, ``<string:…>``: one path segment without control characters."""

    def __init__(
        self,
        map: Map,  # noqa: A002 - Werkzeug's parameter name
        minlength: int = 1,
        maxlength: int | None = None,
        length: int | None = None,
    ) -> None:
        super().__init__(map, minlength, maxlength, length)
        self.regex = self.regex.replace("[^/]", f"[^/{CONTROL}]", 1)


class FilePathConverter(PathConverter):
    """``<path:…>``: segments separated by slashes, without control characters."""

    regex = f"[^/{CONTROL}][^{CONTROL}]*?"


CONVERTERS = {
    "default": TextConverter,
    "string": TextConverter,
    "path": FilePathConverter,
    "int": IdConverter,
}


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


def page_arg(last: int = 10_000) -> int:
    """The page number in ``?page=``: 1 when absent, not a number or past ``last``."""
    page = parse_id(request.args.get("page"))
    return page if page is not None and page <= last else 1


@bp.before_app_request
def refuse_nul() -> None:
    """400 for a NUL in the query string or a JSON string; a form field's NUL is taken out and
    its field remembered for the form to refuse (a file's content is not looked at)."""
    values: list[Any] = [*request.args.items(multi=True)]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        _take_nul_out_of_form()
    elif request.is_json:
        try:
            values.append(request.get_json(silent=True))
        except RecursionError:  # the JSON parser recurses once per level
            raise BadRequest(_("The data is nested too deeply.")) from None
    if _has_nul(values):
        raise BadRequest(_("The text contains a forbidden character."))


def _take_nul_out_of_form() -> None:
    items = list(request.form.items(multi=True))
    fields = {key.replace("\x00", "") for key, value in items if "\x00" in key + value}
    if fields:
        cleaned = [(key.replace("\x00", ""), value.replace("\x00", "")) for key, value in items]
        request.form = ImmutableMultiDict(cleaned)  # type: ignore[misc]
        g.nul_fields = frozenset(fields)


def nul_fields() -> frozenset[str]:
    """The names of the posted form's fields that held a NUL (taken out by ``refuse_nul``)."""
    return g.get("nul_fields", frozenset())


def _has_nul(value: Any) -> bool:
    """True if a NUL is in any string of ``value``; walked without recursion, depth-limited."""
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict | list | tuple):
            if depth > MAX_JSON_DEPTH:
                raise BadRequest(_("The data is nested too deeply."))
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return False
