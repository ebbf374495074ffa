"""badges capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("badges", __name__, cli_group=None)

from eventapp.badges import checkin_views, views  # noqa: E402, F401
