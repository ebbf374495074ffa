"""The participant's survey page, reached from their private page ``/r/<secret>/``."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from eventapp.core.db import transaction
from eventapp.core.errors import DomainError
from eventapp.core.forms import show_error
from eventapp.feedback import services
from eventapp.feedback.blueprint import bp
from eventapp.feedback.forms import answer_form, field_name
from eventapp.feedback.models import QuestionKind, Response, SurveyQuestion
from eventapp.registration.services import get_by_secret


def _private(page, status: int = 200):
    response = make_response(page, status)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _value(form, question: SurveyQuestion) -> services.AnswerValue:
    data = form[field_name(question)].data
    if question.kind == QuestionKind.TEXT:
        return services.AnswerValue(text=data or "")
    if question.kind == QuestionKind.MULTIPLE:
        return services.AnswerValue(choices=[int(i) for i in data or [] if str(i).isdigit()])
    if not data or not str(data).isdigit():
        return services.AnswerValue()
    if question.kind == QuestionKind.RATING:
        return services.AnswerValue(rating=int(data))
    return services.AnswerValue(choices=[int(data)])


def _initial(response: Response | None) -> dict:
    if response is None:
        return {}
    data = {}
    for answer in response.answers:
        name = f"q{answer.question_id}"
        if answer.rating is not None:
            data[name] = str(answer.rating)
        elif answer.text:
            data[name] = answer.text
        elif answer.question.kind == QuestionKind.MULTIPLE:
            data[name] = [str(i) for i in answer.choices]
        elif answer.choices:
            data[name] = str(answer.choices[0])
    return data


@bp.route("/r/<secret>/feedback", methods=["GET", "POST"])
def participant_survey(secret: str):
    """The survey (GET), or the participant's answers saved (POST), changeable until it closes."""
    registration = get_by_secret(secret)
    survey = services.get_survey(registration.event)
    if survey is None or not survey.questions:
        abort(404)
    refusal = services.answer_refusal(registration, survey)
    response = services.response_of(registration, survey)
    if request.method == "GET" or refusal is not None:
        form = answer_form(survey, data=_initial(response))
    else:
        form = answer_form(survey)
    status = 200
    if request.method == "POST" and refusal is None:
        if form.validate_on_submit():
            values = {q.id: _value(form, q) for q in survey.questions}
            try:
                with transaction():
                    services.submit_answers(registration, survey, values)
            except DomainError as error:
                show_error(form, error)
                status = error.status_code if error.field is None else 422
            else:
                flash(_("Thank you: your answers are saved."), "success")
                return redirect(url_for("feedback.participant_survey", secret=secret), code=303)
        else:
            status = 422
    elif request.method == "POST":
        status = 403
    page = render_template(
        "feedback/survey.html",
        registration=registration,
        event=registration.event,
        survey=survey,
        form=form,
        answered=response is not None,
        refusal=refusal,
    )
    return _private(page, status)
