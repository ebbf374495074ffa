"""Reminders before an event: which fall due, queueing each once, and what each says.

An event has two switches, two days before (at 09:00 in the event's zone) and the morning of
the event (07:00, or an hour before an earlier start). ``send-mail`` queues the reminders that
fell due each round (``queue_due_reminders``) and sends them like every other message: rendered
at send time, in the participant's language, from the registration as it is then.

Once per registration and reminder: the queueing takes the event's write lock (a row lock on
PostgreSQL, SQLite's write lock), inserts a ``ReminderDelivery`` row per registration and the
outbox row beside it, and commits both together. A second sender waits for the lock and then
sees the rows; a sender restarted after a crash sees them too; and the unique constraint on
(registration, reminder) would refuse a duplicate even if the lock were skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from flask_babel import force_locale
from sqlalchemy import exists, func, insert, or_, select
from sqlalchemy.exc import IntegrityError

from eventapp.core.db import transaction, utcnow
from eventapp.core.timefmt import zone
from eventapp.core.types import EventStatus, RegistrationStatus
from eventapp.events.models import Event, EventSeries
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.outbox import (
    RenderedMail,
    Undeliverable,
    enqueue_deferred_many,
    render_message,
    renders,
)
from eventapp.registration import capacity
from eventapp.registration.models import Registration
from eventapp.registration.notify import (
    ENDED,
    SUPERSEDED_REASON,
    event_sender,
    invitation_attachment,
    manage_url,
    registration_for_mail,
)
from eventapp.registration.privacy import ERASED_REASON
from eventapp.reminders.models import ReminderDelivery

log = logging.getLogger(__name__)

#: The reminders, earliest first, each with the event's switch that turns it on.
REMINDERS = {"two_days": "remind_two_days", "morning": "remind_morning"}
#: Who is reminded: people with a place, and people waiting for one.
REMINDED = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
LOOKAHEAD = timedelta(days=3)  # no reminder falls due earlier than this before the start


def due_at(event: Event, reminder: str) -> datetime:
    """When ``reminder`` of ``event`` falls due (aware, UTC)."""
    tz = zone(event.timezone)
    start_day = event.starts_at.astimezone(tz).date()
    if reminder == "two_days":
        return datetime.combine(start_day - timedelta(days=2), time(9, 0), tz)
    morning = datetime.combine(start_day, time(7, 0), tz)
    return min(morning, event.starts_at - timedelta(hours=1))


def enabled(event: Event) -> list[str]:
    """The reminders switched on for ``event``, earliest first."""
    return [name for name, switch in REMINDERS.items() if getattr(event, switch)]


def reminder_to_queue(event: Event, now: datetime) -> str | None:
    """The reminder to queue now: the latest one due, none once the event has begun (a
    "two days before" that a stopped sender missed is not sent beside the morning's)."""
    if event.status != EventStatus.PUBLISHED or now >= event.starts_at:
        return None
    due = [name for name in enabled(event) if due_at(event, name) <= now]
    return due[-1] if due else None


def _candidate_events(now: datetime) -> list[int]:
    stmt = select(Event.id).where(
        Event.status == EventStatus.PUBLISHED,
        Event.starts_at > now,
        Event.starts_at <= now + LOOKAHEAD,
        or_(*(getattr(Event, switch).is_(True) for switch in REMINDERS.values())),
    )
    return list(db.session.execute(stmt.order_by(Event.starts_at)).scalars())


def queue_due_reminders(now: datetime | None = None) -> int:
    """Queue every reminder that fell due, once per registration; commits per event. Returns
    how many were queued (0 when another sender got there first)."""
    now = now or utcnow()
    queued = 0
    for event_id in _candidate_events(now):
        try:
            with transaction():
                queued += queue_event_reminder(capacity.lock_event(event_id), now)
        except IntegrityError:
            # Only if a writer skipped the lock: the constraint kept the reminder single.
            log.warning("reminders of event %s were queued by another sender", event_id)
    return queued


def queue_event_reminder(event: Event, now: datetime) -> int:
    """Under the event's lock: the due reminder for each registration not yet reminded."""
    reminder = reminder_to_queue(event, now)
    if reminder is None:
        return 0
    reminded = exists().where(
        ReminderDelivery.registration_id == Registration.id,
        ReminderDelivery.reminder == reminder,
    )
    stmt = select(Registration.id, Registration.email, Registration.language).where(
        Registration.event_id == event.id,
        Registration.status.in_(REMINDED),
        # Who registered after it fell due has just had the confirmation with the same facts.
        Registration.created_at < due_at(event, reminder),
        ~reminded,
    )
    rows = db.session.execute(stmt.order_by(Registration.id)).all()
    if not rows:
        return 0
    sender_name, reply_to = event_sender(event)
    # Two bulk INSERTs (the claims, then the messages) in the transaction holding the lock.
    db.session.execute(
        insert(ReminderDelivery),
        [{"event_id": event.id, "registration_id": rid, "reminder": reminder} for rid, *_ in rows],
    )
    message = {"event_id": event.id, "sender_name": sender_name[:200], "reply_to": reply_to}
    enqueue_deferred_many(
        f"reminder_{reminder}",
        [
            {
                **message,
                "recipient": r.email,
                "language": r.language or "en",
                "registration_id": r.id,
            }
            for r in rows
        ],
    )
    return len(rows)


@renders(*(f"reminder_{name}" for name in REMINDERS))
def render_reminder(message: OutboxMessage) -> RenderedMail:
    """A reminder for one registration as it is when sent: a confirmed participant gets when,
    where, their sessions and the invitation; a waitlisted one their position and what next;
    one who cancelled meanwhile gets nothing (discarded)."""
    registration = registration_for_mail(message.registration_id)
    if registration is None or registration.anonymised_at is not None:
        raise Undeliverable(ERASED_REASON)
    if registration.status in ENDED or registration.event.status != EventStatus.PUBLISHED:
        raise Undeliverable(SUPERSEDED_REASON)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    template = "reminder_confirmed" if confirmed else "reminder_waitlisted"
    subject, body_text, body_html = render_message(
        template,
        message.language,
        registration=registration,
        event=registration.event,
        reminder=message.kind.removeprefix("reminder_"),
        position=capacity.waitlist_position(registration),
        manage_url=manage_url(registration),
    )
    attachments = []
    if confirmed:
        with force_locale(message.language):
            attachments.append(invitation_attachment(registration))
    return RenderedMail(subject, body_text, body_html, attachments)


@dataclass(frozen=True)
class ReminderLog:
    """What the organiser sees of one reminder: when it falls due and what became of it."""

    reminder: str
    on: bool
    due_at: datetime
    queued: int
    sent: int
    discarded: int
    last_sent_at: datetime | None

    @property
    def waiting(self) -> int:
        return self.queued - self.sent - self.discarded


def reminder_logs(event: Event) -> list[ReminderLog]:
    """Each reminder of ``event`` with its counts from the outbox (one grouped query)."""
    kinds = [f"reminder_{name}" for name in REMINDERS]
    rows = db.session.execute(
        select(
            OutboxMessage.kind,
            func.count(),
            func.count(OutboxMessage.sent_at),
            func.count(OutboxMessage.discarded_at),
            func.max(OutboxMessage.sent_at),
        )
        .where(OutboxMessage.event_id == event.id, OutboxMessage.kind.in_(kinds))
        .group_by(OutboxMessage.kind)
    )
    counts: dict[str, Any] = {kind: rest for kind, *rest in rows}
    logs = []
    for name, switch in REMINDERS.items():
        queued, sent, discarded, last = counts.get(f"reminder_{name}", (0, 0, 0, None))
        logs.append(
            ReminderLog(
                name, getattr(event, switch), due_at(event, name), queued, sent, discarded, last
            )
        )
    return logs


def set_reminders(event: Event, *, two_days: bool, morning: bool) -> None:
    """Switch the event's reminders; the caller commits. A series passes its own switches to
    the editions made after (``inherit_reminders``)."""
    event.remind_two_days, event.remind_morning = bool(two_days), bool(morning)


def inherit_reminders(event: Event, series: EventSeries | None) -> None:
    """A new edition of ``series`` starts with the series' reminder switches."""
    if series is not None:
        event.remind_two_days = series.remind_two_days
        event.remind_morning = series.remind_morning
