"""Organisers' logins, their organisations, and API tokens for scanner apps."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.core.db import TimestampMixin, UTCDateTime
from eventapp.extensions import db

if TYPE_CHECKING:
    from eventapp.directory.models import Organisation
    from eventapp.events.models import Event

user_organisations = db.Table(
    "user_organisations",
    db.Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    db.Column(
        "organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    ),
)


class User(UserMixin, TimestampMixin, db.Model):
    """An organiser's login; acts on behalf of one or more organisations."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("email = lower(email)", name="email_lower_case"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_site_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Changing the password invalidates outstanding reset links (they are signed over this).
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organisations: Mapped[list[Organisation]] = relationship(secondary=user_organisations)

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def password_fingerprint(self) -> str:
        """A short digest of the password state: a new password voids older links and
        sessions."""
        changed = self.password_changed_at.isoformat() if self.password_changed_at else ""
        material = f"{self.password_hash or ''}|{changed}".encode()
        return hashlib.sha256(material).hexdigest()[:20]

    #: The secret of the login session this object was loaded for (``auth.session_services``);
    #: not a column: each browser's login has its own.
    login_token = None  # str | None; unannotated: the ORM maps annotated attributes

    def get_id(self) -> str:  # Flask-Login: what a session (and a remember-me cookie) holds
        """The id, the password state and the login session's secret: a session opened before
        the password changed, or ended on the server (logout, "end the others"), no longer
        names anybody (``auth.loader``)."""
        return f"{self.id}:{self.password_fingerprint()}:{self.login_token or ''}"

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class LoginSession(TimestampMixin, db.Model):
    """One browser's login, kept on the server so that logging out ends it for good; only the
    SHA-256 digest of its secret is stored (the secret is in the signed session cookie)."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


api_token_events = db.Table(
    "api_token_events",
    db.Column("token_id", ForeignKey("api_tokens.id", ondelete="CASCADE"), primary_key=True),
    db.Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)


class ApiToken(TimestampMixin, db.Model):
    """A bearer token for scanner apps, for the events it names until ``expires_at`` (a lost
    phone's token opens no other event and stops by itself); only its SHA-256 digest is
    stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
    events: Mapped[list[Event]] = relationship(
        secondary=api_token_events, order_by="Event.starts_at"
    )
