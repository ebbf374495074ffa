"""Builders for the directory's tests: organisations and agreements from the municipal memo."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from eventapp.core.types import CollaborationKind, CollaborationStatus, OrganisationKind
from eventapp.directory.models import Collaboration, Organisation, Person
from eventapp.extensions import db
from tests.builders import make_organisation, make_person

_counter = itertools.count(1)


def make_collaboration(
    name: str | None = None,
    *,
    kind: CollaborationKind = CollaborationKind.AGREEMENT,
    parties: list[Organisation] = (),
    **kw: Any,
) -> Collaboration:
    """A collaboration row (added and flushed; the caller commits)."""
    n = next(_counter)
    kw.setdefault("slug", f"collaboration-{n}")
    collaboration = Collaboration(name=name or f"Agreement {n}", kind=kind, **kw)
    collaboration.parties.extend(parties)
    db.session.add(collaboration)
    db.session.flush()
    return collaboration


@dataclass
class Memo:
    """The municipality, two of its departments, three universities, two contacts, five entries."""

    huddinge: Organisation
    gaf: Organisation
    buf: Organisation
    sh: Organisation
    ki: Organisation
    konstfack: Organisation
    pia: Person
    christina: Person
    council: Collaboration
    ulf_sh: Collaboration
    ulf_konstfack: Collaboration
    trainee: Collaboration
    residency: Collaboration


@pytest.fixture
def memo(db) -> Memo:
    """A slice of the memo of 2025-09-11: councils, ULF agreements, a programme, an ending."""
    huddinge = make_organisation(
        "Huddinge kommun", slug="huddinge", kind=OrganisationKind.MUNICIPALITY
    )
    gaf = make_organisation(
        "Gymnasie- och arbetsmarknadsförvaltningen",
        slug="gaf",
        short_name="GAF",
        kind=OrganisationKind.DEPARTMENT,
        parent=huddinge,
    )
    buf = make_organisation(
        "Barn- och utbildningsförvaltningen",
        slug="buf",
        short_name="BUF",
        kind=OrganisationKind.DEPARTMENT,
        parent=huddinge,
    )
    sh = make_organisation("Södertörns högskola", slug="sh", short_name="SH")
    ki = make_organisation("Karolinska Institutet", slug="ki", short_name="KI")
    konstfack = make_organisation("Konstfack", slug="konstfack")
    pia = make_person("Pia Hasselrot", slug="pia-hasselrot", role_text="utvecklingsledare")
    christina = make_person(
        "Christina Dolke Andersson", slug="christina-dolke-andersson", role_text="avdelningschef"
    )
    council = make_collaboration(
        "Högskolerådet",
        slug="hogskoleradet",
        kind=CollaborationKind.COUNCIL,
        parties=[huddinge, sh, ki],
        responsible_unit=gaf,
        contact_person=pia,
        contact_role="utvecklingsledare",
        valid_from=date(2016, 1, 1),
        purpose="A forum without decision-making powers for questions of principle.",
    )
    ulf_sh = make_collaboration(
        "ULF agreement with Södertörns högskola",
        slug="ulf-sh",
        parties=[huddinge, sh],
        responsible_unit=gaf,
        contact_person=pia,
        contact_role="utvecklingsledare",
        valid_from=date(2025, 1, 1),
        valid_until=date(2027, 12, 31),
    )
    ulf_konstfack = make_collaboration(
        "ULF agreement with Konstfack",
        slug="ulf-konstfack",
        parties=[huddinge, konstfack],
        responsible_unit=buf,
        contact_person=christina,
        contact_role="avdelningschef",
        valid_from=date(2025, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    trainee = make_collaboration(
        "Huddingetrainee: socionom",
        slug="huddingetrainee",
        kind=CollaborationKind.PROGRAMME,
        parties=[huddinge, sh],
        valid_from=date(2009, 1, 1),
    )
    residency = make_collaboration(
        "Performing-arts residency",
        slug="scenkonstresidens",
        kind=CollaborationKind.AGREEMENT,
        parties=[huddinge, sh],
        valid_from=date(2021, 1, 1),
        valid_until=date(2024, 12, 31),
        status=CollaborationStatus.ENDED,
        end_note="Terminated ahead of 2025; followed by a film pilot.",
    )
    db.session.commit()
    return Memo(
        huddinge, gaf, buf, sh, ki, konstfack, pia, christina,
        council, ulf_sh, ulf_konstfack, trainee, residency,
    )  # fmt: skip
