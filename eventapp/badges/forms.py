"""Forms of the badge and check-in pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from eventapp.badges.layouts import LAYOUTS
from eventapp.badges.services import SORTS
from eventapp.badges.tokens import MAX_LIFETIME
from eventapp.core.db import utcnow
from eventapp.core.forms import AppForm, check_year, local_datetime_field, to_aware
from eventapp.core.params import parse_id
from eventapp.events.models import Event
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
        # No DataRequired: an Enter with nothing scanned gets the door's neutral "Scan a badge"
        # answer (checkin_services.EMPTY_CODE), not a form error above a red verdict.
        validators=[Length(max=500)],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
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
    """Create a token for a scanner app at this event's door, until a chosen end."""

    name = StringField(
        _l("Name of the scanner or app"),
        validators=[DataRequired(), Length(max=120)],
        description=_l(
            "The token is shown once; it checks people in at this event only, with your rights,"
            " until its end or until you revoke it."
        ),
    )
    until = local_datetime_field(
        _l("Valid until"),
        description=_l(
            "In the event's time zone. Empty: half a day after the event ends (a day at least)."
        ),
    )

    def __init__(self, *args: Any, event: Event, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.event = event

    def validate_until(self, field: Any) -> None:
        check_year(field)
        end = self.expires_at()
        if end is not None and not utcnow() < end <= utcnow() + MAX_LIFETIME:
            raise ValidationError(_l("Choose an end in the coming year."))

    def expires_at(self) -> datetime | None:
        """The chosen end as an aware time (None: the default end)."""
        return to_aware(self.until.data, self.event.timezone)


class ConfirmForm(AppForm):
    """A button with CSRF protection and nothing else."""
