"""Registrations for spreadsheets: CSV (raw values and UTC times, for other programs) and
.xlsx (the reader's language, the event's local times, for people): core/spreadsheets.py."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from eventapp.core.spreadsheets import csv_bytes, xlsx_bytes
from eventapp.core.types import ChoiceStatus
from eventapp.events.models import Event
from eventapp.regforms.models import Question
from eventapp.regforms.services import answer_text
from eventapp.registration.labels import CATEGORY_LABELS, STATUS_LABELS
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
HEADINGS = (
    _l("Name"),
    _l("E-mail"),
    _l("Affiliation"),
    _l("Category"),
    _l("Status"),
    _l("Registered"),
    _l("Checked in"),
    _l("Sessions"),
    _l("Dietary needs"),
    _l("Accessibility needs"),
)
WAITLISTED_MARK = _l("(waiting list)")


def _iso(value) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def _sessions(registration: Registration, waitlisted_mark: str) -> str:
    """The chosen sessions in time order joined with "; ", waitlisted ones marked."""
    choices = sorted(registration.choices, key=lambda c: (c.session.starts_at, c.session_id))
    return "; ".join(
        c.session.title + (f" {waitlisted_mark}" if c.status == ChoiceStatus.WAITLISTED else "")
        for c in choices
    )


def _answers(registration: Registration, questions: list[Question], original: bool) -> list[str]:
    """The registration's answers to ``questions`` in order: in each question's original
    language (``original``) or the reader's."""
    answers = {a.question_id: a for a in registration.answers}
    return [
        answer_text(q, answers.get(q.id), q.original_language if original else None)
        for q in questions
    ]


def registrations_csv(
    registrations: Iterable[Registration], questions: Iterable[Question] = ()
) -> bytes:
    """One row per registration: raw category and status, ISO times in UTC; then a column per
    question of the event, headed by the question in its original language."""
    questions = list(questions)
    return csv_bytes(
        [*COLUMNS, *(q.label for q in questions)],
        (
            (
                r.name,
                r.email,
                r.affiliation,
                r.category.value,
                r.status.value,
                _iso(r.created_at),
                _iso(r.checked_in_at),
                _sessions(r, "(waitlisted)"),
                r.dietary_needs,
                r.accessibility_needs,
                *_answers(r, questions, original=True),
            )
            for r in registrations
        ),
    )


def registrations_xlsx(
    event: Event,
    registrations: Iterable[Registration],
    questions: Iterable[Question] = (),
) -> bytes:
    """One row per registration with headings, categories, statuses and answers in the
    reader's language, times on the event's wall clock, and a column per question."""
    questions = list(questions)
    mark = str(WAITLISTED_MARK)
    return xlsx_bytes(
        [
            *(str(heading) for heading in HEADINGS),
            *(str(q.text("label")) for q in questions),
        ],
        (
            (
                r.name,
                r.email,
                r.affiliation,
                str(CATEGORY_LABELS[r.category]),
                str(STATUS_LABELS[r.status]),
                r.created_at,
                r.checked_in_at,
                _sessions(r, mark),
                r.dietary_needs,
                r.accessibility_needs,
                *_answers(r, questions, original=False),
            )
            for r in registrations
        ),
        title=event.title,
        timezone=event.timezone,
    )
