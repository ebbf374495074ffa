"""Accounts: authenticate, change and reset passwords, invite organisers, create admins."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.auth import tokens
from eventapp.auth.models import User
from eventapp.auth.passwords import hash_password, needs_rehash, verify_password
from eventapp.auth.rights import require_site_admin
from eventapp.auth.session_services import end_other_sessions
from eventapp.core.db import utcnow
from eventapp.core.errors import DomainError
from eventapp.directory.models import Organisation
from eventapp.extensions import db
from eventapp.mail.outbox import enqueue_template

MIN_PASSWORD_LENGTH = 10


@cache
def _dummy_hash(testing: bool) -> str:
    """A real hash to verify against when the account is unknown: the timing stays alike."""
    return hash_password("not a real password")


class AccountError(DomainError):
    """An account operation was refused."""


def find_user(email: str) -> User | None:
    """The user with this e-mail address (case-insensitive), or None."""
    address = email.strip().lower()
    return db.session.execute(select(User).where(User.email == address)).scalar_one_or_none()


def authenticate(email: str, password: str) -> User | None:
    """The active user whose password matches, or None; upgrades outdated hashes."""
    user = find_user(email)
    if user is None or not user.active or not user.password_hash:
        verify_password(_dummy_hash(current_app.testing), password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def set_password(user: User, password: str) -> None:
    """Store a new password; every outstanding reset or invitation link stops working."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(_("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    end_other_sessions(user)  # a reset link's user has no login_token: every session ends


def change_password(user: User, current: str, new: str) -> None:
    """Change a password after checking the current one."""
    if not verify_password(user.password_hash, current):
        raise AccountError(_("The current password is wrong."))
    set_password(user, new)
    db.session.commit()


def _link(endpoint: str, token: str) -> str:
    return current_app.config["BASE_URL"] + url_for(endpoint, token=token)


def request_password_reset(email: str) -> None:
    """Send a reset link if the address belongs to an active user (silently nothing otherwise)."""
    user = find_user(email)
    if user is None or not user.active:
        return
    link = _link("auth.reset_password", tokens.make_token(user, tokens.RESET_SALT))
    enqueue_template(
        "password_reset",
        recipient=user.email,
        language=user.language,
        kind="password_reset",
        user=user,
        link=link,
        hours=tokens.RESET_MAX_AGE // 3600,
    )
    db.session.commit()


def reset_link_user(token: str) -> User:
    """The user of a password reset link; ``AccountError`` when the link no longer works."""
    user = tokens.read_token(token, tokens.RESET_SALT, tokens.RESET_MAX_AGE)
    if user is None:
        raise AccountError(_("This link is invalid, expired or already used."))
    return user


def reset_password(token: str, password: str) -> User:
    """Set a new password through a reset link; the link works once."""
    user = reset_link_user(token)
    set_password(user, password)
    db.session.commit()
    return user


def invited_user(token: str) -> User:
    """The user of an invitation link; ``AccountError`` when the link no longer works."""
    user = tokens.read_token(token, tokens.INVITATION_SALT, tokens.INVITATION_MAX_AGE)
    if user is None:
        raise AccountError(_("This invitation is invalid, expired or already used."))
    return user


def accept_invitation(token: str, password: str, display_name: str) -> User:
    """Choose the first password through an invitation link."""
    user = invited_user(token)
    if display_name.strip():
        user.display_name = display_name.strip()
    set_password(user, password)
    db.session.commit()
    return user


def list_users() -> Sequence[User]:
    """Every account with its organisations (for site administrators)."""
    stmt = select(User).options(selectinload(User.organisations)).order_by(User.email)
    return db.session.execute(stmt).scalars().all()


def invite_user(
    admin: User,
    email: str,
    display_name: str,
    organisation_ids: list[int],
    site_admin: bool = False,
) -> User:
    """Create (or re-invite) an organiser, attach organisations and e-mail an invitation link."""
    require_site_admin(admin)
    user = find_user(email)
    if user is None:
        user = User(email=email.strip().lower(), display_name=display_name.strip())
        db.session.add(user)
    elif display_name.strip():
        user.display_name = display_name.strip()
    user.is_site_admin = user.is_site_admin or site_admin
    if organisation_ids:
        chosen = db.session.execute(
            select(Organisation).where(Organisation.id.in_(organisation_ids))
        ).scalars()
        for organisation in chosen:
            if organisation not in user.organisations:
                user.organisations.append(organisation)
    db.session.flush()
    link = _link("auth.accept_invitation", tokens.make_token(user, tokens.INVITATION_SALT))
    enqueue_template(
        "invitation",
        recipient=user.email,
        language=user.language,
        kind="invitation",
        user=user,
        inviter=admin,
        link=link,
        days=tokens.INVITATION_MAX_AGE // 86400,
    )
    db.session.commit()
    return user


def set_user_organisations(admin: User, user: User, organisation_ids: list[int]) -> None:
    """Replace the organisations a user acts for."""
    require_site_admin(admin)
    user.organisations = list(
        db.session.execute(
            select(Organisation).where(Organisation.id.in_(organisation_ids))
        ).scalars()
    )
    db.session.commit()


def create_admin(email: str, password: str) -> User:
    """Create a site administrator, or promote an existing account and set its password."""
    address = email.strip().lower()
    if "@" not in address or len(address) > 254:
        raise AccountError(_("That is not an e-mail address."))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(_("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    user = find_user(address)
    if user is None:
        user = User(email=address, display_name=address.split("@")[0])
        db.session.add(user)
    user.is_site_admin = True
    user.active = True
    set_password(user, password)
    db.session.commit()
    return user


def count_users() -> int:
    """How many accounts exist."""
    return db.session.execute(select(func.count()).select_from(User)).scalar_one()
