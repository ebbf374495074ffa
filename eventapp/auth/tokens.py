"""Signed, expiring, single-use links for password resets and invitations."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from eventapp.auth.models import User
from eventapp.extensions import db

RESET_SALT = "eventapp.password-reset"
INVITATION_SALT = "eventapp.invitation"
RESET_MAX_AGE = 2 * 3600
INVITATION_MAX_AGE = 7 * 24 * 3600


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_token(user: User, salt: str) -> str:
    """A signed token naming the user and the current password state."""
    return _serializer(salt).dumps({"uid": user.id, "fp": user.password_fingerprint()})


def read_token(token: str, salt: str, max_age: int) -> User | None:
    """The user a valid token names, or None when it is forged, expired or already used."""
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
        return None
    user = db.session.get(User, data["uid"])
    if user is None or not user.active or data.get("fp") != user.password_fingerprint():
        return None
    return user
