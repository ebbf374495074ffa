"""CSV for spreadsheets: UTF-8 with a BOM (so Excel reads the accents), formulas neutralised,
and the download response no shared cache keeps."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response, make_response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell's text; one a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """``header`` then ``rows`` as CSV (numbers stay numbers: only text can be a formula)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel")
    writer.writerow(header)
    for row in rows:
        writer.writerow([v if isinstance(v, int | float) else safe_cell(v) for v in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


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
