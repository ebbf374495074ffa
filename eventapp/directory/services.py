"""Editing the shared directory: organisations, people, venues and rooms.

Rights: site administrators create organisations; an organiser edits the organisations they act
for. People and venues are a shared directory every organiser may extend and correct (speakers
and rooms are needed to build any timetable).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.auth.rights import (
    can_manage_organisation,
    require_organiser,
    require_site_admin,
)
from eventapp.core.errors import DomainError, Forbidden
from eventapp.core.slugs import free_slug, slug_in_use
from eventapp.core.translation import assign_texts
from eventapp.directory.models import Organisation, Person
from eventapp.events.changes import (
    ORGANISATION_VISIBLE,
    PERSON_VISIBLE,
    VENUE_VISIBLE,
    bump_for_organisation,
    bump_for_person,
    bump_for_venue,
    snapshot,
    visible_change,
)
from eventapp.events.models import Room, Venue
from eventapp.extensions import db

M = TypeVar("M")


class DirectoryError(DomainError):
    """A directory edit was refused; ``field`` names the form field at fault."""


def resolve_slug(obj: Any, model: type[Any], values: dict[str, Any]) -> None:
    """Refuse a slug in use; make one from the name when none is given."""
    slug = (values.get("slug") or "").strip()
    if slug and slug_in_use(model, slug, getattr(obj, "id", None)):
        raise DirectoryError(_("This address is already used."), "slug")
    values["slug"] = slug or getattr(obj, "slug", None) or free_slug(model, values["name"])


def _save(
    obj: M,
    model: type[Any],
    values: dict[str, Any],
    visible: tuple[str, ...] = (),
    bump: Callable[[int], None] | None = None,
) -> M:
    """Save a directory entry; when a field a calendar feed shows (``visible``) changed on an
    existing one, ``bump`` raises the SEQUENCE of what the feeds show it in."""
    before = snapshot(obj, visible) if obj.id is not None else {}
    resolve_slug(obj, model, values)
    assign_texts(obj, values)
    db.session.add(obj)
    if bump is not None and before and visible_change(obj, before):
        db.session.flush()
        bump(obj.id)
    db.session.commit()
    return obj


def list_all(model: type[M], order: Any) -> Sequence[M]:
    """Every row of a directory model, ordered."""
    return db.session.execute(select(model).order_by(order)).scalars().all()


def save_organisation(user: User, organisation: Organisation | None, values: dict) -> Organisation:
    """Create (site administrators) or change (their own organisations) an organisation."""
    if organisation is None:
        require_site_admin(user)
        organisation = Organisation()
    elif not can_manage_organisation(user, organisation.id):
        raise Forbidden(_("You may not change this organisation."))
    parent_id = values.get("parent_id")
    if parent_id is not None and organisation.id is not None:
        ancestor = db.session.get(Organisation, parent_id)
        while ancestor is not None:
            if ancestor.id == organisation.id:
                raise DirectoryError(_("An organisation cannot be under itself."), "parent_id")
            ancestor = ancestor.parent
    return _save(organisation, Organisation, values, ORGANISATION_VISIBLE, bump_for_organisation)


def save_person(user: User, person: Person | None, values: dict) -> Person:
    """Create or change a person of the shared directory."""
    require_organiser(user)
    return _save(person or Person(), Person, values, PERSON_VISIBLE, bump_for_person)


def save_venue(user: User, venue: Venue | None, values: dict) -> Venue:
    """Create or change a venue of the shared directory."""
    require_organiser(user)
    return _save(venue or Venue(), Venue, values, VENUE_VISIBLE, bump_for_venue)


def venue_with_rooms(venue_id: int) -> Venue | None:
    """A venue with its rooms loaded."""
    stmt = select(Venue).where(Venue.id == venue_id).options(selectinload(Venue.rooms))
    return db.session.execute(stmt).scalar_one_or_none()


def save_room(user: User, venue: Venue, room: Room | None, name: str, capacity: int | None):
    """Add or rename a room of a venue (names are unique within the venue)."""
    require_organiser(user)
    clash = db.session.execute(
        select(Room.id).where(Room.venue_id == venue.id, Room.name == name.strip())
    ).first()
    if clash is not None and (room is None or clash[0] != room.id):
        raise DirectoryError(_("This venue already has a room with that name."), "name")
    room = room or Room(venue_id=venue.id)
    room.name, room.capacity = name.strip(), capacity
    db.session.add(room)
    db.session.commit()
    return room
