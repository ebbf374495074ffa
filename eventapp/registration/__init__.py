"""registration capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("registration", __name__, cli_group=None)
