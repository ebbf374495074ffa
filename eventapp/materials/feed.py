"""Materials in the calendar feeds: each session entry's public files and links as ATTACH."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.core.urls import path_for
from eventapp.events.models import Session
from eventapp.extensions import db
from eventapp.materials.models import Material, Visibility

Attachment = tuple[str, str]  # (URI, media type or "")


def session_attachments(sessions: Iterable[Session], base_url: str) -> dict[int, list[Attachment]]:
    """The public materials of the sessions that have ended, by session id: one query, none at
    all when no session has ended (a feed of upcoming events costs what it did)."""
    now = utcnow()
    ended = [s.id for s in sessions if s.ends_at <= now]
    if not ended:
        return {}
    stmt = (
        select(Material.session_id, Material.id, Material.url)
        .where(Material.session_id.in_(ended), Material.visibility == Visibility.PUBLIC)
        .order_by(Material.id)
    )
    found: dict[int, list[Attachment]] = {}
    for session_id, material_id, url in db.session.execute(stmt).all():
        if url:
            found.setdefault(session_id, []).append((url, ""))
        else:
            path = path_for("materials.public_file", material_id=material_id)
            found.setdefault(session_id, []).append(
                (base_url.rstrip("/") + path, "application/pdf")
            )
    return found
