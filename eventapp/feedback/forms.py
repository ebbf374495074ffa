"""The organiser's survey and question forms, and the participant's answer form (built from
the survey's questions, in the reader's language)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from eventapp.core.forms import (
    AppForm,
    IdSelectField,
    MultiCheckboxField,
    id_choices,
    local_datetime_field,
    options,
    translation_field,
)
from eventapp.core.translation import translated
from eventapp.events.models import Session
from eventapp.feedback.models import RATINGS, Audience, QuestionKind, Survey, SurveyQuestion
from eventapp.feedback.services import MAX_TEXT_ANSWER

AUDIENCE_LABELS = {
    Audience.CHECKED_IN: _l("Participants who were checked in"),
    Audience.CONFIRMED: _l("Everyone with a confirmed place"),
}
KIND_LABELS = {
    QuestionKind.RATING: _l("Rating from 1 to 5"),
    QuestionKind.SINGLE: _l("One choice among options"),
    QuestionKind.MULTIPLE: _l("Several choices among options"),
    QuestionKind.TEXT: _l("Free text"),
}


class SurveyForm(AppForm):
    """Who may answer, until when, and a few words above the questions."""

    audience = SelectField(_l("Who may answer"), choices=options(AUDIENCE_LABELS.items()))
    closes_at = local_datetime_field(
        _l("Closes"), required=True, description=_l("In the event's time zone.")
    )
    introduction = TextAreaField(_l("Introduction"), validators=[Optional(), Length(max=2000)])
    introduction_translation = translation_field(
        introduction, _l("Introduction in the other language"), 2000
    )


class QuestionForm(AppForm):
    """A new question of the survey."""

    kind = SelectField(_l("Kind of question"), choices=options(KIND_LABELS.items()))
    prompt = StringField(_l("Question"), validators=[DataRequired(), Length(max=500)])
    prompt_translation = translation_field(prompt, _l("Question in the other language"), 500)
    options_text = TextAreaField(
        _l("Options"),
        validators=[Optional(), Length(max=2000)],
        description=_l("For a choice: one option a line."),
    )
    options_text_translation = TextAreaField(
        _l("Options in the other language"),
        validators=[Optional(), Length(max=2000)],
        description=_l("The same lines, in the same order."),
    )
    session_id = IdSelectField(_l("About"))
    required = BooleanField(_l("An answer is required"))
    named = BooleanField(
        _l("Show who answered"),
        description=_l("Off: the organisers see the answers without names (the default)."),
    )

    def __init__(self, *args: Any, sessions: list[Session] = (), **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.session_id.choices = id_choices(
            sessions, lambda s: s.title, none_label=_l("The whole event")
        )


def field_name(question: SurveyQuestion) -> str:
    return f"q{question.id}"


def _answer_field(question: SurveyQuestion) -> Any:
    label = translated(question, "prompt")
    validators = [DataRequired()] if question.required else [Optional()]
    if question.kind == QuestionKind.RATING:
        choices = options((r, r) for r in RATINGS)
        return RadioField(label, choices=choices, validators=validators)
    if question.kind == QuestionKind.SINGLE:
        choices = options(enumerate(question.options()))
        return RadioField(label, choices=choices, validators=validators)
    if question.kind == QuestionKind.MULTIPLE:
        choices = options(enumerate(question.options()))
        return MultiCheckboxField(label, choices=choices, validators=validators)
    return TextAreaField(label, validators=[*validators, Length(max=MAX_TEXT_ANSWER)])


def answer_form(survey: Survey, **kw: Any) -> AppForm:
    """The participant's form: one field per question, named ``q<id>``."""

    class AnswerForm(AppForm):
        pass

    for question in survey.questions:
        setattr(AnswerForm, field_name(question), _answer_field(question))
    return AnswerForm(**kw)
