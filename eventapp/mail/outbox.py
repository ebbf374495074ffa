"""Putting e-mails in the outbox: a row in the caller's transaction, never a send.

A message is rendered either when it is enqueued (``enqueue``, ``enqueue_template``) or, where
rendering is costly and the request should not wait for it, at send time (``enqueue_deferred``):
the row then holds the facts frozen at the change, and the renderer its capability registered
for the message's kind turns them into subject, bodies and attachments just before sending.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import render_template
from flask_babel import force_locale
from sqlalchemy import insert

from eventapp.core.db import utcnow
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage


@dataclass
class RenderedMail:
    """What a message says: one-line subject, text body, HTML body and attachments."""

    subject: str
    body_text: str
    body_html: str = ""
    attachments: list[dict[str, Any]] = field(default_factory=list)


class Undeliverable(Exception):
    """The message can no longer be sent (e.g. its registration was erased before sending)."""


#: kind → the function rendering a deferred message of that kind at send time.
RENDERERS: dict[str, Callable[[OutboxMessage], RenderedMail]] = {}


def renders(*kinds: str) -> Callable:
    """Register the decorated function as the send-time renderer of ``kinds``."""

    def register(renderer: Callable[[OutboxMessage], RenderedMail]):
        for kind in kinds:
            RENDERERS[kind] = renderer
        return renderer

    return register


def enqueue(
    *,
    recipient: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    kind: str = "",
    language: str = "en",
    attachments: list[dict[str, Any]] | None = None,
    event_id: int | None = None,
    registration_id: int | None = None,
    reply_to: str = "",
    sender_name: str = "",
    organiser_message_id: int | None = None,
) -> OutboxMessage:
    """Add a message to the session; it is committed (or rolled back) with the caller's change."""
    message = OutboxMessage(
        recipient=recipient,
        reply_to=reply_to,
        sender_name=sender_name[:200],
        organiser_message_id=organiser_message_id,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind=kind,
        language=language,
        attachments=attachments or [],
        event_id=event_id,
        registration_id=registration_id,
        rendered_at=utcnow(),
    )
    db.session.add(message)
    return message


def enqueue_deferred(
    kind: str,
    *,
    recipient: str,
    language: str,
    context: dict[str, Any],
    event_id: int | None = None,
    registration_id: int | None = None,
    reply_to: str = "",
    sender_name: str = "",
) -> OutboxMessage:
    """Add a message rendered at send time by ``RENDERERS[kind]`` from ``context`` (JSON).

    The row is committed (or rolled back) with the caller's change, like every message.
    """
    if kind not in RENDERERS:
        raise ValueError(f"no send-time renderer for {kind!r}")
    message = OutboxMessage(
        recipient=recipient,
        reply_to=reply_to,
        sender_name=sender_name[:200],
        subject="",
        body_text="",
        body_html="",
        kind=kind,
        language=language,
        attachments=[],
        render_context=context,
        event_id=event_id,
        registration_id=registration_id,
    )
    db.session.add(message)
    return message


def enqueue_deferred_many(kind: str, messages: list[dict[str, Any]]) -> int:
    """Add many messages rendered at send time, in one INSERT (a reminder to thousands).

    Each dict gives ``recipient``, ``language``, ``event_id``, ``registration_id`` and may give
    ``reply_to``, ``sender_name`` and ``render_context``; committed with the caller's change.
    """
    if kind not in RENDERERS:
        raise ValueError(f"no send-time renderer for {kind!r}")
    if not messages:
        return 0
    rows = [
        {
            "kind": kind,
            "subject": "",
            "body_text": "",
            "body_html": "",
            "attachments": [],
            "render_context": {},
            "reply_to": "",
            "sender_name": "",
            **message,
        }
        for message in messages
    ]
    db.session.execute(insert(OutboxMessage), rows)
    return len(rows)


def render_deferred(message: OutboxMessage) -> RenderedMail:
    """Render a deferred message (without changing the row); may raise ``Undeliverable``."""
    return RENDERERS[message.kind](message)


def render_message(template: str, language: str, **context: Any) -> tuple[str, str, str]:
    """Render ``mail/<template>.subject.txt``, ``.txt`` and ``.html`` in ``language``.

    Returns (subject on one line, text body, HTML body); nothing is enqueued.
    """
    with force_locale(language):
        subject = render_template(f"mail/{template}.subject.txt", **context)
        body_text = render_template(f"mail/{template}.txt", **context)
        body_html = render_template(f"mail/{template}.html", **context)
    return " ".join(subject.split()), body_text, body_html


def enqueue_template(
    template: str,
    *,
    recipient: str,
    language: str,
    kind: str,
    attachments: list[dict[str, Any]] | None = None,
    event_id: int | None = None,
    registration_id: int | None = None,
    reply_to: str = "",
    **context: Any,
) -> OutboxMessage:
    """Render ``mail/<template>.subject.txt``, ``.txt`` and ``.html`` in ``language`` and enqueue.

    The three templates get the same ``context``; the subject is stripped to one line.
    """
    subject, body_text, body_html = render_message(template, language, **context)
    return enqueue(
        recipient=recipient,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind=kind,
        language=language,
        attachments=attachments,
        event_id=event_id,
        registration_id=registration_id,
        reply_to=reply_to,
    )
