"""The dashboard blueprint, bare: create_app imports the modules that attach to it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("dashboard", __name__, cli_group=None)
