"""The reports blueprint, bare: its routes attach in manage_views."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reports", __name__)
