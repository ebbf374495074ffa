"""/organisations/ and /organisations/<slug>/: who they are, units, agreements, events, people."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from eventapp.core.db import utcnow
from eventapp.core.types import EventStatus, OrganisationKind, OrganiserRole
from eventapp.directory.models import Organisation
from tests.builders import make_event, make_organisation, make_person


def test_organisations_are_grouped_by_kind_with_units_nested_under_their_parent(client, memo):
    html = client.get("/organisations/").get_data(as_text=True)
    assert "Universities and colleges" in html and "Municipalities" in html
    municipalities = html.index("Municipalities")
    huddinge = html.index("Huddinge kommun")
    gaf = html.index("Gymnasie- och arbetsmarknadsförvaltningen")
    # The department is inside the municipality's list item, not in a "Departments" group.
    assert municipalities < huddinge < gaf
    assert "Departments" not in html
    nested = html[huddinge : html.index("</li>", html.index("Barn- och utbildningsförvaltningen"))]
    assert '<ul class="org-tree">' in nested


def test_organisations_page_survives_a_parent_cycle(client, db):
    a = make_organisation("Alpha unit", kind=OrganisationKind.DEPARTMENT)
    b = make_organisation("Beta unit", kind=OrganisationKind.DEPARTMENT, parent=a)
    db.session.execute(update(Organisation).where(Organisation.id == a.id).values(parent_id=b.id))
    db.session.commit()
    html = client.get("/organisations/").get_data(as_text=True)
    assert "Alpha unit" in html and "Beta unit" in html


def test_organisation_page_shows_who_it_is_and_its_units(client, memo, db):
    memo.huddinge.website = "https://www.huddinge.se"
    memo.huddinge.description = "A municipality south of Stockholm."
    db.session.commit()
    html = client.get("/organisations/huddinge/").get_data(as_text=True)
    assert "<h1>Huddinge kommun" in html
    assert "Municipality" in html
    assert 'href="https://www.huddinge.se"' in html
    assert "A municipality south of Stockholm." in html
    assert "/organisations/gaf/" in html and "/organisations/buf/" in html


def test_unit_page_names_its_short_name_and_parent(client, memo):
    html = client.get("/organisations/gaf/").get_data(as_text=True)
    assert "(GAF)" in html
    assert 'href="/organisations/huddinge/"' in html


def test_organisation_lists_agreements_as_party_or_responsible_unit_active_first(client, memo):
    html = client.get("/organisations/sh/").get_data(as_text=True)
    for name in ("Högskolerådet", "ULF agreement with Södertörns högskola", "Performing-arts"):
        assert name in html
    assert html.index("ULF agreement with Södertörns högskola") < html.index("Performing-arts")
    assert html.index("Huddingetrainee") < html.index("Performing-arts")
    assert "Konstfack" not in html.split('id="collaborations"')[1].split("</section>")[0]

    unit_html = client.get("/organisations/buf/").get_data(as_text=True)
    assert "ULF agreement with Konstfack" in unit_html
    assert "Högskolerådet" not in unit_html


def test_organisation_page_lists_upcoming_and_past_public_events_only(client, memo, db):
    now = utcnow()
    make_event("Innovation Days", starts_at=now + timedelta(days=20), organisers=[memo.sh])
    make_event(
        "Old symposium",
        starts_at=now - timedelta(days=400),
        organisers=[memo.sh],
        role=OrganiserRole.PARTNER,
    )
    make_event(
        "Archived forum", starts_at=now - timedelta(days=800), status=EventStatus.ARCHIVED,
        organisers=[memo.sh],
    )  # fmt: skip
    make_event("Secret draft", status=EventStatus.DRAFT, organisers=[memo.sh])
    make_event("Someone else's", organisers=[memo.ki])
    db.session.commit()
    html = client.get("/organisations/sh/").get_data(as_text=True)
    upcoming, past = html.split('id="upcoming"')[1].split('id="past"')
    assert "Innovation Days" in upcoming and "Old symposium" not in upcoming
    assert "Old symposium" in past and "· Partner" in past and "Archived forum" in past
    assert past.index("Old symposium") < past.index("Archived forum")  # newest first
    assert "Secret draft" not in html and "Someone else" not in html


def test_organisation_page_lists_affiliated_people(client, memo, db):
    make_person("Malin Lindberg", title="Prof.", affiliation=memo.sh, slug="malin-lindberg")
    db.session.commit()
    html = client.get("/organisations/sh/").get_data(as_text=True)
    assert 'href="/people/malin-lindberg/"' in html and "Prof. Malin Lindberg" in html


def test_organisation_page_includes_the_calendar_buttons_when_present(client, memo, app):
    # The include is optional: the page renders whether or not the calendar helper ships it.
    assert client.get("/organisations/sh/").status_code == 200
    source = app.jinja_env.loader.get_source(app.jinja_env, "directory/organisation.html")[0]
    assert '{% include "calendar/_organisation_buttons.html" ignore missing %}' in source


def test_unknown_organisation_is_404(client, memo):
    assert client.get("/organisations/no-such-place/").status_code == 404


def test_a_website_that_is_not_http_is_not_linked(client, memo, db):
    memo.sh.website = "javascript:alert(1)"
    db.session.commit()
    html = client.get("/organisations/sh/").get_data(as_text=True)
    assert "javascript:" not in html
