"""Series, events, venues and the timetable."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from flask import current_app, has_app_context
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from eventapp.core.db import TimestampMixin, UTCDateTime
from eventapp.core.translation import Translatable
from eventapp.core.types import (
    EventStatus,
    OrganiserRole,
    SessionKind,
    SessionStatus,
    SpeakerRole,
    enum_column,
)
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.blog.models import BlogPost
    from eventapp.directory.models import Collaboration, Organisation, Person
    from eventapp.registration.models import Registration, RegistrationChoice

series_organisations = db.Table(
    "series_organisations",
    db.Column("series_id", ForeignKey("event_series.id", ondelete="CASCADE"), primary_key=True),
    db.Column(
        "organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    ),
)


def uid_host_now() -> str:
    """The host of ``BASE_URL`` now: what a new event's or session's UID keeps for good."""
    if not has_app_context():
        return "localhost"
    return urlsplit(current_app.config.get("BASE_URL") or "").hostname or "localhost"


class EventSeries(Translatable, TimestampMixin, db.Model):
    """A recurring event (Collaboration in Science); its editions are Events."""

    TRANSLATED = ("name", "description")

    __tablename__ = "event_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    cadence_rrule: Mapped[str | None] = mapped_column(String(200))
    cadence_text: Mapped[str] = mapped_column(String(200), default="")
    collaboration_id: Mapped[int | None] = mapped_column(
        ForeignKey("collaborations.id", ondelete="SET NULL"), index=True
    )
    # The reminders its new editions start with (eventapp/reminders/).
    remind_two_days: Mapped[bool] = mapped_column(Boolean, default=True)
    remind_morning: Mapped[bool] = mapped_column(Boolean, default=True)

    events: Mapped[list[Event]] = relationship(back_populates="series", order_by="Event.starts_at")
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=series_organisations, back_populates="series"
    )
    collaboration: Mapped[Collaboration | None] = relationship(back_populates="series")

    def __repr__(self) -> str:
        return f"<EventSeries {self.slug}>"


class Venue(Translatable, TimestampMixin, db.Model):
    """A place where events happen, with its rooms."""

    TRANSLATED = ("name",)

    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    campus: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    latitude: Mapped[float | None] = mapped_column(Numeric(9, 6, asdecimal=False))
    longitude: Mapped[float | None] = mapped_column(Numeric(9, 6, asdecimal=False))
    website: Mapped[str] = mapped_column(String(300), default="")

    rooms: Mapped[list[Room]] = relationship(
        back_populates="venue", order_by="Room.name", cascade="all, delete-orphan"
    )
    events: Mapped[list[Event]] = relationship(back_populates="venue")


class Room(Translatable, db.Model):
    """A room of a venue."""

    TRANSLATED = ("name",)

    __tablename__ = "rooms"
    __table_args__ = (
        UniqueConstraint("venue_id", "name"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    capacity: Mapped[int | None] = mapped_column(Integer)

    venue: Mapped[Venue] = relationship(back_populates="rooms")


class Event(Translatable, TimestampMixin, db.Model):
    """One edition: what, when (in its own time zone), where, who organises, registration."""

    TRANSLATED = ("title", "summary", "description", "privacy_text")

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        CheckConstraint(
            "registration_closes_at IS NULL OR registration_opens_at IS NULL "
            "OR registration_closes_at > registration_opens_at",
            name="registration_closes_after_opening",
        ),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
        CheckConstraint("retention_days >= 0", name="retention_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_series.id", ondelete="SET NULL"), index=True
    )
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    # The event's language is the original language of its texts.
    original_language: Mapped[str] = synonym("language")
    status: Mapped[EventStatus] = mapped_column(
        enum_column(EventStatus, "event_status"), default=EventStatus.DRAFT, index=True
    )
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Stockholm")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venues.id", ondelete="SET NULL"), index=True
    )
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    collaboration_id: Mapped[int | None] = mapped_column(
        ForeignKey("collaborations.id", ondelete="SET NULL"), index=True
    )
    website: Mapped[str] = mapped_column(String(300), default="")
    # Registration settings
    registration_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    capacity: Mapped[int | None] = mapped_column(Integer)
    waitlist_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    moderation_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # A place is held only until the address is confirmed (registration/confirmation.py). On
    # for new events: a script's made-up addresses never confirm, so a flood lapses by itself;
    # a person pays one click in the e-mail they get anyway. Events made before it stay off.
    confirm_email: Mapped[bool] = mapped_column(Boolean, default=True)
    registration_categories: Mapped[list[str]] = mapped_column(
        JSON, default=lambda: ["participant"]
    )
    ask_dietary: Mapped[bool] = mapped_column(Boolean, default=True)
    ask_accessibility: Mapped[bool] = mapped_column(Boolean, default=True)
    privacy_text: Mapped[str] = mapped_column(Text, default="")
    retention_days: Mapped[int] = mapped_column(Integer, default=180)
    # Automatic reminders (eventapp/reminders/): on for events made from now on; the events
    # that existed before them stay off (their registrants were never told to expect them).
    remind_two_days: Mapped[bool] = mapped_column(Boolean, default=True)
    remind_morning: Mapped[bool] = mapped_column(Boolean, default=True)
    # The public page shows the programme as a read-only grid too (multi-room events).
    public_grid: Mapped[bool] = mapped_column(Boolean, default=False)
    # iCalendar SEQUENCE: grows on every change a calendar subscriber would see.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # The host in the UID (``event-<id>@<host>``): the site's host when the row was made, kept,
    # so moving the site to another domain changes no UID (calendar/ical.py).
    uid_host: Mapped[str | None] = mapped_column(String(253), default=uid_host_now)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancellation_note: Mapped[str] = mapped_column(Text, default="")

    series: Mapped[EventSeries | None] = relationship(back_populates="events")
    venue: Mapped[Venue | None] = relationship(back_populates="events")
    contact_person: Mapped[Person | None] = relationship()
    collaboration: Mapped[Collaboration | None] = relationship(back_populates="events")
    organisers: Mapped[list[EventOrganiser]] = relationship(
        back_populates="event",
        order_by="EventOrganiser.position",
        cascade="all, delete-orphan",
    )
    sessions: Mapped[list[Session]] = relationship(
        back_populates="event",
        order_by="(Session.starts_at, Session.id)",
        cascade="all, delete-orphan",
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    blog_posts: Mapped[list[BlogPost]] = relationship(back_populates="event")

    @property
    def is_public(self) -> bool:
        """Published, cancelled and archived events are visible; drafts are not."""
        return self.status != EventStatus.DRAFT

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class EventOrganiser(db.Model):
    """An organisation organising an event, with its role."""

    __tablename__ = "event_organisers"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[OrganiserRole] = mapped_column(
        enum_column(OrganiserRole, "organiser_role"), default=OrganiserRole.HOST
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[Event] = relationship(back_populates="organisers")
    organisation: Mapped[Organisation] = relationship(back_populates="event_roles")


class Session(Translatable, TimestampMixin, db.Model):
    """A timetable entry of an event."""

    TRANSLATED = ("title", "abstract")

    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SessionKind] = mapped_column(
        enum_column(SessionKind, "session_kind"), default=SessionKind.TALK
    )
    title: Mapped[str] = mapped_column(String(300))
    abstract: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("rooms.id", ondelete="SET NULL"), index=True
    )
    track: Mapped[str] = mapped_column(String(120), default="")
    # Participants may choose this session when registering (workshops).
    selectable: Mapped[bool] = mapped_column(Boolean, default=False)
    capacity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[SessionStatus] = mapped_column(
        enum_column(SessionStatus, "session_status"), default=SessionStatus.SCHEDULED
    )
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    uid_host: Mapped[str | None] = mapped_column(String(253), default=uid_host_now)

    event: Mapped[Event] = relationship(back_populates="sessions")
    room: Mapped[Room | None] = relationship()
    speakers: Mapped[list[SessionSpeaker]] = relationship(
        back_populates="session",
        order_by="SessionSpeaker.position",
        cascade="all, delete-orphan",
    )
    choices: Mapped[list[RegistrationChoice]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


class SessionSpeaker(db.Model):
    """A person on a session, with their role and order."""

    __tablename__ = "session_speakers"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[SpeakerRole] = mapped_column(
        enum_column(SpeakerRole, "speaker_role"), default=SpeakerRole.SPEAKER
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    session: Mapped[Session] = relationship(back_populates="speakers")
    person: Mapped[Person] = relationship(back_populates="session_roles")
