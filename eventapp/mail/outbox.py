"""Putting e-mails in the outbox: a row in the caller's transaction, never a send."""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_babel import force_locale

from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage


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
) -> OutboxMessage:
    """Add a message to the session; it is committed (or rolled back) with the caller's change."""
    message = OutboxMessage(
        recipient=recipient,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind=kind,
        language=language,
        attachments=attachments or [],
        event_id=event_id,
        registration_id=registration_id,
    )
    db.session.add(message)
    return message


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
    )
