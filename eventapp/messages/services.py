"""Organisers' messages: placeholders checked before anything is sent, the audience chosen by
status, category, session and check-in, one version per language, rendered for each registrant
at send time (so one who cancels meanwhile is not written to), and a history with counts.

The body is Markdown (paragraphs, links, lists), rendered by the blog's renderer and sanitised;
the plain-text part is the Markdown itself, which reads as plain text. The message comes first
in the e-mail and the standard lines after it, small: a custom message must not drown at the
end of a standard-looking mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from string import Formatter
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from eventapp.auth.models import User
from eventapp.blog.render import escape_markdown, render_markdown
from eventapp.core.errors import DomainError
from eventapp.core.timefmt import when
from eventapp.core.translation import translated
from eventapp.core.types import ACTIVE_REGISTRATION_STATUSES, RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.outbox import (
    RenderedMail,
    Undeliverable,
    enqueue,
    enqueue_deferred,
    render_message,
    renders,
)
from eventapp.messages.models import OrganiserMessage
from eventapp.registration.models import Registration, RegistrationChoice
from eventapp.registration.notify import event_sender, manage_url, registration_for_mail
from eventapp.registration.privacy import ERASED_REASON

#: What a message may say in braces, and what each becomes for one registrant.
PLACEHOLDERS = ("name", "event", "link", "when", "venue")
KIND = "organiser_message"
NOT_IN_AUDIENCE = "the registration left the message's audience before it was sent"


class MessageError(DomainError):
    """A message that cannot be sent as written (an unknown placeholder, no recipient)."""

    status_code = 422

    def __init__(self, message: str, field: str | None = None, fields: dict | None = None):
        super().__init__(message, field)
        self.fields = fields or {}

    def by_field(self) -> dict[str | None, list[str]]:
        return self.fields or super().by_field()


@dataclass(frozen=True)
class Audience:
    """Who receives a message: statuses, categories (empty: all), one session, check-in."""

    statuses: tuple[str, ...] = (RegistrationStatus.CONFIRMED.value,)
    categories: tuple[str, ...] = ()
    session_id: int | None = None
    checked_in: str = "any"  # "any", "yes", "no"

    def as_json(self) -> dict[str, Any]:
        return {
            "statuses": list(self.statuses),
            "categories": list(self.categories),
            "session_id": self.session_id,
            "checked_in": self.checked_in,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Audience:
        return cls(
            tuple(data.get("statuses") or ()),
            tuple(data.get("categories") or ()),
            data.get("session_id"),
            data.get("checked_in") or "any",
        )


def placeholder_problems(text: str) -> list[str]:
    """What is wrong with the braces of ``text`` (empty when nothing): unknown names, formats,
    a lone brace. ``{{`` and ``}}`` write a brace."""
    try:
        fields = [(name, spec, conv) for _lit, name, spec, conv in Formatter().parse(text or "")]
    except ValueError:
        return [_("A brace is not closed: write {{ and }} for a brace itself.")]
    problems = []
    for name, spec, conversion in fields:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            problems.append(
                _(
                    "Unknown placeholder {%(name)s}. You can use: %(known)s.",
                    name=name,
                    known=", ".join(f"{{{p}}}" for p in PLACEHOLDERS),
                )
            )
    return problems


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each placeholder replaced (checked first by ``placeholder_problems``)."""
    parts = []
    for literal, name, _spec, _conversion in Formatter().parse(text):
        parts.append(literal)
        if name is not None:
            parts.append(values.get(name, ""))
    return "".join(parts)


def placeholder_values(registration: Registration) -> dict[str, str]:
    """The placeholders for one registrant, in the language being rendered."""
    event = registration.event
    venue = event.venue
    where = ", ".join(p for p in ([translated(venue, "name"), venue.address] if venue else []) if p)
    return {
        "name": registration.name,
        "event": translated(event, "title"),
        "link": manage_url(registration),
        "when": when(event.starts_at, event.ends_at, event.timezone),
        "venue": where,
    }


def audience_query(event: Event, audience: Audience):
    """The registrations ``audience`` names, by id."""
    statuses = [s for s in audience.statuses if s in {x.value for x in RegistrationStatus}]
    stmt = select(Registration).where(
        Registration.event_id == event.id,
        Registration.status.in_(statuses or [s.value for s in ACTIVE_REGISTRATION_STATUSES]),
        Registration.anonymised_at.is_(None),
    )
    if audience.categories:
        stmt = stmt.where(Registration.category.in_(audience.categories))
    if audience.session_id:
        chose = select(RegistrationChoice.registration_id).where(
            RegistrationChoice.session_id == audience.session_id
        )
        stmt = stmt.where(Registration.id.in_(chose))
    if audience.checked_in == "yes":
        stmt = stmt.where(Registration.checked_in_at.is_not(None))
    elif audience.checked_in == "no":
        stmt = stmt.where(Registration.checked_in_at.is_(None))
    return stmt.order_by(Registration.id)


def audience_of(event: Event, audience: Audience) -> list[Registration]:
    """The registrations that receive a message with ``audience``."""
    return list(db.session.execute(audience_query(event, audience)).scalars())


def check_versions(versions: dict[str, dict[str, str]]) -> None:
    """Refuse a message with no complete version or a wrong placeholder in any text."""
    if not any(v.get("subject") and v.get("body") for v in versions.values()):
        raise MessageError(_("Write a subject and a message in at least one language."))
    problems = {
        f"{field}_{lang}": placeholder_problems(version.get(field, ""))
        for lang, version in versions.items()
        for field in ("subject", "body")
    }
    if any(problems.values()):
        found = {field: messages for field, messages in problems.items() if messages}
        raise MessageError(next(iter(found.values()))[0], fields=found)


def version_for(versions: dict[str, dict[str, str]], language: str) -> tuple[str, dict[str, str]]:
    """The registrant's language's version, else the first complete one (the original)."""
    complete = {k: v for k, v in versions.items() if v.get("subject") and v.get("body")}
    if language in complete:
        return language, complete[language]
    first = next(iter(complete))
    return first, complete[first]


def render_for(
    versions: dict[str, dict[str, str]], registration: Registration
) -> tuple[str, RenderedMail]:
    """The message as ``registration`` reads it: (language, subject, text and HTML)."""
    language, version = version_for(versions, registration.language or "en")
    with force_locale(language):
        values = placeholder_values(registration)
        escaped = {k: (v if k == "link" else escape_markdown(v)) for k, v in values.items()}
        subject = " ".join(fill(version["subject"], values).split())
        text_body = fill(version["body"], values)
        html_body = render_markdown(fill(version["body"], escaped))
    context = {
        "registration": registration,
        "event": registration.event,
        "manage_url": values["link"],
        "text_body": text_body,
        "html_body": html_body,
        "subject": subject,
    }
    _subject, body_text, body_html = render_message("organiser_message", language, **context)
    return language, RenderedMail(subject, body_text, body_html)


def send_message(
    event: Event, author: User, versions: dict[str, dict[str, str]], audience: Audience
) -> OrganiserMessage:
    """Queue the message for everyone in ``audience``; the caller commits. Writes one outbox
    row per registrant, rendered by the sender in the registrant's language."""
    check_versions(versions)
    recipients = audience_of(event, audience)
    if not recipients:
        raise MessageError(_("Nobody matches the chosen recipients."))
    sender_name, reply_to = message_sender(event, author)
    message = OrganiserMessage(
        event_id=event.id,
        author_id=author.id,
        sender_name=sender_name,
        reply_to=reply_to,
        versions=versions,
        audience=audience.as_json(),
        recipients=len(recipients),
    )
    db.session.add(message)
    db.session.flush()
    for registration in recipients:
        row = enqueue_deferred(
            KIND,
            recipient=registration.email,
            language=registration.language or "en",
            context={},
            event_id=event.id,
            registration_id=registration.id,
            sender_name=sender_name,
            reply_to=reply_to,
        )
        row.organiser_message_id = message.id
    return message


def message_sender(event: Event, author: User) -> tuple[str, str]:
    """The organiser's name (with their organisation's) and the event's contact for replies
    (the organiser's own address when the event names no contact)."""
    organisation, reply_to = event_sender(event)
    name = author.display_name or organisation
    if organisation and name != organisation:
        name = f"{name}, {organisation}"
    return name, reply_to or author.email


def send_test(
    event: Event, author: User, versions: dict[str, dict[str, str]], registration: Registration
) -> OutboxMessage:
    """Queue the message as ``registration`` would get it, to the organiser's own address."""
    check_versions(versions)
    language, content = render_for(versions, registration)
    sender_name, reply_to = message_sender(event, author)
    return enqueue(
        recipient=author.email,
        subject=f"[{_('Test')}] {content.subject}",
        body_text=content.body_text,
        body_html=content.body_html,
        kind=f"{KIND}_test",
        language=language,
        event_id=event.id,
        reply_to=reply_to,
        sender_name=sender_name,
    )


@renders(KIND)
def render_organiser_message(row: OutboxMessage) -> RenderedMail:
    """One registrant's copy, rendered when sent; discarded when they are no longer among the
    recipients (cancelled, or erased) by then."""
    registration = registration_for_mail(row.registration_id)
    message = db.session.get(OrganiserMessage, row.organiser_message_id or 0)
    if registration is None or registration.anonymised_at is not None or message is None:
        raise Undeliverable(ERASED_REASON)
    statuses = Audience.from_json(message.audience).statuses
    if registration.status.value not in statuses:
        raise Undeliverable(NOT_IN_AUDIENCE)
    return render_for(message.versions, registration)[1]


@dataclass(frozen=True)
class MessageLog:
    """A sent message as the history shows it."""

    message: OrganiserMessage
    queued: int
    sent: int
    failed: int
    discarded: int
    last_sent_at: datetime | None

    @property
    def waiting(self) -> int:
        return self.queued - self.sent - self.discarded


def message_history(event: Event) -> list[MessageLog]:
    """The event's messages, newest first, with their outbox counts (two queries)."""
    messages = db.session.execute(
        select(OrganiserMessage)
        .where(OrganiserMessage.event_id == event.id)
        .order_by(OrganiserMessage.created_at.desc(), OrganiserMessage.id.desc())
    ).scalars()
    waiting_with_error = (OutboxMessage.sent_at.is_(None)) & (OutboxMessage.discarded_at.is_(None))
    rows = db.session.execute(
        select(
            OutboxMessage.organiser_message_id,
            func.count(),
            func.count(OutboxMessage.sent_at),
            func.count(OutboxMessage.id).filter(waiting_with_error & (OutboxMessage.attempts > 0)),
            func.count(OutboxMessage.discarded_at),
            func.max(OutboxMessage.sent_at),
        )
        .where(OutboxMessage.event_id == event.id, OutboxMessage.organiser_message_id.is_not(None))
        .group_by(OutboxMessage.organiser_message_id)
    )
    counts = {message_id: rest for message_id, *rest in rows}
    return [MessageLog(m, *counts.get(m.id, (0, 0, 0, 0, None))) for m in messages]


def versions_from(texts: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, str]]:
    """``{lang: {"subject", "body"}}`` from (language, subject, body), empty versions left out."""
    return {
        lang: {"subject": subject.strip(), "body": body.strip()}
        for lang, subject, body in texts
        if (subject or "").strip() or (body or "").strip()
    }
