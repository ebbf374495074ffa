"""The grid's forms: a move (or resize) of a session, a drop of a contribution, the public
grid's switch. The grid's script posts them as the browser would, CSRF token included."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField
from wtforms.validators import InputRequired, NumberRange, ValidationError

from eventapp.core.forms import AppForm, check_year, local_datetime_field
from eventapp.events.timetable_forms import MoveForm

MAX_ID = 2**31 - 1


def _id_field(label: Any) -> IntegerField:
    return IntegerField(label, validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)])


class GridMoveForm(MoveForm):
    """A session's new start, end and room (a move keeps the length, a resize keeps the start)."""

    session_id = _id_field(_l("Session"))
    ends_at = local_datetime_field(_l("Ends"), required=True)

    def validate_ends_at(self, field) -> None:
        check_year(field)
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must be after the start."))


class GridPlaceForm(MoveForm):
    """Where an accepted contribution is dropped."""

    submission_id = _id_field(_l("Contribution"))


class PublicGridForm(AppForm):
    shown = BooleanField(_l("Show the programme as a grid on the public event page"))
