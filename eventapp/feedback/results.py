"""A survey's results: counts and distributions per question, free text listed, all answers as
CSV. Anonymous by default: nothing here links an answer to a person unless its question is
``named``, and the CSV has one row per answer (sorted by question and value, not by person),
so the answers of one person to several anonymous questions cannot be joined."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from eventapp.core.spreadsheets import csv_bytes
from eventapp.core.translation import reader_language
from eventapp.extensions import db
from eventapp.feedback.models import (
    RATINGS,
    QuestionKind,
    Response,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
)
from eventapp.registration.models import Registration


@dataclass
class QuestionResult:
    """What the answers to one question add up to."""

    question: SurveyQuestion
    answered: int = 0
    bars: list[tuple[str, int]] = field(default_factory=list)
    mean: float | None = None
    texts: list[tuple[str, str]] = field(default_factory=list)  # (who or "", text)


@dataclass
class SurveyResults:
    respondents: int
    questions: list[QuestionResult]


def _answers(survey: Survey) -> list[tuple[SurveyAnswer, str]]:
    """Every answer with its author's name (used only for ``named`` questions)."""
    stmt = (
        select(SurveyAnswer, Registration.name)
        .join(Response, SurveyAnswer.response_id == Response.id)
        .join(Registration, Response.registration_id == Registration.id)
        .where(Response.survey_id == survey.id)
    )
    return [(answer, name) for answer, name in db.session.execute(stmt).all()]


def _result(
    question: SurveyQuestion, answers: list[tuple[SurveyAnswer, str]], lang: str
) -> QuestionResult:
    result = QuestionResult(question, answered=len(answers))
    if question.kind == QuestionKind.RATING:
        counts = Counter(a.rating for a, _name in answers)
        result.bars = [(str(r), counts[r]) for r in RATINGS]
        if answers:
            result.mean = round(sum(a.rating or 0 for a, _n in answers) / len(answers), 2)
    elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        counts = Counter(i for a, _name in answers for i in a.choices)
        result.bars = [(option, counts[i]) for i, option in enumerate(question.options(lang))]
    else:
        result.texts = sorted(
            ((name if question.named else "", a.text) for a, name in answers),
            key=lambda pair: (pair[1].casefold(), pair[0]),
        )
    return result


def survey_results(survey: Survey, lang: str | None = None) -> SurveyResults:
    """The results of every question (two queries, whatever the number of answers)."""
    lang = lang or reader_language()
    by_question: dict[int, list[tuple[SurveyAnswer, str]]] = {}
    respondents: set[int] = set()
    for answer, name in _answers(survey):
        by_question.setdefault(answer.question_id, []).append((answer, name))
        respondents.add(answer.response_id)
    return SurveyResults(
        respondents=len(respondents),
        questions=[_result(q, by_question.get(q.id, []), lang) for q in survey.questions],
    )


def _value(question: SurveyQuestion, answer: SurveyAnswer, lang: str) -> str:
    if question.kind == QuestionKind.RATING:
        return str(answer.rating)
    if question.kind == QuestionKind.TEXT:
        return answer.text
    options = question.options(lang)
    return "; ".join(options[i] for i in answer.choices if i < len(options))


def answers_csv(survey: Survey, lang: str | None = None) -> bytes:
    """All answers, one row each: question, its session, kind, answer, and who answered only
    for a named question."""
    lang = lang or reader_language()
    questions = {q.id: (position, q) for position, q in enumerate(survey.questions, start=1)}
    rows = []
    for answer, name in _answers(survey):
        position, question = questions[answer.question_id]
        value = _value(question, answer, lang)
        session = question.session.text("title", lang) if question.session else ""
        who = name if question.named else ""
        rows.append(
            (
                position,
                str(question.text("prompt", lang)),
                str(session),
                question.kind.value,
                value,
                who,
            )
        )
    rows.sort(key=lambda row: (row[0], row[4], row[5]))
    header = (_("No."), _("Question"), _("Session"), _("Kind"), _("Answer"), _("Answered by"))
    return csv_bytes(header, rows)
