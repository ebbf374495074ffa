"""Extra questions of an event's registration form, their answers, and session groups."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.core.translation import Translatable
from eventapp.core.types import enum_column
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.events.models import Session
    from eventapp.registration.models import Registration


class QuestionKind(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    NUMBER = "number"


#: The kinds whose answer is one or more of the question's options.
CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})


class Question(Translatable, db.Model):
    """A question the organiser adds to an event's registration form."""

    TRANSLATED = ("label", "help_text")

    __tablename__ = "registration_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind, "question_kind"))
    label: Mapped[str] = mapped_column(String(300))
    help_text: Mapped[str] = mapped_column(String(500), default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    # The categories (participant, speaker …) it is asked of; empty: everyone.
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)

    options: Mapped[list[QuestionOption]] = relationship(
        back_populates="question",
        order_by="(QuestionOption.position, QuestionOption.id)",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    def asked_of(self, category: str) -> bool:
        """True when a registrant of ``category`` is asked this question."""
        return not self.categories or category in self.categories


class QuestionOption(Translatable, db.Model):
    """One of the options of a choice question; answers name it by id."""

    TRANSLATED = ("label",)

    __tablename__ = "registration_question_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("registration_questions.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    question: Mapped[Question] = relationship(back_populates="options")


class Answer(db.Model):
    """A registrant's answer to one question: a text (short, long, number, "yes"/"no") or the
    ids of the options chosen."""

    __tablename__ = "registration_answers"

    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("registration_questions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    value: Mapped[str] = mapped_column(Text, default="")
    option_ids: Mapped[list[int]] = mapped_column(JSON, default=list)

    registration: Mapped[Registration] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()


class SessionGroup(Translatable, db.Model):
    """Sessions of which a participant may choose at most ``max_choices`` (parallel workshops)."""

    TRANSLATED = ("name",)

    __tablename__ = "session_groups"
    __table_args__ = (CheckConstraint("max_choices >= 1", name="max_choices_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    max_choices: Mapped[int] = mapped_column(Integer, default=1)

    members: Mapped[list[SessionGroupMember]] = relationship(
        back_populates="group", cascade="all, delete-orphan", passive_deletes=True
    )


class SessionGroupMember(db.Model):
    """A session in a group: a session belongs to one group at most."""

    __tablename__ = "session_group_members"
    __table_args__ = (UniqueConstraint("session_id"),)

    group_id: Mapped[int] = mapped_column(
        ForeignKey("session_groups.id", ondelete="CASCADE"), primary_key=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )

    group: Mapped[SessionGroup] = relationship(back_populates="members")
    session: Mapped[Session] = relationship()
