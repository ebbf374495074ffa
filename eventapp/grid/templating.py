"""Template globals of the grid: the public event page's read-only grid."""

from __future__ import annotations

from eventapp.grid.blueprint import bp
from eventapp.grid.services import public_grid

bp.add_app_template_global(public_grid)
