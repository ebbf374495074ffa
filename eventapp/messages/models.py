"""An organiser's message to registrants: its versions, its audience, and who wrote it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.auth.models import User
from eventapp.core.db import UTCDateTime, utcnow
from eventapp.extensions import db


class OrganiserMessage(db.Model):
    """A message as it was sent; each registrant's e-mail is an outbox row naming it."""

    __tablename__ = "organiser_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sender_name: Mapped[str] = mapped_column(String(200), default="")
    reply_to: Mapped[str] = mapped_column(String(254), default="")
    # {"en": {"subject": "…", "body": "…"}, "sv": {…}}: the first is the original.
    versions: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    # {"statuses": […], "categories": […], "session_id": 3 | None, "checked_in": "any"}
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship()
