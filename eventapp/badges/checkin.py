"""Checking people in at the door: one answer per scan, idempotent, safe for two doors at once.

A scan is one conditional ``UPDATE … WHERE checked_in_at IS NULL AND status = 'confirmed' …
RETURNING`` the person: when two doors scan the same badge together, the database lets exactly
one of them change the row (PostgreSQL re-checks the condition after the first commits; SQLite
has one writer at a time), and the other gets "already checked in". Only when nothing changed
does a second statement read the badge to say why (amber, or red with the reason). Then one
count for the live counter and one commit. The answer is built from rows, not ORM objects:
a door does this hundreds of times a minute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Row, func, or_, select, update
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.badges.qr import extract_code
from eventapp.badges.services import CATEGORY_LABELS, audit, begin_write
from eventapp.core.db import utcnow
from eventapp.core.errors import NotFound
from eventapp.core.timefmt import local_datetime, local_time, to_zone
from eventapp.core.types import RegistrationCategory, RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import Registration

GREEN, AMBER, RED, NEUTRAL = "green", "amber", "red", "neutral"
# Check-ins change no public page: the page cache need not forget anything.
QUIET_WRITE = {"synchronize_session": False, "pages_unchanged": True}


@dataclass(frozen=True)
class Person:
    """The badge holder as the door shows them (what the answer needs of a registration)."""

    id: int
    name: str
    affiliation: str
    category: RegistrationCategory
    status: RegistrationStatus


PERSON_COLUMNS = (
    Registration.id,
    Registration.name,
    Registration.affiliation,
    Registration.category,
    Registration.status,
)


def _person(row: Row[Any]) -> Person:
    return Person(row.id, row.name, row.affiliation, row.category, row.status)


@dataclass
class CheckinAnswer:
    """What the door screen shows after a scan (and what the JSON API returns)."""

    result: str  # checked_in | already_checked_in | refused | undone
    colour: str
    headline: str
    reason: str = ""  # unknown_code | other_event | cancelled | waitlisted | pending | rejected
    detail: str = ""
    registration: Person | None = None
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
                "category_label": str(CATEGORY_LABELS[registration.category]),
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


@dataclass(frozen=True)
class Door:
    """What a scan needs of the event and the person at the door, read once.

    Read before ``begin_write()``: on SQLite it commits, which expires the ORM objects.
    """

    event_id: int
    timezone: str
    user_id: int | None
    by: str

    @classmethod
    def of(cls, event: Event, user: Any) -> Door:
        name = (getattr(user, "display_name", "") or getattr(user, "email", "")) if user else ""
        return cls(event.id, event.timezone, getattr(user, "id", None), name)


def checkin_counts(event: Event) -> dict[str, int]:
    """Checked in of confirmed, for the live counter."""
    return _counts(event.id)


def _counts(event_id: int) -> dict[str, int]:
    # One count over the event's confirmed registrations (index on event and status).
    stmt = select(func.count(), func.count(Registration.checked_in_at)).where(
        Registration.event_id == event_id,
        Registration.status == RegistrationStatus.CONFIRMED,
        Registration.anonymised_at.is_(None),
    )
    confirmed, checked_in = db.session.execute(stmt).one()
    return {"checked_in": checked_in, "confirmed": confirmed}


def _when(timezone: str, moment: datetime) -> str:
    """ "09:12" today, or the date and time when it was another day (in the event's zone)."""
    if to_zone(moment, timezone).date() == to_zone(utcnow(), timezone).date():
        return local_time(moment, timezone)
    return local_datetime(moment, timezone, "short")


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


def _refused(reason: str, detail: str, person: Person | None = None) -> CheckinAnswer:
    return CheckinAnswer(
        result="refused",
        colour=RED,
        headline=_("Not admitted"),
        reason=reason,
        detail=detail,
        registration=person,
    )


def check_in(event: Event, scanned: str, user: Any) -> CheckinAnswer:
    """Check in whoever's badge was scanned (the whole URL or the bare code) at ``event``."""
    door = Door.of(event, user)
    code = extract_code(scanned)
    if code is None:
        answer = _refused("unknown_code", _("This code is not a badge of ours."))
        answer.counts = _counts(door.event_id)
        return answer
    return _check_in(door, Registration.checkin_code == code, by_id=False)


def check_in_by_id(event: Event, registration_id: int, user: Any) -> CheckinAnswer:
    """Check in a registration chosen from the name search."""
    return _check_in(Door.of(event, user), Registration.id == registration_id, by_id=True)


def _check_in(door: Door, badge: ColumnElement[bool], by_id: bool) -> CheckinAnswer:
    """Green once, amber after, red without a place: the conditional update decides."""
    begin_write()
    while True:
        row = db.session.execute(
            update(Registration)
            .where(
                badge,
                Registration.event_id == door.event_id,
                Registration.status == RegistrationStatus.CONFIRMED,
                Registration.checked_in_at.is_(None),
                Registration.anonymised_at.is_(None),
            )
            .values(checked_in_at=utcnow(), checked_in_by_id=door.user_id)
            .returning(*PERSON_COLUMNS, Registration.checked_in_at)
            .execution_options(**QUIET_WRITE)
        ).one_or_none()
        if row is not None:
            answer = CheckinAnswer(
                result="checked_in",
                colour=GREEN,
                headline=_("Welcome!"),
                detail=_("Checked in now."),
                registration=_person(row),
                checked_in_at=row.checked_in_at,
                checked_in_by=door.by,
                when=_when(door.timezone, row.checked_in_at),
            )
            break
        answer = _not_checked_in(door, badge, by_id)
        # None: the update lost to an undo committed just before this read; scan again (each
        # round needs another door's commit in between, so this ends).
        if answer is not None:
            break
    answer.counts = _counts(door.event_id)
    db.session.commit()
    return answer


def _not_checked_in(door: Door, badge: ColumnElement[bool], by_id: bool) -> CheckinAnswer | None:
    """Why the update changed nothing: amber with who and when, or red with the reason."""
    stmt = (
        select(
            *PERSON_COLUMNS,
            Registration.event_id,
            Registration.anonymised_at,
            Registration.checked_in_at,
            User.display_name.label("by_name"),
            User.email.label("by_email"),
            Event.title.label("event_title"),
        )
        .join(Event, Event.id == Registration.event_id)
        .outerjoin(User, User.id == Registration.checked_in_by_id)
        .where(badge)
    )
    row = db.session.execute(stmt).one_or_none()
    unknown = _("No such registration in this event.") if by_id else None
    if row is None or row.anonymised_at is not None:
        return _refused("unknown_code", unknown or _("This code is not a badge of ours."))
    if row.event_id != door.event_id:
        detail = unknown or _("This badge is for %(title)s.", title=row.event_title)
        return _refused("unknown_code" if by_id else "other_event", detail)
    if row.status in REFUSALS:
        reason, message = REFUSALS[row.status]
        return _refused(reason, message(), _person(row))
    if row.checked_in_at is None:
        return None
    when = _when(door.timezone, row.checked_in_at)
    by = (row.by_name or row.by_email) if row.by_email is not None else ""
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
        registration=_person(row),
        checked_in_at=row.checked_in_at,
        checked_in_by=by,
        when=when,
    )


def undo_check_in(event: Event, registration_id: int, user: Any) -> CheckinAnswer:
    """Take back a check-in made by mistake (recorded in the audit log)."""
    event_id = event.id
    begin_write()
    row = db.session.execute(
        select(*PERSON_COLUMNS).where(
            Registration.id == registration_id, Registration.event_id == event_id
        )
    ).one_or_none()
    if row is None:
        raise NotFound(_("No such registration in this event."))
    db.session.execute(
        update(Registration)
        .where(Registration.id == registration_id, Registration.checked_in_at.is_not(None))
        .values(checked_in_at=None, checked_in_by_id=None)
        .execution_options(**QUIET_WRITE)
    )
    audit(event, user, "checkin.undo", target=f"registration:{registration_id}")
    counts = _counts(event_id)
    db.session.commit()
    return CheckinAnswer(
        result="undone",
        colour=NEUTRAL,
        headline=_("Check-in undone"),
        detail=_("%(name)s is no longer checked in.", name=row.name),
        registration=_person(row),
        counts=counts,
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
