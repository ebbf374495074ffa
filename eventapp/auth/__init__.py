"""Organisers' accounts: login, passwords, invitations, and the rights rules."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("auth", __name__, cli_group=None)

from eventapp.auth import cli, loader, views  # noqa: E402,F401
