"""Counts kept when personal data is erased, so a report stays true after a purge."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eventapp.core.types import RegistrationStatus, enum_column
from eventapp.extensions import db


class ErasedTally(db.Model):
    """How many erased registrations of an event had this organisation, status and attendance.

    Erasing a registration blanks its affiliation and organisation (registration/privacy.py);
    just before, it is counted here, under the organisation and sector it was matched to: an
    aggregate of many, never a row per person.
    """

    __tablename__ = "report_erased_tallies"
    __table_args__ = (UniqueConstraint("event_id", "organisation", "sector", "status", "attended"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus, "tally_registration_status")
    )
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    count: Mapped[int] = mapped_column(Integer, default=0)
