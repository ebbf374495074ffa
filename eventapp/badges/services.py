"""Badges: which registrations get one, printing marks, re-issuing a check-in code."""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from eventapp.core.db import is_sqlite, utcnow
from eventapp.core.errors import NotFound
from eventapp.core.types import RegistrationCategory, RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.manage.audit import record
from eventapp.registration.labels import CATEGORY_LABELS
from eventapp.registration.models import Registration

SORTS = {
    "last_name": _l("Last name"),
    "name": _l("Name as written"),
    "registered": _l("Order of registration"),
}


def new_checkin_code() -> str:
    """A fresh check-in code: 128 bits from ``secrets`` (22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


def category_labels() -> dict[str, str]:
    """The category names in the current language, for badges and answers."""
    return {category.value: str(label) for category, label in CATEGORY_LABELS.items()}


def badge_registration(secret: str) -> Registration:
    """The confirmed registration behind a private link, for its QR and badge (else 404)."""
    stmt = (
        select(Registration)
        .where(Registration.secret == secret)
        .options(selectinload(Registration.event), selectinload(Registration.organisation))
    )
    registration = db.session.execute(stmt).scalar_one_or_none()
    if registration is None or registration.anonymised_at is not None:
        raise NotFound(_("There is no registration at this address."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise NotFound(_("A badge is available once the registration is confirmed."))
    return registration


@dataclass(frozen=True)
class BadgeSelection:
    """Which badges to print and in which order."""

    category: str = ""
    only_unprinted: bool = False
    registration_id: int | None = None
    sort: str = "last_name"


def last_name_key(name: str) -> tuple[str, str]:
    """Sort key by last name (the last word), accents folded: "Åberg" sorts with "Aberg"."""

    def fold(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(char for char in decomposed if not unicodedata.combining(char))

    words = name.split()
    return (fold(words[-1]) if words else "", fold(name))


def select_badge_registrations(event: Event, selection: BadgeSelection) -> list[Registration]:
    """The confirmed registrations of ``event`` matching ``selection``, sorted as asked."""
    stmt = (
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            Registration.anonymised_at.is_(None),
        )
        .options(selectinload(Registration.organisation))
        .order_by(Registration.created_at, Registration.id)
    )
    if selection.category:
        stmt = stmt.where(Registration.category == RegistrationCategory(selection.category))
    if selection.only_unprinted:
        stmt = stmt.where(Registration.badge_printed_at.is_(None))
    if selection.registration_id is not None:
        stmt = stmt.where(Registration.id == selection.registration_id)
    registrations = list(db.session.execute(stmt).scalars())
    if selection.sort == "last_name":
        registrations.sort(key=lambda r: last_name_key(r.name))
    elif selection.sort == "name":
        registrations.sort(key=lambda r: last_name_key(r.name)[1])
    return registrations


def badge_choices(event: Event) -> list[tuple[str, str]]:
    """(id, "Name — affiliation") of the confirmed registrations, for the one-badge filter."""
    stmt = select(Registration.id, Registration.name, Registration.affiliation).where(
        Registration.event_id == event.id,
        Registration.status == RegistrationStatus.CONFIRMED,
        Registration.anonymised_at.is_(None),
    )
    rows = sorted(db.session.execute(stmt), key=lambda row: last_name_key(row.name))
    return [
        (str(row.id), f"{row.name} — {row.affiliation}" if row.affiliation else row.name)
        for row in rows
    ]


def begin_write() -> None:
    """Start a write transaction; on SQLite take the write lock first.

    Under WAL a transaction that has read cannot upgrade to a write once another connection
    has committed ("database is locked"): whatever was read is committed and a new
    ``BEGIN IMMEDIATE`` transaction waits its turn for the lock instead.
    """
    if is_sqlite():
        if db.session().in_transaction():  # the scoped_session proxy lacks in_transaction()
            db.session.commit()
        db.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


def mark_printed(event_id: int, registration_ids: list[int]) -> int:
    """Record that these badges were printed now; returns how many rows changed."""
    begin_write()
    changed = 0
    now = utcnow()
    for start in range(0, len(registration_ids), 500):
        chunk = registration_ids[start : start + 500]
        result = db.session.execute(
            update(Registration)
            .where(Registration.event_id == event_id, Registration.id.in_(chunk))
            .values(badge_printed_at=now)
            .execution_options(synchronize_session=False)
        )
        changed += result.rowcount or 0
    db.session.commit()
    return changed


def reissue_checkin_code(event: Event, registration_id: int, user: Any) -> Registration:
    """Give a registration a new check-in code: the old badge no longer scans (reprint it)."""
    begin_write()
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        raise NotFound(_("No such registration in this event."))
    registration.checkin_code = new_checkin_code()
    registration.badge_printed_at = None
    record(event, user, "badge.reissue_code", target=f"registration:{registration.id}")
    db.session.commit()
    return registration


def badge_counts(event: Event) -> dict[str, int]:
    """Confirmed, printed and checked-in registrations of ``event``, in one query."""
    confirmed = Registration.status == RegistrationStatus.CONFIRMED
    stmt = select(
        func.count().filter(confirmed),
        func.count().filter(confirmed, Registration.badge_printed_at.is_not(None)),
        func.count().filter(confirmed, Registration.checked_in_at.is_not(None)),
    ).where(Registration.event_id == event.id, Registration.anonymised_at.is_(None))
    total, printed, checked_in = db.session.execute(stmt).one()
    return {"confirmed": total, "printed": printed, "checked_in": checked_in}
