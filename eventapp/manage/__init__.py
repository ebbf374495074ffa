"""manage capability: the organisers' back office."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("manage", __name__, cli_group=None)

from eventapp.manage import views, views_directory, views_timetable  # noqa: E402,F401
