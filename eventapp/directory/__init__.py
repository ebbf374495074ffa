"""directory capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("directory", __name__, cli_group=None)

from eventapp.directory import labels, manage_views, views  # noqa: E402, F401
