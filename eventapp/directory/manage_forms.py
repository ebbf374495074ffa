"""Back-office forms of the shared directory: organisations, people, venues and rooms."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from eventapp.core.forms import (
    AppForm,
    IdSelectField,
    id_choices,
    options,
    slug_field,
    texts_language_field,
    texts_values,
    translation_field,
    valid_email,
    web_address_field,
)
from eventapp.core.types import OrganisationKind
from eventapp.directory.labels import ORGANISATION_KIND_SINGULAR
from eventapp.directory.models import Organisation, Person
from eventapp.events.models import Venue
from eventapp.extensions import db


def organisation_choices(none_label: Any = None, exclude: int | None = None):
    rows = db.session.execute(select(Organisation).order_by(Organisation.name)).scalars()
    return id_choices([o for o in rows if o.id != exclude], lambda o: o.display_name, none_label)


class OrganisationForm(AppForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    short_name = StringField(_l("Short name"), validators=[Length(max=40)])
    slug = slug_field()
    kind = SelectField(
        _l("Kind"),
        choices=options((k.value, ORGANISATION_KIND_SINGULAR[k]) for k in OrganisationKind),
    )
    parent_id = IdSelectField(_l("Part of"))
    website = web_address_field(_l("Website"))
    original_language = texts_language_field()
    description = TextAreaField(_l("Description"), validators=[Length(max=20000)])
    description_translation = translation_field(description, _l("Description, translated"), 20000)
    logo = FileField(_l("Logo"), description=_l("JPEG, PNG, WebP or GIF."))

    def __init__(self, *args: Any, organisation_id: int | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.parent_id.choices = organisation_choices(_l("(none)"), exclude=organisation_id)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.data.strip(),
            "short_name": (self.short_name.data or "").strip(),
            "slug": (self.slug.data or "").strip(),
            "kind": OrganisationKind(self.kind.data),
            "parent_id": self.parent_id.data or None,
            "website": self.website.data or "",
            "description": self.description.data or "",
            **texts_values(self, Organisation.TRANSLATED),
        }


class PersonForm(AppForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    title = StringField(_l("Title"), validators=[Length(max=80)], description=_l("Prof., Dr…"))
    slug = slug_field()
    affiliation_id = IdSelectField(_l("Affiliation"))
    affiliation_text = StringField(_l("…or affiliation as text"), validators=[Length(max=200)])
    original_language = texts_language_field()
    role_text = StringField(_l("Role"), validators=[Length(max=200)])
    role_text_translation = translation_field(role_text, _l("Role, translated"), 200)
    email = StringField(_l("E-mail"), validators=[Optional(), valid_email(), Length(max=254)])
    bio = TextAreaField(_l("Biography"), validators=[Length(max=20000)])
    bio_translation = translation_field(bio, _l("Biography, translated"), 20000)
    photo = FileField(_l("Photo"), description=_l("JPEG, PNG, WebP or GIF."))

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.affiliation_id.choices = organisation_choices(_l("(none)"))

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.data.strip(),
            "title": (self.title.data or "").strip(),
            "slug": (self.slug.data or "").strip(),
            "affiliation_id": self.affiliation_id.data or None,
            "affiliation_text": (self.affiliation_text.data or "").strip(),
            "role_text": (self.role_text.data or "").strip(),
            "email": (self.email.data or "").strip().lower() or None,
            "bio": self.bio.data or "",
            **texts_values(self, Person.TRANSLATED),
        }


class VenueForm(AppForm):
    original_language = texts_language_field()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    name_translation = translation_field(name, _l("Name, translated"), 200)
    slug = slug_field()
    address = StringField(_l("Street address"), validators=[Length(max=300)])
    campus = StringField(_l("Campus"), validators=[Length(max=200)])
    city = StringField(_l("City"), validators=[Length(max=120)])
    website = web_address_field(_l("Website"))

    def values(self) -> dict[str, Any]:
        return {
            **{
                name: (getattr(self, name).data or "").strip()
                for name in ("name", "slug", "address", "campus", "city", "website")
            },
            **texts_values(self, Venue.TRANSLATED),
        }


class RoomForm(AppForm):
    name = StringField(_l("Room"), validators=[DataRequired(), Length(max=120)])
    capacity = IntegerField(
        _l("Capacity"), validators=[Optional(), NumberRange(min=0, max=1_000_000)]
    )
