"""E-mails to participants: outbox rows in the same transaction as the change that caused them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.core.types import ACTIVE_REGISTRATION_STATUSES, ChoiceStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.outbox import enqueue, render_message
from eventapp.registration.models import Registration, RegistrationChoice

#: Message kinds a participant can receive, each with templates ``mail/registration_<kind>.*``.
KINDS = (
    "confirmed",
    "waitlisted",
    "pending",
    "promoted",
    "approved",
    "rejected",
    "cancelled",
    "link",
    "session_promoted",
    "event_changed",
)


def manage_url(registration: Registration) -> str:
    """The participant's private page as an absolute URL."""
    return f"{current_app.config['BASE_URL']}/r/{registration.secret}/"


def invitation_attachment(registration: Registration) -> dict[str, Any]:
    """The event and chosen sessions as an ``.ics`` attachment (from the calendar capability)."""
    from eventapp.calendar.ical import registration_invitation

    return {
        "filename": "invitation.ics",
        "content_type": "text/calendar; method=PUBLISH",
        "content": registration_invitation(registration).decode("utf-8"),
    }


def render_registration_mail(
    registration: Registration, kind: str, position: int | None = None, **extra: Any
) -> dict[str, Any]:
    """``mail/registration_<kind>`` for the participant, in their language, ready for enqueue()."""
    assert kind in KINDS, kind
    attachments = None
    if kind in ("confirmed", "promoted", "approved"):
        attachments = [invitation_attachment(registration)]
    language = registration.language or "en"
    subject, body_text, body_html = render_message(
        f"registration_{kind}",
        language,
        registration=registration,
        event=registration.event,
        position=position,
        manage_url=manage_url(registration),
        **extra,
    )
    return {
        "recipient": registration.email,
        "subject": subject,
        "body_text": body_text,
        "body_html": body_html,
        "kind": f"registration_{kind}",
        "language": language,
        "attachments": attachments,
        "event_id": registration.event_id,
    }


def send_registration_mail(registration: Registration, kind: str, **extra: Any) -> OutboxMessage:
    """Enqueue ``mail/registration_<kind>`` to the participant, in their language."""
    from eventapp.registration.capacity import waitlist_position

    message = render_registration_mail(registration, kind, waitlist_position(registration), **extra)
    return enqueue(**message, registration_id=registration.id)


def send_session_promotions(choices: Iterable[RegistrationChoice]) -> None:
    """Tell each participant which session places they got from a waiting list."""
    by_registration: dict[int, list[RegistrationChoice]] = {}
    for choice in choices:
        by_registration.setdefault(choice.registration_id, []).append(choice)
    for items in by_registration.values():
        registration = items[0].registration
        send_registration_mail(
            registration, "session_promoted", sessions=[c.session for c in items]
        )


def active_registrations(event: Event, statuses: Iterable[str] | None = None) -> list[Registration]:
    """The event's active registrations (or those with ``statuses``), with their choices."""
    wanted = list(statuses) if statuses else list(ACTIVE_REGISTRATION_STATUSES)
    stmt = (
        select(Registration)
        .where(Registration.event_id == event.id, Registration.status.in_(wanted))
        .order_by(Registration.id)
        .options(selectinload(Registration.choices).selectinload(RegistrationChoice.session))
    )
    return list(db.session.execute(stmt).scalars())


def notify_event_changed(event: Event, note: str = "") -> int:
    """Tell every active registrant that the event changed; the caller commits. Returns count."""
    registrations = active_registrations(event)
    for registration in registrations:
        send_registration_mail(registration, "event_changed", note=note)
    return len(registrations)


def write_to_registrants(
    event: Event, subject: str, body: str, statuses: Iterable[str] | None = None
) -> int:
    """An organiser's message to every (chosen) registrant through the outbox. Returns count."""
    from flask import render_template

    registrations = active_registrations(event, statuses)
    for registration in registrations:
        context = {"registration": registration, "event": event, "body": body}
        context["manage_url"] = manage_url(registration)
        enqueue(
            recipient=registration.email,
            subject=subject,
            body_text=render_template("mail/organiser_message.txt", **context),
            body_html=render_template("mail/organiser_message.html", **context),
            kind="organiser_message",
            language=registration.language,
            event_id=event.id,
            registration_id=registration.id,
        )
    return len(registrations)


def confirmed_sessions(registration: Registration) -> list[Any]:
    """Sessions where the participant holds a place (for the invitation and the e-mails)."""
    return [c.session for c in registration.choices if c.status == ChoiceStatus.CONFIRMED]
