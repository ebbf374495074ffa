"""The report to funders, per event and per series: a page with charts, a CSV and a PDF."""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from markupsafe import Markup

from eventapp.auth.rights import get_managed_event, require_series_manager
from eventapp.core.charts import bar_chart
from eventapp.core.spreadsheets import csv_download, download
from eventapp.core.timefmt import date_range
from eventapp.core.translation import translated
from eventapp.events.models import EventSeries
from eventapp.extensions import db
from eventapp.reports.blueprint import bp
from eventapp.reports.export import organisation_label, report_csv, report_pdf, sector_label
from eventapp.reports.services import Report, event_report, series_report

MOST_ORGANISATIONS = 15


def charts(report: Report) -> list[Markup]:
    """The report's bar charts: attended by edition, sector, organisation, session."""
    found = []
    if report.editions:
        bars = [(str(translated(e, "title")), c.attended) for e, c in report.editions]
        found.append(bar_chart(bars, title=_("Attended, by edition"), chart_id="chart-editions"))
    sectors = [(sector_label(s), c.attended) for s, c in report.by_sector.items() if c.attended]
    if sectors:
        found.append(bar_chart(sectors, title=_("Attended, by sector"), chart_id="chart-sectors"))
    top = [
        (organisation_label(name), c.attended)
        for name, c in list(report.by_organisation.items())[:MOST_ORGANISATIONS]
        if c.attended
    ]
    if top:
        title = _("Attended, the %(num)d organisations with most", num=len(top))
        found.append(bar_chart(top, title=title, chart_id="chart-organisations"))
    if report.sessions:
        bars = [(str(translated(s.session, "title")), s.attended) for s in report.sessions]
        found.append(bar_chart(bars, title=_("Attended, by session"), chart_id="chart-sessions"))
    return found


def _series(series_id: int) -> EventSeries:
    series = db.session.get(EventSeries, series_id)
    if series is None:
        abort(404)
    require_series_manager(current_user, series)
    return series


@bp.get("/manage/events/<slug>/report")
@login_required
def event_report_page(slug: str):
    """An event's report: figures, charts, by sector and organisation, sessions, feedback."""
    event = get_managed_event(current_user, slug)
    report = event_report(event)
    return render_template(
        "reports/report.html", report=report, event=event, series=None, charts=charts(report)
    )


@bp.get("/manage/events/<slug>/report.csv")
@login_required
def event_report_csv(slug: str):
    """An event's report as CSV."""
    event = get_managed_event(current_user, slug)
    return csv_download(report_csv(event_report(event)), f"{event.slug}-report.csv")


@bp.get("/manage/events/<slug>/report.pdf")
@login_required
def event_report_pdf(slug: str):
    """An event's report as a PDF."""
    event = get_managed_event(current_user, slug)
    subtitle = date_range(event.starts_at, event.ends_at, event.timezone)
    pdf = report_pdf(event_report(event), subtitle=subtitle)
    return download(pdf, f"{event.slug}-report.pdf", "application/pdf")


@bp.get("/manage/series/<int:series_id>/report")
@login_required
def series_report_page(series_id: int):
    """A series' report across its editions."""
    series = _series(series_id)
    report = series_report(series)
    return render_template(
        "reports/report.html", report=report, event=None, series=series, charts=charts(report)
    )


@bp.get("/manage/series/<int:series_id>/report.csv")
@login_required
def series_report_csv(series_id: int):
    """A series' report as CSV."""
    series = _series(series_id)
    return csv_download(report_csv(series_report(series)), f"{series.slug}-report.csv")


@bp.get("/manage/series/<int:series_id>/report.pdf")
@login_required
def series_report_pdf(series_id: int):
    """A series' report as a PDF."""
    series = _series(series_id)
    report = series_report(series)
    subtitle = ngettext("%(num)d edition", "%(num)d editions", len(report.editions))
    return download(
        report_pdf(report, subtitle=subtitle), f"{series.slug}-report.pdf", "application/pdf"
    )
