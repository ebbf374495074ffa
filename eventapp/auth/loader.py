"""How Flask-Login finds the user of a session."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventapp.auth.models import User
from eventapp.auth.session_services import session_user
from eventapp.core.params import parse_id
from eventapp.extensions import login_manager

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to continue.")
login_manager.login_message_category = "warning"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The active user a session names (``User.get_id``), or None: a deactivated account, a
    password changed or reset since the session began, and a session ended on the server
    (logout, "end the other sessions") end it."""
    user_id, _sep, rest = session_id.partition(":")
    fingerprint, _sep, token = rest.partition(":")
    ident = parse_id(user_id)
    user = session_user(ident, token) if ident is not None else None
    if user is None or not user.active or fingerprint != user.password_fingerprint():
        return None
    return user
