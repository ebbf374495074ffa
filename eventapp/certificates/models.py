"""An event's certificate template (its organisers shape it) and the certificates issued."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.core.db import TimestampMixin, UTCDateTime, utcnow
from eventapp.core.translation import Translatable
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.events.models import Event
    from eventapp.registration.models import Registration


class CertificateTemplate(Translatable, TimestampMixin, db.Model):
    """What an event's certificates say, within the one layout: heading, text, signature."""

    TRANSLATED = ("heading", "body", "signatory_title")

    __tablename__ = "certificate_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    heading: Mapped[str] = mapped_column(String(120), default="")
    # A paragraph under the facts; empty: the standard sentence of the participant's language.
    body: Mapped[str] = mapped_column(Text, default="")
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(200), default="")
    # List the sessions attended and count their hours (hospital training credits).
    per_session: Mapped[bool] = mapped_column(Boolean, default=False)
    landscape: Mapped[bool] = mapped_column(Boolean, default=True)
    show_logos: Mapped[bool] = mapped_column(Boolean, default=True)

    event: Mapped[Event] = relationship()


class Certificate(db.Model):
    """One participant's certificate: its public verification code, issued once."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), unique=True
    )
    # What the QR carries, >=128 bits from `secrets`: it names the certificate, not the person.
    code: Mapped[str] = mapped_column(String(64), unique=True)
    # Whole minutes attended, as counted when it was issued (the timetable may change later).
    minutes: Mapped[int] = mapped_column(Integer, default=0)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    event: Mapped[Event] = relationship()
    registration: Mapped[Registration] = relationship()
