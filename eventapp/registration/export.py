"""Registrations as CSV for spreadsheets (UTF-8 with BOM so Excel reads the accents)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from eventapp.core.types import ChoiceStatus
from eventapp.regforms.models import Question
from eventapp.regforms.services import answer_text
from eventapp.registration.models import Registration

COLUMNS = (
    "name",
    "email",
    "affiliation",
    "category",
    "status",
    "registered_at",
    "checked_in_at",
    "sessions",
    "dietary_needs",
    "accessibility_needs",
)


def _iso(value) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def _cell(text: str) -> str:
    """Neutralise spreadsheet formulas typed into a field (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def registrations_csv(
    registrations: Iterable[Registration], questions: Iterable[Question] = ()
) -> bytes:
    """One row per registration; sessions joined with "; " (waitlisted ones marked); then a
    column per question of the event, headed by the question in its original language."""
    questions = list(questions)
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel")
    writer.writerow([*COLUMNS, *(_cell(q.label) for q in questions)])
    for r in registrations:
        answers = {a.question_id: a for a in r.answers}
        sessions = "; ".join(
            c.session.title + (" (waitlisted)" if c.status == ChoiceStatus.WAITLISTED else "")
            for c in sorted(r.choices, key=lambda c: (c.session.starts_at, c.session_id))
        )
        writer.writerow(
            [
                _cell(r.name),
                _cell(r.email),
                _cell(r.affiliation),
                r.category.value,
                r.status.value,
                _iso(r.created_at),
                _iso(r.checked_in_at),
                _cell(sessions),
                _cell(r.dietary_needs),
                _cell(r.accessibility_needs),
                *(_cell(answer_text(q, answers.get(q.id), q.original_language)) for q in questions),
            ]
        )
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
