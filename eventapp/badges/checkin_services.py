"""Checking people in at the door: one answer per scan, idempotent, safe for two doors at once.

A scan is one conditional ``UPDATE … WHERE checked_in_at IS NULL AND status = 'confirmed' …
RETURNING`` the person: when two doors scan the same badge together, the database lets exactly
one of them change the row (PostgreSQL re-checks the condition after the first commits; SQLite
has one writer at a time), and the other gets "already checked in". Only when nothing changed
does a second statement read the badge to say why (amber, or red with the reason). Then one
count for the live counter. A door does this hundreds of times a minute, so a scan is built for
it: statements built once with bound parameters, each committing by itself on a connection of
its own (no session, no BEGIN/COMMIT round trips), answers built from rows, not ORM objects;
a scanner app's token, user, event and right to manage it are read in one statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    BigInteger,
    Connection,
    Row,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.orm import selectinload

from eventapp.auth.models import ApiToken, User
from eventapp.auth.rights import manages_event
from eventapp.badges import tokens
from eventapp.badges.qr import extract_code
from eventapp.badges.services import begin_write
from eventapp.core.db import UTCDateTime, autocommit, utcnow
from eventapp.core.errors import Forbidden, NotFound
from eventapp.core.search import fold, matches_words
from eventapp.core.timefmt import local_datetime, local_time, to_zone
from eventapp.core.types import RegistrationCategory, RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.manage.audit import record
from eventapp.registration.labels import CATEGORY_LABELS
from eventapp.registration.models import Registration

GREEN, AMBER, RED, NEUTRAL = "green", "amber", "red", "neutral"
# Check-ins change no public page: the page cache need not forget anything (an undo goes through
# the session, with its audit entry; a scan does not touch the session at all).
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

    result: str  # checked_in | already_checked_in | refused | undone | empty
    colour: str
    headline: str
    # unknown_code | other_event | cancelled | waitlisted | pending | rejected | unconfirmed
    reason: str = ""
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
    """What a scan needs of the event and the person at the door, read once."""

    event_id: int
    timezone: str
    user_id: int | None
    by: str

    @classmethod
    def of(cls, event: Event, user: Any) -> Door:
        name = (getattr(user, "display_name", "") or getattr(user, "email", "")) if user else ""
        return cls(event.id, event.timezone, getattr(user, "id", None), name)


# A scanner app's every scan: its token, the token's user, the event and the user's right to
# manage it, in one statement. Built once: a door sends it hundreds of times a minute.
_DOOR_BY_TOKEN = (
    select(
        ApiToken.id.label("token_id"),
        ApiToken.last_used_at,
        User.id.label("user_id"),
        User.display_name,
        User.email,
        Event.id.label("event_id"),
        Event.timezone,
        or_(User.is_site_admin, manages_event(User.id, Event.id)).label("may_manage"),
        tokens.token_is_for_event().label("for_event"),
    )
    .select_from(ApiToken)
    .join(User, User.id == ApiToken.user_id)
    .outerjoin(Event, Event.slug == bindparam("slug"))
    .where(
        ApiToken.token_digest == bindparam("digest"),
        tokens.token_works(),
        User.active.is_(True),
    )
)


def door_for_token(connection: Connection, authorization: str | None, slug: str) -> Door | None:
    """The door of a scanner app sending ``Authorization: Bearer <token>`` at the event
    ``slug``: None if the token is not valid, ``NotFound``/``Forbidden`` as for a login.
    ``connection`` is the scan's (``autocommit()``)."""
    digest = tokens.bearer_digest(authorization)
    if digest is None:
        return None
    parameters = {"digest": digest, "slug": slug, "now": utcnow()}
    row = connection.execute(_DOOR_BY_TOKEN, parameters).one_or_none()
    if row is None:
        return None
    if tokens.used_long_ago(row.last_used_at):
        tokens.note_use(connection, row.token_id)
    if row.event_id is None:
        raise NotFound(_("No such event."))
    if not row.for_event:
        raise Forbidden(_("This token is not for this event."))
    if not row.may_manage:
        raise Forbidden(_("You may not manage this event."))
    return Door(row.event_id, row.timezone, row.user_id, row.display_name or row.email)


def checkin_counts(event: Event) -> dict[str, int]:
    """Checked in of confirmed, for the live counter."""
    return _counts(db.session.connection(), event.id)


# One count over the event's confirmed registrations (index on event and status).
_COUNTS = select(func.count(), func.count(Registration.checked_in_at)).where(
    Registration.event_id == bindparam("event_id"),
    Registration.status == RegistrationStatus.CONFIRMED,
    Registration.anonymised_at.is_(None),
)


def _counts(connection: Connection, event_id: int) -> dict[str, int]:
    confirmed, checked_in = connection.execute(_COUNTS, {"event_id": event_id}).one()
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
    RegistrationStatus.UNCONFIRMED: (
        "unconfirmed",
        lambda: _("This person has not confirmed their e-mail address and has no place yet."),
    ),
}


EMPTY_CODE = _l("No code arrived: scan the badge again, or type its code.")


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
    door = Door.of(event, user)  # read first: ``autocommit()`` may end the session's transaction
    with autocommit() as connection:
        return scan(connection, door, scanned)


def check_in_by_id(event: Event, registration_id: int, user: Any) -> CheckinAnswer:
    """Check in a registration chosen from the name search."""
    door = Door.of(event, user)
    with autocommit() as connection:
        return scan_by_id(connection, door, registration_id)


def scan(connection: Connection, door: Door, scanned: str) -> CheckinAnswer:
    """Check in whoever's badge was scanned (the whole URL or the bare code) at ``door``, on
    an ``autocommit()`` connection."""
    if not scanned.strip():  # Enter on an empty field is no stranger's badge
        answer = CheckinAnswer(
            result="empty",
            colour=NEUTRAL,
            headline=_("Scan a badge"),
            reason="empty_code",
            detail=str(EMPTY_CODE),
        )
        answer.counts = _counts(connection, door.event_id)
        return answer
    code = extract_code(scanned)
    if code is None:
        answer = _refused("unknown_code", _("This code is not a badge of ours."))
        answer.counts = _counts(connection, door.event_id)
        return answer
    return _check_in(connection, door, "code", code)


def scan_by_id(connection: Connection, door: Door, registration_id: int) -> CheckinAnswer:
    """Check in a registration chosen from the name search at ``door`` (as ``scan``)."""
    return _check_in(connection, door, "id", registration_id)


def _badge(column: Any) -> Any:
    return column == bindparam("badge")


_BADGES = {"code": _badge(Registration.checkin_code), "id": _badge(Registration.id)}


# Both counts of the live counter travel in one integer: confirmed x PACK + checked in.
PACK = 1 << 32
_PACK_SQL = literal_column(str(PACK), BigInteger())  # a 64-bit constant, not an int parameter


def _others(by: str) -> Any:
    """SQL: the live counter over the door's event's confirmed registrations other than the
    badge's, for the RETURNING clause of its update, in one pass over the event's rows: a
    scalar subquery returns one value, so the two counts are packed into one integer (``PACK``;
    counts stay far below 2**31). Counting the others and adding the badge's reads the same
    whether the database shows the subquery the row before its update (PostgreSQL) or after it
    (SQLite). Not correlated: SQLite's RETURNING cannot name the updated table in a subquery."""
    others = Registration.__table__.alias("others")
    badge = others.c.checkin_code if by == "code" else others.c.id
    return (
        select(func.count(others.c.id) * _PACK_SQL + func.count(others.c.checked_in_at))
        .where(
            others.c.event_id == bindparam("door_event"),
            others.c.status == RegistrationStatus.CONFIRMED,
            others.c.anonymised_at.is_(None),
            badge != bindparam("badge"),
        )
        .scalar_subquery()
    )


# Green once: the conditional update that only a confirmed, unchecked person passes; it returns
# the live counter too (the others, confirmed and checked in), so a green scan is one statement.
_CHECK_IN = {
    by: update(Registration)
    .where(
        badge,
        Registration.event_id == bindparam("door_event"),
        Registration.status == RegistrationStatus.CONFIRMED,
        Registration.checked_in_at.is_(None),
        Registration.anonymised_at.is_(None),
    )
    .values(
        checked_in_at=bindparam("scanned_at", type_=UTCDateTime()),
        checked_in_by_id=bindparam("door_user"),
    )
    .returning(
        *PERSON_COLUMNS,
        Registration.checked_in_at,
        _others(by).label("others"),
    )
    for by, badge in _BADGES.items()
}

# Why the update changed nothing: the badge with who checked it in, and its event's title.
_WHY_NOT = {
    by: select(
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
    for by, badge in _BADGES.items()
}


def _check_in(connection: Connection, door: Door, by: str, badge: str | int) -> CheckinAnswer:
    """Green once, amber after, red without a place: the conditional update decides.

    Each statement commits by itself (``autocommit()``): the update is the whole change, and
    what is read after it is only what the door is told. Green is that one statement; amber and
    red read why, then count."""
    while True:
        values = {
            "badge": badge,
            "door_event": door.event_id,
            "door_user": door.user_id,
            "scanned_at": utcnow(),
        }
        row = connection.execute(_CHECK_IN[by], values).one_or_none()
        if row is not None:
            return CheckinAnswer(
                result="checked_in",
                colour=GREEN,
                headline=_("Welcome!"),
                detail=_("Checked in now."),
                registration=_person(row),
                checked_in_at=row.checked_in_at,
                checked_in_by=door.by,
                when=_when(door.timezone, row.checked_in_at),
                counts=_with_badge(row.others),
            )
        why = connection.execute(_WHY_NOT[by], {"badge": badge}).one_or_none()
        answer = _not_checked_in(door, why, by_id=by == "id")
        # None: the update lost to an undo committed just before this read; scan again
        # (each round needs another door's commit in between, so this ends).
        if answer is not None:
            break
    answer.counts = _counts(connection, door.event_id)
    return answer


def _with_badge(others: int) -> dict[str, int]:
    """The live counter from the packed count of the others, with the badge just checked in."""
    confirmed, checked_in = divmod(others, PACK)
    return {"checked_in": checked_in + 1, "confirmed": confirmed + 1}


def _not_checked_in(door: Door, row: Row[Any] | None, by_id: bool) -> CheckinAnswer | None:
    """Why the update changed nothing: amber with who and when, or red with the reason."""
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
    record(event, user, "checkin.undo", target=f"registration:{registration_id}")
    counts = _counts(db.session.connection(), event_id)
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
    if not fold(query):
        return []
    stmt = (
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.anonymised_at.is_(None),
            matches_words(Registration.search_text, query),
        )
        .options(selectinload(Registration.checked_in_by))
        .order_by(Registration.name, Registration.id)
        .limit(limit)
    )
    return list(db.session.execute(stmt).scalars())
