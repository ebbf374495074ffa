"""The outbox: every e-mail is a row written in the same transaction as its cause."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eventapp.core.db import UTCDateTime, utcnow
from eventapp.extensions import db


class OutboxMessage(db.Model):
    """An e-mail waiting to be sent (or sent: rows are never deleted)."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_due", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), default="")
    recipient: Mapped[str] = mapped_column(String(254))
    # Where a reply goes when it is not the sender (a reviewer's message: the event's contact).
    reply_to: Mapped[str] = mapped_column(String(254), default="", server_default="")
    # The display name of the From header (an organiser's, their organisation's); the address
    # is always the site's own (MAIL_FROM), which mail servers are told to trust.
    sender_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    subject: Mapped[str] = mapped_column(String(300), default="")
    body_text: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    # [{"filename": "event.ics", "content_type": "text/calendar; method=PUBLISH", "content": "…"}]
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(8), default="en")
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("registrations.id", ondelete="SET NULL"), index=True
    )
    organiser_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("organiser_messages.id", ondelete="SET NULL"), index=True
    )
    # Messages rendered at send time: the facts frozen at the change (a waiting-list position,
    # an organiser's note, promoted session ids); None for messages rendered when enqueued.
    render_context: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # When subject, bodies and attachments were written: at enqueue, or by the sender.
    rendered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Given up for good (e.g. the registration was erased before sending); last_error says why.
    discarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
