"""Template globals of badges."""

from __future__ import annotations

from eventapp.badges.blueprint import bp
from eventapp.badges.services import badge_counts

bp.add_app_template_global(badge_counts, "badge_panel_counts")
