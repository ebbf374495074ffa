"""Translated names of the directory's kinds and statuses, for pages and exports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventapp.core.types import (
    CollaborationKind,
    CollaborationStatus,
    OrganisationKind,
    OrganiserRole,
    SpeakerRole,
)
from eventapp.events.labels import ORGANISER_ROLES, SPEAKER_ROLES

ORGANISATION_KINDS = {
    OrganisationKind.UNIVERSITY: _l("Universities and colleges"),
    OrganisationKind.HOSPITAL: _l("Hospitals"),
    OrganisationKind.MUNICIPALITY: _l("Municipalities"),
    OrganisationKind.REGION: _l("Regions"),
    OrganisationKind.DEPARTMENT: _l("Departments"),
    OrganisationKind.FOUNDATION: _l("Foundations"),
    OrganisationKind.RESEARCH_CENTRE: _l("Research centres"),
    OrganisationKind.NETWORK: _l("Networks"),
    OrganisationKind.SCHOOL: _l("Schools"),
    OrganisationKind.COMPANY: _l("Companies"),
    OrganisationKind.OTHER: _l("Other organisations"),
}

ORGANISATION_KIND_SINGULAR = {
    OrganisationKind.UNIVERSITY: _l("University"),
    OrganisationKind.HOSPITAL: _l("Hospital"),
    OrganisationKind.MUNICIPALITY: _l("Municipality"),
    OrganisationKind.REGION: _l("Region"),
    OrganisationKind.DEPARTMENT: _l("Department"),
    OrganisationKind.FOUNDATION: _l("Foundation"),
    OrganisationKind.RESEARCH_CENTRE: _l("Research centre"),
    OrganisationKind.NETWORK: _l("Network"),
    OrganisationKind.SCHOOL: _l("School"),
    OrganisationKind.COMPANY: _l("Company"),
    OrganisationKind.OTHER: _l("Organisation"),
}

COLLABORATION_KINDS = {
    CollaborationKind.COUNCIL: _l("Council"),
    CollaborationKind.FOUNDATION: _l("Foundation"),
    CollaborationKind.AGREEMENT: _l("Agreement"),
    CollaborationKind.PARTNERSHIP: _l("Partnership"),
    CollaborationKind.NETWORK: _l("Network or alliance"),
    CollaborationKind.PROGRAMME: _l("Programme"),
    CollaborationKind.PLACEMENT: _l("Student placements"),
}

COLLABORATION_STATUSES = {
    CollaborationStatus.ACTIVE: _l("Active"),
    CollaborationStatus.ENDED: _l("Ended"),
}


def organisation_kind_label(kind: OrganisationKind, plural: bool = False) -> str:
    """ "University" (or "Universities and colleges" with ``plural``)."""
    table = ORGANISATION_KINDS if plural else ORGANISATION_KIND_SINGULAR
    return str(table.get(kind, kind))


def collaboration_kind_label(kind: CollaborationKind) -> str:
    """ "Council", "Agreement", …"""
    return str(COLLABORATION_KINDS.get(kind, kind))


def collaboration_status_label(status: CollaborationStatus) -> str:
    """ "Active" / "Ended"."""
    return str(COLLABORATION_STATUSES.get(status, status))


# The event pages' names, capitalised alike everywhere (the directory once had its own in
# lower case: "värd" here, "Värd" there).
ROLES = {**ORGANISER_ROLES, **SPEAKER_ROLES}


def directory_role_label(role: OrganiserRole | SpeakerRole) -> str:
    """An organiser's or speaker's role, in the reader's language."""
    return str(ROLES.get(role, role))
