"""Back office: who may edit forums and agreements, creating, editing, ending, bad input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from eventapp.core.types import CollaborationStatus
from eventapp.directory.collaboration_services import (
    CollaborationData,
    InvalidCollaboration,
    can_edit_collaboration,
    create_collaboration,
)
from eventapp.directory.models import Collaboration
from tests.builders import make_organisation, make_user
from tests.conftest import login
from tests.directory.conftest import make_collaboration


def form_data(memo, **overrides) -> dict:
    data = {
        "name": "Centre for professional development (CPU)",
        "slug": "",
        "kind": "agreement",
        "purpose": "Teacher training placements and school research.",
        "parties": [str(memo.huddinge.id), str(memo.sh.id)],
        "responsible_unit": str(memo.buf.id),
        "contact_person": str(memo.christina.id),
        "contact_role": "VFU coordinator",
        "valid_from": "2023-01-01",
        "valid_until": "",
        "website": "",
        "status": "active",
        "end_note": "",
    }
    data.update(overrides)
    return data


def count(db) -> int:
    return db.session.scalar(select(func.count(Collaboration.id)))


@pytest.fixture
def admin(db):
    user = make_user(site_admin=True)
    db.session.commit()
    return user


# --- who may edit -----------------------------------------------------------------------------


def test_rights_admin_unit_parent_and_party_may_edit_others_may_not(memo, db):
    outsider_org = make_organisation("Röda Korsets Högskola")
    users = {
        "admin": make_user(site_admin=True),
        "unit": make_user(organisations=[memo.gaf]),
        "parent": make_user(organisations=[memo.huddinge]),
        "party": make_user(organisations=[memo.ki]),
        "sibling unit": make_user(organisations=[memo.buf]),
        "outsider": make_user(organisations=[outsider_org]),
        "nobody's": make_user(),
    }
    db.session.commit()
    council = memo.council  # parties Huddinge, SH, KI; responsible unit GAF under Huddinge
    allowed = {name for name, user in users.items() if can_edit_collaboration(user, council)}
    assert allowed == {"admin", "unit", "parent", "party"}
    assert not can_edit_collaboration(None, council)


def test_anonymous_visitors_are_sent_to_log_in(client, memo):
    for url in (
        "/manage/collaborations/",
        "/manage/collaborations/new",
        "/manage/collaborations/hogskoleradet/edit",
        "/manage/collaborations/hogskoleradet/end",
    ):
        response = client.get(url)
        assert response.status_code in (302, 401), url


def test_organiser_of_an_unrelated_organisation_gets_403_and_changes_nothing(
    client, memo, db, csrf_off
):
    outsider = make_user(organisations=[make_organisation("Konstskolan Idun Lovén")])
    db.session.commit()
    login(client, outsider)
    assert client.get("/manage/collaborations/hogskoleradet/edit").status_code == 403
    response = client.post(
        "/manage/collaborations/hogskoleradet/edit", data=form_data(memo, name="Hijacked")
    )
    assert response.status_code == 403
    assert (
        client.post(
            "/manage/collaborations/hogskoleradet/end",
            data={"ended_on": "2025-01-01", "end_note": "x"},
        ).status_code
        == 403
    )
    db.session.expire_all()
    assert memo.council.name == "Högskolerådet"
    assert memo.council.status == CollaborationStatus.ACTIVE


def test_user_without_organisations_may_not_create(client, db, memo):
    user = make_user()
    db.session.commit()
    login(client, user)
    assert client.get("/manage/collaborations/new").status_code == 403


def test_back_office_list_shows_only_what_the_user_may_edit(client, memo, db):
    user = make_user(organisations=[memo.buf])
    db.session.commit()
    login(client, user)
    html = client.get("/manage/collaborations/").get_data(as_text=True)
    assert "ULF agreement with Konstfack" in html
    assert "Högskolerådet" not in html and "ULF agreement with Södertörns" not in html


# --- create, edit, end -----------------------------------------------------------------------


def test_organiser_creates_an_agreement_with_parties_unit_contact_and_open_end(
    client, memo, db, csrf_off
):
    user = make_user(organisations=[memo.buf])
    db.session.commit()
    login(client, user)
    assert client.get("/manage/collaborations/new").status_code == 200
    response = client.post("/manage/collaborations/new", data=form_data(memo))
    assert response.status_code == 302
    created = db.session.scalars(
        select(Collaboration).where(Collaboration.name.like("Centre for professional%"))
    ).one()
    assert created.slug == "centre-for-professional-development-cpu"
    assert {p.slug for p in created.parties} == {"huddinge", "sh"}
    assert created.responsible_unit_id == memo.buf.id
    assert created.contact_person_id == memo.christina.id
    assert (created.valid_from, created.valid_until) == (date(2023, 1, 1), None)
    page = client.get(f"/collaborations/{created.slug}/").get_data(as_text=True)
    assert "since 2023, until further notice" in page


def test_organiser_edits_an_agreement(client, memo, db, csrf_off):
    user = make_user(organisations=[memo.gaf])
    db.session.commit()
    login(client, user)
    form = client.get("/manage/collaborations/ulf-sh/edit").get_data(as_text=True)
    assert 'value="ULF agreement with Södertörns högskola"' in form
    assert f'<option selected value="{memo.gaf.id}">' in form
    response = client.post(
        "/manage/collaborations/ulf-sh/edit",
        data=form_data(
            memo,
            name="ULF agreement with Södertörns högskola",
            slug="ulf-sh",
            parties=[str(memo.huddinge.id), str(memo.sh.id)],
            responsible_unit=str(memo.gaf.id),
            valid_from="2025-01-01",
            valid_until="2028-12-31",
        ),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert memo.ulf_sh.valid_until == date(2028, 12, 31)
    assert memo.ulf_sh.contact_role == "VFU coordinator"


def test_ending_an_agreement_cuts_its_period_and_keeps_the_note(client, memo, db, csrf_off):
    user = make_user(organisations=[memo.huddinge])
    db.session.commit()
    login(client, user)
    assert client.get("/manage/collaborations/hogskoleradet/end").status_code == 200
    response = client.post(
        "/manage/collaborations/hogskoleradet/end",
        data={"ended_on": "2025-06-30", "end_note": "Replaced by a new forum."},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert memo.council.status == CollaborationStatus.ENDED
    assert memo.council.valid_until == date(2025, 6, 30)
    assert memo.council.end_note == "Replaced by a new forum."


def test_ending_before_the_start_is_refused(client, memo, db, csrf_off):
    login(client, make_user(site_admin=True))
    db.session.commit()
    response = client.post(
        "/manage/collaborations/ulf-sh/end", data={"ended_on": "2020-01-01", "end_note": "x"}
    )
    assert response.status_code == 200
    assert "It cannot end before it started." in response.get_data(as_text=True)
    db.session.expire_all()
    assert memo.ulf_sh.status == CollaborationStatus.ACTIVE


def test_expiring_list_shows_agreements_ending_within_six_months_soonest_first(
    client, memo, db, admin
):
    today = date.today()
    make_collaboration("Ends in five months", valid_until=today + timedelta(days=150))
    make_collaboration("Ends next week", valid_until=today + timedelta(days=7))
    make_collaboration("Ends in two years", valid_until=today + timedelta(days=730))
    make_collaboration("Lapsed last month", valid_until=today - timedelta(days=30))
    db.session.commit()
    login(client, admin)
    html = client.get("/manage/collaborations/").get_data(as_text=True)
    expiring = html.split('id="expiring"')[1].split("</section>")[0]
    assert expiring.index("Ends next week") < expiring.index("Ends in five months")
    assert "Ends in two years" not in expiring and "Lapsed last month" not in expiring
    assert "Performing-arts" not in expiring
    lapsed = html.split('id="lapsed"')[1].split("</section>")[0]
    assert "Lapsed last month" in lapsed


# --- bad input: clear messages, nothing stored ----------------------------------------------


BAD_INPUT = [
    (
        {"valid_from": "2027-01-01", "valid_until": "2025-12-31"},
        "The end date must not be before the start date.",
    ),
    ({"parties": ["PARTY", "PARTY"]}, "Södertörns högskola is listed twice as a party."),
    ({"responsible_unit": "999999"}, "Unknown unit: there is no organisation 999999."),
    ({"responsible_unit": "gaf"}, "Unknown unit: choose one from the list."),
    ({"parties": ["abc"]}, "Choose the parties from the list."),
    ({"parties": ["424242"]}, "Unknown organisation: 424242."),
    ({"contact_person": "777777"}, "Unknown person: there is nobody with id 777777."),
    ({"valid_from": "next spring"}, "Not a valid date value."),
    ({"name": ""}, "This field is required."),
    ({"kind": "treaty"}, "Not a valid choice."),
    ({"slug": "Has Spaces"}, "Use lower-case letters, digits and single hyphens."),
    ({"slug": "hogskoleradet"}, "Another forum or agreement has this address."),
    ({"website": "not a url"}, "Give an address that starts with http:// or https://."),
]


def test_bad_input_gets_a_clear_message_and_nothing_is_stored(client, memo, db, admin, csrf_off):
    login(client, admin)
    before = count(db)
    for overrides, message in BAD_INPUT:
        if overrides.get("parties") == ["PARTY", "PARTY"]:
            overrides = {"parties": [str(memo.sh.id), str(memo.sh.id)]}
        response = client.post("/manage/collaborations/new", data=form_data(memo, **overrides))
        assert response.status_code == 200, overrides
        html = response.get_data(as_text=True)
        assert message in html, overrides
        assert "Please correct the fields marked below." in html
        assert count(db) == before


def test_bad_edit_changes_nothing(client, memo, db, admin, csrf_off):
    login(client, admin)
    response = client.post(
        "/manage/collaborations/ulf-sh/edit",
        data=form_data(memo, name="Renamed", valid_from="2025-01-01", valid_until="2024-01-01"),
    )
    assert response.status_code == 200
    db.session.expire_all()
    assert memo.ulf_sh.name == "ULF agreement with Södertörns högskola"
    assert memo.ulf_sh.valid_until == date(2027, 12, 31)


def test_organiser_cannot_save_an_agreement_their_organisations_are_not_part_of(
    client, memo, db, csrf_off
):
    user = make_user(organisations=[memo.konstfack])
    db.session.commit()
    login(client, user)
    before = count(db)
    response = client.post("/manage/collaborations/new", data=form_data(memo))
    assert response.status_code == 200
    assert "One of your organisations must be a party" in response.get_data(as_text=True)
    assert count(db) == before


def test_the_service_refuses_bad_data_without_http(memo, db, admin):
    data = CollaborationData(
        name="Twice", slug="twice", kind=memo.ulf_sh.kind, party_ids=[memo.sh.id, memo.sh.id]
    )
    with pytest.raises(InvalidCollaboration) as refused:
        create_collaboration(admin, data)
    assert refused.value.field == "parties"
    data = CollaborationData(name="Unit", slug="unit", kind=memo.ulf_sh.kind, responsible_unit_id=9)
    with pytest.raises(InvalidCollaboration) as refused:
        create_collaboration(admin, data)
    assert refused.value.field == "responsible_unit"
    assert count(db) == 5


def test_forms_carry_a_csrf_token(client, memo, admin):
    login(client, admin)
    html = client.get("/manage/collaborations/new").get_data(as_text=True)
    assert 'name="csrf_token"' in html
    response = client.post("/manage/collaborations/new", data=form_data(memo))
    assert response.status_code == 400


def test_unknown_collaboration_in_the_back_office_is_404(client, memo, admin):
    login(client, admin)
    assert client.get("/manage/collaborations/nothing-here/edit").status_code == 404
    assert client.get("/manage/collaborations/nothing-here/end").status_code == 404


def test_ending_twice_is_refused_with_a_message(client, memo, admin, csrf_off):
    login(client, admin)
    response = client.post(
        "/manage/collaborations/scenkonstresidens/end",
        data={"ended_on": "2025-01-01", "end_note": "again"},
    )
    assert response.status_code == 200
    assert "This collaboration has already ended." in response.get_data(as_text=True)


def test_a_swedish_agreement_gets_an_english_purpose_beside_it(client, memo, db):
    from tests.helpers.forms import submit

    user = make_user(organisations=[memo.gaf])
    db.session.commit()
    login(client, user)
    response = submit(
        client,
        "/manage/collaborations/ulf-sh/edit",
        original_language="sv",
        purpose="Samverkan kring lärarutbildning och forskning i skolan.",
        purpose_translation="Working together on teacher education and research in schools.",
        contact_role="utvecklingsledare",
        contact_role_translation="Development lead",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    ulf = memo.ulf_sh
    assert (ulf.original_language, ulf.purpose) == (
        "sv",
        "Samverkan kring lärarutbildning och forskning i skolan.",
    )
    english = client.get("/collaborations/ulf-sh/?lang=en").get_data(as_text=True)
    swedish = client.get("/collaborations/ulf-sh/?lang=sv").get_data(as_text=True)
    assert "Working together on teacher education" in english
    assert "Samverkan kring lärarutbildning" in swedish and "teacher education" not in swedish
    assert "Development lead" in english and "utvecklingsledare" in swedish
