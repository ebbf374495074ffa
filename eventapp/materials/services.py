"""What the materials do: add and remove, who sees what, the speakers' upload links."""

from __future__ import annotations

import secrets
from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from eventapp.contributions.files import check_pdf, store_pdf
from eventapp.core.db import utcnow
from eventapp.core.errors import DomainError, NotFound
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.materials.models import (
    Licence,
    Material,
    MaterialKind,
    MaterialLink,
    Visibility,
)

SECRET_LENGTH = 43  # token_urlsafe(32): 256 bits
FILE_KINDS = {MaterialKind.SLIDES, MaterialKind.POSTER, MaterialKind.OTHER}


@dataclass(frozen=True)
class MaterialData:
    kind: MaterialKind
    title: str
    licence: Licence
    visibility: Visibility
    url: str = ""
    pdf: bytes | None = None


def add_material(
    session: Session, data: MaterialData, link: MaterialLink | None = None
) -> Material:
    """Add a PDF or a link to ``session`` (flushed; the request commits). A file is checked to
    be a readable PDF under the upload limit; a material is one or the other, never both."""
    if bool(data.pdf) == bool(data.url.strip()):
        raise DomainError(_("Give either a PDF file or a web address."), "url")
    path = None
    if data.pdf:
        check_pdf(data.pdf, current_app.config["MAX_UPLOAD_BYTES"])
        path = store_pdf(data.pdf, folder="materials")
    material = Material(
        session_id=session.id,
        kind=data.kind,
        title=data.title.strip(),
        url=data.url.strip(),
        file_path=path,
        licence=data.licence,
        visibility=data.visibility,
        link_id=link.id if link else None,
    )
    db.session.add(material)
    db.session.flush()
    return material


def remove_material(material: Material) -> None:
    db.session.delete(material)
    db.session.flush()


def materials_of(
    event: Event, audience: set[Visibility], ended_only: bool = True
) -> dict[int, list[Material]]:
    """The event's materials ``audience`` may see, by session id (one query). Shown once the
    session has ended, unless ``ended_only`` is off (the organisers' and speakers' pages)."""
    stmt = (
        select(Material)
        .join(Session, Material.session_id == Session.id)
        .where(Session.event_id == event.id, Material.visibility.in_(audience))
        .order_by(Session.starts_at, Material.id)
    )
    if ended_only:
        stmt = stmt.where(Session.ends_at <= utcnow())
    found: dict[int, list[Material]] = defaultdict(list)
    for material in db.session.execute(stmt).scalars():
        found[material.session_id].append(material)
    return dict(found)


def speaker_link(session: Session) -> MaterialLink:
    """The session's speaker link, made on first use (a revoked one is replaced)."""
    link = db.session.execute(
        select(MaterialLink).where(MaterialLink.session_id == session.id)
    ).scalar_one_or_none()
    if link is None:
        link = MaterialLink(session_id=session.id, secret=secrets.token_urlsafe(32))
        db.session.add(link)
    elif link.revoked_at is not None:
        link.secret, link.revoked_at = secrets.token_urlsafe(32), None
    db.session.flush()
    return link


def revoke_link(link: MaterialLink) -> None:
    link.revoked_at = utcnow()
    db.session.flush()


def by_secret(secret: str) -> MaterialLink:
    """The working speaker link behind ``secret`` (404 for anything else)."""
    if not secret or len(secret) > 64:
        raise NotFound(_("No such link."))
    link = db.session.execute(
        select(MaterialLink).where(MaterialLink.secret == secret)
    ).scalar_one_or_none()
    if link is None or link.revoked_at is not None:
        raise NotFound(_("No such link."))
    return link
