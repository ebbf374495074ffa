"""Who may answer, once per person, changeable until it closes; what an answer may hold."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from eventapp.core.db import utcnow
from eventapp.core.errors import DomainError
from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.feedback import services
from eventapp.feedback.models import Audience, QuestionKind, Response, SurveyAnswer
from eventapp.feedback.services import AnswerValue, NotInAudience, SurveyClosed
from eventapp.registration.privacy import anonymise
from tests.builders import make_event, make_registration, make_session
from tests.feedback.conftest import make_survey


def _values(survey, rating=4, single=0, multiple=(0, 2), text="Great day"):
    rating_q, single_q, multiple_q, text_q = survey.questions
    return {
        rating_q.id: AnswerValue(rating=rating),
        single_q.id: AnswerValue(choices=[single]),
        multiple_q.id: AnswerValue(choices=list(multiple)),
        text_q.id: AnswerValue(text=text),
    }


def _checked_in(event, **kw):
    return make_registration(event, checked_in_at=utcnow() - timedelta(days=1), **kw)


def test_a_checked_in_participant_answers_once_and_can_change_the_answer(event):
    survey = make_survey(event)
    registration = _checked_in(event)
    services.submit_answers(registration, survey, _values(survey, rating=2))
    services.submit_answers(registration, survey, _values(survey, rating=5, text="Better"))
    db.session.commit()
    assert db.session.execute(select(func.count()).select_from(Response)).scalar_one() == 1
    ratings = db.session.execute(
        select(SurveyAnswer.rating).where(SurveyAnswer.rating.is_not(None))
    ).all()
    assert ratings == [(5,)]
    assert (
        db.session.execute(select(SurveyAnswer.text).where(SurveyAnswer.text != "")).scalar_one()
        == "Better"
    )


def test_a_registrant_who_was_not_checked_in_may_not_answer_unless_the_survey_says_confirmed(
    event,
):
    survey = make_survey(event)
    absent = make_registration(event)
    with pytest.raises(NotInAudience):
        services.submit_answers(absent, survey, _values(survey))
    survey.audience = Audience.CONFIRMED
    services.submit_answers(absent, survey, _values(survey))
    assert services.response_of(absent, survey) is not None


@pytest.mark.parametrize(
    "status",
    [RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED, RegistrationStatus.PENDING],
)
def test_only_confirmed_places_may_answer(event, status):
    survey = make_survey(event, audience=Audience.CONFIRMED)
    registration = _checked_in(event, status=status)
    with pytest.raises(NotInAudience):
        services.submit_answers(registration, survey, _values(survey))
    assert services.response_of(registration, survey) is None


def test_an_erased_registration_may_not_answer(event):
    survey = make_survey(event)
    registration = _checked_in(event)
    anonymise(registration)
    with pytest.raises(NotInAudience):
        services.submit_answers(registration, survey, _values(survey))


def test_a_closed_survey_takes_no_answer_and_keeps_the_earlier_one(event):
    survey = make_survey(event)
    registration = _checked_in(event)
    services.submit_answers(registration, survey, _values(survey, rating=3))
    db.session.commit()
    survey.closes_at = utcnow() - timedelta(minutes=1)
    with pytest.raises(SurveyClosed):
        services.submit_answers(registration, survey, _values(survey, rating=1))
    db.session.rollback()
    assert db.session.execute(
        select(SurveyAnswer.rating).where(SurveyAnswer.rating.is_not(None))
    ).all() == [(3,)]


def test_a_survey_does_not_open_before_the_event_begins(app, organisation):
    event = make_event("Next year", organisers=[organisation])
    survey = make_survey(
        event, audience=Audience.CONFIRMED, closes_at=event.ends_at + timedelta(days=3)
    )
    with pytest.raises(SurveyClosed):
        services.submit_answers(make_registration(event), survey, _values(survey))


@pytest.mark.parametrize(
    "bad",
    [
        {"rating": 0},
        {"rating": 6},
        {"single": 3},  # past the last option
        {"single": -1},
        {"multiple": (0, 7)},
        {"text": "x" * 2001},
    ],
)
def test_answers_a_question_cannot_take_are_refused_and_nothing_is_stored(event, bad):
    survey = make_survey(event)
    registration = _checked_in(event)
    with pytest.raises(DomainError):
        services.submit_answers(registration, survey, _values(survey, **bad))
    db.session.rollback()
    assert db.session.execute(select(func.count()).select_from(Response)).scalar_one() == 0


def test_a_single_choice_takes_one_option_only(event):
    survey = make_survey(event)
    single = survey.questions[1]
    values = _values(survey)
    values[single.id] = AnswerValue(choices=[0, 1])
    with pytest.raises(DomainError):
        services.submit_answers(_checked_in(event), survey, values)


def test_a_required_question_must_be_answered(event):
    survey = make_survey(event)
    survey.questions[0].required = True
    values = _values(survey)
    values[survey.questions[0].id] = AnswerValue()
    with pytest.raises(DomainError) as refused:
        services.submit_answers(_checked_in(event), survey, values)
    assert refused.value.field == f"q{survey.questions[0].id}"


def test_a_question_about_a_session_of_another_event_is_refused(event, organisation):
    other = make_event("Elsewhere", organisers=[organisation])
    foreign = make_session(other, "Someone else's talk")
    survey = make_survey(event)
    with pytest.raises(DomainError):
        services.add_question(survey, kind=QuestionKind.RATING, text="Talk?", session=foreign)


def test_a_choice_needs_at_least_two_options(event):
    survey = make_survey(event)
    with pytest.raises(DomainError):
        services.add_question(survey, kind=QuestionKind.SINGLE, text="Which?", options_text="Only")
