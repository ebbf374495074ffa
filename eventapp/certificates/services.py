"""Who gets a certificate, what it counts (sessions attended, hours), issuing and finding them.

A certificate is for a registration with a confirmed place that was checked in at the door and
not erased. With ``per_session`` the sessions attended are those the participant chose (with a
place), or every session of the programme when they chose none; hours are the time those
sessions cover (parallel ones counted once, breaks and mingles not at all), else the time of
the whole programme, else of the event itself, day by day.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.certificates.models import Certificate, CertificateTemplate
from eventapp.core.db import utcnow
from eventapp.core.timefmt import to_zone
from eventapp.core.types import ChoiceStatus, RegistrationStatus, SessionKind, SessionStatus
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.registration.models import Registration, RegistrationChoice

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
#: Not attendance: what a certificate neither lists nor counts.
PAUSES = frozenset({SessionKind.BREAK, SessionKind.MINGLE})
TEMPLATE_FIELDS = (
    "heading",
    "body",
    "signatory_name",
    "signatory_title",
    "per_session",
    "landscape",
    "show_logos",
)


def get_template(event: Event) -> CertificateTemplate | None:
    stmt = select(CertificateTemplate).where(CertificateTemplate.event_id == event.id)
    return db.session.execute(stmt).scalar_one_or_none()


def template_of(event: Event) -> CertificateTemplate:
    """The event's template, or the standard one (not stored) when its organisers made none."""
    return get_template(event) or CertificateTemplate(
        event_id=event.id,
        original_language=event.language,
        heading="",
        body="",
        signatory_name="",
        signatory_title="",
        per_session=False,
        landscape=True,
        show_logos=True,
        translations={},
    )


def save_template(
    event: Event, *, translations: dict[str, dict[str, str]] | None = None, **values: object
) -> CertificateTemplate:
    """Create or change the event's template (flushed; the request commits)."""
    template = get_template(event) or CertificateTemplate(
        event_id=event.id, original_language=event.language
    )
    for name in TEMPLATE_FIELDS:
        if name in values:
            setattr(template, name, values[name])
    for lang, texts in (translations or {}).items():
        template.set_translations(lang, texts)
    db.session.add(template)
    db.session.flush()
    return template


def eligible(event: Event):
    """The registrations of ``event`` that earn a certificate (a select to run or extend)."""
    return select(Registration).where(
        Registration.event_id == event.id,
        Registration.status == RegistrationStatus.CONFIRMED,
        Registration.checked_in_at.is_not(None),
        Registration.anonymised_at.is_(None),
    )


def is_eligible(registration: Registration) -> bool:
    return (
        registration.status == RegistrationStatus.CONFIRMED
        and registration.checked_in_at is not None
        and registration.anonymised_at is None
    )


def programme(event: Event) -> list[Session]:
    """The sessions a certificate may list: scheduled, not a break."""
    return [
        s for s in event.sessions if s.status == SessionStatus.SCHEDULED and s.kind not in PAUSES
    ]


def attended_sessions(registration: Registration, sessions: list[Session]) -> list[Session]:
    """The sessions of ``sessions`` the registration attended (its chosen ones, if any)."""
    chosen = {c.session_id for c in registration.choices if c.status == ChoiceStatus.CONFIRMED}
    return [s for s in sessions if s.id in chosen] if chosen else list(sessions)


def covered_minutes(spans: Iterable[tuple[datetime, datetime]]) -> int:
    """Minutes covered by the spans, overlaps counted once."""
    total, end = timedelta(), None
    start = None
    for s, e in sorted(spans):
        if end is None or s > end:
            if end is not None:
                total += end - start
            start, end = s, e
        else:
            end = max(end, e)
    if end is not None:
        total += end - start
    return int(total.total_seconds() // 60)


def event_minutes(event: Event) -> int:
    """The event's own time, day by day in its zone (a two-day 9–16 event: 14 hours)."""
    start, end = to_zone(event.starts_at, event.timezone), to_zone(event.ends_at, event.timezone)
    days = (end.date() - start.date()).days + 1
    if days == 1:
        return covered_minutes([(event.starts_at, event.ends_at)])
    daily = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return max(daily, 0) * days


def minutes_for(event: Event, sessions: list[Session]) -> int:
    """What a certificate listing ``sessions`` counts."""
    if sessions:
        return covered_minutes((s.starts_at, s.ends_at) for s in sessions)
    return event_minutes(event)


def issue_certificates(event: Event) -> int:
    """Issue a certificate to every eligible registration that has none yet; returns how many.

    Those issued before keep their code and minutes. Flushed; the request commits.
    """
    template = template_of(event)
    sessions = programme(event)
    have = select(Certificate.registration_id).where(Certificate.event_id == event.id)
    stmt = (
        eligible(event)
        .where(Registration.id.not_in(have))
        .options(selectinload(Registration.choices))
    )
    issued = 0
    now = utcnow()
    for registration in db.session.execute(stmt).scalars():
        listed = attended_sessions(registration, sessions) if template.per_session else sessions
        db.session.add(
            Certificate(
                event_id=event.id,
                registration_id=registration.id,
                code=secrets.token_urlsafe(16),
                minutes=minutes_for(event, listed),
                issued_at=now,
            )
        )
        issued += 1
    db.session.flush()
    return issued


def certificate_of(registration: Registration) -> Certificate | None:
    stmt = select(Certificate).where(Certificate.registration_id == registration.id)
    return db.session.execute(stmt).scalar_one_or_none()


def by_code(code: str) -> Certificate | None:
    """The certificate behind a verification code (None for anything that is not one)."""
    if not CODE_PATTERN.match(code or ""):
        return None
    stmt = (
        select(Certificate)
        .where(Certificate.code == code)
        .options(selectinload(Certificate.event).selectinload(Event.organisers))
    )
    return db.session.execute(stmt).scalar_one_or_none()


def certificates_of(event: Event, organisation_id: int | None = None) -> list[Certificate]:
    """The event's certificates (of the participants of one organisation), by name."""
    stmt = (
        select(Certificate)
        .join(Registration, Certificate.registration_id == Registration.id)
        .where(Certificate.event_id == event.id, Registration.anonymised_at.is_(None))
        .options(
            selectinload(Certificate.registration)
            .selectinload(Registration.choices)
            .load_only(RegistrationChoice.session_id, RegistrationChoice.status)
        )
        .order_by(Registration.name, Registration.id)
    )
    if organisation_id is not None:
        stmt = stmt.where(Registration.organisation_id == organisation_id)
    return list(db.session.execute(stmt).scalars())
