"""Template globals of the reports: the names of sectors and organisations as a report says them."""

from __future__ import annotations

from eventapp.reports.blueprint import bp
from eventapp.reports.export import organisation_label, sector_label

bp.add_app_template_global(sector_label, "report_sector_label")
bp.add_app_template_global(organisation_label, "report_organisation_label")
