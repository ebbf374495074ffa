"""What every page shares: language, time formatting, errors, security headers, checks of what
arrives (``params``), health check."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("core", __name__, cli_group=None)

from eventapp.core import errors, i18n, params, security, templating, views  # noqa: E402,F401
