"""Who may manage what: checked in the services, not only in templates.

A site administrator may do everything. An organiser may manage the events that one of their
organisations hosts or co-organises (partners do not), and the series those organisations run.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Exists, Select, exists, select

from eventapp.auth.models import User, user_organisations
from eventapp.core.errors import Forbidden, NotFound
from eventapp.core.types import OrganiserRole
from eventapp.events.models import Event, EventOrganiser, EventSeries, series_organisations
from eventapp.extensions import db

MANAGING_ROLES = (OrganiserRole.HOST, OrganiserRole.CO_ORGANISER)


def organisation_ids(user: User) -> set[int]:
    """The organisations a user acts for."""
    rows = db.session.execute(
        select(user_organisations.c.organisation_id).where(user_organisations.c.user_id == user.id)
    )
    return {row[0] for row in rows}


def _is_user(user: Any) -> bool:
    return isinstance(user, User) and user.is_authenticated and user.active


def can_manage_event(user: Any, event: Event) -> bool:
    """True if ``user`` may read and change ``event``, its registrations and drafts."""
    if not _is_user(user):
        return False
    if user.is_site_admin:
        return True
    if event.id is None:
        return False
    return bool(db.session.execute(select(manages_event(user.id, event.id))).scalar())


def manages_event(user_id: Any, event_id: Any) -> Exists:
    """SQL: the user acts for an organisation that hosts or co-organises the event (either
    side a value or a column, so a query can ask it of rows it joins)."""
    # One level of subquery: a column given here (users.id, events.id) correlates with the
    # query the EXISTS sits in. Nested one level deeper it would not, and would ask whether
    # *anybody* acts for the organisation.
    return exists().where(
        EventOrganiser.event_id == event_id,
        EventOrganiser.role.in_(MANAGING_ROLES),
        user_organisations.c.organisation_id == EventOrganiser.organisation_id,
        user_organisations.c.user_id == user_id,
    )


def can_manage_series(user: Any, series: EventSeries) -> bool:
    """True if ``user`` may change ``series`` (one of their organisations runs it)."""
    if not _is_user(user):
        return False
    if user.is_site_admin:
        return True
    stmt = select(
        exists().where(
            series_organisations.c.series_id == series.id,
            series_organisations.c.organisation_id.in_(
                select(user_organisations.c.organisation_id).where(
                    user_organisations.c.user_id == user.id
                )
            ),
        )
    )
    return bool(db.session.execute(stmt).scalar())


def can_manage_organisation(user: Any, organisation_id: int) -> bool:
    """True if ``user`` acts for this organisation (or is a site administrator)."""
    if not _is_user(user):
        return False
    return user.is_site_admin or organisation_id in organisation_ids(user)


def require_event_manager(user: Any, event: Event) -> None:
    """Raise ``Forbidden`` unless ``user`` may manage ``event``."""
    if not can_manage_event(user, event):
        raise Forbidden(_("You may not manage this event."))


def require_series_manager(user: Any, series: EventSeries) -> None:
    """Raise ``Forbidden`` unless ``user`` may manage ``series``."""
    if not can_manage_series(user, series):
        raise Forbidden(_("You may not manage this series."))


def require_organiser(user: Any) -> None:
    """Refuse (403) anyone who acts for no organisation (site administrators act for all)."""
    if not (_is_user(user) and (user.is_site_admin or organisation_ids(user))):
        raise Forbidden(_("You act for no organisation."))


def require_site_admin(user: Any) -> None:
    """Raise ``Forbidden`` unless ``user`` is a site administrator."""
    if not (_is_user(user) and user.is_site_admin):
        raise Forbidden(_("Only site administrators may do this."))


def manageable_events(user: User) -> Select[tuple[Event]]:
    """A query of the events ``user`` may manage (every event for a site administrator)."""
    stmt = select(Event)
    if user.is_site_admin:
        return stmt
    return stmt.where(
        Event.id.in_(
            select(EventOrganiser.event_id).where(
                EventOrganiser.role.in_(MANAGING_ROLES),
                EventOrganiser.organisation_id.in_(
                    select(user_organisations.c.organisation_id).where(
                        user_organisations.c.user_id == user.id
                    )
                ),
            )
        )
    )


def get_managed_event(user: Any, slug: str) -> Event:
    """The event with ``slug`` if ``user`` may manage it: 404 if unknown, 403 if not theirs.

    One statement: the event with the user's right to manage it (every organiser page and a
    door's scan from the browser start here)."""
    allowed: Any = _is_user(user) and user.is_site_admin
    if _is_user(user) and not allowed:
        stmt = select(Event, manages_event(user.id, Event.id)).where(Event.slug == slug)
        event, allowed = db.session.execute(stmt).one_or_none() or (None, False)
    else:
        stmt = select(Event).where(Event.slug == slug)
        event = db.session.execute(stmt).scalar_one_or_none()
    if event is None:
        raise NotFound(_("No such event."))
    if not allowed:
        raise Forbidden(_("You may not manage this event."))
    return event
