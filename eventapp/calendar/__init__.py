"""calendar capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("calendar", __name__, cli_group=None)
