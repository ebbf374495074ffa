"""registration capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("registration", __name__, cli_group=None)

from eventapp.registration import cli, globals, manage_views, views  # noqa: E402, F401
