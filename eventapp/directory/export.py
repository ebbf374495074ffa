"""The overview as the memo arranges it, and as a CSV file that opens cleanly in Excel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from eventapp.core.spreadsheets import csv_bytes
from eventapp.core.types import CollaborationKind, CollaborationStatus, OrganisationKind
from eventapp.directory.labels import collaboration_kind_label, collaboration_status_label
from eventapp.directory.models import Collaboration, Organisation
from eventapp.directory.periods import validity_text

FORUM_KINDS = (CollaborationKind.COUNCIL, CollaborationKind.FOUNDATION)
PLACEMENT_KINDS = (CollaborationKind.PLACEMENT, CollaborationKind.PROGRAMME)


@dataclass
class Overview:
    """The memo's sections: forums, agreements per university, student placements, ended."""

    forums: list[Collaboration] = field(default_factory=list)
    universities: list[tuple[Organisation, list[Collaboration]]] = field(default_factory=list)
    other_agreements: list[Collaboration] = field(default_factory=list)
    placements: list[Collaboration] = field(default_factory=list)
    ended: list[Collaboration] = field(default_factory=list)


def group_overview(collaborations: Iterable[Collaboration]) -> Overview:
    """Sort collaborations into the memo's sections (an agreement is listed under each
    university that is a party to it; one with no university party goes to "other")."""
    overview = Overview()
    per_university: dict[int, tuple[Organisation, list[Collaboration]]] = {}
    for collaboration in sorted(collaborations, key=lambda c: c.name.casefold()):
        if collaboration.status == CollaborationStatus.ENDED:
            overview.ended.append(collaboration)
        elif collaboration.kind in FORUM_KINDS:
            overview.forums.append(collaboration)
        elif collaboration.kind in PLACEMENT_KINDS:
            overview.placements.append(collaboration)
        else:
            universities = [
                p for p in collaboration.parties if p.kind == OrganisationKind.UNIVERSITY
            ]
            for university in universities:
                per_university.setdefault(university.id, (university, []))[1].append(collaboration)
            if not universities:
                overview.other_agreements.append(collaboration)
    overview.universities = sorted(per_university.values(), key=lambda g: g[0].name.casefold())
    return overview


CSV_COLUMNS = (
    "name",
    "kind",
    "status",
    "parties",
    "responsible_unit",
    "contact_person",
    "contact_role",
    "valid_from",
    "valid_until",
    "validity",
    "purpose",
    "end_note",
    "website",
    "url",
)


def _unit_name(unit: Organisation | None) -> str:
    if unit is None:
        return ""
    if unit.parent is not None:
        return f"{unit.display_name}, {unit.parent.name}"
    return unit.display_name


def collaborations_csv(collaborations: Iterable[Collaboration], base_url: str) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads å, ä, ö) and CRLF line ends."""
    return csv_bytes(
        CSV_COLUMNS,
        (
            (
                c.name,
                collaboration_kind_label(c.kind),
                collaboration_status_label(c.status),
                "; ".join(p.display_name for p in c.parties),
                _unit_name(c.responsible_unit),
                c.contact_person.full_name if c.contact_person else "",
                c.contact_role,
                c.valid_from.isoformat() if c.valid_from else "",
                c.valid_until.isoformat() if c.valid_until else "",
                validity_text(c.valid_from, c.valid_until),
                c.purpose,
                c.end_note,
                c.website,
                f"{base_url}/collaborations/{c.slug}/",
            )
            for c in collaborations
        ),
    )
