"""API tokens for scanner apps: shown once, stored as a SHA-256 digest, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import Connection, or_, select, update

from eventapp.auth.models import ApiToken, User
from eventapp.core.db import autocommit, utcnow
from eventapp.core.errors import NotFound
from eventapp.extensions import db

TOKEN_PREFIX = "evt_"
LAST_USED_RESOLUTION = timedelta(minutes=5)  # don't write on every scan


def token_digest(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the plain token is returned once and never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name.strip()[:120], token_digest=token_digest(plain))
    db.session.add(token)
    db.session.commit()
    return token, plain


def bearer_digest(authorization: str | None) -> str | None:
    """The stored digest of an ``Authorization: Bearer <token>`` header's token, or None."""
    scheme, _sep, plain = (authorization or "").partition(" ")
    plain = plain.strip()
    if scheme.lower() != "bearer" or not plain or len(plain) > 200:
        return None
    return token_digest(plain)


def user_for_bearer(authorization: str | None) -> User | None:
    """The active user of an ``Authorization: Bearer <token>`` header, or None."""
    digest = bearer_digest(authorization)
    if digest is None:
        return None
    # One statement: the token and its user (a scanner sends this with every scan).
    stmt = (
        select(User, ApiToken.id, ApiToken.last_used_at)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(
            ApiToken.token_digest == digest,
            ApiToken.revoked_at.is_(None),
            User.active.is_(True),
        )
    )
    row = db.session.execute(stmt).one_or_none()
    if row is None:
        return None
    user, token_id, last_used_at = row
    if used_long_ago(last_used_at):
        with autocommit() as connection:
            note_use(connection, token_id)
    return user


def used_long_ago(last_used_at: datetime | None) -> bool:
    """True when a token's last use is not recorded to within ``LAST_USED_RESOLUTION``."""
    return last_used_at is None or utcnow() - last_used_at > LAST_USED_RESOLUTION


def note_use(connection: Connection, token_id: int) -> None:
    """Record that the token is in use (at most once per ``LAST_USED_RESOLUTION``, however
    many scanners share it: the condition is checked by the database)."""
    now = utcnow()
    connection.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            or_(
                ApiToken.last_used_at.is_(None),
                ApiToken.last_used_at < now - LAST_USED_RESOLUTION,
            ),
        )
        .values(last_used_at=now)
    )


def list_api_tokens(user: User) -> list[ApiToken]:
    """The user's tokens that still work, newest first."""
    stmt = (
        select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.execute(stmt).scalars())


def revoke_api_token(user: User, token_id: int) -> ApiToken:
    """Stop a token from working (only its owner may)."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        raise NotFound(_("No such token."))
    token.revoked_at = utcnow()
    db.session.commit()
    return token
