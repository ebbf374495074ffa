"""An event's survey, its questions (some about one session), and each participant's answer."""

from __future__ import annotations

from datetime import datetime
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

from eventapp.core.db import TimestampMixin, UTCDateTime
from eventapp.core.translation import Translatable, reader_language
from eventapp.core.types import enum_column
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.events.models import Event, Session
    from eventapp.registration.models import Registration


class Audience(StrEnum):
    CHECKED_IN = "checked_in"  # only who came through the door
    CONFIRMED = "confirmed"  # everyone with a confirmed place (online events, lost badges)


class QuestionKind(StrEnum):
    RATING = "rating"  # 1–5
    SINGLE = "single"
    MULTIPLE = "multiple"
    TEXT = "text"


RATINGS = (1, 2, 3, 4, 5)


class Survey(Translatable, TimestampMixin, db.Model):
    """An event's feedback survey: who may answer and until when."""

    TRANSLATED = ("introduction",)

    __tablename__ = "feedback_surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    introduction: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[Audience] = mapped_column(
        enum_column(Audience, "survey_audience"), default=Audience.CHECKED_IN
    )
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())

    event: Mapped[Event] = relationship()
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="survey",
        order_by="(SurveyQuestion.position, SurveyQuestion.id)",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    responses: Mapped[list[Response]] = relationship(
        back_populates="survey", cascade="all, delete-orphan", passive_deletes=True
    )


class SurveyQuestion(Translatable, db.Model):
    """One question; the options of a choice are lines (the translation: the same lines)."""

    TRANSLATED = ("prompt", "options_text")

    __tablename__ = "feedback_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_surveys.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind, "question_kind"))
    prompt: Mapped[str] = mapped_column(String(500))
    options_text: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    # Answers are anonymous to the organisers unless the question says it is not.
    named: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    survey: Mapped[Survey] = relationship(back_populates="questions")
    session: Mapped[Session | None] = relationship()

    def options(self, lang: str | None = None) -> list[str]:
        """The options in ``lang`` (the reader's), one a line; an answer stores their indexes,
        so a translation with another number of lines is not used."""
        original = _lines(self.options_text)
        shown = _lines(self.text("options_text", lang or reader_language()))
        return shown if len(shown) == len(original) else original


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Response(TimestampMixin, db.Model):
    """One participant's answer to a survey: one per person, changed in place until it closes."""

    __tablename__ = "feedback_responses"
    __table_args__ = (UniqueConstraint("survey_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_surveys.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )

    survey: Mapped[Survey] = relationship(back_populates="responses")
    registration: Mapped[Registration] = relationship()
    answers: Mapped[list[SurveyAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )


class SurveyAnswer(db.Model):
    """The answer to one question: a rating, the indexes of the options chosen, or text."""

    __tablename__ = "feedback_answers"
    __table_args__ = (
        UniqueConstraint("response_id", "question_id"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_questions.id", ondelete="CASCADE"), index=True
    )
    rating: Mapped[int | None] = mapped_column(Integer)
    choices: Mapped[list[int]] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text, default="")

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped[SurveyQuestion] = relationship()
