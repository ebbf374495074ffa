"""The organiser's forms (a question, a session group) and the answer fields that the event's
questions add to the registration form and to the participant's details form."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    Field,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, StopValidation

from eventapp.core.forms import AppForm, MultiCheckboxField, translation_field
from eventapp.core.forms import options as select_options
from eventapp.core.translation import marked
from eventapp.events.models import Session
from eventapp.regforms.labels import KIND_LABELS
from eventapp.regforms.models import CHOICE_KINDS, Question, QuestionKind
from eventapp.regforms.services import (
    LONG_ANSWER_MAX,
    NO,
    SHORT_ANSWER_MAX,
    YES,
    AnswerValue,
    InvalidAnswer,
    parse_number,
)
from eventapp.registration.labels import CATEGORY_LABELS

OPTIONS_HINT = _l("One a line.")


class QuestionForm(AppForm):
    """A question of the registration form."""

    label = StringField(_l("Question"), validators=[DataRequired(), Length(max=300)])
    label_translation = translation_field(label, _l("Question in the other language"), 300)
    help_text = StringField(_l("Hint below the question"), validators=[Optional(), Length(max=500)])
    help_text_translation = translation_field(help_text, _l("Hint in the other language"), 500)
    kind = SelectField(_l("Kind of answer"), choices=select_options(KIND_LABELS.items()))
    options = TextAreaField(
        _l("Options (choice questions)"),
        validators=[Optional(), Length(max=10_000)],
        description=OPTIONS_HINT,
        render_kw={"rows": 4},
    )
    options_translation = TextAreaField(
        _l("Options in the other language"),
        validators=[Optional(), Length(max=10_000)],
        description=_l("The same lines, in the same order."),
        render_kw={"rows": 4},
    )
    required = BooleanField(_l("An answer is required"))
    categories = MultiCheckboxField(
        _l("Asked of"),
        choices=select_options(CATEGORY_LABELS.items()),
        validators=[Optional()],
        description=_l("None ticked: everyone is asked."),
    )

    def option_lines(self) -> list[tuple[str, str]]:
        names = [n.strip() for n in (self.options.data or "").splitlines() if n.strip()]
        other = [n.strip() for n in (self.options_translation.data or "").splitlines() if n.strip()]
        other = other if len(other) == len(names) else [""] * len(names)
        return list(zip(names, other, strict=True))

    def validate_options(self, field: TextAreaField) -> None:
        lines = self.option_lines()
        if self.kind.data in CHOICE_KINDS and not lines:
            raise ValidationError(_l("A choice question needs at least one option."))
        if any(len(name) > 200 for name, _ in lines):
            raise ValidationError(_l("Keep each option under 200 characters."))
        if len(lines) > 50:
            raise ValidationError(_l("Offer at most 50 options."))


class SessionGroupForm(AppForm):
    """Sessions of which a participant may choose only some (parallel workshops)."""

    name = StringField(
        _l("Name of the group"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("For example “Afternoon workshops”."),
    )
    name_translation = translation_field(name, _l("Name in the other language"), 200)
    max_choices = IntegerField(
        _l("A participant may choose at most"),
        validators=[DataRequired(), NumberRange(min=1, max=50)],
        default=1,
    )
    sessions = MultiCheckboxField(_l("Sessions in the group"), coerce=int)

    def __init__(self, *args: Any, sessions: list[Session], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sessions.choices = [SelectChoice(s.id, s.text("title")) for s in sessions]

    def validate_sessions(self, field: MultiCheckboxField) -> None:
        if len(set(field.data or [])) < 2:
            raise ValidationError(_l("A group needs at least two sessions."))


# ------------------------------------------------------------- answer fields of a form


def field_name(question: Question) -> str:
    return f"q_{question.id}"


class _AnswerCheck:
    """Checks a field's answer with the service's own rule, so the form and the service
    never disagree; "required" only when the question is asked of the chosen category."""

    def __init__(self, question: Question, category_field: str | None) -> None:
        self.question, self.category_field = question, category_field
        self.field_flags = {"required": True} if question.required else {}

    def __call__(self, form: Any, field: Field) -> None:
        category = form[self.category_field].data if self.category_field else None
        if category is not None and not self.question.asked_of(category):
            raise StopValidation()  # not asked of this category: its answer is dropped
        value = answer_value(self.question, field)
        if value in ("", []) or value is None:
            if self.question.required:
                raise ValidationError(_l("Please answer this question."))
            return
        if self.question.kind == QuestionKind.NUMBER:
            try:
                parse_number(value)
            except InvalidAnswer as error:
                raise ValidationError(error.message) from None


def _unbound(question: Question, check: _AnswerCheck) -> Any:
    # Marked: a text shown in its original language says so (``lang="en"``) to screen readers.
    label = marked(question.text("label"))
    hint = question.text("help_text")
    kw: dict[str, Any] = {"description": marked(hint) if hint else "", "validators": [check]}
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        kw["validators"].append(Length(max=SHORT_ANSWER_MAX))
        return StringField(label, **kw)
    if kind == QuestionKind.LONG_TEXT:
        kw["validators"].append(Length(max=LONG_ANSWER_MAX))
        return TextAreaField(label, render_kw={"rows": 3}, **kw)
    if kind == QuestionKind.NUMBER:
        kw["validators"].append(Length(max=40))
        return StringField(label, render_kw={"inputmode": "decimal"}, **kw)
    if kind == QuestionKind.YES_NO:
        choices = [SelectChoice(YES, _l("Yes")), SelectChoice(NO, _l("No"))]
        return RadioField(label, choices=choices, validate_choice=True, **kw)
    choices = [SelectChoice(o.id, marked(o.text("label"))) for o in question.options]
    if kind == QuestionKind.SINGLE_CHOICE:
        return RadioField(label, choices=choices, coerce=_option_id, validate_choice=True, **kw)
    return MultiCheckboxField(label, choices=choices, coerce=_option_id, **kw)


def _option_id(value: Any) -> int:
    """An option id from the form; junk becomes -1, which no option has."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def with_questions(form_class: type, questions: list[Question], category_field: str | None):
    """``form_class`` with a field per question (``q_<id>``), in the questions' order.

    An unanswered optional radio question is valid (WTForms would call "nothing chosen" not a
    valid choice): ``OptionalRadioField`` lets None through and still refuses a forged option."""
    fields = {}
    for question in questions:
        check = _AnswerCheck(question, category_field)
        unbound = _unbound(question, check)
        if unbound.field_class is RadioField:
            unbound.field_class = OptionalRadioField
        fields[field_name(question)] = unbound
    return type(form_class.__name__, (form_class,), fields)


class OptionalRadioField(RadioField):
    """Radio buttons that may be left all unticked; a value sent must still be offered."""

    def pre_validate(self, form: Any) -> None:
        if self.data is None or self.raw_data in ([], [""]):
            return
        super().pre_validate(form)


def answer_value(question: Question, field: Field) -> AnswerValue:
    """A field's data as the service takes an answer."""
    data = field.data
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return [int(i) for i in data or []]
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return [] if data in (None, "", -1) and not field.raw_data else [data]
    return (data or "").strip() if isinstance(data, str) else ""


def answers_of(form: Any, questions: list[Question]) -> dict[int, AnswerValue]:
    """The answers a validated form gives, by question id."""
    return {q.id: answer_value(q, form[field_name(q)]) for q in questions if field_name(q) in form}


def answer_data(questions: list[Question], given: dict[int, AnswerValue]) -> dict[str, Any]:
    """A form's initial data from stored answers."""
    data: dict[str, Any] = {}
    for question in questions:
        value = given.get(question.id)
        if value is None:
            continue
        if question.kind == QuestionKind.SINGLE_CHOICE:
            data[field_name(question)] = value[0] if value else None
        else:
            data[field_name(question)] = value
    return data
