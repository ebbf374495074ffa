"""A scanner app's scan takes its own path (its token, user, event and right in one statement,
on a connection of its own), so it is checked on its own: every answer equals the door page's
for the same kind of badge, and only a valid token of someone who may manage the event named in
the URL checks anybody in.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from eventapp.auth.models import ApiToken
from eventapp.badges.tokens import LAST_USED_RESOLUTION, create_api_token
from eventapp.core.db import utcnow
from eventapp.core.timefmt import local_time
from eventapp.core.types import OrganiserRole, RegistrationStatus
from eventapp.events.models import EventOrganiser
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.badges.conftest import csrf_token, sign_in
from tests.builders import make_event, make_registration, make_user

KINDS = ("green", "amber", "cancelled", "waitlisted", "pending", "rejected", "other event")


def _people(event, other_event) -> dict[str, Registration]:
    """One registration of each kind a door meets (the amber one already checked in)."""
    people = {
        "green": make_registration(event),
        "amber": make_registration(event),
        "other event": make_registration(other_event),
    }
    for status in ("cancelled", "waitlisted", "pending", "rejected"):
        people[status] = make_registration(event, status=RegistrationStatus(status))
    return people


def _comparable(answer: dict) -> dict:
    """An answer without what differs between two people of the same kind: who, the moment
    (an amber answer's detail says it), and the counter (the two doors take turns)."""
    person = answer["registration"] and {
        k: v for k, v in answer["registration"].items() if k not in ("id", "name")
    }
    moment = ("checked_in_at", "checked_in_at_local", "counts")
    if answer["result"] == "already_checked_in":
        moment += ("detail",)
    return {**{k: v for k, v in answer.items() if k not in moment}, "registration": person}


def test_every_answer_is_the_door_pages_answer(client, event, other_event, organiser):
    _token, plain = create_api_token(organiser, "Door 2 phone", [event])
    by_page, by_token = _people(event, other_event), _people(event, other_event)
    db.session.commit()
    codes = {kind: (by_page[kind].checkin_code, by_token[kind].checkin_code) for kind in KINDS}
    ids = {kind: (by_page[kind].id, by_token[kind].id) for kind in KINDS}
    url = f"/manage/events/{event.slug}/checkin"
    token = {"Authorization": f"Bearer {plain}"}
    sign_in(client, organiser)
    page = {"X-CSRFToken": csrf_token(client, url)}

    def both(payloads: tuple[dict, dict]) -> tuple[dict, dict]:
        first = client.post(url, json=payloads[0], headers=page)
        second = client.post(url, json=payloads[1], headers=token)
        assert first.status_code == second.status_code == 200
        return first.get_json(), second.get_json()

    both(({"code": codes["amber"][0]}, {"code": codes["amber"][1]}))  # now amber
    seen = set()
    for kind in KINDS:
        for payloads in (
            ({"code": codes[kind][0]}, {"code": codes[kind][1]}),
            ({"registration_id": ids[kind][0]}, {"registration_id": ids[kind][1]}),
        ):
            on_page, from_app = both(payloads)
            assert _comparable(from_app) == _comparable(on_page), (kind, payloads)
            seen.add(from_app["colour"])
            if from_app["checked_in_at"]:  # told in the event's zone, as on the page
                moment = datetime.fromisoformat(from_app["checked_in_at"])
                assert local_time(moment, event.timezone) in from_app["checked_in_at_local"]
        if kind == "green":
            assert from_app["result"] == "already_checked_in"  # by id, after by code
    for scanned in ("Z" * 22, "not a code"):
        on_page, from_app = both(({"code": scanned}, {"code": scanned}))
        assert _comparable(from_app) == _comparable(on_page)
    assert seen == {"green", "amber", "red"}
    assert from_app["counts"] == on_page["counts"] == {"checked_in": 4, "confirmed": 4}


def _scan(client, slug: str, plain: str, code: str):
    return client.post(
        f"/manage/events/{slug}/checkin",
        json={"code": code},
        headers={"Authorization": f"Bearer {plain}"},
    )


def _checked_in(registration: Registration) -> bool:
    db.session.expire_all()
    return db.session.get(Registration, registration.id).checked_in_at is not None


def test_a_deactivated_users_token_checks_nobody_in(client, event, organiser):
    registration = make_registration(event)
    _token, plain = create_api_token(organiser, "Door 1", [event])
    organiser.active = False
    db.session.commit()
    assert _scan(client, event.slug, plain, registration.checkin_code).status_code == 401
    assert not _checked_in(registration)


def test_a_partner_organisations_token_is_refused(client, organisation, other_organisation):
    """Partners appear on the event but do not manage it."""
    event = make_event("Partnered", organisers=[other_organisation])
    event.organisers.append(
        EventOrganiser(organisation=organisation, role=OrganiserRole.PARTNER, position=1)
    )
    partner = make_user("partner@ki.se", organisations=[organisation])
    registration = make_registration(event)
    _token, plain = create_api_token(partner, "Partner door", [event])
    db.session.commit()
    response = _scan(client, event.slug, plain, registration.checkin_code)
    assert response.status_code == 403
    assert not _checked_in(registration)


def test_a_site_administrators_token_checks_in_at_any_event(client, other_event):
    admin = make_user("admin@example.org", site_admin=True, display_name="Site Admin")
    registration = make_registration(other_event)
    _token, plain = create_api_token(admin, "Admin door", [other_event])
    db.session.commit()
    answer = _scan(client, other_event.slug, plain, registration.checkin_code).get_json()
    assert (answer["colour"], answer["checked_in_by"]) == ("green", "Site Admin")
    assert _checked_in(registration)


def test_a_badge_scanned_at_the_wrong_events_address_is_not_checked_in(
    client, event, other_event, organiser, other_organisation
):
    """The token's user manages both events; the badge is for the other one."""
    organiser.organisations.append(other_organisation)
    registration = make_registration(other_event)
    _token, plain = create_api_token(organiser, "Door 1", [event])
    db.session.commit()
    answer = _scan(client, event.slug, plain, registration.checkin_code).get_json()
    assert (answer["colour"], answer["reason"]) == ("red", "other_event")
    assert not _checked_in(registration)
    assert _scan(client, "no-such-event", plain, registration.checkin_code).status_code == 404
    assert not _checked_in(registration)


@pytest.mark.parametrize("last_used", [None, "long ago", "just now"])
def test_a_green_scan_records_the_tokens_use_at_most_once_per_resolution(
    client, event, organiser, last_used
):
    token, plain = create_api_token(organiser, "Door 1", [event])
    moments = {None: None, "long ago": utcnow() - 2 * LAST_USED_RESOLUTION}
    moments["just now"] = utcnow() - timedelta(seconds=1)
    token.last_used_at = moments[last_used]
    registration = make_registration(event)
    db.session.commit()
    before = utcnow()
    assert _scan(client, event.slug, plain, registration.checkin_code).get_json()["colour"] == (
        "green"
    )
    db.session.expire_all()
    recorded = db.session.get(ApiToken, token.id).last_used_at
    if last_used == "just now":
        assert recorded == moments["just now"]
    else:
        assert recorded is not None and recorded >= before
