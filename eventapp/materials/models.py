"""A session's materials, each with its licence and who may see it, and the speakers' private
upload links."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.core.db import TimestampMixin, UTCDateTime
from eventapp.core.types import enum_column
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.events.models import Session


class MaterialKind(StrEnum):
    SLIDES = "slides"
    POSTER = "poster"
    RECORDING = "recording"
    REPOSITORY = "repository"
    OTHER = "other"


class Visibility(StrEnum):
    PUBLIC = "public"
    REGISTRANTS = "registrants"  # people with a confirmed place, through their private page
    ORGANISERS = "organisers"


class Licence(StrEnum):
    CC_BY = "CC-BY-4.0"
    CC_BY_SA = "CC-BY-SA-4.0"
    CC_BY_NC = "CC-BY-NC-4.0"
    CC_BY_ND = "CC-BY-ND-4.0"
    CC0 = "CC0-1.0"
    ALL_RIGHTS = "all-rights-reserved"


class Material(TimestampMixin, db.Model):
    """A file (PDF) or a link of a session."""

    __tablename__ = "materials"
    __table_args__ = (CheckConstraint("(file_path IS NULL) <> (url = '')", name="file_or_link"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[MaterialKind] = mapped_column(enum_column(MaterialKind, "material_kind"))
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500), default="")
    file_path: Mapped[str | None] = mapped_column(String(300))
    licence: Mapped[Licence] = mapped_column(enum_column(Licence, "material_licence"))
    visibility: Mapped[Visibility] = mapped_column(
        enum_column(Visibility, "material_visibility"), default=Visibility.PUBLIC
    )
    # Added through this speaker link (None: by an organiser); the speaker may remove only these.
    link_id: Mapped[int | None] = mapped_column(
        ForeignKey("material_links.id", ondelete="SET NULL"), index=True
    )

    session: Mapped[Session] = relationship()


class MaterialLink(TimestampMixin, db.Model):
    """A speaker's private link to add their session's materials, without an account."""

    __tablename__ = "material_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), unique=True
    )
    # >=128 bits from `secrets`: the link is the key.
    secret: Mapped[str] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    session: Mapped[Session] = relationship()
