"""Registration forms: the public form, session changes, and the organiser's tools."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from eventapp.core.forms import AppForm, PlainForm, valid_email
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


def check_not_blank(_form: AppForm, field: StringField) -> None:
    """Refuse a name of spaces only (DataRequired lets it through)."""
    if field.data and not field.data.strip():
        raise ValidationError(_l("This field is required."))


#: Colleagues one form may register besides the person filling it in.
MAX_COLLEAGUES = 9


class ColleagueForm(PlainForm):
    """A colleague registered from someone else's form: a row left empty is no one."""

    name = StringField(_l("Colleague's name"), validators=[Optional(), Length(max=200)])
    email = StringField(
        _l("Colleague's e-mail"),
        validators=[Optional(), Length(max=254), valid_email()],
        render_kw={"type": "email"},
    )
    affiliation = StringField(
        _l("Colleague's affiliation"),
        validators=[Optional(), Length(max=200)],
        render_kw={"list": "known-organisations"},
    )

    def is_empty(self) -> bool:
        return not any((f.data or "").strip() for f in (self.name, self.email, self.affiliation))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.is_empty() and not ((self.name.data or "").strip() and self.email.data):
            self.name.errors = [
                *self.name.errors,
                _l("Give the name and the e-mail address of each colleague."),
            ]
            return False
        return valid


class RegistrationForm(AppForm):
    """The public registration form, shaped by what the event asks."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), check_not_blank])
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
    # Labels given though never shown (each row has its own legend): without one WTForms makes
    # one up through gettext, which loads its own catalogue from disk once per request.
    colleagues = FieldList(
        FormField(ColleagueForm, label=""), label="", min_entries=1, max_entries=MAX_COLLEAGUES
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

    def validate_colleagues(self, field: FieldList) -> None:
        emails = [(self.email.data or "").strip().lower()]
        emails += [(row.email.data or "").strip().lower() for row in self.colleague_rows()]
        if len(set(emails)) != len(emails):
            raise ValidationError(_l("Each person needs an e-mail address of their own."))

    def colleague_rows(self) -> list[ColleagueForm]:
        """The colleague rows filled in, in order."""
        return [entry.form for entry in self.colleagues if not entry.form.is_empty()]


class SessionChoiceForm(AppForm):
    """The participant changes their chosen sessions."""

    sessions = MultiCheckboxField(_l("Sessions"), coerce=int, validators=[Optional()])

    def __init__(self, *args, sessions: list[Session], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sessions.choices = session_choices(sessions)


class DetailsForm(AppForm):
    """The participant corrects their name and affiliation (answer fields are added per event)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), check_not_blank])
    affiliation = StringField(
        _l("Affiliation"),
        validators=[Optional(), Length(max=200)],
        render_kw={"autocomplete": "organization"},
    )


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
