"""E-mails to participants: outbox rows in the same transaction as the change that caused them.

The row is written with the facts of the moment (a waiting-list position, an organiser's note,
the promoted sessions); templates and the ``.ics`` invitation are rendered by the mail sender at
send time (``render_registration_row``), so a registration does not wait for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from flask_babel import force_locale
from sqlalchemy import Insert, Integer, Select, bindparam, insert, select
from sqlalchemy.orm import joinedload, selectinload

from eventapp.calendar.ical import registration_cancellation, registration_invitation
from eventapp.core.types import (
    ACTIVE_REGISTRATION_STATUSES,
    ChoiceStatus,
    EventStatus,
    RegistrationStatus,
)
from eventapp.core.urls import external_url
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import Event, EventOrganiser, Session
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.outbox import (
    RENDERERS,
    RenderedMail,
    Undeliverable,
    enqueue_deferred,
    render_message,
    renders,
)
from eventapp.registration.capacity import waitlist_position
from eventapp.registration.models import Registration, RegistrationChoice
from eventapp.registration.privacy import ERASED_REASON

#: Message kinds a participant can receive, each with templates ``mail/registration_<kind>.*``.
KINDS = (
    "unconfirmed",
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
    "session_changed",
)

#: Kinds whose e-mail carries the invitation as it is now (same UIDs, the SEQUENCE the change
#: raised), so a calendar that imported the confirmation follows a move or a cancellation.
WITH_INVITATION = frozenset(
    {"confirmed", "promoted", "approved", "event_changed", "session_changed"}
)


#: Kinds that tell of a place (held, waited for or asked for), not sent once it has ended.
TELLS_OF_A_PLACE = frozenset(
    {"confirmed", "waitlisted", "pending", "promoted", "approved", "session_promoted"}
)
ENDED = frozenset({RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED})
SUPERSEDED_REASON = "the registration ended before this message was sent"


def event_sender(event: Event) -> tuple[str, str]:
    """(sender name, Reply-To) of the e-mails about ``event``: its host organisation's name
    (else its contact person's) and its contact person's address, so a reply reaches a person
    who can answer it, not the site's mailbox. Either may be "" (the defaults then apply)."""
    hosts = [role.organisation.name for role in event.organisers]
    return _sender(hosts[0] if hosts else None, event.contact_person)


@cache
def _first_host_statement() -> Select:
    return (
        select(Organisation.name)
        .join(EventOrganiser, EventOrganiser.organisation_id == Organisation.id)
        .where(EventOrganiser.event_id == bindparam("event_id", type_=Integer()))
        .order_by(EventOrganiser.position)
        .limit(1)
    )


def new_registration_sender(event: Event) -> tuple[str, str]:
    """``event_sender`` for a new registration's e-mail: the first host's name read as one
    column, not the organisers and their organisations as objects."""
    connection = db.session.connection()
    host = connection.execute(_first_host_statement(), {"event_id": event.id}).scalar()
    return _sender(host, event.contact_person)


def _sender(host: str | None, contact: Person | None) -> tuple[str, str]:
    name = host if host is not None else (contact.name if contact is not None else "")
    reply_to = contact.email if contact is not None and contact.email else ""
    return " ".join(name.split()), reply_to


def manage_url(registration: Registration) -> str:
    """The participant's private page as an absolute URL."""
    return external_url("registration.participant_page", secret=registration.secret)


def invitation_attachment(registration: Registration) -> dict[str, Any]:
    """The event and chosen sessions as an ``.ics`` attachment (from the calendar capability)."""
    return {
        "filename": "invitation.ics",
        "content_type": "text/calendar; method=PUBLISH",
        "content": registration_invitation(registration).decode("utf-8"),
    }


def cancellation_attachment(registration: Registration) -> dict[str, Any]:
    """The person's invitation withdrawn (same UIDs, STATUS:CANCELLED) as an attachment."""
    return {
        "filename": "cancellation.ics",
        "content_type": "text/calendar; method=PUBLISH",
        "content": registration_cancellation(registration).decode("utf-8"),
    }


def calendar_attachments(registration: Registration, kind: str, language: str) -> list[dict]:
    """What the e-mail of ``kind`` carries for the person's calendar: the invitation as it is
    now, or its cancellation for who had one (a confirmed place) and cancelled."""
    active = registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING)
    with force_locale(language):  # the calendar speaks the participant's language too
        if kind in WITH_INVITATION and (active or kind == "confirmed"):
            return [invitation_attachment(registration)]
        if kind == "cancelled" and received_invitation(registration):
            return [cancellation_attachment(registration)]
    return []


def received_invitation(registration: Registration) -> bool:
    """Whether an e-mail with the invitation went out to the person (then a cancellation
    .ics has something to cancel; else it would only add a cancelled event to the calendar)."""
    kinds = [f"registration_{kind}" for kind in WITH_INVITATION]
    stmt = select(OutboxMessage.id).where(
        OutboxMessage.registration_id == registration.id,
        OutboxMessage.kind.in_(kinds),
        OutboxMessage.sent_at.is_not(None),
    )
    return db.session.execute(stmt.limit(1)).first() is not None


def render_registration_mail(
    registration: Registration,
    kind: str,
    language: str,
    position: int | None = None,
    **extra: Any,
) -> RenderedMail:
    """``mail/registration_<kind>`` for the participant in ``language``, with its invitation."""
    assert kind in KINDS, kind
    attachments = calendar_attachments(registration, kind, language)
    subject, body_text, body_html = render_message(
        f"registration_{kind}",
        language,
        registration=registration,
        event=registration.event,
        position=position,
        manage_url=manage_url(registration),
        attachments_sent=bool(attachments),
        **extra,
    )
    return RenderedMail(subject, body_text, body_html, attachments)


def registration_for_mail(registration_id: int | None) -> Registration | None:
    """The registration with what its e-mails and invitation show, in three queries."""
    if registration_id is None:
        return None
    stmt = (
        select(Registration)
        .where(Registration.id == registration_id)
        .options(
            joinedload(Registration.event).options(
                joinedload(Event.venue),
                selectinload(Event.organisers).joinedload(EventOrganiser.organisation),
            ),
            selectinload(Registration.choices)
            .joinedload(RegistrationChoice.session)
            .joinedload(Session.room),
        )
    )
    return db.session.execute(stmt).unique().scalar_one_or_none()


@renders(*(f"registration_{kind}" for kind in KINDS))
def render_registration_row(message: OutboxMessage) -> RenderedMail:
    """Render a registration e-mail at send time: the registration as it is now, the facts
    (position, note, sessions) as they were when the message was enqueued."""
    registration = registration_for_mail(message.registration_id)
    if registration is None or registration.anonymised_at is not None:
        raise Undeliverable(ERASED_REASON)
    kind = message.kind.removeprefix("registration_")
    if kind in TELLS_OF_A_PLACE and registration.status in ENDED:
        # Cancelled (or declined) before this went out: the cancellation's own message says
        # so; a "you are confirmed" after it, with an invitation to nothing, would not.
        raise Undeliverable(SUPERSEDED_REASON)
    facts = message.render_context or {}
    extra: dict[str, Any] = {}
    if "note" in facts:
        extra["note"] = facts["note"]
    if "session_ids" in facts:
        sessions = db.session.execute(select(Session).where(Session.id.in_(facts["session_ids"])))
        extra["sessions"] = sorted(sessions.scalars(), key=lambda s: (s.starts_at, s.id))
    return render_registration_mail(
        registration,
        kind,
        message.language,
        position=facts.get("position"),
        **extra,
    )


@renders("event_cancelled")
def render_event_cancelled(message: OutboxMessage) -> RenderedMail:
    """An event's cancellation notice, rendered at send time for one registrant."""
    registration = registration_for_mail(message.registration_id)
    if registration is None or registration.anonymised_at is not None:
        raise Undeliverable(ERASED_REASON)
    subject, body_text, body_html = render_message(
        "event_cancelled", message.language, event=registration.event, registration=registration
    )
    attachments = []
    if registration.status == RegistrationStatus.CONFIRMED:
        # The event (and the sessions) with STATUS:CANCELLED and the SEQUENCE the cancellation
        # raised: the calendar that imported the confirmation shows it cancelled.
        with force_locale(message.language):
            attachments.append(invitation_attachment(registration))
    return RenderedMail(subject, body_text, body_html, attachments)


def send_event_cancelled(registration: Registration) -> OutboxMessage:
    """Enqueue the event's cancellation notice to a registrant: a row now, rendered by the mail
    sender, so cancelling an event of thousands answers the organiser at once."""
    sender_name, reply_to = event_sender(registration.event)
    return enqueue_deferred(
        "event_cancelled",
        recipient=registration.email,
        language=registration.language or "en",
        context={},
        event_id=registration.event_id,
        registration_id=registration.id,
        sender_name=sender_name,
        reply_to=reply_to,
    )


def send_registration_mail(
    registration: Registration,
    kind: str,
    *,
    note: str | None = None,
    session_ids: list[int] | None = None,
) -> OutboxMessage:
    """Enqueue ``mail/registration_<kind>`` to the participant, in their language, to be
    rendered at send time; the waiting-list position, ``note`` and ``session_ids`` are kept."""
    assert kind in KINDS, kind
    facts = _facts(waitlist_position(registration), note, session_ids)
    sender_name, reply_to = event_sender(registration.event)
    return enqueue_deferred(
        f"registration_{kind}",
        recipient=registration.email,
        language=registration.language or "en",
        context=facts,
        event_id=registration.event_id,
        registration_id=registration.id,
        sender_name=sender_name,
        reply_to=reply_to,
    )


def send_new_registration_mail(
    registration: Registration, *, position: int | None, sender: tuple[str, str]
) -> None:
    """``send_registration_mail`` for a registration just inserted under the event lock, with
    what the caller already knows (its waiting-list ``position``, the event's ``sender``, read
    before the lock): one INSERT, no query, no ORM object for the unit of work to flush."""
    kind = f"registration_{registration.status.value}"
    if kind not in RENDERERS:
        raise ValueError(f"no send-time renderer for {kind!r}")
    sender_name, reply_to = sender
    message = {
        "kind": kind,
        "recipient": registration.email,
        "language": registration.language or "en",
        "render_context": _facts(position, None, None),
        "event_id": registration.event_id,
        "registration_id": registration.id,
        "sender_name": sender_name[:200],
        "reply_to": reply_to,
    }
    # The table's INSERT on the transaction's connection: the columns' defaults fill in the
    # rest, as for ``enqueue_deferred`` (no page shows the outbox: the page cache is not told).
    db.session.connection().execute(_outbox_insert(), message)


@cache
def _outbox_insert() -> Insert:
    return insert(OutboxMessage.__table__)


def _facts(position: int | None, note: str | None, session_ids: list[int] | None) -> dict[str, Any]:
    """The facts of the moment an e-mail keeps for its rendering at send time."""
    facts: dict[str, Any] = {}
    if position is not None:
        facts["position"] = position
    if note is not None:
        facts["note"] = note
    if session_ids is not None:
        facts["session_ids"] = session_ids
    return facts


def send_session_promotions(choices: Iterable[RegistrationChoice]) -> None:
    """Tell each participant which session places they got from a waiting list."""
    by_registration: dict[int, list[RegistrationChoice]] = {}
    for choice in choices:
        by_registration.setdefault(choice.registration_id, []).append(choice)
    for items in by_registration.values():
        send_registration_mail(
            items[0].registration, "session_promoted", session_ids=[c.session_id for c in items]
        )


def notify_session_changed(session: Session) -> int:
    """Tell everyone holding a place in ``session`` (or waiting for one) that it moved or was
    cancelled, with the updated invitation; the caller commits. Returns how many."""
    if session.event.status != EventStatus.PUBLISHED:
        return 0
    stmt = (
        select(Registration)
        .join(RegistrationChoice)
        .where(
            RegistrationChoice.session_id == session.id,
            Registration.status.in_(list(ACTIVE_REGISTRATION_STATUSES)),
        )
        .order_by(Registration.id)
    )
    registrations = list(db.session.execute(stmt).scalars())
    for registration in registrations:
        send_registration_mail(registration, "session_changed", session_ids=[session.id])
    return len(registrations)


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


def confirmed_sessions(registration: Registration) -> list[Any]:
    """Sessions where the participant holds a place (for the invitation and the e-mails)."""
    return [c.session for c in registration.choices if c.status == ChoiceStatus.CONFIRMED]
