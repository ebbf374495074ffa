"""A call for contributions, its kinds and tracks, the submissions with their authors, the
reviewers of an event and their reviews."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

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
from eventapp.core.translation import Translatable
from eventapp.core.types import enum_column
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.auth.models import User
    from eventapp.directory.models import Organisation
    from eventapp.events.models import Event, Session


class ContributionKind(StrEnum):
    TALK = "talk"
    SHORT_PRESENTATION = "short_presentation"
    POSTER = "poster"
    EXHIBITION = "exhibition"
    WORKSHOP = "workshop"


class SubmissionStatus(StrEnum):
    SUBMITTED = "submitted"
    REVISION = "revision"  # the committee asked for a revision: the submitter edits
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Recommendation(StrEnum):
    ACCEPT = "accept"  # as the kind wished
    ACCEPT_AS = "accept_as"  # as another kind (``recommended_kind``)
    REVISION = "revision"
    REJECT = "reject"


class Decision(StrEnum):
    ACCEPT = "accept"
    REVISION = "revision"
    REJECT = "reject"


class Call(Translatable, TimestampMixin, db.Model):
    """An event's call for contributions: its window, rules, criteria and review settings."""

    TRANSLATED = ("introduction", "criteria")

    __tablename__ = "contribution_calls"
    __table_args__ = (
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
        CheckConstraint("reviews_per_submission BETWEEN 1 AND 10", name="reviews_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    introduction: Mapped[str] = mapped_column(Text, default="")
    # One criterion a line (its translation: the same lines in the other language).
    criteria: Mapped[str] = mapped_column(Text, default="")
    blind_review: Mapped[bool] = mapped_column(Boolean, default=False)
    reviews_per_submission: Mapped[int] = mapped_column(Integer, default=2)

    event: Mapped[Event] = relationship()
    kinds: Mapped[list[CallKind]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="CallKind.id"
    )
    tracks: Mapped[list[Track]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="Track.position"
    )

    def criteria_list(self, lang: str | None = None) -> list[str]:
        """The criteria in the reader's language (lines of the original where missing)."""
        original = [c.strip() for c in (self.criteria or "").splitlines() if c.strip()]
        shown = [c.strip() for c in self.text("criteria", lang).splitlines() if c.strip()]
        return shown if len(shown) == len(original) else original

    def kind_rule(self, kind: str) -> CallKind | None:
        return next((k for k in self.kinds if k.kind == kind), None)


class CallKind(db.Model):
    """A kind of contribution the call takes, with its abstract word limit."""

    __tablename__ = "contribution_call_kinds"
    __table_args__ = (
        UniqueConstraint("call_id", "kind"),
        CheckConstraint("word_limit > 0", name="word_limit_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(
        ForeignKey("contribution_calls.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ContributionKind] = mapped_column(
        enum_column(ContributionKind, "contribution_kind")
    )
    word_limit: Mapped[int] = mapped_column(Integer, default=300)

    call: Mapped[Call] = relationship(back_populates="kinds")


class Track(Translatable, db.Model):
    """A track or topic of a call; reviewers are pooled per track."""

    TRANSLATED = ("name",)

    __tablename__ = "contribution_tracks"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(
        ForeignKey("contribution_calls.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    call: Mapped[Call] = relationship(back_populates="tracks")


class Submission(TimestampMixin, db.Model):
    """A submitted abstract, reached by its submitter through ``/c/<secret>/``."""

    __tablename__ = "contribution_submissions"
    __table_args__ = (
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        CheckConstraint("round >= 1", name="round_positive"),
        UniqueConstraint("call_id", "board_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(
        ForeignKey("contribution_calls.id", ondelete="CASCADE"), index=True
    )
    # The private link /c/<secret>/: >= 128 bits from `secrets`.
    secret: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(8), default="en")
    title: Mapped[str] = mapped_column(String(300))
    abstract: Mapped[str] = mapped_column(Text)
    markdown: Mapped[bool] = mapped_column(Boolean, default=False)
    keywords: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[ContributionKind] = mapped_column(enum_column(ContributionKind, "submission_kind"))
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("contribution_tracks.id", ondelete="SET NULL"), index=True
    )
    file_path: Mapped[str | None] = mapped_column(String(200))
    consent_publish: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[SubmissionStatus] = mapped_column(
        enum_column(SubmissionStatus, "submission_status"), default=SubmissionStatus.SUBMITTED
    )
    round: Mapped[int] = mapped_column(Integer, default=1)
    # What the previous round said (title, abstract), so reviewers see what a revision changed.
    previous: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The committee's decision, held until the organiser releases the decisions in one action.
    decision: Mapped[Decision | None] = mapped_column(enum_column(Decision, "decision"))
    decision_kind: Mapped[ContributionKind | None] = mapped_column(
        enum_column(ContributionKind, "decision_kind")
    )
    decision_note: Mapped[str] = mapped_column(Text, default="")
    decision_released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_kind: Mapped[ContributionKind | None] = mapped_column(
        enum_column(ContributionKind, "accepted_kind")
    )
    board_number: Mapped[int | None] = mapped_column(Integer)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    call: Mapped[Call] = relationship()
    track: Mapped[Track | None] = relationship()
    session: Mapped[Session | None] = relationship()
    authors: Mapped[list[Author]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="Author.position"
    )
    reviews: Mapped[list[Review]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="Review.id"
    )

    @property
    def presenter(self) -> Author | None:
        return next((a for a in self.authors if a.presenting), None)

    def __repr__(self) -> str:
        return f"<Submission {self.id} {self.status}>"


class Author(db.Model):
    """An author of a submission, in order, with affiliation; one of them presents."""

    __tablename__ = "contribution_authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("contribution_submissions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    affiliation: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    presenting: Mapped[bool] = mapped_column(Boolean, default=False)

    submission: Mapped[Submission] = relationship(back_populates="authors")
    organisation: Mapped[Organisation | None] = relationship()


class Reviewer(TimestampMixin, db.Model):
    """An account's reviewer role for one event, in the pool of one track (or of all)."""

    __tablename__ = "contribution_reviewers"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The reviewer's own organisation: never assigned a submission one of whose authors is of it.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("contribution_tracks.id", ondelete="SET NULL")
    )
    # A track chair exports and writes to every submission of the track, assigned or not.
    chair: Mapped[bool] = mapped_column(Boolean, default=False)

    event: Mapped[Event] = relationship()
    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    track: Mapped[Track | None] = relationship()


class Review(TimestampMixin, db.Model):
    """One reviewer's assignment to a submission in one round, and their review once saved."""

    __tablename__ = "contribution_reviews"
    __table_args__ = (UniqueConstraint("submission_id", "reviewer_id", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("contribution_submissions.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(
        ForeignKey("contribution_reviewers.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(Integer, default=1)
    # {"0": 4, "1": 5}: the score (1–5) of each criterion by its line number.
    scores: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    recommendation: Mapped[Recommendation | None] = mapped_column(
        enum_column(Recommendation, "recommendation")
    )
    recommended_kind: Mapped[ContributionKind | None] = mapped_column(
        enum_column(ContributionKind, "recommended_kind")
    )
    comment_committee: Mapped[str] = mapped_column(Text, default="")
    comment_authors: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    submission: Mapped[Submission] = relationship(back_populates="reviews")
    reviewer: Mapped[Reviewer] = relationship()

    @property
    def mean_score(self) -> float | None:
        values = [int(v) for v in (self.scores or {}).values()]
        return sum(values) / len(values) if values else None
