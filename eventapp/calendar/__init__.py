"""calendar capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("calendar", __name__, cli_group=None)

from eventapp.calendar import models, views  # noqa: E402,F401
