"""Slugs: the readable part of a public URL, unique per kind of row."""

from __future__ import annotations

import html
from typing import Any

import nh3
from slugify import slugify
from sqlalchemy import select

from eventapp.extensions import db


def slug_from(text: str, *, max_length: int = 0, word_boundary: bool = False, **kw: Any) -> str:
    """The slug of a title, read as a person reads it: markup typed into a title is dropped
    ("<b>bold</b>" gave "b-bold-b") and entities are the characters they stand for."""
    plain = html.unescape(nh3.clean(text or "", tags=set()))
    return slugify(plain, max_length=max_length, word_boundary=word_boundary, **kw)


def slug_in_use(model: type[Any], slug: str, exclude_id: int | None = None) -> bool:
    """True if a row of ``model`` other than ``exclude_id`` uses ``slug``."""
    stmt = select(model.id).where(model.slug == slug)
    if exclude_id is not None:
        stmt = stmt.where(model.id != exclude_id)
    return db.session.execute(stmt.limit(1)).first() is not None


def free_slug(
    model: type[Any],
    text: str,
    exclude_id: int | None = None,
    *,
    fallback: str = "item",
    max_length: int = 100,
    word_boundary: bool = False,
) -> str:
    """A slug made from ``text`` that no other row of ``model`` uses ("-2", "-3"… appended)."""
    base = slug_from(text, max_length=max_length, word_boundary=word_boundary) or fallback
    candidate, n = base, 2
    while slug_in_use(model, candidate, exclude_id):
        candidate, n = f"{base}-{n}", n + 1
    return candidate
