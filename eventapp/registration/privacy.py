"""Erasing personal data: on the participant's request, and after an event's retention period."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from eventapp.core.db import utcnow
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.registration.models import Registration
from eventapp.reports.affiliations import Directory
from eventapp.reports.tallies import count_before_erasure

ANONYMOUS_NAME = "—"
ERASED_REASON = "the registration was erased before the message was sent"


def anonymise(registration: Registration, directory: Directory | None = None) -> None:
    """Replace everything that identifies the person; status, category and times stay (counts),
    and where they came from is added to the event's tallies first (the funder report)."""
    count_before_erasure(registration, directory)
    registration.name = ANONYMOUS_NAME
    registration.email = f"erased-{registration.id}@invalid"
    registration.affiliation = ""
    registration.organisation_id = None
    registration.dietary_needs = ""
    registration.accessibility_needs = ""
    registration.note = ""
    registration.answers = []  # answers to the event's own questions may say anything
    registration.secret = secrets.token_urlsafe(32)  # the old link stops working
    registration.checkin_code = secrets.token_urlsafe(16)
    registration.anonymised_at = utcnow()
    messages = OutboxMessage.registration_id == registration.id
    db.session.execute(
        update(OutboxMessage)
        .where(messages)
        .values(
            recipient=registration.email,
            body_text="",
            body_html="",
            attachments=[],
            render_context=None,
        )
    )
    # What was not sent yet never will be (the sender would also refuse the erased address).
    db.session.execute(
        update(OutboxMessage)
        .where(messages, OutboxMessage.sent_at.is_(None), OutboxMessage.discarded_at.is_(None))
        .values(discarded_at=utcnow(), last_error=f"Undeliverable: {ERASED_REASON}")
    )


def purge_personal_data(now: datetime | None = None) -> int:
    """Anonymise registrations of events that ended more than their retention period ago."""
    now = now or utcnow()
    stmt = (
        select(Registration, Event.ends_at, Event.retention_days)
        .join(Event)
        .where(Registration.anonymised_at.is_(None), Event.ends_at < now)
    )
    count = 0
    directory = Directory()
    for registration, ends_at, retention_days in db.session.execute(stmt).all():
        if ends_at + timedelta(days=retention_days) < now:
            anonymise(registration, directory)
            count += 1
    db.session.commit()
    return count
