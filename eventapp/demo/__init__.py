"""demo capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("demo", __name__, cli_group=None)
