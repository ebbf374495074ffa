"""The contributions blueprint, bare: its routes attach in views, manage_views, review_views."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("contributions", __name__)
