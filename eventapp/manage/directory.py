"""Editing the shared directory: organisations, people, venues and rooms, series.

Rights: site administrators create organisations; an organiser edits the organisations they act
for. People and venues are a shared directory every organiser may extend and correct (speakers
and rooms are needed to build any timetable). A series is changed by the organisations running it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from flask_babel import gettext as _
from slugify import slugify
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.auth.rights import (
    can_manage_organisation,
    organisation_ids,
    require_series_manager,
    require_site_admin,
)
from eventapp.core.errors import DomainError, Forbidden
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import EventSeries, Room, Venue
from eventapp.extensions import db

M = TypeVar("M")


class DirectoryError(DomainError):
    """A directory edit was refused; ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _require_organiser(user: User) -> None:
    if not (user.is_authenticated and (user.is_site_admin or organisation_ids(user))):
        raise Forbidden(_("You act for no organisation."))


def slug_in_use(model: type[Any], slug: str, exclude_id: int | None = None) -> bool:
    """True if another row of ``model`` uses ``slug``."""
    stmt = select(model.id).where(model.slug == slug)
    if exclude_id is not None:
        stmt = stmt.where(model.id != exclude_id)
    return db.session.execute(stmt.limit(1)).first() is not None


def free_slug(model: type[Any], text: str, exclude_id: int | None = None) -> str:
    """A slug made from ``text`` that no other row of ``model`` uses."""
    base = slugify(text, max_length=100) or "item"
    candidate, n = base, 2
    while slug_in_use(model, candidate, exclude_id):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _resolve_slug(obj: Any, model: type[Any], values: dict[str, Any]) -> None:
    """Refuse a slug in use; make one from the name when none is given."""
    slug = (values.get("slug") or "").strip()
    if slug and slug_in_use(model, slug, getattr(obj, "id", None)):
        raise DirectoryError(_("This address is already used."), "slug")
    values["slug"] = slug or getattr(obj, "slug", None) or free_slug(model, values["name"])


def _save(obj: M, model: type[Any], values: dict[str, Any]) -> M:
    _resolve_slug(obj, model, values)
    for key, value in values.items():
        setattr(obj, key, value)
    db.session.add(obj)
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
    return _save(organisation, Organisation, values)


def save_person(user: User, person: Person | None, values: dict) -> Person:
    """Create or change a person of the shared directory."""
    _require_organiser(user)
    return _save(person or Person(), Person, values)


def save_venue(user: User, venue: Venue | None, values: dict) -> Venue:
    """Create or change a venue of the shared directory."""
    _require_organiser(user)
    return _save(venue or Venue(), Venue, values)


def venue_with_rooms(venue_id: int) -> Venue | None:
    """A venue with its rooms loaded."""
    stmt = select(Venue).where(Venue.id == venue_id).options(selectinload(Venue.rooms))
    return db.session.execute(stmt).scalar_one_or_none()


def save_room(user: User, venue: Venue, room: Room | None, name: str, capacity: int | None):
    """Add or rename a room of a venue (names are unique within the venue)."""
    _require_organiser(user)
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


def manageable_series(user: User) -> Sequence[EventSeries]:
    """The series ``user`` may change (all for a site administrator)."""
    stmt = select(EventSeries).options(selectinload(EventSeries.organisations))
    if not user.is_site_admin:
        from eventapp.events.models import series_organisations

        stmt = stmt.where(
            EventSeries.id.in_(
                select(series_organisations.c.series_id).where(
                    series_organisations.c.organisation_id.in_(organisation_ids(user))
                )
            )
        )
    return db.session.execute(stmt.order_by(EventSeries.name)).scalars().all()


def save_series(
    user: User, series: EventSeries | None, values: dict, organisation_list: list[int]
) -> EventSeries:
    """Create or change a series; one of the user's organisations must run it."""
    _require_organiser(user)
    if series is not None:
        require_series_manager(user, series)
    if not organisation_list:
        raise DirectoryError(_("Name at least one organisation."), "organisations")
    if not user.is_site_admin and not set(organisation_list) & organisation_ids(user):
        raise DirectoryError(_("One of your organisations must run the series."), "organisations")
    series = series or EventSeries()
    _resolve_slug(series, EventSeries, values)
    chosen = db.session.execute(
        select(Organisation).where(Organisation.id.in_(organisation_list))
    ).scalars()
    with db.session.no_autoflush:
        series.organisations = list(chosen)
        for key, value in values.items():
            setattr(series, key, value)
    db.session.add(series)
    db.session.commit()
    return series
