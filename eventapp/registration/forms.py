"""Registration forms: the public form, session changes, and the organiser's tools."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from eventapp.core.forms import AppForm, valid_email
from eventapp.core.types import RegistrationCategory
from eventapp.events.models import Event, Session
from eventapp.registration.labels import CATEGORY_LABELS


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (rendered as a fieldset by the form macros)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def category_choices(event: Event) -> list[SelectChoice]:
    offered = event.registration_categories or [RegistrationCategory.PARTICIPANT.value]
    return [SelectChoice(c, str(CATEGORY_LABELS[c])) for c in offered if c in CATEGORY_LABELS]


def session_choices(sessions: list[Session]) -> list[SelectChoice]:
    return [SelectChoice(s.id, s.title) for s in sessions]


class RegistrationForm(AppForm):
    """The public registration form, shaped by what the event asks."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = StringField(
        _l("E-mail"),
        validators=[
            DataRequired(),
            Length(max=254),
            valid_email(),
        ],
        render_kw={"type": "email", "autocomplete": "email"},
    )
    affiliation = StringField(
        _l("Affiliation"),
        validators=[Optional(), Length(max=200)],
        description=_l("Your university, hospital, company or organisation."),
        render_kw={"list": "known-organisations", "autocomplete": "organization"},
    )
    # No HTML ``required``: a required <select> must start with an empty placeholder option.
    category = SelectField(
        _l("I attend as"), validators=[DataRequired()], render_kw={"required": False}
    )
    sessions = MultiCheckboxField(_l("Sessions"), coerce=int, validators=[Optional()])
    dietary_needs = TextAreaField(
        _l("Dietary needs"), validators=[Optional(), Length(max=500)], render_kw={"rows": 2}
    )
    accessibility_needs = TextAreaField(
        _l("Accessibility needs"), validators=[Optional(), Length(max=500)], render_kw={"rows": 2}
    )
    consent = BooleanField(
        _l("I have read the privacy notice and agree that my data is used for this event."),
        validators=[DataRequired(_l("Registration needs your consent."))],
    )
    # Invisible to people (hidden by CSS); bots fill every field they find.
    website = StringField(
        _l("Leave this field empty"),
        render_kw={"tabindex": "-1", "autocomplete": "off"},
    )

    def __init__(self, *args, event: Event, sessions: list[Session], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices(event)
        self.sessions.choices = session_choices(sessions)
        if not sessions:
            del self.sessions
        if not event.ask_dietary:
            del self.dietary_needs
        if not event.ask_accessibility:
            del self.accessibility_needs

    def validate_website(self, field: StringField) -> None:
        if field.data:
            raise ValidationError(_l("This form looks automated; nothing was stored."))

    def validate_name(self, field: StringField) -> None:
        if field.data and not field.data.strip():
            raise ValidationError(_l("This field is required."))


class SessionChoiceForm(AppForm):
    """The participant changes their chosen sessions."""

    sessions = MultiCheckboxField(_l("Sessions"), coerce=int, validators=[Optional()])

    def __init__(self, *args, sessions: list[Session], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sessions.choices = session_choices(sessions)


class EraseForm(AppForm):
    """Erasing one's data: the CSRF token and a required box (it cannot be undone, and the
    erase button sits on the participant's page beside others)."""

    confirm = BooleanField(_l("Yes, I am sure"), validators=[DataRequired()])


class ActionForm(AppForm):
    """A bare POST with CSRF (organiser's row buttons)."""


class ManualRegistrationForm(AppForm):
    """The organiser adds a participant by hand."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = StringField(
        _l("E-mail"),
        validators=[
            DataRequired(),
            Length(max=254),
            valid_email(),
        ],
        render_kw={"type": "email"},
    )
    affiliation = StringField(_l("Affiliation"), validators=[Optional(), Length(max=200)])
    category = SelectField(_l("Category"), validators=[DataRequired()])

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = [
            SelectChoice(c, str(label)) for c, label in CATEGORY_LABELS.items()
        ]


class MessageForm(AppForm):
    """The organiser writes to all registrants."""

    recipients = SelectField(
        _l("To"),
        choices=[
            SelectChoice("active", _l("Everyone registered (confirmed, waiting list, pending)")),
            SelectChoice("confirmed", _l("Confirmed only")),
            SelectChoice("waitlisted", _l("Waiting list only")),
        ],
    )
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=10000)])
