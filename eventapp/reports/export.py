"""The funder report as CSV (one row per figure group) and as a PDF to attach to a report."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import escape
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from eventapp.badges.typeface import BOLD, REGULAR, register_fonts
from eventapp.core.spreadsheets import csv_bytes
from eventapp.core.translation import translated
from eventapp.core.types import OrganisationKind
from eventapp.directory.labels import organisation_kind_label
from eventapp.reports.services import Counts, Report


def sector_label(sector: str) -> str:
    """A sector's name ("Not known" for a free-text affiliation the directory lacks)."""
    if not sector:
        return _("Not known")
    return organisation_kind_label(OrganisationKind(sector), plural=True)


def organisation_label(name: str) -> str:
    return name or _("Not given")


def _figures(c: Counts) -> list[int]:
    return [c.registered, c.confirmed, c.attended, c.no_shows, c.cancelled]


def columns() -> list[str]:
    return [_("Registered"), _("Confirmed"), _("Attended"), _("No-shows"), _("Cancelled")]


def report_rows(report: Report) -> list[list[object]]:
    """(section, name, sector, figures…) rows: the whole, editions, sectors, organisations."""
    rows: list[list[object]] = [[_("Total"), report.title, "", *_figures(report.counts)]]
    for event, counts in report.editions:
        rows.append([_("Edition"), str(translated(event, "title")), "", *_figures(counts)])
    for sector, counts in report.by_sector.items():
        rows.append([_("Sector"), sector_label(sector), "", *_figures(counts)])
    for name, counts in report.by_organisation.items():
        rows.append([_("Organisation"), organisation_label(name), "", *_figures(counts)])
    for s in report.sessions:
        rows.append(
            [
                _("Session"),
                str(translated(s.session, "title")),
                "",
                s.chosen,
                "",
                s.attended,
                "",
                "",
            ]
        )
    return rows


def report_csv(report: Report) -> bytes:
    header = [_("Section"), _("Name"), "", *columns()]
    rows = report_rows(report)
    if report.feedback:
        rows.append([_("Feedback"), _("Respondents"), "", report.feedback.respondents])
        for question, mean, answers in report.feedback.ratings:
            rows.append([_("Feedback"), question, _("average of 5"), mean, answers])
    return csv_bytes(header, rows)


def _table(header: list[str], rows: list[list[object]], widths: list[float]) -> Table:
    table = Table([header, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef2f8")]),
            ]
        )
    )
    return table


def _group(title: str, groups: dict[str, Counts], label, styles) -> list:
    rows = [
        [Paragraph(escape(label(name)), styles["cell"]), *_figures(c)] for name, c in groups.items()
    ]
    widths = [70 * mm] + [20 * mm] * 5
    return [Paragraph(escape(title), styles["h2"]), _table([title, *columns()], rows, widths)]


def report_pdf(report: Report, *, subtitle: str) -> bytes:
    """The report as an A4 PDF: the figures, by edition, sector, organisation and session, and
    the feedback's main figures."""
    register_fonts()
    styles = {
        "h1": ParagraphStyle("h1", fontName=BOLD, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2", fontName=BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4
        ),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10),
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=f"{_('Report')} – {report.title}", author="eventapp",
        leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
    )  # fmt: skip
    c = report.counts
    story: list = [
        Paragraph(escape(f"{_('Report')}: {report.title}"), styles["h1"]),
        Paragraph(escape(subtitle), styles["body"]),
        Spacer(1, 4 * mm),
        _table(columns(), [_figures(c)], [28 * mm] * 5),
        Spacer(1, 2 * mm),
        Paragraph(
            escape(
                _(
                    "%(attended)d attended from %(organisations)d organisations "
                    "in %(sectors)d sectors.",
                    attended=c.attended,
                    organisations=report.organisations,
                    sectors=report.sectors,
                )
            ),
            styles["body"],
        ),
    ]
    if report.editions:
        rows = [
            [Paragraph(escape(str(translated(e, "title"))), styles["cell"]), *_figures(n)]
            for e, n in report.editions
        ]
        story += [
            Paragraph(escape(_("Editions")), styles["h2"]),
            _table([_("Edition"), *columns()], rows, [70 * mm] + [20 * mm] * 5),
        ]
    story += _group(_("By sector"), report.by_sector, sector_label, styles)
    story += _group(_("By organisation"), report.by_organisation, organisation_label, styles)
    if report.sessions:
        rows = [
            [
                Paragraph(escape(str(translated(s.session, "title"))), styles["cell"]),
                s.chosen,
                s.attended,
            ]
            for s in report.sessions
        ]
        story += [
            Paragraph(escape(_("Sessions")), styles["h2"]),
            _table([_("Session"), _("Chosen"), _("Attended")], rows, [110 * mm, 25 * mm, 25 * mm]),
        ]
    if report.feedback:
        f = report.feedback
        story.append(Paragraph(escape(_("Feedback")), styles["h2"]))
        story.append(
            Paragraph(
                escape(
                    ngettext(
                        "%(num)d person answered the survey.",
                        "%(num)d people answered the survey.",
                        f.respondents,
                    )
                ),
                styles["body"],
            )
        )
        for question, mean, answers in f.ratings:
            story.append(
                Paragraph(
                    escape(
                        _(
                            "%(question)s: %(mean)s of 5 (%(num)d answers)",
                            question=question,
                            mean=mean,
                            num=answers,
                        )
                    ),
                    styles["body"],
                )
            )
    document.build(story)
    return buffer.getvalue()
