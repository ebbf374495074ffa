"""blog capability."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("blog", __name__, cli_group=None)

from eventapp.blog import includes, manage, views  # noqa: E402,F401
