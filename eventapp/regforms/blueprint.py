"""The regforms blueprint, bare: its routes attach in manage_views."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("regforms", __name__)
