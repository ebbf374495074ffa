"""The organiser's survey pages: compose it, see the results, download every answer."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from eventapp.auth.rights import get_managed_event
from eventapp.core.charts import bar_chart
from eventapp.core.db import transaction, utcnow
from eventapp.core.errors import DomainError
from eventapp.core.forms import (
    ConfirmForm,
    id_or_none,
    show_error,
    to_aware,
    to_local,
    translation_data,
    translation_values,
)
from eventapp.core.spreadsheets import csv_download
from eventapp.core.translation import other_language
from eventapp.core.types import SessionKind
from eventapp.events.models import Event, Session
from eventapp.feedback import results, services
from eventapp.feedback.blueprint import bp
from eventapp.feedback.followup import send_followup
from eventapp.feedback.forms import QuestionForm, SurveyForm
from eventapp.feedback.models import Audience, QuestionKind, Survey


def _managed_survey(slug: str) -> tuple[Event, Survey]:
    """The event the user manages and its survey (404 when it has none yet)."""
    event = get_managed_event(current_user, slug)
    survey = services.get_survey(event)
    if survey is None:
        abort(404)
    return event, survey


def _survey_form(event: Event, survey: Survey | None) -> SurveyForm:
    if request.method == "POST":
        return SurveyForm()
    if survey is None:
        return SurveyForm(
            data={"closes_at": to_local(services.default_closing(event), event.timezone)}
        )
    return SurveyForm(
        data={
            "audience": survey.audience.value,
            "closes_at": to_local(survey.closes_at, event.timezone),
            "introduction": survey.introduction,
            **translation_data(survey, ("introduction",)),
        }
    )


def _page(event: Event, survey: Survey | None, form: SurveyForm, question_form, status=200):
    page = render_template(
        "feedback/manage_survey.html",
        event=event,
        survey=survey,
        form=form,
        question_form=question_form,
        responses=services.response_count(survey) if survey else 0,
        remove_form=ConfirmForm(),
    )
    return page, status


PAUSES = {SessionKind.BREAK, SessionKind.MINGLE}


def _sessions(event: Event) -> list[Session]:
    return [s for s in event.sessions if s.kind not in PAUSES]


@bp.route("/manage/events/<slug>/feedback", methods=["GET", "POST"])
@login_required
def manage_survey(slug: str):
    """The event's survey: who may answer and until when (POST saves), and its questions."""
    event = get_managed_event(current_user, slug)
    survey = services.get_survey(event)
    form = _survey_form(event, survey)
    question_form = QuestionForm(sessions=_sessions(event), formdata=None)
    if request.method == "POST":
        if not form.validate_on_submit():
            return _page(event, survey, form, question_form, 422)
        try:
            with transaction():
                services.save_survey(
                    event,
                    audience=Audience(form.audience.data),
                    closes_at=to_aware(form.closes_at.data, event.timezone),
                    introduction=form.introduction.data or "",
                    translations={
                        other_language(event.language): translation_values(form, ("introduction",))
                    },
                )
        except DomainError as error:
            show_error(form, error, default="closes_at")
            return _page(event, survey, form, question_form, 422)
        flash(_("The survey is saved."), "success")
        return redirect(url_for("feedback.manage_survey", slug=slug), code=303)
    return _page(event, survey, form, question_form)


@bp.post("/manage/events/<slug>/feedback/questions")
@login_required
def manage_add_question(slug: str):
    """Add a question to the survey (the survey must be saved first)."""
    event, survey = _managed_survey(slug)
    sessions = _sessions(event)
    question_form = QuestionForm(sessions=sessions)
    if question_form.validate_on_submit():
        session = next(
            (s for s in sessions if s.id == id_or_none(question_form.session_id.data)), None
        )
        try:
            with transaction():
                services.add_question(
                    survey,
                    kind=QuestionKind(question_form.kind.data),
                    text=question_form.prompt.data,
                    options_text=question_form.options_text.data or "",
                    translations={
                        other_language(survey.original_language): translation_values(
                            question_form, ("prompt", "options_text")
                        )
                    },
                    session=session,
                    required=bool(question_form.required.data),
                    named=bool(question_form.named.data),
                )
        except DomainError as error:
            show_error(question_form, error, default="prompt")
        else:
            flash(_("The question is added."), "success")
            return redirect(url_for("feedback.manage_survey", slug=slug), code=303)
    return _page(event, survey, _survey_form(event, survey), question_form, 422)


@bp.post("/manage/events/<slug>/feedback/questions/<int:question_id>/remove")
@login_required
def manage_remove_question(slug: str, question_id: int):
    """Remove a question and its answers."""
    event, survey = _managed_survey(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        with transaction():
            services.remove_question(survey, question_id)
    except DomainError:
        abort(404)
    flash(_("The question is removed."), "success")
    return redirect(url_for("feedback.manage_survey", slug=slug), code=303)


@bp.get("/manage/events/<slug>/feedback/results")
@login_required
def manage_results(slug: str):
    """Counts and distributions per question (bars as inline SVG) and the free-text answers."""
    event, survey = _managed_survey(slug)
    outcome = results.survey_results(survey)
    charts = {
        r.question.id: bar_chart(
            r.bars, title=str(r.question.text("prompt")), chart_id=f"chart-q{r.question.id}"
        )
        for r in outcome.questions
        if r.bars
    }
    return render_template(
        "feedback/manage_results.html", event=event, survey=survey, results=outcome, charts=charts
    )


@bp.get("/manage/events/<slug>/feedback/answers.csv")
@login_required
def manage_answers_csv(slug: str):
    """Every answer as CSV (anonymous unless its question shows who answered)."""
    event, survey = _managed_survey(slug)
    return csv_download(results.answers_csv(survey), f"{event.slug}-feedback.csv")


@bp.post("/manage/events/<slug>/feedback/followup")
@login_required
def manage_send_followup(slug: str):
    """Send the follow-up mail (survey, materials, certificate) to those who have not had it."""
    event = get_managed_event(current_user, slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if event.starts_at > utcnow():
        flash(_("The follow-up mail can be sent once the event has begun."), "error")
        return redirect(url_for("feedback.manage_survey", slug=slug), code=303)
    with transaction():
        count = send_followup(event)
    flash(
        ngettext(
            "%(num)d follow-up mail is on its way.",
            "%(num)d follow-up mails are on their way.",
            count,
        ),
        "success",
    )
    return redirect(url_for("feedback.manage_survey", slug=slug), code=303)
