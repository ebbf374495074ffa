"""The feedback blueprint, bare: its routes attach in views and manage_views."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("feedback", __name__)
