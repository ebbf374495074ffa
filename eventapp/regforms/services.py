"""What shaping a registration form does: questions with their options, session groups; and the
rules a registration keeps: answers checked against the event's questions, chosen sessions
against its groups. Plain functions; the views and ``registration.services`` call them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.core.errors import BadRequest, NotFound
from eventapp.core.forms import MULTI_LINE_FORBIDDEN, SINGLE_LINE_FORBIDDEN
from eventapp.core.translation import assign_texts
from eventapp.core.types import RegistrationCategory
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.regforms.models import (
    CHOICE_KINDS,
    Answer,
    Question,
    QuestionKind,
    QuestionOption,
)
from eventapp.registration.errors import InvalidChoice

SHORT_ANSWER_MAX = 300
LONG_ANSWER_MAX = 4000
#: Numbers beyond this are typing errors, not head counts or ages.
NUMBER_LIMIT = Decimal("1e9")
MAX_OPTIONS = 50
YES, NO = "yes", "no"

#: An answer as a form gives it: a text (short, long, number, "yes"/"no") or option ids.
AnswerValue = str | list[int]


class InvalidAnswer(InvalidChoice):
    """An answer the question does not take (or a question the form does not ask)."""


class InvalidFormRule(BadRequest):
    """A question or session group the organiser cannot have that way."""


# ---------------------------------------------------------------------------- questions


@dataclass
class QuestionData:
    """What the organiser gives for a question; ``options`` are (text, translation) pairs."""

    kind: str
    label: str
    help_text: str = ""
    required: bool = False
    categories: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


def event_questions(event_id: int) -> list[Question]:
    """The event's questions in form order, with their options (2 queries)."""
    stmt = (
        select(Question)
        .where(Question.event_id == event_id)
        .options(selectinload(Question.options))
        .order_by(Question.position, Question.id)
    )
    return list(db.session.execute(stmt).scalars())


def question_of(event: Event, question_id: int | None) -> Question:
    """The event's question ``question_id``; NotFound for another event's or none."""
    question = db.session.get(Question, question_id) if question_id else None
    if question is None or question.event_id != event.id:
        raise NotFound(_("No such question."))
    return question


def save_question(event: Event, data: QuestionData, question: Question | None = None) -> Question:
    """Create (``question`` None, placed last) or change a question; options keep their ids by
    position, so answers already given keep naming the same option. Flushes."""
    kind = QuestionKind(data.kind)
    if kind in CHOICE_KINDS and not data.options:
        raise InvalidFormRule(_("A choice question needs at least one option."), "options")
    offered = {c.value for c in RegistrationCategory}
    if question is None:
        question = Question(event_id=event.id, position=_next_position(event.id))
        question.original_language = event.language or "en"
        db.session.add(question)
    assign_texts(
        question,
        {
            "kind": kind,
            "label": data.label.strip(),
            "help_text": data.help_text.strip(),
            "required": data.required,
            "categories": [c for c in data.categories if c in offered],
            "translations": data.translations,
        },
    )
    _set_options(question, data.options if kind in CHOICE_KINDS else [])
    db.session.flush()
    return question


def _next_position(event_id: int) -> int:
    stmt = select(func.max(Question.position)).where(Question.event_id == event_id)
    return (db.session.execute(stmt).scalar_one() or 0) + 1


def _set_options(question: Question, options: list[tuple[str, str]]) -> None:
    kept = list(question.options)
    other = "sv" if question.original_language == "en" else "en"
    for position, (label, translation) in enumerate(options[:MAX_OPTIONS]):
        if position < len(kept):
            option = kept[position]
        else:
            option = QuestionOption(position=position, original_language=question.original_language)
            question.options.append(option)
        option.label, option.position = label.strip()[:200], position
        option.set_translations(other, {"label": translation.strip()[:200]})
    for option in kept[len(options) :]:
        question.options.remove(option)


def delete_question(question: Question) -> None:
    """Remove a question and every answer given to it. Flushes."""
    db.session.delete(question)
    db.session.flush()


def move_question(event: Event, question: Question, step: int) -> None:
    """Swap the question with its neighbour above (``step`` -1) or below (+1). Flushes."""
    questions = event_questions(event.id)
    index = next(i for i, q in enumerate(questions) if q.id == question.id)
    other = index + step
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    for position, q in enumerate(questions, start=1):
        q.position = position
    db.session.flush()


# ---------------------------------------------------------------------------- answers


def asked(questions: Iterable[Question], category: str) -> list[Question]:
    """The questions a registrant of ``category`` is asked."""
    return [q for q in questions if q.asked_of(category)]


def clean_answers(
    questions: list[Question],
    category: str,
    given: Mapping[int, AnswerValue],
    *,
    require: bool = True,
) -> dict[int, AnswerValue]:
    """The answers to keep, checked against the questions asked of ``category``.

    ``InvalidAnswer`` for a question the form does not ask (another event's, a forged id), an
    option the question does not offer, an oversized or control-character text, a missing
    required answer (unless ``require`` is off: an organiser adding someone by hand does not
    know their lunch). Answers to questions not asked of the category are dropped."""
    by_id = {q.id: q for q in questions}
    foreign = [qid for qid in given if qid not in by_id]
    if foreign:
        raise InvalidAnswer(_("An answer was given to a question this form does not ask."))
    cleaned: dict[int, AnswerValue] = {}
    for question in asked(questions, category):
        value = _clean_one(question, given.get(question.id))
        if value in ("", []):
            if question.required and require:
                raise InvalidAnswer(_("Please answer this question."), f"q_{question.id}")
            continue
        cleaned[question.id] = value
    return cleaned


def _clean_one(question: Question, value: AnswerValue | None) -> AnswerValue:
    name = f"q_{question.id}"
    if value is None:
        return ""
    if question.kind in CHOICE_KINDS:
        ids = list(dict.fromkeys(value)) if isinstance(value, list) else []
        offered = {o.id for o in question.options}
        if not isinstance(value, list) or any(i not in offered for i in ids):
            raise InvalidAnswer(_("Choose among the options offered."), name)
        if question.kind == QuestionKind.SINGLE_CHOICE and len(ids) > 1:
            raise InvalidAnswer(_("Choose one option."), name)
        return ids
    if not isinstance(value, str):
        raise InvalidAnswer(_("Give a text here."), name)
    value = value.strip()
    if question.kind == QuestionKind.YES_NO:
        if value not in ("", YES, NO):
            raise InvalidAnswer(_("Answer yes or no."), name)
        return value
    if question.kind == QuestionKind.NUMBER:
        return parse_number(value, name) if value else ""
    long = question.kind == QuestionKind.LONG_TEXT
    limit = LONG_ANSWER_MAX if long else SHORT_ANSWER_MAX
    if len(value) > limit:
        raise InvalidAnswer(_("Keep the answer under %(num)d characters.", num=limit), name)
    if (MULTI_LINE_FORBIDDEN if long else SINGLE_LINE_FORBIDDEN).search(value):
        raise InvalidAnswer(_("Use no control characters in this answer."), name)
    return value


def parse_number(text: str, name: str = "") -> str:
    """A number as typed (``2,5`` or ``2.5``), normalised ("2.5"); ``InvalidAnswer`` if not one."""
    try:
        number = Decimal(text.strip().replace(",", ".").replace("\u2212", "-"))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        raise InvalidAnswer(_("Give a number, such as 3 or 2.5."), name or None)
    text = format(number.normalize(), "f")
    return text


def apply_answers(registration, question_ids: set[int], cleaned: dict[int, AnswerValue]) -> None:
    """Replace the registration's answers to the questions ``question_ids`` by ``cleaned``.

    Ids, not the questions: under the event lock the questions are expired (a new transaction)
    and reading them would cost a query each. No query when the registration is new."""
    current = {a.question_id: a for a in registration.answers}
    for question_id, answer in current.items():
        if question_id in question_ids and question_id not in cleaned:
            registration.answers.remove(answer)
    for question_id, value in cleaned.items():
        answer = current.get(question_id)
        if answer is None:
            answer = Answer(question_id=question_id)
            registration.answers.append(answer)
        answer.value, answer.option_ids = ("", value) if isinstance(value, list) else (value, [])


def given_answers(registration) -> dict[int, AnswerValue]:
    """The registration's answers as a form shows them again."""
    return {
        a.question_id: list(a.option_ids) if a.option_ids else a.value for a in registration.answers
    }


def answer_text(question: Question, answer: Answer | None, lang: str | None = None) -> str:
    """An answer as a person reads it, in ``lang`` (the reader's): options by their label."""
    if answer is None:
        return ""
    if question.kind in CHOICE_KINDS:
        labels = {o.id: o.text("label", lang) for o in question.options}
        return ", ".join(labels[i] for i in answer.option_ids if i in labels)
    if question.kind == QuestionKind.YES_NO:
        return {YES: _("Yes"), NO: _("No")}.get(answer.value, "")
    return answer.value
