"""Enumerations of the domain, stored as short strings guarded by CHECK constraints."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum


def enum_column(enum_cls: type[StrEnum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint listing the values."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class OrganisationKind(StrEnum):
    UNIVERSITY = "university"
    HOSPITAL = "hospital"
    MUNICIPALITY = "municipality"
    DEPARTMENT = "department"
    FOUNDATION = "foundation"
    COMPANY = "company"
    RESEARCH_CENTRE = "research_centre"
    NETWORK = "network"
    SCHOOL = "school"
    REGION = "region"
    OTHER = "other"


class EventStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    ARCHIVED = "archived"


class OrganiserRole(StrEnum):
    HOST = "host"
    CO_ORGANISER = "co-organiser"
    PARTNER = "partner"


class SessionKind(StrEnum):
    KEYNOTE = "keynote"
    TALK = "talk"
    SHORT_PRESENTATION = "short_presentation"
    PANEL = "panel"
    POSTER_SESSION = "poster_session"
    EXHIBITION = "exhibition"
    WORKSHOP = "workshop"
    BREAK = "break"
    MINGLE = "mingle"
    INAUGURATION = "inauguration"
    CEREMONY = "ceremony"


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class SpeakerRole(StrEnum):
    SPEAKER = "speaker"
    MODERATOR = "moderator"
    PANELLIST = "panellist"


class RegistrationCategory(StrEnum):
    PARTICIPANT = "participant"
    SPEAKER = "speaker"
    ORGANISER = "organiser"
    PRESS = "press"
    EXHIBITOR = "exhibitor"


class RegistrationStatus(StrEnum):
    PENDING = "pending"  # awaiting the organiser's approval (moderated events)
    # Awaiting e-mail confirmation: a place (or a turn on the waiting list) held until
    # ``hold_expires_at``; see registration/confirmation.py.
    UNCONFIRMED = "unconfirmed"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    REJECTED = "rejected"


#: Statuses that hold (or wait for) a place; at most one per event and e-mail address.
ACTIVE_REGISTRATION_STATUSES = (
    RegistrationStatus.UNCONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


class ChoiceStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"


class PostStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


class CollaborationKind(StrEnum):
    COUNCIL = "council"
    FOUNDATION = "foundation"
    AGREEMENT = "agreement"
    PARTNERSHIP = "partnership"
    NETWORK = "network"
    PROGRAMME = "programme"
    PLACEMENT = "placement"


class CollaborationStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"
