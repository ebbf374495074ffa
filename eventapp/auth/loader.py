"""How Flask-Login finds the user of a session."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventapp.auth.models import User
from eventapp.extensions import db, login_manager

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to continue.")
login_manager.login_message_category = "warning"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The active user with this id, or None (a removed account ends its sessions)."""
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None
