"""Every "Website" field takes http(s) addresses only, and a stored address that is not one never
becomes a link (the ``web_link`` filter is the second line, behind the forms)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from eventapp.directory.models import Organisation
from eventapp.events.models import Event, Venue
from tests.builders import make_event, make_organisation, make_user, make_venue
from tests.conftest import login
from tests.manage.conftest import post_form
from tests.manage.test_event_form import valid_event

BAD_ADDRESSES = [
    "javascript:alert(1)",
    " JavaScript:alert(document.cookie)",
    "javascript://%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://files.example.org/",
    "https://",
    "www.example.org",
]
FORM_ERROR = "Give an address that starts with http:// or https://."


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("address", BAD_ADDRESSES)
def test_event_website_must_be_http_or_https(ki_client, db, ki, address):
    response = post_form(ki_client, "/manage/events/new", valid_event(ki, website=address))
    assert response.status_code == 200
    assert FORM_ERROR in response.get_data(as_text=True)
    assert _count(db, Event) == 0


@pytest.mark.parametrize(
    ("url", "data", "model"),
    [
        ("/manage/venues/new", {"name": "Aula Medica"}, Venue),
        ("/manage/organisations/new", {"name": "Södertörn", "kind": "university"}, Organisation),
    ],
)
@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,x"])
def test_directory_websites_must_be_http_or_https(client, db, url, data, model, address):
    admin = make_user("root@example.org", site_admin=True)
    db.session.commit()
    before = _count(db, model)
    login(client, admin)
    response = post_form(client, url, {**data, "website": address})
    assert response.status_code == 200
    assert FORM_ERROR in response.get_data(as_text=True)
    assert _count(db, model) == before


def test_a_good_address_is_kept(ki_client, db, ki):
    data = valid_event(ki, website="https://www.ki.se/atmp?lang=en")
    assert post_form(ki_client, "/manage/events/new", data).status_code == 302
    assert db.session.scalar(select(Event.website)) == "https://www.ki.se/atmp?lang=en"


def test_a_stored_javascript_address_is_not_a_link_on_the_event_page(client, db):
    venue = make_venue("Aula", website="javascript:alert('venue')")
    make_event(slug="ev", website="javascript:alert('event')", venue=venue)
    make_organisation("Org", slug="org", website="javascript:alert('org')")
    db.session.commit()
    page = client.get("/events/ev/").get_data(as_text=True)
    assert 'href="javascript' not in page
