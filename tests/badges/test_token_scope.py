"""A door token is for the events it names and until its end date: a lost phone's token opens no
other event its owner manages, and stops by itself; the door page shows both."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from eventapp.auth.models import ApiToken
from eventapp.badges.tokens import create_api_token
from eventapp.core.db import utcnow
from eventapp.extensions import db
from tests.badges.conftest import csrf_token, sign_in
from tests.builders import make_event, make_registration


def _scan(client, event, plain: str, code: str):
    return client.post(
        f"/manage/events/{event.slug}/checkin",
        json={"code": code},
        headers={"Authorization": f"Bearer {plain}"},
    )


def test_a_token_opens_only_the_events_it_names(client, event, organisation, organiser):
    other = make_event("Another event of the same organiser", organisers=[organisation])
    third = make_event("A third one", organisers=[organisation])
    here, there = make_registration(event), make_registration(other)
    elsewhere = make_registration(third)
    _token, plain = create_api_token(organiser, "Door 1", [event, other])
    db.session.commit()
    assert _scan(client, event, plain, here.checkin_code).get_json()["colour"] == "green"
    assert _scan(client, other, plain, there.checkin_code).get_json()["colour"] == "green"
    refused = _scan(client, third, plain, elsewhere.checkin_code)
    assert refused.status_code == 403
    assert (
        client.get(
            f"/manage/events/{third.slug}/checkin/search?q=x",
            headers={"Authorization": f"Bearer {plain}"},
        ).status_code
        == 403
    )
    db.session.refresh(elsewhere)
    assert elsewhere.checked_in_at is None


def test_a_token_stops_working_after_its_end(client, event, organiser):
    registration = make_registration(event)
    token, plain = create_api_token(organiser, "Door 1", [event])
    token.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert _scan(client, event, plain, registration.checkin_code).status_code == 401
    counts = client.get(
        f"/manage/events/{event.slug}/checkin/counts", headers={"Authorization": f"Bearer {plain}"}
    )
    assert counts.status_code == 401


def test_the_door_page_makes_a_token_for_this_event_and_shows_its_events_and_end(
    client, event, organisation, organiser
):
    other = make_event("Workshop day", organisers=[organisation])
    db.session.commit()
    sign_in(client, organiser)
    page = f"/manage/events/{event.slug}/checkin"
    fields = {"csrf_token": csrf_token(client, page), "name": "Door 1", "until": "2027-06-01T18:00"}
    assert client.post(f"{page}/tokens", data=fields).status_code == 200
    token = db.session.execute(select(ApiToken)).scalar_one()
    assert [e.id for e in token.events] == [event.id]
    assert token.expires_at.isoformat().startswith("2027-06-01T16:00")  # 18:00 in Stockholm
    listing = client.get(page).get_data(as_text=True)
    assert "Door 1" in listing and "Jun 1, 2027, 18:00" in listing and event.title in listing
    assert other.title not in listing.split('class="checkin-token-list"')[1].split("</ul>")[0]
