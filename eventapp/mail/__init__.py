"""mail capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("mail", __name__, cli_group=None)

from eventapp.mail import cli  # noqa: E402, F401
