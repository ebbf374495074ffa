"""Organisations, people, and the forums and agreements that bind organisations together."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.core.db import TimestampMixin
from eventapp.core.translation import Translatable
from eventapp.core.types import (
    CollaborationKind,
    CollaborationStatus,
    OrganisationKind,
    enum_column,
)
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.events.models import Event, EventOrganiser, EventSeries, SessionSpeaker

collaboration_parties = db.Table(
    "collaboration_parties",
    db.Column(
        "collaboration_id", ForeignKey("collaborations.id", ondelete="CASCADE"), primary_key=True
    ),
    db.Column(
        "organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    ),
)


def display_name(name: str, short_name: str) -> str:
    """An organisation as lists name it: "Karolinska Institutet (KI)"."""
    return f"{name} ({short_name})" if short_name else name


class Organisation(Translatable, TimestampMixin, db.Model):
    """A university, hospital, municipality (or one of its departments), foundation, company…"""

    TRANSLATED = ("description",)

    __tablename__ = "organisations"
    __table_args__ = (
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[OrganisationKind] = mapped_column(
        enum_column(OrganisationKind, "organisation_kind"), default=OrganisationKind.OTHER
    )
    website: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    logo_path: Mapped[str | None] = mapped_column(String(300))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )

    parent: Mapped[Organisation | None] = relationship(
        back_populates="units", remote_side="Organisation.id"
    )
    units: Mapped[list[Organisation]] = relationship(
        back_populates="parent", order_by="Organisation.name"
    )
    people: Mapped[list[Person]] = relationship(back_populates="affiliation")
    event_roles: Mapped[list[EventOrganiser]] = relationship(back_populates="organisation")
    series: Mapped[list[EventSeries]] = relationship(
        secondary="series_organisations", back_populates="organisations"
    )
    collaborations: Mapped[list[Collaboration]] = relationship(
        secondary=collaboration_parties, back_populates="parties"
    )

    @property
    def display_name(self) -> str:
        return display_name(self.name, self.short_name)

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class Person(Translatable, TimestampMixin, db.Model):
    """A speaker, panellist, moderator, author or contact person."""

    TRANSLATED = ("role_text", "bio")

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(80), default="")
    affiliation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    affiliation_text: Mapped[str] = mapped_column(String(200), default="")
    role_text: Mapped[str] = mapped_column(String(200), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    photo_path: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(254))

    affiliation: Mapped[Organisation | None] = relationship(back_populates="people")
    session_roles: Mapped[list[SessionSpeaker]] = relationship(back_populates="person")

    @property
    def affiliation_name(self) -> str:
        """The affiliation to show: the organisation's name, else the free text."""
        if self.affiliation is not None:
            return self.affiliation.name
        return self.affiliation_text

    @property
    def full_name(self) -> str:
        return f"{self.title} {self.name}".strip()

    def __repr__(self) -> str:
        return f"<Person {self.slug}>"


class Collaboration(Translatable, TimestampMixin, db.Model):
    """A standing forum or an agreement between organisations (a council, a partnership…)."""

    TRANSLATED = ("name", "purpose", "contact_role", "end_note")

    __tablename__ = "collaborations"
    __table_args__ = (
        CheckConstraint(
            "valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from",
            name="valid_until_after_from",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(250))
    kind: Mapped[CollaborationKind] = mapped_column(
        enum_column(CollaborationKind, "collaboration_kind")
    )
    purpose: Mapped[str] = mapped_column(Text, default="")
    responsible_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    contact_role: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)  # None: until further notice
    status: Mapped[CollaborationStatus] = mapped_column(
        enum_column(CollaborationStatus, "collaboration_status"),
        default=CollaborationStatus.ACTIVE,
    )
    end_note: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")

    parties: Mapped[list[Organisation]] = relationship(
        secondary=collaboration_parties,
        back_populates="collaborations",
        order_by="Organisation.name",
    )
    responsible_unit: Mapped[Organisation | None] = relationship(foreign_keys=[responsible_unit_id])
    contact_person: Mapped[Person | None] = relationship()
    events: Mapped[list[Event]] = relationship(back_populates="collaboration")
    series: Mapped[list[EventSeries]] = relationship(back_populates="collaboration")
