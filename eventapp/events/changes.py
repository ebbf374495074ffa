"""SEQUENCE and updated time: bumped only by changes a calendar subscriber would see."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import flag_modified

from eventapp.core.db import utcnow
from eventapp.events.models import Event, EventOrganiser, Session, SessionSpeaker
from eventapp.extensions import db

#: What a subscriber sees of an event and of a session: time, place, texts (in either
#: language: ``translations``), organiser, categories, status. The description is not in the
#: VEVENT today, but the event page it links to is, and a subscriber told of no change there
#: would not look.
EVENT_VISIBLE = (
    "title", "summary", "description", "translations", "starts_at", "ends_at", "timezone",
    "venue_id", "contact_person_id", "series_id", "status",
)  # fmt: skip
SESSION_VISIBLE = (
    "title", "abstract", "translations", "kind", "track", "starts_at", "ends_at", "room_id",
    "status",
)  # fmt: skip
#: What a feed shows of the directory: a venue in LOCATION and GEO, a person in a session's
#: DESCRIPTION (name, title, affiliation) or an event's ORGANIZER, an organisation in an
#: event's ORGANIZER, DESCRIPTION and CATEGORIES.
VENUE_VISIBLE = ("name", "address", "city", "latitude", "longitude", "translations")
PERSON_VISIBLE = ("name", "title", "affiliation_id", "affiliation_text", "email")
ORGANISATION_VISIBLE = ("name", "short_name")


def snapshot(obj: Any, fields: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """The current values of ``fields`` (taken before an edit)."""
    return {name: getattr(obj, name) for name in fields}


def changed_fields(obj: Any, before: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field of ``before`` whose value changed."""
    return {
        name: [old, getattr(obj, name)] for name, old in before.items() if getattr(obj, name) != old
    }


def apply_sequence(obj: Any, before: dict[str, Any], visible: tuple[str, ...]) -> bool:
    """Bump SEQUENCE and the updated time if a visible field changed; else keep both.

    Returns True when the change is visible to subscribers.
    """
    visible_change = any(name in before and getattr(obj, name) != before[name] for name in visible)
    if visible_change:
        obj.sequence = (obj.sequence or 0) + 1
        obj.updated_at = utcnow()
    elif obj.id is not None:
        # Writing the old value explicitly stops the column's onupdate from touching it.
        flag_modified(obj, "updated_at")
    return visible_change


def bump(obj: Any) -> None:
    """Raise SEQUENCE and the updated time of one event or session (a change its columns do
    not show, such as its speakers)."""
    obj.sequence = (obj.sequence or 0) + 1
    obj.updated_at = utcnow()


def _bump_where(model: Any, *where: Any) -> None:
    # One UPDATE; the feed change log and the page cache hear of it (do_orm_execute).
    stmt = update(model).where(*where)
    values = {"sequence": model.sequence + 1, "updated_at": utcnow()}
    db.session.execute(stmt.values(**values).execution_options(synchronize_session="fetch"))


def bump_sessions_of(event_id: int) -> None:
    """Every session of an event: they change with it (cancelled with it, moved with its venue)."""
    _bump_where(Session, Session.event_id == event_id)


def bump_for_venue(venue_id: int) -> None:
    """The events at a venue whose name, address or position changed, and their sessions."""
    events = select(Event.id).where(Event.venue_id == venue_id)
    _bump_where(Session, Session.event_id.in_(events))
    _bump_where(Event, Event.venue_id == venue_id)


def bump_for_person(person_id: int) -> None:
    """The sessions a person speaks in and the events they are the contact of."""
    spoken = select(SessionSpeaker.session_id).where(SessionSpeaker.person_id == person_id)
    _bump_where(Session, Session.id.in_(spoken))
    _bump_where(Event, Event.contact_person_id == person_id)


def bump_for_organisation(organisation_id: int) -> None:
    """The events an organisation organises (its name is their ORGANIZER and a CATEGORY)."""
    organised = select(EventOrganiser.event_id).where(
        EventOrganiser.organisation_id == organisation_id
    )
    _bump_where(Event, Event.id.in_(organised))


def visible_change(obj: Any, before: dict[str, Any]) -> bool:
    """Whether any field of ``before`` changed on ``obj``."""
    return any(getattr(obj, name) != old for name, old in before.items())
