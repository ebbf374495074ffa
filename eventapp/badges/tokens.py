"""API tokens for scanner apps: for the events they name and until an end, shown once, stored
as a SHA-256 digest, revocable."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Connection, bindparam, exists, or_, select, update
from sqlalchemy.orm import selectinload

from eventapp.auth.models import ApiToken, User, api_token_events
from eventapp.core.db import autocommit, utcnow
from eventapp.core.errors import Forbidden, NotFound
from eventapp.events.models import Event
from eventapp.extensions import db

TOKEN_PREFIX = "evt_"
LAST_USED_RESOLUTION = timedelta(minutes=5)  # don't write on every scan
# Without a chosen end, a token works until half a day after the last of its events ends, and
# for a day at least (one made after the event, to check in late arrivals or try a scanner).
DEFAULT_GRACE = timedelta(hours=12)
MIN_DEFAULT_LIFETIME = timedelta(days=1)
MAX_LIFETIME = timedelta(days=366)


def token_digest(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def default_end(events: Sequence[Event]) -> datetime:
    """When a token for ``events`` stops if no end is chosen."""
    return max(
        max(event.ends_at for event in events) + DEFAULT_GRACE, utcnow() + MIN_DEFAULT_LIFETIME
    )


def create_api_token(
    user: User, name: str, events: Sequence[Event], until: datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token of ``user`` for ``events`` until ``until`` (by default ``default_end``); the
    plain token is returned once and never stored. The user's right to manage each event is
    checked at every scan, not here."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name.strip()[:120],
        token_digest=token_digest(plain),
        expires_at=until or default_end(events),
        events=list(events),
    )
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


def token_works() -> ColumnElement[bool]:
    """SQL: the token is neither revoked nor past its end (``now`` is bound at execution)."""
    return ApiToken.revoked_at.is_(None) & (ApiToken.expires_at > bindparam("now"))


def token_is_for_event() -> ColumnElement[bool]:
    """SQL: the token names the event joined as ``Event``."""
    return exists().where(
        api_token_events.c.token_id == ApiToken.id, api_token_events.c.event_id == Event.id
    )


def user_for_bearer(authorization: str | None, slug: str) -> User | None:
    """The active user of an ``Authorization: Bearer <token>`` header at the event ``slug``, or
    None when the token does not work; ``Forbidden`` when it is not for that event."""
    digest = bearer_digest(authorization)
    if digest is None:
        return None
    # One statement: the token, its user and whether it names the event.
    stmt = (
        select(User, ApiToken.id, ApiToken.last_used_at, Event.id, token_is_for_event())
        .join(ApiToken, ApiToken.user_id == User.id)
        .outerjoin(Event, Event.slug == slug)
        .where(ApiToken.token_digest == digest, token_works(), User.active.is_(True))
    )
    row = db.session.execute(stmt, {"now": utcnow()}).one_or_none()
    if row is None:
        return None
    user, token_id, last_used_at, event_id, for_event = row
    if used_long_ago(last_used_at):
        with autocommit() as connection:
            note_use(connection, token_id)
    if event_id is not None and not for_event:
        raise Forbidden(_("This token is not for this event."))
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


def list_api_tokens(user: User, event: Event) -> list[ApiToken]:
    """The user's tokens for ``event`` that still work, newest first, with their events."""
    stmt = (
        select(ApiToken)
        .join(api_token_events, api_token_events.c.token_id == ApiToken.id)
        .where(
            ApiToken.user_id == user.id,
            api_token_events.c.event_id == event.id,
            ApiToken.revoked_at.is_(None),
            ApiToken.expires_at > utcnow(),
        )
        .options(selectinload(ApiToken.events))
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
