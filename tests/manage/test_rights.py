"""Rights: an organiser manages only what their organisations host or co-organise (403)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eventapp.auth.models import User
from eventapp.core.errors import Forbidden
from eventapp.core.types import EventStatus, OrganiserRole
from eventapp.events import lifecycle_services as lifecycle
from eventapp.events.models import Event
from tests.builders import (
    make_event,
    make_registration,
    make_series,
    make_session,
    make_user,
)
from tests.conftest import login
from tests.manage.conftest import post_form


@pytest.fixture
def ki_draft(db, ki):
    event = make_event("KI internal draft", slug="ki-draft", status=EventStatus.DRAFT,
                       organisers=[ki.organisation])  # fmt: skip
    session = make_session(event, "Secret keynote")
    make_registration(event, "Registered Person", email="reg@example.org")
    db.session.commit()
    return event, session


def _as(client, user: User):
    login(client, user)
    return client


EVENT_PAGES = [
    "/manage/events/ki-draft/",
    "/manage/events/ki-draft/edit",
    "/manage/events/ki-draft/timetable",
    "/manage/events/ki-draft/sessions/new",
    "/manage/events/ki-draft/cancel",
    "/manage/events/ki-draft/clone",
]


@pytest.mark.parametrize("url", EVENT_PAGES)
def test_organiser_of_another_organisation_cannot_read_the_event(client, ki_draft, kth, url):
    assert _as(client, kth.user).get(url).status_code == 403


def test_organiser_of_another_organisation_cannot_read_a_session(client, ki_draft, kth):
    _event, session = ki_draft
    _as(client, kth.user)
    assert client.get(f"/manage/events/ki-draft/sessions/{session.id}").status_code == 403
    assert client.get(f"/manage/events/ki-draft/sessions/{session.id}/move").status_code == 403


@pytest.mark.parametrize(
    "url", ["publish", "unpublish", "archive", "cancel", "clone", "edit", "sessions/new"]
)
def test_organiser_of_another_organisation_cannot_change_the_event(
    client, db, csrf_off, ki_draft, kth, url
):
    _as(client, kth.user)
    response = client.post(
        f"/manage/events/ki-draft/{url}",
        data={"title": "Hijacked", "confirm": "y", "starts_on": "2030-01-01"},
    )
    assert response.status_code == 403
    db.session.expire_all()
    event = db.session.execute(select(Event).where(Event.slug == "ki-draft")).scalar_one()
    assert event.title == "KI internal draft" and event.status == EventStatus.DRAFT
    assert db.session.execute(select(Event)).scalars().all() == [event]


def test_organiser_of_another_organisation_cannot_touch_its_sessions(
    client, db, csrf_off, ki_draft, kth
):
    _event, session = ki_draft
    _as(client, kth.user)
    base = f"/manage/events/ki-draft/sessions/{session.id}"
    for suffix in ("/cancel", "/delete", "", "/move"):
        assert client.post(base + suffix, data={"title": "x"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(type(session), session.id).title == "Secret keynote"


def test_registrations_and_drafts_of_others_are_not_listed_or_counted(client, ki_draft, kth):
    event, _session = ki_draft
    page = _as(client, kth.user).get("/manage/").get_data(as_text=True)
    assert "KI internal draft" not in page
    assert "KI internal draft" not in client.get("/manage/events/").get_data(as_text=True)
    with pytest.raises(Forbidden):
        lifecycle.registration_counts(kth.user, event)


def test_own_organiser_and_site_admin_may_manage_the_event(client, db, ki_draft, ki):
    assert _as(client, ki.user).get("/manage/events/ki-draft/").status_code == 200
    admin = make_user("root@example.org", site_admin=True)
    db.session.commit()
    other = client.application.test_client()
    assert _as(other, admin).get("/manage/events/ki-draft/").status_code == 200


def test_co_organiser_may_manage_but_partner_may_not(client, db, ki, kth):
    event = make_event("Joint", slug="joint", organisers=[ki.organisation])
    from eventapp.events.models import EventOrganiser

    event.organisers.append(
        EventOrganiser(organisation=kth.organisation, role=OrganiserRole.PARTNER, position=1)
    )
    db.session.commit()
    assert _as(client, kth.user).get("/manage/events/joint/").status_code == 403
    event.organisers[1].role = OrganiserRole.CO_ORGANISER
    db.session.commit()
    assert client.get("/manage/events/joint/").status_code == 200


def test_organiser_cannot_create_an_event_hosted_only_by_another_organisation(client, db, ki, kth):
    _as(client, kth.user)
    page = post_form(
        client,
        "/manage/events/new",
        {
            "title": "Sneaky",
            "timezone": "Europe/Stockholm",
            "starts_at": "2030-05-01T09:00",
            "ends_at": "2030-05-01T17:00",
            "organisers-0-organisation": str(ki.organisation.id),
            "organisers-0-role": "host",
            "registration_categories": ["participant"],
            "retention_days": "180",
        },
    )
    assert page.status_code == 200
    assert "One of your organisations must host or co-organise the event." in page.get_data(
        as_text=True
    )
    assert db.session.execute(select(Event)).first() is None


def test_organiser_cannot_edit_another_organisations_series_or_organisation(client, ki, kth, db):
    series = make_series("KI Days", organisations=[ki.organisation])
    db.session.commit()
    _as(client, kth.user)
    assert client.get(f"/manage/series/{series.id}").status_code == 403
    assert client.get(f"/manage/organisations/{ki.organisation.id}").status_code == 403
    assert client.get("/manage/organisations/new").status_code == 403
    assert client.get(f"/manage/organisations/{kth.organisation.id}").status_code == 200


def test_organiser_cannot_put_an_event_into_another_organisations_series(client, db, ki, kth):
    series = make_series("KI Days", organisations=[ki.organisation])
    db.session.commit()
    _as(client, kth.user)
    response = post_form(
        client,
        "/manage/events/new",
        {
            "title": "Into their series",
            "timezone": "Europe/Stockholm",
            "starts_at": "2030-05-01T09:00",
            "ends_at": "2030-05-01T17:00",
            "series_id": str(series.id),
            "organisers-0-organisation": str(kth.organisation.id),
            "organisers-0-role": "host",
            "registration_categories": ["participant"],
            "retention_days": "180",
        },
    )
    assert response.status_code == 200  # the series is not even offered: "Not a valid choice"
    assert db.session.execute(select(Event)).first() is None


def test_anonymous_visitors_are_sent_to_the_login_page(client, ki_draft):
    for url in EVENT_PAGES + ["/manage/", "/manage/people/", "/manage/venues/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/manage/login" in response.headers["Location"]


def test_management_pages_render_when_csrf_is_switched_off(client, csrf_off, ki_draft, ki):
    _as(client, ki.user)
    for url in ("/manage/events/ki-draft/", "/manage/events/ki-draft/timetable"):
        page = client.get(url)
        assert page.status_code == 200
        assert 'name="csrf_token"' in page.get_data(as_text=True)
