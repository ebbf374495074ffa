"""Forms of the badge and check-in pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from eventapp.badges.layouts import LAYOUTS
from eventapp.badges.services import SORTS
from eventapp.core.forms import AppForm
from eventapp.core.params import parse_id
from eventapp.registration.labels import CATEGORY_LABELS


class BadgeForm(AppForm):
    """Which badges to print, on which sheet, in which order."""

    layout = RadioField(
        _l("Layout"),
        choices=[SelectChoice(layout.key, layout.label) for layout in LAYOUTS.values()],
        default="a6x4",
        validators=[InputRequired()],
    )
    category = SelectField(
        _l("Category"),
        choices=[SelectChoice("", _l("All categories"))]
        + [SelectChoice(category.value, label) for category, label in CATEGORY_LABELS.items()],
        default="",
        validators=[Optional()],
    )
    only_unprinted = BooleanField(_l("Only badges not printed yet"))
    registration = SelectField(
        _l("One person only"),
        choices=[SelectChoice("", _l("Everyone selected above"))],
        default="",
        validators=[Optional()],
    )
    sort = SelectField(
        _l("Order"),
        choices=[SelectChoice(key, label) for key, label in SORTS.items()],
        default="last_name",
        validators=[InputRequired()],
        render_kw={"required": False},  # a required <select> must start with an empty option
    )
    mark_printed = BooleanField(
        _l("Mark these badges as printed"),
        default=True,
        description=_l("Later you can print only the badges that were not printed yet."),
    )

    def __init__(self, *args: object, registration_choices=(), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.registration.choices = [
            SelectChoice("", _l("Everyone selected above")),
            *(SelectChoice(value, label) for value, label in registration_choices),
        ]


class ReissueCodeForm(AppForm):
    """Give one registration a new check-in code (a lost or shared badge)."""

    # Its own id: the badge form on the same page has a "registration" field too.
    registration = SelectField(
        _l("Registration"), validators=[DataRequired()], id="reissue-registration"
    )
    confirm = BooleanField(
        _l("The old badge stops working; print the new one."), validators=[DataRequired()]
    )

    def __init__(self, *args: object, registration_choices=(), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.registration.choices = [
            SelectChoice("", "—"),  # an empty <option> needs some text to be valid HTML
            *(SelectChoice(value, label) for value, label in registration_choices),
        ]


class CheckinForm(AppForm):
    """The scanner input: a USB or Bluetooth scanner types the code and Enter."""

    code = StringField(
        _l("Badge code"),
        validators=[InputRequired(), Length(max=500)],
        render_kw={"autofocus": True, "autocomplete": "off", "autocapitalize": "off"},
    )


class CheckinByIdForm(AppForm):
    """Check in (or undo) a registration chosen from the name search."""

    registration_id = HiddenField(validators=[InputRequired()])

    def validate_registration_id(self, field: HiddenField) -> None:
        if parse_id(field.data) is None:
            raise ValidationError(_l("No such registration."))


class SearchForm(AppForm):
    """Find a participant by name when a badge is missing."""

    class Meta:
        csrf = False

    q = StringField(_l("Search by name"), validators=[Optional(), Length(max=100)])


class ApiTokenForm(AppForm):
    """Create a token for a scanner app."""

    name = StringField(
        _l("Name of the scanner or app"),
        validators=[DataRequired(), Length(max=120)],
        description=_l("The token is shown once; it acts with your rights until you revoke it."),
    )


class ConfirmForm(AppForm):
    """A button with CSRF protection and nothing else."""
