"""demo capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("demo", __name__, cli_group=None)

from eventapp.demo import cli  # noqa: E402, F401
