"""Registrations of participants and the sessions they chose."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.core.db import TimestampMixin, UTCDateTime
from eventapp.core.search import search_text_of
from eventapp.core.types import (
    ChoiceStatus,
    RegistrationCategory,
    RegistrationStatus,
    enum_column,
)
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.auth.models import User
    from eventapp.directory.models import Organisation
    from eventapp.events.models import Event, Session
    from eventapp.regforms.models import Answer

_ACTIVE = "status IN ('unconfirmed', 'pending', 'confirmed', 'waitlisted')"


class Registration(TimestampMixin, db.Model):
    """A participant's registration for an event."""

    __tablename__ = "registrations"
    __table_args__ = (
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        # One active registration per event and e-mail address, enforced by the database.
        Index(
            "uq_registrations_active_email",
            "event_id",
            "email",
            unique=True,
            sqlite_where=text(_ACTIVE),
            postgresql_where=text(_ACTIVE),
        ),
        Index("ix_registrations_event_status", "event_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    affiliation: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    category: Mapped[RegistrationCategory] = mapped_column(
        enum_column(RegistrationCategory, "registration_category"),
        default=RegistrationCategory.PARTICIPANT,
    )
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus, "registration_status"),
        default=RegistrationStatus.CONFIRMED,
    )
    # Waiting-list order: position = rank by (waitlisted_at, id) among the waitlisted.
    waitlisted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Unconfirmed: when the hold lapses. It holds a place when ``waitlisted_at`` is empty, else
    # a turn on the waiting list taken at ``waitlisted_at``. Cleared on confirmation, kept when
    # the hold lapses (a cancelled registration with it set is a lapsed hold).
    hold_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    dietary_needs: Mapped[str] = mapped_column(String(500), default="")
    accessibility_needs: Mapped[str] = mapped_column(String(500), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The private link /r/<secret>/ (manage, personal feed, badge): >=128 bits from `secrets`.
    secret: Mapped[str] = mapped_column(String(64), unique=True)
    # What the badge's QR carries; separate from the secret so a photographed badge grants nothing.
    checkin_code: Mapped[str] = mapped_column(String(64), unique=True)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_in_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    badge_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Name, e-mail and affiliation folded (core/search.py), kept on every flush: what searches
    # compare with, since neither database folds "Å" to "a" by itself.
    search_text: Mapped[str] = mapped_column(String(700), default="")

    event: Mapped[Event] = relationship(back_populates="registrations")
    organisation: Mapped[Organisation | None] = relationship()
    checked_in_by: Mapped[User | None] = relationship()
    choices: Mapped[list[RegistrationChoice]] = relationship(
        back_populates="registration", cascade="all, delete-orphan", passive_deletes=True
    )
    # Answers to the event's own questions (regforms).
    answers: Mapped[list[Answer]] = relationship(
        back_populates="registration", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Registration {self.id} {self.status}>"


@event.listens_for(Registration, "before_insert")
@event.listens_for(Registration, "before_update")
def _keep_search_text(_mapper, _connection, registration: Registration) -> None:
    registration.search_text = search_text_of(
        registration.name, registration.email, registration.affiliation
    )


class RegistrationChoice(db.Model):
    """A session a participant chose (workshops with their own capacity and waiting list)."""

    __tablename__ = "registration_choices"
    __table_args__ = (Index("ix_registration_choices_session_status", "session_id", "status"),)

    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), primary_key=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[ChoiceStatus] = mapped_column(
        enum_column(ChoiceStatus, "choice_status"), default=ChoiceStatus.CONFIRMED
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    registration: Mapped[Registration] = relationship(back_populates="choices")
    session: Mapped[Session] = relationship(back_populates="choices")


class SpentChallenge(db.Model):
    """A proof-of-work challenge already used for a registration, kept until it would have
    expired anyway: the same solved challenge posted twice is refused (registration/proof.py)."""

    __tablename__ = "spent_challenges"

    signature: Mapped[str] = mapped_column(String(128), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
