"""Event forms: every field of the model, times typed in the event's own zone."""

from __future__ import annotations

from typing import Any

from dateutil.rrule import rrulestr
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from eventapp.auth.models import User
from eventapp.core.forms import (
    AppForm,
    IdSelectField,
    MultiCheckboxField,
    PlainForm,
    check_year,
    id_choices,
    id_or_none,
    local_datetime_field,
    options,
    slug_field,
    slug_validator,
    texts_language_field,
    texts_values,
    to_aware,
    to_local,
    translation_data,
    translation_field,
    translation_values,
    web_address_field,
)
from eventapp.core.params import parse_id
from eventapp.core.timefmt import is_valid_timezone
from eventapp.core.translation import LANGUAGE_CHOICES, other_language
from eventapp.core.types import OrganiserRole
from eventapp.directory.manage_forms import organisation_choices
from eventapp.directory.models import Collaboration, Organisation, Person
from eventapp.events.labels import ORGANISER_ROLES
from eventapp.events.models import Event, EventSeries, Venue
from eventapp.events.services import (
    UPDATED,
    EventData,
    manageable_series,
    organiser_problem,
    slug_taken,
)
from eventapp.extensions import db
from eventapp.manage import audit
from eventapp.registration.labels import CATEGORY_LABELS

ROLE_LABELS = ORGANISER_ROLES
EXTRA_ORGANISER_ROWS = 2


class OrganiserRowForm(PlainForm):
    organisation = IdSelectField(_l("Organisation"))
    role = SelectField(
        _l("Role"),
        choices=options(ROLE_LABELS.items()),
        default="host",
    )


class EventForm(AppForm):
    seen_edit = HiddenField()  # the newest edit when the form was opened (EventData.seen_edit)
    consequences_seen = HiddenField()  # events/consequences.py: what saving does, as read
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    slug = StringField(
        _l("Web address"),
        validators=[Optional(), Length(max=120), slug_validator],
        description=_l("The end of /events/…/; made from the title when left empty."),
    )
    summary = TextAreaField(_l("Summary"), validators=[Length(max=500)])
    description = TextAreaField(_l("Description"), validators=[Length(max=50000)])
    language = SelectField(_l("Language"), choices=options(LANGUAGE_CHOICES), default="en")
    timezone = StringField(
        _l("Time zone"),
        default="Europe/Stockholm",
        validators=[DataRequired(), Length(max=64)],
        description=_l("An IANA zone such as Europe/Stockholm; the times below are in it."),
    )
    starts_at = local_datetime_field(_l("Starts"), required=True)
    ends_at = local_datetime_field(_l("Ends"), required=True)
    series_id = IdSelectField(lazy_pgettext("one series", "Series"))
    venue_id = IdSelectField(_l("Venue"))
    contact_person_id = IdSelectField(_l("Contact person"))
    collaboration_id = IdSelectField(_l("Collaboration"))
    website = web_address_field(_l("Website"))
    organisers = FieldList(
        FormField(OrganiserRowForm), label=_l("Organisers"), min_entries=1, max_entries=30
    )
    registration_enabled = BooleanField(_l("Registration on this site"), default=True)
    registration_opens_at = local_datetime_field(_l("Registration opens"))
    registration_closes_at = local_datetime_field(_l("Registration closes"))
    capacity = IntegerField(
        _l("Capacity"),
        validators=[Optional(), NumberRange(min=0, max=1_000_000)],
        description=_l("Empty: no limit."),
    )
    waitlist_enabled = BooleanField(_l("Waiting list when full"), default=True)
    moderation_enabled = BooleanField(_l("Organisers approve each registration"))
    confirm_email = BooleanField(
        _l("Hold a place only until the e-mail address is confirmed"),
        default=True,
        description=_l(
            "Each new registration must be confirmed through the link in its e-mail, or its place "
            "goes to the next person: made-up addresses cannot fill the event."
        ),
    )
    registration_categories = MultiCheckboxField(
        _l("Categories offered"),
        choices=options(CATEGORY_LABELS.items()),
        default=["participant"],
    )
    ask_dietary = BooleanField(_l("Ask for dietary needs"), default=True)
    ask_accessibility = BooleanField(_l("Ask for accessibility needs"), default=True)
    privacy_text = TextAreaField(_l("Privacy notice"), validators=[Length(max=20000)])
    title_translation = translation_field(title, _l("Title, translated"), 200)
    summary_translation = translation_field(summary, _l("Summary, translated"), 500)
    description_translation = translation_field(description, _l("Description, translated"), 50000)
    privacy_text_translation = translation_field(
        privacy_text, _l("Privacy notice, translated"), 20000
    )
    retention_days = IntegerField(
        _l("Keep registrations for (days after the event)"),
        default=180,
        validators=[DataRequired(message=_l("Give a number of days.")), NumberRange(0, 36500)],
    )

    def __init__(self, *args: Any, user: User, event: Event | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.user, self.event = user, event
        if not self.is_submitted():
            for _extra in range(EXTRA_ORGANISER_ROWS):
                self.organisers.append_entry()
        orgs = id_choices(
            db.session.execute(select(Organisation).order_by(Organisation.name)).scalars(),
            lambda o: o.display_name,
            "—",
        )
        for row in self.organisers:
            row.form.organisation.choices = orgs
        series = manageable_series(user)
        if event is not None and event.series is not None and event.series not in series:
            series = [*series, event.series]
        self.series_id.choices = id_choices(series, lambda s: s.name, _l("(none)"))
        self.venue_id.choices = id_choices(
            db.session.execute(select(Venue).order_by(Venue.name)).scalars(),
            lambda v: v.name,
            _l("(none)"),
        )
        self.contact_person_id.choices = id_choices(
            db.session.execute(select(Person).order_by(Person.name)).scalars(),
            lambda p: p.name,
            _l("(none)"),
        )
        self.collaboration_id.choices = id_choices(
            db.session.execute(select(Collaboration).order_by(Collaboration.name)).scalars(),
            lambda c: c.name,
            _l("(none)"),
        )

    def validate_timezone(self, field) -> None:
        if not is_valid_timezone((field.data or "").strip()):
            raise ValidationError(
                _l("Unknown time zone: use an IANA name such as Europe/Stockholm.")
            )

    def validate_starts_at(self, field) -> None:
        check_year(field)

    def validate_ends_at(self, field) -> None:
        check_year(field)
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must be after the start."))

    def validate_registration_opens_at(self, field) -> None:
        check_year(field)

    def validate_registration_closes_at(self, field) -> None:
        check_year(field)
        opens = self.registration_opens_at.data
        if field.data and opens and field.data <= opens:
            raise ValidationError(_l("Registration must close after it opens."))

    def validate_slug(self, field) -> None:
        if field.data and slug_taken(field.data, self.event.id if self.event else None):
            raise ValidationError(_l("Another event already uses this address."))

    def validate_registration_categories(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Offer at least one category."))

    def validate_organisers(self, field) -> None:
        problem = organiser_problem(self.user, self.organiser_list())
        if problem:
            raise ValidationError(problem)

    def organiser_list(self) -> list[tuple[int, OrganiserRole]]:
        """The filled organiser rows as ``(organisation id, role)``."""
        rows = []
        for row in self.organisers:
            oid, role = row.form.organisation.data, row.form.role.data
            if oid and oid > 0 and role in {r.value for r in OrganiserRole}:
                rows.append((oid, OrganiserRole(role)))
        return rows

    def to_data(self) -> EventData:
        """The validated form as the services' input (local times made aware)."""
        tz = self.timezone.data.strip()
        values = {
            "title": self.title.data.strip(),
            "slug": (self.slug.data or "").strip(),
            "summary": self.summary.data or "",
            "description": self.description.data or "",
            "language": self.language.data,
            "timezone": tz,
            "starts_at": to_aware(self.starts_at.data, tz),
            "ends_at": to_aware(self.ends_at.data, tz),
            "series_id": id_or_none(self.series_id.data),
            "venue_id": id_or_none(self.venue_id.data),
            "contact_person_id": id_or_none(self.contact_person_id.data),
            "collaboration_id": id_or_none(self.collaboration_id.data),
            "website": self.website.data or "",
            "registration_enabled": self.registration_enabled.data,
            "registration_opens_at": to_aware(self.registration_opens_at.data, tz),
            "registration_closes_at": to_aware(self.registration_closes_at.data, tz),
            "capacity": self.capacity.data,
            "waitlist_enabled": self.waitlist_enabled.data,
            "moderation_enabled": self.moderation_enabled.data,
            "confirm_email": self.confirm_email.data,
            "registration_categories": list(self.registration_categories.data),
            "ask_dietary": self.ask_dietary.data,
            "ask_accessibility": self.ask_accessibility.data,
            "privacy_text": self.privacy_text.data or "",
            "retention_days": self.retention_days.data,
            "translations": {
                other_language(self.language.data): translation_values(self, Event.TRANSLATED)
            },
        }
        return EventData(
            values=values,
            organisers=self.organiser_list(),
            seen_edit=_seen_edit(self.seen_edit.data),
        )


def _seen_edit(raw: str | None) -> int | None:
    """The form's ``seen_edit``: None when not sent, 0 for "none" (or anything but an id)."""
    return None if not raw else parse_id(raw) or 0


def event_form_data(event: Event) -> dict[str, Any]:
    """The initial values of the edit form: the event's columns, times in its own zone."""
    tz = event.timezone
    data: dict[str, Any] = {
        name: getattr(event, name)
        for name in (
            "title", "slug", "summary", "description", "language", "timezone", "website",
            "registration_enabled", "capacity", "waitlist_enabled", "moderation_enabled",
            "confirm_email", "registration_categories", "ask_dietary", "ask_accessibility",
            "privacy_text", "retention_days",
        )
    }  # fmt: skip
    for name in ("series_id", "venue_id", "contact_person_id", "collaboration_id"):
        data[name] = getattr(event, name) or 0
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        data[name] = to_local(getattr(event, name), tz)
    data["organisers"] = [
        {"organisation": o.organisation_id, "role": o.role.value} for o in event.organisers
    ]
    data.update(translation_data(event, Event.TRANSLATED))
    latest = audit.last_entry(event.id, UPDATED)
    data["seen_edit"] = str(latest.id if latest is not None else 0)
    return data


def new_event_data(user: User, series: EventSeries | None = None) -> dict[str, Any]:
    """Defaults of a new event: the user's first organisation hosts it."""
    orgs = sorted(user.organisations, key=lambda o: o.name)
    data: dict[str, Any] = {
        "organisers": [{"organisation": o.id, "role": "host"} for o in orgs[:1]]
    }
    if series is not None:
        data["series_id"] = series.id
    return data


class CloneForm(AppForm):
    starts_on = DateField(_l("First day of the new edition"), validators=[DataRequired()])
    title = StringField(
        _l("Title"), validators=[Optional(), Length(max=200)],
        description=_l("Empty: the year in the title is updated."),
    )  # fmt: skip
    slug = StringField(_l("Web address"), validators=[Optional(), Length(max=120), slug_validator])

    def validate_starts_on(self, field) -> None:
        check_year(field)

    def validate_slug(self, field) -> None:
        if field.data and slug_taken(field.data):
            raise ValidationError(_l("Another event already uses this address."))


class CancelForm(AppForm):
    note = TextAreaField(
        _l("Message to the registered"),
        validators=[Length(max=5000)],
        description=_l("Why the event is cancelled; included in the e-mail."),
    )
    confirm = BooleanField(
        _l("Yes, cancel the event and write to everyone registered"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )


class ActionForm(AppForm):
    """A button that changes something (publish, archive…): only the CSRF token."""


class SeriesForm(AppForm):
    original_language = texts_language_field()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    name_translation = translation_field(name, _l("Name, translated"), 200)
    slug = slug_field()
    description = TextAreaField(_l("Description"), validators=[Length(max=20000)])
    description_translation = translation_field(description, _l("Description, translated"), 20000)
    cadence_rrule = StringField(
        _l("Cadence as a rule"),
        validators=[Optional(), Length(max=200)],
        description=_l("An iCalendar RRULE such as FREQ=YEARLY;INTERVAL=2 (optional)."),
    )
    cadence_text = StringField(
        _l("Cadence in words"),
        validators=[Length(max=200)],
        description=_l("For example: every second year in October."),
    )
    organisations = MultiCheckboxField(_l("Run by"), coerce=int)
    # What new editions start with (eventapp/reminders/); each edition can change its own.
    remind_two_days = BooleanField(
        _l("New editions remind registrants two days before"), default=True
    )
    remind_morning = BooleanField(
        _l("New editions remind registrants on the morning"), default=True
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.organisations.choices = organisation_choices()

    def validate_cadence_rrule(self, field) -> None:
        rule = (field.data or "").strip()
        if rule.upper().startswith("RRULE:"):
            rule = rule[6:]
        if not rule:
            return
        if "\n" in rule or "\r" in rule or "FREQ=" not in rule.upper():
            raise ValidationError(_l("Not a valid RRULE (FREQ=… is required)."))
        try:
            rrulestr(rule, ignoretz=True)
        except (ValueError, TypeError, OverflowError, IndexError, KeyError):
            raise ValidationError(_l("Not a valid RRULE.")) from None

    def validate_organisations(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one organisation."))

    def values(self) -> dict[str, Any]:
        rule = (self.cadence_rrule.data or "").strip()
        if rule.upper().startswith("RRULE:"):
            rule = rule[6:]
        return {
            "name": self.name.data.strip(),
            "slug": (self.slug.data or "").strip(),
            "description": self.description.data or "",
            "cadence_rrule": rule.upper() or None,
            "cadence_text": (self.cadence_text.data or "").strip(),
            "remind_two_days": bool(self.remind_two_days.data),
            "remind_morning": bool(self.remind_morning.data),
            **texts_values(self, EventSeries.TRANSLATED),
        }
