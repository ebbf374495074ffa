"""The book of abstracts: a PDF (ReportLab, the badge font, so å, ä, ö and the rest print) with
a table of contents, each accepted abstract with its authors, and the posters' board numbers.

A pure generator: it takes the rows and returns bytes, so it is tested and measured without a
request (``bench/contributions.py``).
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from flask_babel import force_locale
from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from eventapp.badges.typeface import printable, register_fonts
from eventapp.contributions.labels import KIND_PLURALS
from eventapp.contributions.models import Call, Submission
from eventapp.contributions.queries import grouped
from eventapp.events.models import Event


class _Book(SimpleDocTemplate):
    """Tells the table of contents where each heading landed."""

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (ReportLab's name)
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            self.notify("TOCEntry", (level, flowable.getPlainText(), self.page))


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=20, leading=24, spaceAfter=8 * mm),
        "kind": ParagraphStyle(
            "kind", fontName=bold, fontSize=15, leading=19, spaceBefore=4 * mm, spaceAfter=3 * mm
        ),
        "track": ParagraphStyle("track", fontName=bold, fontSize=12, leading=15, spaceAfter=2 * mm),
        "item": ParagraphStyle("item", fontName=bold, fontSize=11, leading=14, spaceBefore=4 * mm),
        "authors": ParagraphStyle(
            "authors", fontName=regular, fontSize=9, leading=12, textColor="#444444"
        ),
        "body": ParagraphStyle(
            "body", fontName=regular, fontSize=10, leading=13, spaceBefore=2 * mm
        ),
        "toc0": ParagraphStyle("toc0", fontName=bold, fontSize=11, leading=14),
        "toc1": ParagraphStyle("toc1", fontName=regular, fontSize=9, leading=12, leftIndent=6 * mm),
    }


def _text(value: str, font: str) -> str:
    return escape(printable(value, font))


def _heading(text: str, style: ParagraphStyle, level: int) -> Paragraph:
    paragraph = Paragraph(text, style)
    paragraph.toc_level = level
    return paragraph


def _authors(submission: Submission, font: str) -> str:
    parts = []
    for author in submission.authors:
        name = _text(author.name, font) + ("*" if author.presenting else "")
        if author.affiliation:
            name += f" ({_text(author.affiliation, font)})"
        parts.append(name)
    return ", ".join(parts)


def _entry(submission: Submission, styles: dict[str, ParagraphStyle], regular: str) -> list:
    title = _text(submission.title, regular)
    if submission.board_number:
        title = _("Board %(number)d", number=submission.board_number) + " · " + title
    flowables = [
        _heading(title, styles["item"], 1),
        Paragraph(_authors(submission, regular), styles["authors"]),
    ]
    if submission.consent_publish:
        for block in submission.abstract.split("\n\n"):
            flowables.append(Paragraph(_text(" ".join(block.split()), regular), styles["body"]))
    else:
        flowables.append(Paragraph(escape(_("The abstract is not published.")), styles["body"]))
    return flowables


def book_of_abstracts(event: Event, call: Call, rows: list[Submission], lang: str = "en") -> bytes:
    """The PDF of the accepted ``rows`` (in the order of ``queries.accepted``)."""
    regular, bold = register_fonts()
    styles = _styles(regular, bold)
    with force_locale(lang):
        title = _text(str(event.text("title", lang)), bold)
        toc = TableOfContents(levelStyles=[styles["toc0"], styles["toc1"]])
        story: list = [
            Paragraph(title + " · " + escape(_("Book of abstracts")), styles["title"]),
            toc,
            PageBreak(),
        ]
        for kind, tracks in grouped(rows):
            story.append(_heading(escape(str(KIND_PLURALS.get(kind, kind))), styles["kind"], 0))
            for track, submissions in tracks:
                if track is not None:
                    story.append(
                        Paragraph(_text(str(track.text("name", lang)), bold), styles["track"])
                    )
                for submission in submissions:
                    story.extend(_entry(submission, styles, regular))
            story.append(Spacer(1, 4 * mm))
        buffer = BytesIO()
        document = _Book(
            buffer,
            pagesize=A4,
            title=printable(str(event.text("title", lang))) + " – " + _("Book of abstracts"),
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
        )
        document.multiBuild(story)
    return buffer.getvalue()
