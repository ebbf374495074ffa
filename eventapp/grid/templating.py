"""Template globals of the grid: the public event page's read-only grid."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from eventapp.core.forms import to_local
from eventapp.grid.blueprint import bp
from eventapp.grid.services import public_grid

bp.add_app_template_global(public_grid)


def grid_local(value: datetime, tz: str) -> str:
    """A time as the naive wall-clock minute the grid's script computes with."""
    return to_local(value, tz).strftime("%Y-%m-%dT%H:%M")


bp.add_app_template_filter(grid_local)


def grid_labels() -> dict[str, str]:
    """The editable grid's per-block labels, translated once per day rather than per block
    (``move`` is formatted with the block's title and time)."""
    return {"move": _("Move “%(title)s”, %(time)s"), "resize": _("Drag to change the end")}


bp.add_app_template_global(grid_labels)
