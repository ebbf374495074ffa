"""Checking people in at the door: one answer per scan, idempotent, safe for two doors at once.

The check-in itself is a conditional ``UPDATE … WHERE checked_in_at IS NULL``: when two doors
scan the same badge together, the database lets exactly one of them change the row (PostgreSQL
re-checks the condition after the first commits; SQLite has one writer at a time), and the other
gets "already checked in".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from eventapp.badges.qr import extract_code
from eventapp.badges.services import audit, badge_counts, begin_write, category_labels
from eventapp.core.db import utcnow
from eventapp.core.errors import NotFound
from eventapp.core.timefmt import local_datetime, local_time, to_zone
from eventapp.core.types import RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import Registration

GREEN, AMBER, RED, NEUTRAL = "green", "amber", "red", "neutral"


@dataclass
class CheckinAnswer:
    """What the door screen shows after a scan (and what the JSON API returns)."""

    result: str  # checked_in | already_checked_in | refused | undone
    colour: str
    headline: str
    reason: str = ""  # unknown_code | other_event | cancelled | waitlisted | pending | rejected
    detail: str = ""
    registration: Registration | None = None
    checked_in_at: datetime | None = None
    checked_in_by: str = ""
    when: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The answer as JSON for scanner apps and the check-in page's script."""
        person = None
        registration = self.registration
        if registration is not None:
            person = {
                "id": registration.id,
                "name": registration.name,
                "affiliation": registration.affiliation,
                "category": registration.category.value,
                "category_label": category_labels()[registration.category.value],
                "status": registration.status.value,
            }
        return {
            "result": self.result,
            "colour": self.colour,
            "headline": self.headline,
            "reason": self.reason or None,
            "detail": self.detail,
            "registration": person,
            "checked_in_at": self.checked_in_at.isoformat() if self.checked_in_at else None,
            "checked_in_at_local": self.when or None,
            "checked_in_by": self.checked_in_by or None,
            "counts": self.counts,
        }


def checkin_counts(event: Event) -> dict[str, int]:
    """Checked in of confirmed, for the live counter."""
    counts = badge_counts(event)
    return {"checked_in": counts["checked_in"], "confirmed": counts["confirmed"]}


def _when(event: Event, moment: datetime) -> str:
    """ "09:12" today, or the date and time when it was another day (in the event's zone)."""
    if to_zone(moment, event.timezone).date() == to_zone(utcnow(), event.timezone).date():
        return local_time(moment, event.timezone)
    return local_datetime(moment, event.timezone, "short")


def _by(registration: Registration) -> str:
    user = registration.checked_in_by
    return (user.display_name or user.email) if user is not None else ""


REFUSALS = {
    RegistrationStatus.CANCELLED: ("cancelled", lambda: _("This registration was cancelled.")),
    RegistrationStatus.WAITLISTED: (
        "waitlisted",
        lambda: _("This person is on the waiting list and has no place."),
    ),
    RegistrationStatus.PENDING: (
        "pending",
        lambda: _("This registration awaits confirmation and has no place yet."),
    ),
    RegistrationStatus.REJECTED: ("rejected", lambda: _("This registration was declined.")),
}


def _refused(
    event: Event, reason: str, detail: str, registration: Registration | None = None
) -> CheckinAnswer:
    return CheckinAnswer(
        result="refused",
        colour=RED,
        headline=_("Not admitted"),
        reason=reason,
        detail=detail,
        registration=registration,
        counts=checkin_counts(event),
    )


def _load(registration_id: int) -> Registration:
    stmt = (
        select(Registration)
        .where(Registration.id == registration_id)
        .options(selectinload(Registration.checked_in_by))
        .execution_options(populate_existing=True)
    )
    return db.session.execute(stmt).scalar_one()


def check_in(event: Event, scanned: str, user: Any) -> CheckinAnswer:
    """Check in whoever's badge was scanned (the whole URL or the bare code) at ``event``."""
    code = extract_code(scanned)
    registration = None
    if code is not None:
        stmt = select(Registration).where(Registration.checkin_code == code)
        registration = db.session.execute(stmt).scalar_one_or_none()
    if registration is None or registration.anonymised_at is not None:
        return _refused(event, "unknown_code", _("This code is not a badge of ours."))
    if registration.event_id != event.id:
        other = db.session.get(Event, registration.event_id)
        title = other.title if other is not None else ""
        return _refused(event, "other_event", _("This badge is for %(title)s.", title=title))
    return check_in_registration(event, registration, user)


def check_in_registration(event: Event, registration: Registration, user: Any) -> CheckinAnswer:
    """Check in one registration of ``event``: green once, amber after, red without a place."""
    if registration.status in REFUSALS:
        reason, message = REFUSALS[registration.status]
        return _refused(event, reason, message(), registration)
    registration_id = registration.id
    if registration.checked_in_at is None:
        begin_write()
        result = db.session.execute(
            update(Registration)
            .where(
                Registration.id == registration_id,
                Registration.checked_in_at.is_(None),
                Registration.status == RegistrationStatus.CONFIRMED,
            )
            .values(checked_in_at=utcnow(), checked_in_by_id=getattr(user, "id", None))
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        if result.rowcount == 1:
            registration = _load(registration_id)
            return CheckinAnswer(
                result="checked_in",
                colour=GREEN,
                headline=_("Welcome!"),
                detail=_("Checked in now."),
                registration=registration,
                checked_in_at=registration.checked_in_at,
                checked_in_by=_by(registration),
                when=_when(event, registration.checked_in_at),
                counts=checkin_counts(event),
            )
    registration = _load(registration_id)
    if registration.checked_in_at is None:  # cancelled between the read and the update
        return check_in_registration(event, registration, user)
    when = _when(event, registration.checked_in_at)
    by = _by(registration)
    detail = (
        _("Already checked in at %(when)s by %(by)s.", when=when, by=by)
        if by
        else _("Already checked in at %(when)s.", when=when)
    )
    return CheckinAnswer(
        result="already_checked_in",
        colour=AMBER,
        headline=_("Already checked in"),
        detail=detail,
        registration=registration,
        checked_in_at=registration.checked_in_at,
        checked_in_by=by,
        when=when,
        counts=checkin_counts(event),
    )


def check_in_by_id(event: Event, registration_id: int, user: Any) -> CheckinAnswer:
    """Check in a registration chosen from the name search."""
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        return _refused(event, "unknown_code", _("No such registration in this event."))
    return check_in_registration(event, registration, user)


def undo_check_in(event: Event, registration_id: int, user: Any) -> CheckinAnswer:
    """Take back a check-in made by mistake (recorded in the audit log)."""
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        raise NotFound(_("No such registration in this event."))
    begin_write()
    db.session.execute(
        update(Registration)
        .where(Registration.id == registration_id, Registration.checked_in_at.is_not(None))
        .values(checked_in_at=None, checked_in_by_id=None)
        .execution_options(synchronize_session=False)
    )
    audit(event, user, "checkin.undo", target=f"registration:{registration_id}")
    db.session.commit()
    return CheckinAnswer(
        result="undone",
        colour=NEUTRAL,
        headline=_("Check-in undone"),
        detail=_("%(name)s is no longer checked in.", name=_load(registration_id).name),
        registration=_load(registration_id),
        counts=checkin_counts(event),
    )


def search_registrations(event: Event, query: str, limit: int = 20) -> list[Registration]:
    """Registrations of ``event`` whose name, e-mail or affiliation contains ``query``."""
    words = query.split()
    if not words:
        return []
    stmt = (
        select(Registration)
        .where(Registration.event_id == event.id, Registration.anonymised_at.is_(None))
        .options(selectinload(Registration.checked_in_by))
        .order_by(Registration.name, Registration.id)
        .limit(limit)
    )
    for word in words[:5]:
        lowered = "%" + _escape_like(word.lower()) + "%"
        conditions = [
            func.lower(Registration.name).like(lowered, escape="\\"),
            func.lower(Registration.affiliation).like(lowered, escape="\\"),
            Registration.email.like(lowered, escape="\\"),
        ]
        # SQLite's lower() folds ASCII only: also try the word as typed and capitalised.
        for variant in sorted({word, word.capitalize()}):
            pattern = "%" + _escape_like(variant) + "%"
            conditions.append(Registration.name.like(pattern, escape="\\"))
            conditions.append(Registration.affiliation.like(pattern, escape="\\"))
        stmt = stmt.where(or_(*conditions))
    return list(db.session.execute(stmt).scalars())


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
