"""Template globals and filters of directory: the functions live beside their subject."""

from __future__ import annotations

from eventapp.directory.blueprint import bp
from eventapp.directory.labels import (
    collaboration_kind_label,
    collaboration_status_label,
    directory_role_label,
    organisation_kind_label,
)

bp.add_app_template_global(organisation_kind_label)
bp.add_app_template_global(collaboration_kind_label)
bp.add_app_template_global(collaboration_status_label)
bp.add_app_template_global(directory_role_label)
