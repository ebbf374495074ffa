"""Tables for spreadsheets: one CSV writer and one .xlsx writer for every export of the app.

Both neutralise formulas typed into a field (CSV injection: ``=HYPERLINK(…)`` in a name runs
when the file is opened). The CSV is UTF-8 with a byte-order mark (so Excel reads å, ä, ö) and
CRLF line ends; but Excel set to Swedish splits lines at semicolons, so a comma-separated file
opens in one column there. The .xlsx (openpyxl, a well-kept library for the format) has no
such setting to guess: cells keep their type, and times are written as the wall-clock time of
the event's zone (a spreadsheet cell has no zone; UTC times confused everyone who read them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from flask import Response, make_response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from eventapp.core.timefmt import to_zone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
MAX_SHEET_TITLE = 31  # Excel's limit


def formula_safe(value: object) -> str:
    """A cell's text that a spreadsheet will not run as a formula (written as text)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV file of ``rows`` under ``header``: UTF-8 with BOM, CRLF, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(
        [value if isinstance(value, int | float) else formula_safe(value) for value in row]
        for row in rows
    )  # numbers stay numbers: only text can be a formula (and "-3" is no formula)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def download(data: bytes, filename: str, mimetype: str) -> Response:
    """A private download (never stored by a shared cache) named ``filename``."""
    response = make_response(data)
    response.headers["Content-Type"] = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def csv_download(data: bytes, filename: str) -> Response:
    """A CSV download."""
    return download(data, filename, "text/csv; charset=utf-8")


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str, timezone: str
) -> bytes:
    """An .xlsx workbook of one sheet: a bold header row, then ``rows``; aware datetimes are
    written as the wall-clock time in ``timezone``, numbers as numbers, text as text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=_text(name))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append([_cell(sheet, value, timezone) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any, timezone: str) -> Any:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=to_zone(value, timezone).replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    cell = WriteOnlyCell(sheet, value=_text(value))
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def _text(value: object) -> str:
    """Text without the control characters the format cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in _text(title)).strip()
    return cleaned[:MAX_SHEET_TITLE] or "Sheet"
