"""What every page shares: language, time formatting, errors, security headers, health check."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("core", __name__, cli_group=None)

from eventapp.core import errors, i18n, security, templating, views  # noqa: E402,F401
