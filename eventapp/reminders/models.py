"""One row per registration and reminder: the claim that makes a reminder go out once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eventapp.core.db import UTCDateTime, utcnow
from eventapp.extensions import db


class ReminderDelivery(db.Model):
    """A reminder queued for a registration (its outbox row was written in the same
    transaction). The unique constraint, not a lock in a worker's memory, is what keeps two
    senders, or one restarted, from queueing it twice."""

    __tablename__ = "reminder_deliveries"
    __table_args__ = (
        UniqueConstraint("registration_id", "reminder", name="uq_reminder_deliveries_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"))
    reminder: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
