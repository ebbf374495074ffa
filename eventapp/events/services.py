"""Creating and editing events: rights, organisers with roles, slugs, SEQUENCE and audit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.auth.rights import (
    MANAGING_ROLES,
    can_manage_series,
    organisation_ids,
    require_event_manager,
    require_organiser,
    require_series_manager,
)
from eventapp.core.db import lock_row, transaction
from eventapp.core.errors import DomainError
from eventapp.core.slugs import free_slug, slug_in_use
from eventapp.core.timefmt import local_datetime
from eventapp.core.translation import assign_texts
from eventapp.core.types import EventStatus, OrganiserRole
from eventapp.directory.models import Organisation
from eventapp.directory.services import resolve_slug
from eventapp.events.changes import EVENT_VISIBLE, apply_sequence, changed_fields, snapshot
from eventapp.events.models import Event, EventOrganiser, EventSeries, series_organisations
from eventapp.extensions import db
from eventapp.manage import audit
from eventapp.registration.notify import notify_event_changed
from eventapp.registration.services import promote_waitlist
from eventapp.reminders.services import inherit_reminders

#: Edits that can free places: the first on the waiting list is promoted at once.
PLACES_FIELDS = {"capacity", "waitlist_enabled"}
#: Edits registrants are told about by e-mail (when and where).
PARTICIPANT_VISIBLE = {"starts_at", "ends_at", "timezone", "venue_id"}

#: Event columns the edit form sets (status and SEQUENCE change only through the life cycle).
UPDATED = "event.updated"  # the audit action of an edit (what ``seen_edit`` counts)
EDITABLE_FIELDS = (
    "title",
    "slug",
    "summary",
    "description",
    "language",
    "timezone",
    "starts_at",
    "ends_at",
    "venue_id",
    "contact_person_id",
    "collaboration_id",
    "series_id",
    "website",
    "registration_enabled",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "waitlist_enabled",
    "moderation_enabled",
    "confirm_email",
    "registration_categories",
    "ask_dietary",
    "ask_accessibility",
    "privacy_text",
    "retention_days",
    "translations",
)


class EventEditError(DomainError):
    """An event edit was refused; ``field`` names the form field at fault."""


class SeriesEditError(DomainError):
    """A series edit was refused; ``field`` names the form field at fault."""


class EditConflict(EventEditError):
    """Someone saved the event after the form being saved was opened (``seen_edit``)."""

    def __init__(self, entry: Any, timezone: str) -> None:
        who = (entry.user.display_name or entry.user.email) if entry.user else _("someone")
        when = local_datetime(entry.created_at, timezone, "short")
        super().__init__(
            _(
                "%(who)s saved this event at %(when)s, after you opened this form, so your "
                "changes are not saved yet. Compare with the event's page; saving again keeps "
                "what this form shows, over their changes.",
                who=who,
                when=when,
            )
        )
        self.latest = entry.id


@dataclass
class EventData:
    """What the event form gives the services (times already aware, in UTC or any zone).

    ``seen_edit``: the newest edit of the event when the form was opened (its audit entry's
    id, 0 for none); None when the caller does not know, which saves without the check."""

    values: dict[str, Any]
    organisers: list[tuple[int, OrganiserRole]] = field(default_factory=list)
    seen_edit: int | None = None


def slug_taken(slug: str, exclude_id: int | None = None) -> bool:
    """True if another event already uses ``slug``."""
    return slug_in_use(Event, slug, exclude_id)


def unique_slug(text: str, exclude_id: int | None = None) -> str:
    """A free slug made from ``text`` ("-2", "-3"… appended when needed)."""
    return free_slug(Event, text, exclude_id, fallback="event")


def organiser_problem(user: User, organisers: list[tuple[int, OrganiserRole]]) -> str | None:
    """Why this organiser list may not be saved by ``user``, or None when it may."""
    ids = [organisation_id for organisation_id, _role in organisers]
    if len(ids) != len(set(ids)):
        return _("Each organisation may be listed once.")
    if not ids:
        return _("Name at least one organising organisation.")
    if not any(role in MANAGING_ROLES for _id, role in organisers):
        return _("At least one organisation must host or co-organise.")
    if user.is_site_admin:
        return None
    own = organisation_ids(user)
    if not any(oid in own and role in MANAGING_ROLES for oid, role in organisers):
        return _("One of your organisations must host or co-organise the event.")
    return None


def _check(user: User, data: EventData, event: Event | None) -> None:
    values = data.values
    if values["ends_at"] <= values["starts_at"]:
        raise EventEditError(_("The end must be after the start."), "ends_at")
    opens, closes = values.get("registration_opens_at"), values.get("registration_closes_at")
    if opens and closes and closes <= opens:
        raise EventEditError(_("Registration must close after it opens."), "registration_closes_at")
    if slug_taken(values["slug"], event.id if event is not None else None):
        raise EventEditError(_("Another event already uses this address."), "slug")
    problem = organiser_problem(user, data.organisers)
    if problem:
        raise EventEditError(problem, "organisers")
    series_id = values.get("series_id")
    if series_id is not None and (event is None or event.series_id != series_id):
        series = db.session.get(EventSeries, series_id)
        if series is None or not can_manage_series(user, series):
            raise EventEditError(_("You may not add events to this series."), "series_id")


def _set_fields(event: Event, values: dict[str, Any]) -> None:
    """The form's columns, and its translations (``{"sv": {"title": …}}``; empty ones removed)."""
    assign_texts(event, {k: v for k, v in values.items() if k in EDITABLE_FIELDS})


def _set_organisers(event: Event, organisers: list[tuple[int, OrganiserRole]]) -> None:
    current = {o.organisation_id: o for o in event.organisers}
    wanted = {oid for oid, _role in organisers}
    for oid, row in list(current.items()):
        if oid not in wanted:
            event.organisers.remove(row)
    for position, (oid, role) in enumerate(organisers):
        row = current.get(oid)
        if row is None:
            event.organisers.append(
                EventOrganiser(organisation_id=oid, role=role, position=position)
            )
        else:
            row.role, row.position = role, position


def _organiser_list(event: Event) -> list[str]:
    return [f"{o.organisation_id}:{o.role.value}" for o in event.organisers]


def create_event(user: User, data: EventData) -> Event:
    """Create a draft event; the user's organisation must host or co-organise it."""
    require_organiser(user)
    data.values["slug"] = data.values.get("slug") or unique_slug(data.values["title"])
    _check(user, data, None)
    event = Event()
    _set_fields(event, data.values)
    with db.session.no_autoflush:
        if event.series_id is not None:
            inherit_reminders(event, db.session.get(EventSeries, event.series_id))
    db.session.add(event)
    _set_organisers(event, data.organisers)
    db.session.flush()
    audit.record(event, user, "event.created", event.title)
    db.session.commit()
    return event


def update_event(user: User, event: Event, data: EventData) -> bool:
    """Apply an edit; returns True when calendar subscribers will see the change."""
    require_event_manager(user, event)
    data.values["slug"] = data.values.get("slug") or event.slug
    _check(user, data, event)
    with transaction():
        # Edits and the promotions they cause happen under the lock that registrations take.
        lock_row(Event, event.id)
        if data.seen_edit is not None:  # two organisers editing at once: the second is told
            latest = audit.last_entry(event.id, UPDATED)
            if latest is not None and latest.id > data.seen_edit:
                raise EditConflict(latest, event.timezone)
        before = snapshot(event, EDITABLE_FIELDS)
        organisers_before = _organiser_list(event)
        _set_fields(event, data.values)
        _set_organisers(event, data.organisers)
        changes = changed_fields(event, before)
        organisers_after = _organiser_list(event)
        if organisers_after != organisers_before:
            changes["organisers"] = [organisers_before, organisers_after]
        visible = apply_sequence(event, before, EVENT_VISIBLE)
        if changes:
            audit.record(event, user, UPDATED, event.title, changes)
        if PLACES_FIELDS & changes.keys():
            promote_waitlist(event)
        if event.status == EventStatus.PUBLISHED and PARTICIPANT_VISIBLE & changes.keys():
            notify_event_changed(event)
    return visible


def shift_local(value: datetime | None, tz: Any, days: int) -> datetime | None:
    """``value`` moved by whole days on the wall clock of zone ``tz`` (DST-safe)."""
    if value is None:
        return None
    local = value.astimezone(tz).replace(tzinfo=None) + timedelta(days=days)
    return local.replace(tzinfo=tz)


def manageable_series(user: User) -> Sequence[EventSeries]:
    """The series ``user`` may change (all for a site administrator)."""
    stmt = select(EventSeries).options(selectinload(EventSeries.organisations))
    if not user.is_site_admin:
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
    require_organiser(user)
    if series is not None:
        require_series_manager(user, series)
    if not organisation_list:
        raise SeriesEditError(_("Name at least one organisation."), "organisations")
    if not user.is_site_admin and not set(organisation_list) & organisation_ids(user):
        raise SeriesEditError(_("One of your organisations must run the series."), "organisations")
    series = series or EventSeries()
    resolve_slug(series, EventSeries, values)
    chosen = db.session.execute(
        select(Organisation).where(Organisation.id.in_(organisation_list))
    ).scalars()
    with db.session.no_autoflush:
        series.organisations = list(chosen)
        assign_texts(series, values)
    db.session.add(series)
    db.session.commit()
    return series
