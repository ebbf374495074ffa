"""Listing pages issue the same number of SQL queries for 5 and for 50 collaborations."""

from __future__ import annotations

from datetime import date, timedelta

from eventapp.core.types import CollaborationKind, CollaborationStatus, OrganisationKind
from tests.builders import make_event, make_organisation, make_person, make_user
from tests.conftest import login
from tests.directory.conftest import make_collaboration

PAGES = [
    "/organisations/",
    "/organisations/municipality/",
    "/people/contact-0/",
    "/collaborations/",
    "/collaborations/?status=expiring&kind=agreement",
    "/collaborations/export.csv",
    "/collaborations/overview",
    "/collaborations/collab-0/",
    "/manage/collaborations/",
]


def build(n: int) -> None:
    """``n`` collaborations, each with its own university, unit, contact person and event."""
    municipality = make_organisation(
        "Municipality", slug="municipality", kind=OrganisationKind.MUNICIPALITY
    )
    kinds = list(CollaborationKind)
    today = date.today()
    for i in range(n):
        university = make_organisation(f"University {i}")
        unit = make_organisation(
            f"Department {i}", kind=OrganisationKind.DEPARTMENT, parent=municipality
        )
        make_organisation(f"Faculty {i}", kind=OrganisationKind.DEPARTMENT, parent=university)
        contact = make_person(f"Contact {i}", slug=f"contact-{i}", affiliation=municipality)
        c = make_collaboration(
            f"Agreement {i}",
            slug=f"collab-{i}",
            kind=kinds[i % len(kinds)],
            parties=[municipality, university],
            responsible_unit=unit,
            contact_person=contact,
            valid_from=date(2020, 1, 1),
            valid_until=today + timedelta(days=30 * (i % 12)),
            status=CollaborationStatus.ENDED if i % 5 == 4 else CollaborationStatus.ACTIVE,
        )
        make_event(f"Meeting {i}", organisers=[municipality], collaboration=c)
    make_user(site_admin=True, email="admin@example.org")


def counts(client, db, count_queries) -> dict[str, int]:
    from sqlalchemy import select

    from eventapp.auth.models import User

    admin = db.session.scalars(select(User).where(User.email == "admin@example.org")).one()
    login(client, admin)
    result = {}
    for url in PAGES:
        db.session.expire_all()
        with count_queries() as q:
            response = client.get(url)
        assert response.status_code == 200, url
        result[url] = q.count
    return result


def test_listing_pages_use_a_fixed_number_of_queries(app, db, client, count_queries):
    build(5)
    db.session.commit()
    small = counts(client, db, count_queries)
    build_more(45)
    db.session.commit()
    large = counts(client, db, count_queries)
    assert small == large
    assert max(large.values()) <= 10, large


def build_more(n: int) -> None:
    """More collaborations on the same municipality and contact person 0."""
    from sqlalchemy import select

    from eventapp.directory.models import Collaboration, Organisation, Person
    from eventapp.extensions import db

    municipality = db.session.scalars(
        select(Organisation).where(Organisation.slug == "municipality")
    ).one()
    contact = db.session.scalars(select(Person).where(Person.slug == "contact-0")).one()
    first = db.session.scalars(select(Collaboration).where(Collaboration.slug == "collab-0")).one()
    for i in range(n):
        university = make_organisation(f"More university {i}")
        unit = make_organisation(
            f"More department {i}", kind=OrganisationKind.DEPARTMENT, parent=municipality
        )
        c = make_collaboration(
            f"More agreement {i}",
            kind=list(CollaborationKind)[i % len(CollaborationKind)],
            parties=[municipality, university],
            responsible_unit=unit,
            contact_person=contact,
            valid_until=date.today() + timedelta(days=20 * (i % 12)),
        )
        make_event(f"More meeting {i}", organisers=[municipality], collaboration=c)
        make_event(f"Forum meeting {i}", organisers=[municipality], collaboration=first)
