"""The organiser's forms: a message (versions, audience, preview, test, send) and reminders."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, ValidationError

from eventapp.core.forms import AppForm, IdSelectField, MultiCheckboxField, id_choices, options
from eventapp.core.types import ACTIVE_REGISTRATION_STATUSES
from eventapp.messages.services import PLACEHOLDERS, Audience, placeholder_problems
from eventapp.registration.labels import CATEGORY_LABELS, STATUS_LABELS

HINT = _l("Markdown: blank lines between paragraphs, [text](https://…) for links, - for lists.")
PLACEHOLDER_HINT = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)


def _check_placeholders(_form: Any, field: Any) -> None:
    problems = placeholder_problems(field.data or "")
    if problems:
        raise ValidationError(problems[0])


def _subject(label: Any) -> StringField:
    return StringField(label, validators=[Length(max=200), _check_placeholders])


def _body(label: Any) -> TextAreaField:
    return TextAreaField(
        label, description=HINT, validators=[Length(max=20000), _check_placeholders]
    )


class MessageForm(AppForm):
    """A message in English and/or Swedish to the registrants the filters choose."""

    statuses = MultiCheckboxField(
        _l("Registrations"),
        choices=options((s.value, STATUS_LABELS[s]) for s in ACTIVE_REGISTRATION_STATUSES),
        default=["confirmed"],
    )
    categories = MultiCheckboxField(
        _l("Categories (none ticked: all)"),
        choices=options((c.value, label) for c, label in CATEGORY_LABELS.items()),
        default=[],
    )
    session_id = IdSelectField(_l("Who chose the session"))
    checked_in = SelectField(
        _l("Checked in"),
        choices=options(
            [
                ("any", _l("Checked in or not")),
                ("yes", _l("Checked in")),
                ("no", _l("Not checked in")),
            ]
        ),
        default="any",
    )
    subject_en = _subject(_l("Subject (English)"))
    body_en = _body(_l("Message (English)"))
    subject_sv = _subject(_l("Subject (Swedish)"))
    body_sv = _body(_l("Message (Swedish)"))
    preview_as = IdSelectField(_l("Preview as"))
    preview = SubmitField(_l("Preview"))
    test = SubmitField(_l("Send a test to me"))
    send = SubmitField(_l("Send to the recipients"))

    def __init__(self, *args: Any, sessions=(), registrations=(), **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.session_id.choices = id_choices(sessions, lambda s: s.title, _l("Any session"))
        self.preview_as.choices = id_choices(
            registrations, lambda r: f"{r.name} <{r.email}>", _l("The first recipient")
        )

    def audience(self) -> Audience:
        return Audience(
            tuple(self.statuses.data or ()),
            tuple(self.categories.data or ()),
            self.session_id.data or None,
            self.checked_in.data or "any",
        )

    def versions_input(self) -> list[tuple[str, str, str]]:
        return [
            ("en", self.subject_en.data or "", self.body_en.data or ""),
            ("sv", self.subject_sv.data or "", self.body_sv.data or ""),
        ]

    def validate_statuses(self, field: Any) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one kind of registration."))


class ReminderForm(AppForm):
    """The event's automatic reminders, each on or off."""

    remind_two_days = BooleanField(_l("Two days before, at 09:00"))
    remind_morning = BooleanField(_l("On the morning of the event, at 07:00"))
