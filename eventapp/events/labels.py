"""Translatable labels for the enumerations shown on public pages."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from eventapp.core.types import EventStatus, OrganiserRole, SessionKind, SpeakerRole

SESSION_KINDS = {
    SessionKind.KEYNOTE: _l("Keynote"),
    SessionKind.TALK: _l("Talk"),
    SessionKind.SHORT_PRESENTATION: _l("Short presentation"),
    SessionKind.PANEL: _l("Panel"),
    SessionKind.POSTER_SESSION: _l("Poster session"),
    SessionKind.EXHIBITION: _l("Exhibition"),
    SessionKind.WORKSHOP: _l("Workshop"),
    SessionKind.BREAK: _l("Break"),
    SessionKind.MINGLE: _l("Mingle"),
    SessionKind.INAUGURATION: _l("Inauguration"),
    SessionKind.CEREMONY: _l("Ceremony"),
}

ORGANISER_ROLES = {
    OrganiserRole.HOST: _l("Host"),
    OrganiserRole.CO_ORGANISER: _l("Co-organiser"),
    OrganiserRole.PARTNER: _l("Partner"),
}

SPEAKER_ROLES = {
    SpeakerRole.SPEAKER: _l("Speaker"),
    SpeakerRole.MODERATOR: _l("Moderator"),
    SpeakerRole.PANELLIST: _l("Panellist"),
}

EVENT_STATUSES = {
    EventStatus.DRAFT: _l("Draft"),
    EventStatus.PUBLISHED: _l("Published"),
    EventStatus.CANCELLED: _l("Cancelled"),
    EventStatus.ARCHIVED: _l("Archived"),
}


def label_of(labels: dict[StrEnum, LazyString], value: StrEnum | str) -> str:
    """The label of ``value`` in the reader's language (the raw value if it has none)."""
    label = labels.get(value)  # type: ignore[call-overload]
    return str(label) if label is not None else str(value)


#: Template filters: ``{{ session.kind|session_kind_label }}`` → "Keynote", "Panel" …
FILTERS = {
    "session_kind_label": SESSION_KINDS,
    "organiser_role_label": ORGANISER_ROLES,
    "speaker_role_label": SPEAKER_ROLES,
    "event_status_label": EVENT_STATUSES,
}


def translated_labels(name: str) -> dict[StrEnum, str]:
    """All labels of one filter's enumeration, translated once (a timetable shows hundreds)."""
    return {value: str(label) for value, label in FILTERS[name].items()}


#: The names of translated texts, as the organiser's event page lists the missing ones.
TRANSLATED_FIELD_LABELS = {
    "title": _l("title"),
    "summary": _l("summary"),
    "description": _l("description"),
    "privacy_text": _l("privacy notice"),
    "abstract": _l("abstract"),
    "name": _l("name"),
}


def translation_field_label(name: str) -> str:
    """ "title", "summary"… in the reader's language."""
    return str(TRANSLATED_FIELD_LABELS.get(name, name))
