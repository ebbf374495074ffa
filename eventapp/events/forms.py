"""The /events/ filter form: GET parameters, no CSRF (it changes nothing)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import SelectField
from wtforms.validators import ValidationError

from eventapp.core.forms import AppForm, PlainSelect, options
from eventapp.core.types import SessionKind
from eventapp.events.labels import SESSION_KINDS
from eventapp.events.queries import EventFilters


class EventFilterForm(AppForm):
    """Filter the event list by series, organisation and session kind."""

    class Meta:
        csrf = False

    series = SelectField(
        lazy_pgettext("one series", "Series"), validate_choice=False, widget=PlainSelect()
    )
    organisation = SelectField(_l("Organisation"), validate_choice=False, widget=PlainSelect())
    kind = SelectField(_l("Programme includes"), validate_choice=False, widget=PlainSelect())

    def __init__(
        self,
        *args: object,
        series: list[tuple[str, str]],
        organisations: list[tuple[str, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.series.choices = options([("", _l("All series")), *series])
        self.organisation.choices = options([("", _l("All organisations")), *organisations])
        self.kind.choices = options(
            [("", _l("Any kind of session"))]
            + [(kind.value, str(label)) for kind, label in SESSION_KINDS.items()]  # once a page
        )

    @staticmethod
    def _known(field: SelectField, message: str) -> None:
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(str(message))

    def validate_series(self, field: SelectField) -> None:
        self._known(field, _l("There is no such series; showing all series."))

    def validate_organisation(self, field: SelectField) -> None:
        self._known(field, _l("There is no such organisation; showing all organisations."))

    def validate_kind(self, field: SelectField) -> None:
        self._known(field, _l("There is no such kind of session; showing every kind."))

    def filters(self) -> EventFilters:
        """The filters that passed validation; a bad value is dropped, never an error page."""
        self.validate()

        def ok(field: SelectField) -> str | None:
            return field.data or None if not field.errors else None

        kind = ok(self.kind)
        return EventFilters(
            series=ok(self.series),
            organisation=ok(self.organisation),
            kind=SessionKind(kind) if kind else None,
        )
