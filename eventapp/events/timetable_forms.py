"""Timetable forms: a session with its speakers, and moving a session."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from eventapp.core.forms import (
    AppForm,
    IdSelectField,
    PlainForm,
    check_year,
    id_choices,
    id_or_none,
    local_datetime_field,
    options,
    to_aware,
    to_local,
    translation_data,
    translation_field,
    translation_values,
)
from eventapp.core.translation import other_language
from eventapp.core.types import SessionKind, SpeakerRole
from eventapp.directory.models import Person
from eventapp.events.labels import SESSION_KINDS, SPEAKER_ROLES
from eventapp.events.models import Event, Room, Session
from eventapp.events.timetable_services import SessionData, SpeakerEntry
from eventapp.extensions import db

KIND_LABELS = SESSION_KINDS
SPEAKER_ROLE_LABELS = SPEAKER_ROLES
EXTRA_SPEAKER_ROWS = 3


class SpeakerRowForm(PlainForm):
    person = IdSelectField(_l("Person"))
    new_name = StringField(_l("…or a new person's name"), validators=[Optional(), Length(max=200)])
    role = SelectField(
        _l("Role"),
        choices=options(SPEAKER_ROLE_LABELS.items()),
        default="speaker",
    )
    position = IntegerField(
        _l("Order"), default=0, validators=[Optional(), NumberRange(min=0, max=999)]
    )


def room_choices(event: Event) -> list[tuple[int, str]]:
    """The rooms of the event's venue (any room when the event has no venue yet)."""
    stmt = select(Room).order_by(Room.name)
    if event.venue_id is not None:
        stmt = stmt.where(Room.venue_id == event.venue_id)
    return id_choices(db.session.execute(stmt).scalars(), lambda r: r.name, _l("(no room)"))


class SessionForm(AppForm):
    kind = SelectField(
        _l("Kind"),
        choices=options(KIND_LABELS.items()),
        default="talk",
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    abstract = TextAreaField(_l("Abstract"), validators=[Length(max=20000)])
    title_translation = translation_field(title, _l("Title, translated"), 300)
    abstract_translation = translation_field(abstract, _l("Abstract, translated"), 20000)
    starts_at = local_datetime_field(_l("Starts"), required=True)
    ends_at = local_datetime_field(_l("Ends"), required=True)
    room_id = IdSelectField(_l("Room"))
    new_room = StringField(
        _l("…or a new room of the venue"), validators=[Optional(), Length(max=120)]
    )
    track = StringField(_l("Track"), validators=[Length(max=120)])
    selectable = BooleanField(_l("Participants choose this session when registering"))
    capacity = IntegerField(
        _l("Own capacity"), validators=[Optional(), NumberRange(min=0, max=1_000_000)]
    )
    speakers = FieldList(
        FormField(SpeakerRowForm), label=_l("Speakers"), min_entries=0, max_entries=40
    )

    def __init__(self, *args: Any, event: Event, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.event = event
        if not self.is_submitted():
            for _extra in range(EXTRA_SPEAKER_ROWS):
                self.speakers.append_entry()
        self.room_id.choices = room_choices(event)
        people = id_choices(
            db.session.execute(select(Person).order_by(Person.name)).scalars(),
            lambda p: p.name,
            "—",
        )
        for row in self.speakers:
            row.form.person.choices = people

    def validate_starts_at(self, field) -> None:
        check_year(field)

    def validate_ends_at(self, field) -> None:
        check_year(field)
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must be after the start."))

    def to_data(self) -> SessionData:
        """The validated form as the timetable services' input."""
        tz = self.event.timezone
        speakers = []
        for index, row in enumerate(self.speakers):
            form = row.form
            person_id = form.person.data if form.person.data and form.person.data > 0 else None
            name = (form.new_name.data or "").strip()
            if person_id or name:
                position = form.position.data if form.position.data is not None else index
                speakers.append(
                    SpeakerEntry(person_id, name, SpeakerRole(form.role.data), position)
                )
        values = {
            "kind": SessionKind(self.kind.data),
            "title": self.title.data.strip(),
            "abstract": self.abstract.data or "",
            "starts_at": to_aware(self.starts_at.data, tz),
            "ends_at": to_aware(self.ends_at.data, tz),
            "room_id": id_or_none(self.room_id.data),
            "track": self.track.data or "",
            "translations": {
                other_language(self.event.language): translation_values(self, Session.TRANSLATED)
            },
            "selectable": self.selectable.data,
            "capacity": self.capacity.data,
        }
        return SessionData(values=values, speakers=speakers, new_room=self.new_room.data or "")


def session_form_data(session: Session, tz: str) -> dict[str, Any]:
    """The initial values of the session form."""
    return {
        "kind": session.kind.value,
        "title": session.title,
        "abstract": session.abstract,
        "starts_at": to_local(session.starts_at, tz),
        "ends_at": to_local(session.ends_at, tz),
        "room_id": session.room_id or 0,
        "track": session.track,
        "selectable": session.selectable,
        "capacity": session.capacity,
        "speakers": [
            {"person": s.person_id, "role": s.role.value, "position": s.position}
            for s in session.speakers
        ],
        **translation_data(session, Session.TRANSLATED),
    }


class MoveForm(AppForm):
    starts_at = local_datetime_field(_l("New start"), required=True)
    room_id = IdSelectField(_l("Room"))

    def __init__(self, *args: Any, event: Event, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.event = event
        self.room_id.choices = room_choices(event)

    def validate_starts_at(self, field) -> None:
        check_year(field)
