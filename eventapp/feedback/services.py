"""What the feedback does: compose a survey, decide who may answer, keep one answer a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.core.db import utcnow
from eventapp.core.errors import DomainError, Forbidden
from eventapp.core.types import RegistrationStatus
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.feedback.models import (
    RATINGS,
    Audience,
    QuestionKind,
    Response,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
)
from eventapp.registration.models import Registration

#: How long a new survey stays open after the event ends, unless the organiser says otherwise.
DEFAULT_OPEN_DAYS = 14
MAX_QUESTIONS = 40
MAX_OPTIONS = 12
MAX_TEXT_ANSWER = 2000


class SurveyClosed(Forbidden):
    """The survey is not open (yet, or any more)."""


class NotInAudience(Forbidden):
    """This registration may not answer the survey."""


@dataclass(frozen=True)
class AnswerValue:
    """What a participant answered to one question (only the part its kind uses)."""

    rating: int | None = None
    choices: list[int] = field(default_factory=list)
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.rating is None and not self.choices and not self.text.strip()


def get_survey(event: Event) -> Survey | None:
    """The event's survey with its questions (and their sessions), or None."""
    stmt = (
        select(Survey)
        .where(Survey.event_id == event.id)
        .options(selectinload(Survey.questions).selectinload(SurveyQuestion.session))
    )
    return db.session.execute(stmt).scalar_one_or_none()


def default_closing(event: Event) -> datetime:
    """When a new survey closes: two weeks after the event ends."""
    return event.ends_at + timedelta(days=DEFAULT_OPEN_DAYS)


def save_survey(
    event: Event,
    *,
    audience: Audience,
    closes_at: datetime,
    introduction: str = "",
    translations: dict[str, dict[str, str]] | None = None,
) -> Survey:
    """Create or change the event's survey (flushed; the request commits)."""
    if closes_at <= event.starts_at:
        raise DomainError(_("The survey must close after the event begins."), "closes_at")
    survey = get_survey(event) or Survey(event_id=event.id, original_language=event.language)
    survey.audience, survey.closes_at, survey.introduction = audience, closes_at, introduction
    for lang, texts in (translations or {}).items():
        survey.set_translations(lang, texts)
    db.session.add(survey)
    db.session.flush()
    return survey


def add_question(
    survey: Survey,
    *,
    kind: QuestionKind,
    text: str,
    options_text: str = "",
    translations: dict[str, dict[str, str]] | None = None,
    session: Session | None = None,
    required: bool = False,
    named: bool = False,
) -> SurveyQuestion:
    """Add a question at the end; a choice needs two to twelve options, a session must be the
    survey's event's."""
    if len(survey.questions) >= MAX_QUESTIONS:
        raise DomainError(_("A survey has at most %(num)d questions.", num=MAX_QUESTIONS))
    if session is not None and session.event_id != survey.event_id:
        raise DomainError(_("Choose a session of this event."), "session_id")
    options = [line for line in options_text.splitlines() if line.strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if not 2 <= len(options) <= MAX_OPTIONS:
            raise DomainError(
                _("Give between 2 and %(num)d options, one a line.", num=MAX_OPTIONS),
                "options_text",
            )
    else:
        options = []
    question = SurveyQuestion(
        kind=kind,
        prompt=text.strip(),
        options_text="\n".join(line.strip() for line in options),
        session=session,
        required=required,
        named=named,
        position=max((q.position for q in survey.questions), default=-1) + 1,
        original_language=survey.original_language,
    )
    survey.questions.append(question)
    for lang, texts in (translations or {}).items():
        question.set_translations(lang, texts)
    db.session.flush()
    return question


def remove_question(survey: Survey, question_id: int) -> None:
    """Remove a question and the answers given to it."""
    question = next((q for q in survey.questions if q.id == question_id), None)
    if question is None:
        raise DomainError(_("That question is not in this survey."))
    survey.questions.remove(question)
    db.session.flush()


def is_open(survey: Survey, now: datetime | None = None) -> bool:
    """Open from the event's start until it closes."""
    now = now or utcnow()
    return survey.event.starts_at <= now < survey.closes_at


def check_may_answer(registration: Registration, survey: Survey | None) -> None:
    """Refuse (``NotInAudience``, ``SurveyClosed``) whoever may not answer ``survey`` now."""
    if survey is None or not survey.questions:
        raise SurveyClosed(_("This event has no feedback survey."))
    if registration.status != RegistrationStatus.CONFIRMED or registration.anonymised_at:
        raise NotInAudience(_("Only participants with a confirmed place can give feedback."))
    if survey.audience == Audience.CHECKED_IN and registration.checked_in_at is None:
        raise NotInAudience(
            _("Only participants who were checked in at the event can give feedback.")
        )
    now = utcnow()
    if now < survey.event.starts_at:
        raise SurveyClosed(_("The survey opens when the event begins."))
    if now >= survey.closes_at:
        raise SurveyClosed(_("The survey has closed."))


def answer_refusal(registration: Registration, survey: Survey | None) -> str | None:
    """Why ``registration`` may not answer now (None: it may)."""
    try:
        check_may_answer(registration, survey)
    except DomainError as error:
        return error.message
    return None


def response_of(registration: Registration, survey: Survey) -> Response | None:
    """The registration's answer to the survey, with its answers, or None."""
    stmt = (
        select(Response)
        .where(Response.survey_id == survey.id, Response.registration_id == registration.id)
        .options(selectinload(Response.answers))
    )
    return db.session.execute(stmt).scalar_one_or_none()


def _checked(question: SurveyQuestion, value: AnswerValue) -> SurveyAnswer | None:
    """The answer to store for ``question`` (None when left empty); refuses what it cannot be."""
    if value.empty:
        if question.required:
            raise DomainError(_("Please answer this question."), f"q{question.id}")
        return None
    if question.kind == QuestionKind.RATING:
        if value.rating not in RATINGS:
            raise DomainError(_("Choose a rating from 1 to 5."), f"q{question.id}")
        return SurveyAnswer(question_id=question.id, rating=value.rating)
    if question.kind == QuestionKind.TEXT:
        if len(value.text) > MAX_TEXT_ANSWER:
            raise DomainError(_("Please keep the answer shorter."), f"q{question.id}")
        return SurveyAnswer(question_id=question.id, text=value.text.strip())
    count = len(question.options())
    chosen = sorted(set(value.choices))
    if (
        not chosen
        or any(not 0 <= i < count for i in chosen)
        or (question.kind == QuestionKind.SINGLE and len(chosen) != 1)
    ):
        raise DomainError(_("Choose among the options offered."), f"q{question.id}")
    return SurveyAnswer(question_id=question.id, choices=chosen)


def submit_answers(
    registration: Registration, survey: Survey, values: dict[int, AnswerValue]
) -> Response:
    """Store the registration's answers, replacing its earlier ones (one answer per person).

    Refuses (``NotInAudience``/``SurveyClosed``) whoever may not answer now, and an answer a
    question cannot take; nothing is stored then. Flushes; the request commits.
    """
    check_may_answer(registration, survey)
    answers = [
        answer
        for question in survey.questions
        if (answer := _checked(question, values.get(question.id, AnswerValue()))) is not None
    ]
    response = response_of(registration, survey)
    if response is None:
        response = Response(survey_id=survey.id, registration_id=registration.id)
        db.session.add(response)
    else:
        response.answers.clear()
        db.session.flush()  # the old answers go before the new ones take their (question) slot
    response.answers.extend(answers)
    response.updated_at = utcnow()
    db.session.flush()
    return response


def response_count(survey: Survey) -> int:
    """How many people answered."""
    stmt = select(func.count()).select_from(Response).where(Response.survey_id == survey.id)
    return db.session.execute(stmt).scalar_one()
