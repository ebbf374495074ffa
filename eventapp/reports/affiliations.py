"""Where a registrant comes from: their directory organisation, or their free-text affiliation
matched to one (by name or short name, case and spacing ignored), and its sector (the
organisation's kind; a department counts in its parent's)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from eventapp.core.types import OrganisationKind
from eventapp.directory.models import Organisation
from eventapp.extensions import db

UNKNOWN_SECTOR = ""


@dataclass(frozen=True)
class Affiliation:
    organisation: str  # the directory's name, else the text given ("" when none)
    sector: str  # an OrganisationKind value, or "" when unknown


def _key(text: str) -> str:
    return " ".join((text or "").casefold().split())


class Directory:
    """The directory's organisations, loaded once, to match many registrations against."""

    def __init__(self) -> None:
        rows = db.session.execute(
            select(Organisation.id, Organisation.name, Organisation.short_name, Organisation.kind,
                   Organisation.parent_id)
        ).all()  # fmt: skip
        self.kinds = {row.id: (row.kind, row.parent_id) for row in rows}
        self.names = {row.id: row.name for row in rows}
        self.by_text: dict[str, int] = {}
        for row in rows:
            for text in (row.short_name, row.name):  # a full name wins over a short one
                if text:
                    self.by_text[_key(text)] = row.id

    def sector(self, organisation_id: int) -> str:
        kind, parent = self.kinds.get(organisation_id, (None, None))
        if kind == OrganisationKind.DEPARTMENT and parent in self.kinds:
            kind = self.kinds[parent][0]
        return kind.value if kind is not None else UNKNOWN_SECTOR

    def resolve(self, organisation_id: int | None, affiliation: str) -> Affiliation:
        """The organisation and sector of a registration."""
        if organisation_id is None:
            organisation_id = self.by_text.get(_key(affiliation))
        if organisation_id is not None and organisation_id in self.names:
            return Affiliation(self.names[organisation_id], self.sector(organisation_id))
        return Affiliation(" ".join((affiliation or "").split())[:200], UNKNOWN_SECTOR)
