"""How Flask-Login finds the user of a session."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventapp.auth.models import User
from eventapp.core.params import parse_id
from eventapp.extensions import db, login_manager

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to continue.")
login_manager.login_message_category = "warning"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The active user a session names (``User.get_id``), or None: a deactivated account, and
    a password changed or reset since the session began, end it."""
    user_id, _sep, fingerprint = session_id.partition(":")
    ident = parse_id(user_id)
    user = db.session.get(User, ident) if ident is not None else None
    if user is None or not user.active or fingerprint != user.password_fingerprint():
        return None
    return user
