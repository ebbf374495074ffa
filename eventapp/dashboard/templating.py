"""Template globals of the dashboard: its figures, and the charts that draw them."""

from __future__ import annotations

from eventapp.core.charts import bar_chart, line_chart
from eventapp.dashboard.blueprint import bp
from eventapp.dashboard.services import event_dashboard

bp.add_app_template_global(event_dashboard)
bp.add_app_template_global(bar_chart)
bp.add_app_template_global(line_chart)
