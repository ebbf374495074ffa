"""events capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("events", __name__, cli_group=None)

from eventapp.events import cadence, labels, markup, views  # noqa: E402,F401
