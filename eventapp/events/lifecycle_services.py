"""An event's life: draft → published → cancelled → archived, and the next edition."""

from __future__ import annotations

import re
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from eventapp.auth.models import User
from eventapp.auth.rights import require_event_manager
from eventapp.core.db import utcnow
from eventapp.core.errors import DomainError
from eventapp.core.timefmt import to_zone, zone
from eventapp.core.types import ACTIVE_REGISTRATION_STATUSES, EventStatus
from eventapp.events.cadence import CadenceError, parse_rrule
from eventapp.events.changes import EVENT_VISIBLE, apply_sequence, bump_sessions_of, snapshot
from eventapp.events.models import Event, EventOrganiser, Session, SessionSpeaker
from eventapp.events.services import shift_local, unique_slug
from eventapp.extensions import db
from eventapp.manage import audit
from eventapp.registration.models import Registration
from eventapp.registration.notify import send_event_cancelled
from eventapp.reminders.services import inherit_reminders


class LifecycleError(DomainError):
    """The event cannot move to that state now."""


def active_registrations(event: Event) -> int:
    """Registrations that hold or wait for a place."""
    stmt = select(func.count()).where(
        Registration.event_id == event.id,
        Registration.status.in_(ACTIVE_REGISTRATION_STATUSES),
    )
    return db.session.execute(stmt).scalar_one()


def _move(user: User, event: Event, status: EventStatus, action: str) -> None:
    before = snapshot(event, EVENT_VISIBLE)
    event.status = status
    apply_sequence(event, before, EVENT_VISIBLE)
    audit.record(event, user, action, event.title, {"status": [before["status"], status]})


def publish(user: User, event: Event) -> None:
    """Make a draft public."""
    require_event_manager(user, event)
    if event.status != EventStatus.DRAFT:
        raise LifecycleError(_("Only a draft can be published."))
    _move(user, event, EventStatus.PUBLISHED, "event.published")
    event.published_at = event.published_at or utcnow()
    db.session.commit()


def unpublish(user: User, event: Event) -> None:
    """Back to draft, allowed only while nobody has registered."""
    require_event_manager(user, event)
    if event.status != EventStatus.PUBLISHED:
        raise LifecycleError(_("Only a published event can go back to draft."))
    if active_registrations(event):
        raise LifecycleError(
            _("People have registered: cancel the event instead of unpublishing it.")
        )
    _move(user, event, EventStatus.DRAFT, "event.unpublished")
    db.session.commit()


def cancel(user: User, event: Event, note: str = "") -> int:
    """Cancel a published event and write to everyone registered; returns how many."""
    require_event_manager(user, event)
    if event.status != EventStatus.PUBLISHED:
        raise LifecycleError(_("Only a published event can be cancelled."))
    _move(user, event, EventStatus.CANCELLED, "event.cancelled")
    bump_sessions_of(event.id)  # cancelled with it: STATUS:CANCELLED in every feed
    event.cancelled_at = utcnow()
    event.cancellation_note = note.strip()
    registrations = db.session.execute(
        select(Registration).where(
            Registration.event_id == event.id,
            Registration.status.in_(ACTIVE_REGISTRATION_STATUSES),
        )
    ).scalars()
    sent = 0
    for registration in registrations:
        send_event_cancelled(registration)
        sent += 1
    db.session.commit()
    return sent


def archive(user: User, event: Event) -> None:
    """Retire a published or cancelled event from the back office's current list."""
    require_event_manager(user, event)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        raise LifecycleError(_("Only a published or cancelled event can be archived."))
    _move(user, event, EventStatus.ARCHIVED, "event.archived")
    db.session.commit()


def _next_title(title: str, old_year: int, new_year: int) -> str:
    if str(old_year) in title:
        return title.replace(str(old_year), str(new_year))
    return f"{title} {new_year}"


def next_edition_start(event: Event) -> date:
    """The first day proposed for the next edition: on the same weekday as this one, as near as
    can be to the same date a cadence later (a year, or the series' ``INTERVAL`` of years).

    Keeping the calendar date moved a Wednesday–Thursday event to a Friday–Saturday; the
    weekday is what the venue, the speakers and the participants' calendars were booked by.
    """
    start = to_zone(event.starts_at, event.timezone).date()
    years = _cadence_years(event)
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + years, day=28)
    shift = (start.weekday() - anniversary.weekday()) % 7
    return anniversary + timedelta(days=shift - 7 if shift > 3 else shift)


def _cadence_years(event: Event) -> int:
    rule = event.series.cadence_rrule if event.series else None
    try:
        parts = parse_rrule(rule) if rule else {}
    except CadenceError:
        parts = {}
    interval = parts.get("INTERVAL", "1")
    if parts.get("FREQ") == "YEARLY" and interval.isdigit() and 1 <= int(interval) <= 10:
        return int(interval)
    return 1


def next_edition_defaults(event: Event, start: date) -> tuple[str, str]:
    """The title and a free slug the clone gets by default."""
    old_year = to_zone(event.starts_at, event.timezone).year
    title = _next_title(event.title, old_year, start.year)
    slug = re.sub(rf"\b{old_year}\b", str(start.year), event.slug)
    if slug == event.slug:
        slug = f"{event.slug}-{start.year}"
    return title, unique_slug(slug)


def clone_event(user: User, event: Event, start: date, title: str = "", slug: str = "") -> Event:
    """Copy an event to a new start: sessions, rooms, speakers, organisers; no registrations."""
    require_event_manager(user, event)
    tz = zone(event.timezone)
    days = (start - to_zone(event.starts_at, event.timezone).date()).days
    default_title, default_slug = next_edition_defaults(event, start)
    columns = (
        "series_id", "summary", "description", "language", "timezone", "venue_id",
        "contact_person_id", "collaboration_id", "website", "registration_enabled", "capacity",
        "waitlist_enabled", "moderation_enabled", "confirm_email", "ask_dietary",
        "ask_accessibility", "privacy_text", "retention_days", "remind_two_days",
        "remind_morning",
    )  # fmt: skip
    clone = Event(
        title=(title.strip() or default_title)[:200],
        slug=slug.strip() or default_slug,
        status=EventStatus.DRAFT,
        sequence=0,
        starts_at=shift_local(event.starts_at, tz, days),
        ends_at=shift_local(event.ends_at, tz, days),
        registration_opens_at=shift_local(event.registration_opens_at, tz, days),
        registration_closes_at=shift_local(event.registration_closes_at, tz, days),
        registration_categories=list(event.registration_categories or []),
        **{name: getattr(event, name) for name in columns},
    )
    inherit_reminders(clone, event.series)  # the series' reminders, where it has them
    for row in event.organisers:
        clone.organisers.append(
            EventOrganiser(
                organisation_id=row.organisation_id, role=row.role, position=row.position
            )
        )
    sessions = db.session.execute(
        select(Session).where(Session.event_id == event.id).order_by(Session.starts_at)
    ).scalars()
    for old in sessions:
        new = Session(
            kind=old.kind, title=old.title, abstract=old.abstract, room_id=old.room_id,
            track=old.track, selectable=old.selectable, capacity=old.capacity,
            status=old.status, sequence=0,
            starts_at=shift_local(old.starts_at, tz, days),
            ends_at=shift_local(old.ends_at, tz, days),
        )  # fmt: skip
        for speaker in old.speakers:
            new.speakers.append(
                SessionSpeaker(
                    person_id=speaker.person_id, role=speaker.role, position=speaker.position
                )
            )
        clone.sessions.append(new)
    db.session.add(clone)
    db.session.flush()
    audit.record(clone, user, "event.cloned", event.slug, {"from": event.slug, "days": days})
    audit.record(event, user, "event.next_edition", clone.slug)
    db.session.commit()
    return clone


def registration_counts(user: User, event: Event) -> dict[str, int | None]:
    """Confirmed, waitlisted, pending, cancelled, checked in and places left: one grouped query."""
    require_event_manager(user, event)
    rows = db.session.execute(
        select(
            Registration.status,
            func.count(),
            func.count(Registration.checked_in_at),
        )
        .where(Registration.event_id == event.id)
        .group_by(Registration.status)
    ).all()
    counts: dict[str, int | None] = {
        "confirmed": 0, "waitlisted": 0, "pending": 0, "cancelled": 0, "rejected": 0,
        "checked_in": 0,
    }  # fmt: skip
    for status, total, checked_in in rows:
        counts[str(status.value if hasattr(status, "value") else status)] = total
        counts["checked_in"] = (counts["checked_in"] or 0) + checked_in
    confirmed = counts["confirmed"] or 0
    counts["places_left"] = None if event.capacity is None else max(event.capacity - confirmed, 0)
    return counts
