"""manage capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("manage", __name__, cli_group=None)
