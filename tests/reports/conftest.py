"""Report fixtures: the feedback tests' past symposium, its organiser, a small directory."""

from __future__ import annotations

import pytest

from eventapp.core.types import OrganisationKind
from eventapp.extensions import db
from tests.builders import make_organisation
from tests.feedback.conftest import event, organisation, organiser, organiser_client  # noqa: F401


@pytest.fixture
def directory(organisation):  # noqa: F811 (the imported fixture)
    """KI (a university, the fixture's), Karolinska University Hospital, Region Stockholm with
    a department, and a company."""
    organisation.kind = OrganisationKind.UNIVERSITY
    hospital = make_organisation("Karolinska University Hospital", short_name="KUH",
                                 kind=OrganisationKind.HOSPITAL)  # fmt: skip
    region = make_organisation("Region Stockholm", short_name="RS", kind=OrganisationKind.REGION)
    department = make_organisation(
        "Innovation unit", kind=OrganisationKind.DEPARTMENT, parent=region
    )
    company = make_organisation("Cellcoin AB", kind=OrganisationKind.COMPANY)
    db.session.commit()
    return dict(ki=organisation, hospital=hospital, region=region, department=department,
                company=company)  # fmt: skip
