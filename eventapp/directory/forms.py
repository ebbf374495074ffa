"""Forms of the collaboration directory: editing, ending, and the public list's filters."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    DateField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from eventapp.core.forms import (
    AppForm,
    PlainForm,
    texts_language_field,
    texts_values,
    translation_data,
    translation_field,
    web_address_field,
)
from eventapp.core.slugs import slug_from
from eventapp.core.types import CollaborationKind, CollaborationStatus
from eventapp.directory.collaboration_services import (
    CollaborationData,
    duplicate_party_error,
    period_error,
)
from eventapp.directory.labels import COLLABORATION_KINDS, COLLABORATION_STATUSES
from eventapp.directory.models import Collaboration, Organisation, Person
from eventapp.directory.queries import STATUS_FILTERS, CollaborationFilter
from eventapp.extensions import db

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def options(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def optional_id(value: Any) -> int | None:
    """A submitted id: "" means none; anything but digits is refused by the field."""
    if value is None or value == "" or isinstance(value, int):
        return value or None
    text = str(value).strip()
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def party_id(value: Any) -> int:
    """A submitted party id (digits only)."""
    parsed = optional_id(value)
    if parsed is None:
        raise ValueError(value)
    return parsed


class CollaborationForm(AppForm):
    """Create or edit a forum or agreement."""

    original_language = texts_language_field()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=250)])
    name_translation = translation_field(name, _l("Name, translated"), 250)
    slug = StringField(
        _l("Address (slug)"),
        validators=[
            Optional(),
            Length(max=120),
            Regexp(SLUG_PATTERN, message=_l("Use lower-case letters, digits and single hyphens.")),
        ],
        description=_l("Leave empty to make one from the name."),
    )
    kind = SelectField(_l("Kind"), choices=options(COLLABORATION_KINDS.items()))
    purpose = TextAreaField(_l("Purpose"), validators=[Length(max=5000)])
    purpose_translation = translation_field(purpose, _l("Purpose, translated"), 5000)
    parties = SelectMultipleField(
        _l("Parties"),
        coerce=party_id,
        validate_choice=False,
        invalid_value_message=_l("Choose the parties from the list."),
        description=_l("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    responsible_unit = SelectField(
        _l("Responsible unit"),
        coerce=optional_id,
        validate_choice=False,
        invalid_value_message=_l("Unknown unit: choose one from the list."),
    )
    contact_person = SelectField(
        _l("Contact person"),
        coerce=optional_id,
        validate_choice=False,
        invalid_value_message=_l("Unknown person: choose one from the list."),
    )
    contact_role = StringField(_l("Contact person's role"), validators=[Length(max=200)])
    contact_role_translation = translation_field(contact_role, _l("Role, translated"), 200)
    valid_from = DateField(_l("Valid from"), validators=[Optional()])
    valid_until = DateField(
        _l("Valid until"),
        validators=[Optional()],
        description=_l("Leave empty for “until further notice”."),
    )
    website = web_address_field(_l("Website"))
    status = SelectField(_l("Status"), choices=options(COLLABORATION_STATUSES.items()))
    end_note = TextAreaField(_l("Note on the ending"), validators=[Length(max=5000)])
    end_note_translation = translation_field(end_note, _l("Note on the ending, translated"), 5000)

    def __init__(self, *args: Any, current: Collaboration | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = current
        organisations = db.session.execute(
            select(Organisation.id, Organisation.name, Organisation.short_name).order_by(
                Organisation.name
            )
        ).all()
        people = db.session.execute(select(Person.id, Person.name).order_by(Person.name)).all()
        self.organisation_names = {o.id: o.name for o in organisations}
        self.person_names = {p.id: p.name for p in people}
        org_choices = [
            (o.id, f"{o.name} ({o.short_name})" if o.short_name else o.name) for o in organisations
        ]
        self.parties.choices = options(org_choices)
        self.responsible_unit.choices = options([("", _l("— none —")), *org_choices])
        self.contact_person.choices = options(
            [("", _l("— none —")), *[(p.id, p.name) for p in people]]
        )

    @classmethod
    def for_collaboration(cls, collaboration: Collaboration, **kwargs: Any) -> CollaborationForm:
        """The form filled in with ``collaboration``'s facts (or the submitted ones)."""
        form = cls(obj=collaboration, current=collaboration, **kwargs)
        if not form.is_submitted():
            form.kind.data = collaboration.kind.value
            form.status.data = collaboration.status.value
            form.parties.data = [p.id for p in collaboration.parties]
            form.responsible_unit.data = collaboration.responsible_unit_id
            form.contact_person.data = collaboration.contact_person_id
            for name, text in translation_data(collaboration, Collaboration.TRANSLATED).items():
                form[name].data = text
        return form

    def validate_parties(self, field: SelectMultipleField) -> None:
        message = duplicate_party_error(field.data or [], self.organisation_names)
        if message:
            raise ValidationError(message)
        unknown = [i for i in field.data or [] if i not in self.organisation_names]
        if unknown:
            raise ValidationError(_l("Unknown organisation: %(id)s.", id=unknown[0]))

    def validate_responsible_unit(self, field: SelectField) -> None:
        if field.data is not None and field.data not in self.organisation_names:
            raise ValidationError(
                _l("Unknown unit: there is no organisation %(id)s.", id=field.data)
            )

    def validate_contact_person(self, field: SelectField) -> None:
        if field.data is not None and field.data not in self.person_names:
            raise ValidationError(
                _l("Unknown person: there is nobody with id %(id)s.", id=field.data)
            )

    def validate_valid_until(self, field: DateField) -> None:
        message = period_error(self.valid_from.data, field.data)
        if message:
            raise ValidationError(message)

    def validate_slug(self, field: StringField) -> None:
        slug = field.data or slug_from(self.name.data or "", max_length=120)
        taken = db.session.scalar(select(Collaboration.id).where(Collaboration.slug == slug))
        if taken is not None and (self.current is None or taken != self.current.id):
            raise ValidationError(_l("Another forum or agreement has this address."))

    def to_data(self) -> CollaborationData:
        """The validated input as the service takes it."""
        return CollaborationData(
            name=self.name.data.strip(),
            slug=self.slug.data or slug_from(self.name.data, max_length=120),
            kind=CollaborationKind(self.kind.data),
            party_ids=list(self.parties.data or []),
            purpose=(self.purpose.data or "").strip(),
            responsible_unit_id=self.responsible_unit.data,
            contact_person_id=self.contact_person.data,
            contact_role=(self.contact_role.data or "").strip(),
            valid_from=self.valid_from.data,
            valid_until=self.valid_until.data,
            website=(self.website.data or "").strip(),
            status=CollaborationStatus(self.status.data),
            end_note=(self.end_note.data or "").strip(),
            **texts_values(self, Collaboration.TRANSLATED),
        )


class EndCollaborationForm(AppForm):
    """End a forum or agreement, saying why."""

    ended_on = DateField(_l("Ended on"), validators=[DataRequired()], default=date.today)
    end_note = TextAreaField(
        _l("Note on the ending"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l("For example: terminated ahead of 2025; continued as a pilot with …"),
    )


class CollaborationFilterForm(PlainForm):
    """The filters of ``/collaborations/`` (GET, no CSRF: nothing changes)."""

    party = SelectField(_l("Party"), default="")
    kind = SelectField(
        _l("Kind"),
        default="",
        choices=options([("", _l("Any kind")), *COLLABORATION_KINDS.items()]),
    )
    unit = SelectField(_l("Responsible unit"), default="")
    status = SelectField(
        _l("Status"),
        default="",
        choices=options(
            [
                ("", _l("Any status")),
                ("active", _l("Active")),
                ("ended", _l("Ended")),
                ("expiring", _l("Expiring within 6 months")),
            ]
        ),
    )

    def __init__(
        self, formdata: Any, parties: list[Organisation], units: list[Organisation]
    ) -> None:
        super().__init__(formdata)
        self.party_ids = {o.slug: o.id for o in parties}
        self.unit_ids = {o.slug: o.id for o in units}
        self.party.choices = options([("", _l("Any party")), *[(o.slug, o.name) for o in parties]])
        self.unit.choices = options([("", _l("Any unit")), *[(o.slug, o.name) for o in units]])

    def to_filter(self) -> CollaborationFilter:
        """The filters that are valid; an unknown value filters nothing (see ``errors``)."""
        self.validate()
        kind = self.kind.data if not self.kind.errors else ""
        status = self.status.data if not self.status.errors else ""
        return CollaborationFilter(
            party_id=None if self.party.errors else self.party_ids.get(self.party.data or ""),
            kind=CollaborationKind(kind) if kind else None,
            unit_id=None if self.unit.errors else self.unit_ids.get(self.unit.data or ""),
            status=status if status in STATUS_FILTERS else None,
        )
