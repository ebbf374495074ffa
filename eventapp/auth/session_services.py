"""Organisers' login sessions, kept on the server: a signed cookie alone no longer opens the back
office once its session is ended (logout, "end the other sessions", a new password).

Each login gets a random secret; the session cookie and the remember-me cookie carry it inside
``User.get_id`` and the database keeps its SHA-256 digest. ``auth.loader`` finds the user and
the session in one query, so a request costs no more statements than before.
"""

from __future__ import annotations

import hashlib
import secrets

from flask_babel import gettext as _
from sqlalchemy import select, update

from eventapp.auth.models import LoginSession, User
from eventapp.core.db import transaction, utcnow
from eventapp.core.errors import Forbidden
from eventapp.extensions import db


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User, user_agent: str = "") -> str:
    """Open a login session for ``user`` (before ``login_user``) and return its secret, which
    is also set on ``user.login_token`` so that ``get_id`` names this session."""
    token = secrets.token_urlsafe(32)
    with transaction():
        db.session.add(
            LoginSession(user_id=user.id, token_digest=_digest(token), user_agent=user_agent[:300])
        )
    user.login_token = token
    return token


def session_user(user_id: int, token: str) -> User | None:
    """The active user of a login session that has not ended, with ``login_token`` set."""
    if not token:
        return None
    user = db.session.execute(
        select(User)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(
            User.id == user_id,
            LoginSession.token_digest == _digest(token),
            LoginSession.ended_at.is_(None),
        )
    ).scalar_one_or_none()
    if user is not None:
        user.login_token = token
    return user


def active_sessions(user: User) -> list[LoginSession]:
    """The user's login sessions that have not ended, newest first."""
    return list(
        db.session.execute(
            select(LoginSession)
            .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
            .order_by(LoginSession.created_at.desc(), LoginSession.id.desc())
        ).scalars()
    )


def is_current(user: User, login_session: LoginSession) -> bool:
    """True for the session of the browser asking."""
    return bool(user.login_token) and login_session.token_digest == _digest(user.login_token)


def end_current_session(user: User) -> None:
    """Logout: end this browser's session on the server (the cookies become worthless)."""
    if user.login_token:
        with transaction():
            _end(LoginSession.token_digest == _digest(user.login_token))


def end_session(user: User, session_id: int) -> None:
    """End one of the user's own sessions (another browser, a lost phone)."""
    login_session = db.session.get(LoginSession, session_id)
    if login_session is None or login_session.user_id != user.id:
        raise Forbidden(_("This is not one of your sessions."))
    with transaction():
        _end(LoginSession.id == session_id)


def end_other_sessions(user: User) -> None:
    """End every session of the user but this browser's (a new password does this too)."""
    keep = _digest(user.login_token) if user.login_token else ""
    _end(LoginSession.user_id == user.id, LoginSession.token_digest != keep)


def _end(*where) -> None:
    db.session.execute(
        update(LoginSession)
        .where(*where, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow(), updated_at=utcnow())
    )
