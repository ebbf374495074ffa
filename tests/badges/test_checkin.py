"""Check-in at the door: every answer, idempotence, two doors at once, who may scan."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from eventapp.auth.models import ApiToken
from eventapp.badges import checkin_services as checkin
from eventapp.badges.tokens import create_api_token, token_digest
from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationCategory, RegistrationStatus
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.badges.conftest import csrf_token, sign_in
from tests.builders import make_registration


def _scan(client, event, code, token=None, csrf=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {"X-CSRFToken": csrf or ""}
    return client.post(f"/manage/events/{event.slug}/checkin", json={"code": code}, headers=headers)


@pytest.fixture
def door(client, event, organiser):
    """The organiser's browser on the door page: (client, CSRF token)."""
    sign_in(client, organiser)
    return client, csrf_token(client, f"/manage/events/{event.slug}/checkin")


def test_first_scan_checks_in_green_with_name_and_category(door, event):
    client, csrf = door
    registration = make_registration(event, "Åsa Öberg", category=RegistrationCategory.SPEAKER)
    db.session.commit()
    response = _scan(
        client, event, f"http://eventapp.test/c/{registration.checkin_code}", csrf=csrf
    )
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["result"] == "checked_in" and answer["colour"] == "green"
    assert answer["registration"]["name"] == "Åsa Öberg"
    assert answer["registration"]["category"] == "speaker"
    assert answer["registration"]["category_label"] == "Speaker"
    assert answer["checked_in_by"] == "Door Keeper"
    assert answer["counts"] == {"checked_in": 1, "confirmed": 1}
    db.session.refresh(registration)
    assert registration.checked_in_at is not None


def test_second_scan_is_amber_with_time_and_who_and_counts_once(door, event):
    client, csrf = door
    registration = make_registration(event, "Jörg Müller")
    make_registration(event)
    db.session.commit()
    first = _scan(client, event, registration.checkin_code, csrf=csrf).get_json()
    second = _scan(client, event, registration.checkin_code, csrf=csrf).get_json()
    assert second["result"] == "already_checked_in" and second["colour"] == "amber"
    assert second["checked_in_at"] == first["checked_in_at"]
    assert second["checked_in_by"] == "Door Keeper"
    assert f"at {first['checked_in_at_local']} by Door Keeper" in second["detail"]
    assert second["counts"] == {"checked_in": 1, "confirmed": 2}


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (RegistrationStatus.CANCELLED, "cancelled"),
        (RegistrationStatus.WAITLISTED, "waitlisted"),
        (RegistrationStatus.PENDING, "pending"),
        (RegistrationStatus.REJECTED, "rejected"),
        (RegistrationStatus.UNCONFIRMED, "unconfirmed"),
    ],
)
def test_registrations_without_a_place_are_red_with_the_reason(door, event, status, reason):
    client, csrf = door
    registration = make_registration(event, "Ayşe Şahin", status=status)
    db.session.commit()
    answer = _scan(client, event, registration.checkin_code, csrf=csrf).get_json()
    assert (answer["result"], answer["colour"], answer["reason"]) == ("refused", "red", reason)
    assert answer["detail"]
    db.session.refresh(registration)
    assert registration.checked_in_at is None


def test_unknown_codes_are_red(door, event):
    client, csrf = door
    for scanned in ("A" * 22, "http://eventapp.test/c/" + "B" * 22, "not a code", "🎉"):
        answer = _scan(client, event, scanned, csrf=csrf).get_json()
        assert (answer["colour"], answer["reason"]) == ("red", "unknown_code")
        assert answer["registration"] is None


def test_an_empty_scan_asks_for_a_code_instead_of_calling_it_a_stranger(door, event, organiser):
    """An Enter with nothing scanned said "This code is not a badge of ours."."""
    client, csrf = door
    for code in ("", "   "):
        response = client.post(
            f"/manage/events/{event.slug}/checkin", data={"csrf_token": csrf, "code": code}
        )
        html = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "No code arrived: scan the badge again, or type its code." in html
        assert "not a badge of ours" not in html
        answer = checkin.check_in(event, code, organiser)
        assert (answer.reason, answer.detail) == ("empty_code", str(checkin.EMPTY_CODE))


def test_another_events_badge_is_red_and_says_which_event_but_not_who(door, event, other_event):
    client, csrf = door
    stranger = make_registration(other_event, "Secret Person")
    db.session.commit()
    answer = _scan(client, event, stranger.checkin_code, csrf=csrf).get_json()
    assert (answer["colour"], answer["reason"]) == ("red", "other_event")
    assert "Regional Health Day" in answer["detail"]
    assert "Secret Person" not in str(answer)
    db.session.refresh(stranger)
    assert stranger.checked_in_at is None


def test_undo_takes_back_a_check_in(door, event):
    client, csrf = door
    registration = make_registration(event)
    db.session.commit()
    _scan(client, event, registration.checkin_code, csrf=csrf)
    response = client.post(
        f"/manage/events/{event.slug}/checkin/undo",
        json={"registration_id": registration.id},
        headers={"X-CSRFToken": csrf},
    )
    assert response.get_json()["result"] == "undone"
    assert response.get_json()["counts"]["checked_in"] == 0
    db.session.refresh(registration)
    assert registration.checked_in_at is None and registration.checked_in_by_id is None
    from eventapp.manage.models import AuditLogEntry

    entry = db.session.execute(select(AuditLogEntry)).scalar_one()
    assert (entry.action, entry.target) == ("checkin.undo", f"registration:{registration.id}")
    again = _scan(client, event, registration.checkin_code, csrf=csrf).get_json()
    assert again["result"] == "checked_in"


def test_session_requests_need_the_csrf_header(door, event):
    client, _csrf = door
    registration = make_registration(event)
    db.session.commit()
    response = _scan(client, event, registration.checkin_code, csrf="forged")
    assert response.status_code == 400
    db.session.refresh(registration)
    assert registration.checked_in_at is None


def test_no_login_and_no_token_is_401(client, event):
    registration = make_registration(event)
    db.session.commit()
    assert _scan(client, event, registration.checkin_code).status_code == 401
    assert client.get(f"/manage/events/{event.slug}/checkin/counts").status_code == 401


def test_organisers_of_other_organisations_are_refused(client, event, organiser, outsider):
    """Also while the event's own organisers have members (``organiser``) and tokens."""
    create_api_token(organiser, "Door 1", [event])
    registration = make_registration(event)
    db.session.commit()
    sign_in(client, outsider)
    assert client.get(f"/manage/events/{event.slug}/checkin").status_code == 403
    _token, plain = create_api_token(outsider, "their scanner", [event])
    response = _scan(client, event, registration.checkin_code, token=plain)
    assert response.status_code == 403
    assert response.get_json()["status"] == 403
    db.session.refresh(registration)
    assert registration.checked_in_at is None


def test_api_token_checks_in_and_is_stored_only_as_a_digest(client, event, organiser):
    registration = make_registration(event)
    db.session.commit()
    token, plain = create_api_token(organiser, "Door 2 phone", [event])
    assert token.token_digest == token_digest(plain) != plain
    answer = _scan(client, event, registration.checkin_code, token=plain).get_json()
    assert answer["result"] == "checked_in" and answer["checked_in_by"] == "Door Keeper"
    assert _scan(client, event, registration.checkin_code, token="wrong").status_code == 401


def test_revoked_token_no_longer_works(client, event, organiser):
    registration = make_registration(event)
    db.session.commit()
    token, plain = create_api_token(organiser, "lost phone", [event])
    sign_in(client, organiser)
    page = f"/manage/events/{event.slug}/checkin"
    response = client.post(
        f"{page}/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(client, page)}
    )
    assert response.status_code == 303
    sign_in(client, None)
    assert _scan(client, event, registration.checkin_code, token=plain).status_code == 401


def test_organiser_creates_a_token_on_the_door_page_and_sees_it_once(door, event):
    client, csrf = door
    page = f"/manage/events/{event.slug}/checkin"
    html = client.post(f"{page}/tokens", data={"csrf_token": csrf, "name": "Door 1"}).get_data(
        as_text=True
    )
    stored = db.session.execute(select(ApiToken)).scalar_one()
    plain = html.split('<code class="checkin-token">')[1].split("</code>")[0]
    assert token_digest(plain) == stored.token_digest and stored.name == "Door 1"
    assert plain not in client.get(page).get_data(as_text=True)


def test_door_page_has_a_focused_scanner_input_camera_search_and_counts(door, event):
    client, _csrf = door
    make_registration(event)
    db.session.commit()
    html = client.get(f"/manage/events/{event.slug}/checkin").get_data(as_text=True)
    assert 'name="code"' in html and "autofocus" in html
    assert "js/checkin.js" in html and "camera-toggle" in html
    assert 'id="count-checked-in">0</strong> / <span id="count-confirmed">1</span>' in html
    assert "<script>" not in html and " style=" not in html  # strict CSP


def test_without_javascript_the_form_checks_in_and_shows_the_answer(door, event):
    client, csrf = door
    registration = make_registration(event, "Ñuño Ibáñez")
    db.session.commit()
    response = client.post(
        f"/manage/events/{event.slug}/checkin",
        data={"csrf_token": csrf, "code": registration.checkin_code},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "checkin-green" in html and "Ñuño Ibáñez" in html and "Undo check-in" in html


def test_search_by_name_finds_people_whatever_the_case_of_accents(door, event):
    client, csrf = door
    registration = make_registration(event, "Åsa Öberg", affiliation="KTH")
    make_registration(event, "Bo Ek")
    db.session.commit()
    for query in ("öberg", "Öberg", "ÖBERG", "åsa ö", "kth", "asa oberg", "ÅSA"):
        results = client.get(f"/manage/events/{event.slug}/checkin/search?q={query}").get_json()
        assert [r["name"] for r in results["results"]] == ["Åsa Öberg"], query
    html = client.get(f"/manage/events/{event.slug}/checkin?q=oberg%25").get_data(as_text=True)
    assert "Nobody found." in html
    response = client.post(
        f"/manage/events/{event.slug}/checkin/person",
        data={"csrf_token": csrf, "registration_id": str(registration.id)},
    )
    assert "checkin-green" in response.get_data(as_text=True)


def _race(app, event_id: int, code: str, user_id: int, doors: int = 2) -> list[str]:
    """``doors`` threads scan the same badge at the same moment; returns their results."""
    barrier = threading.Barrier(doors)
    results: list[str] = []
    errors: list[BaseException] = []

    def door() -> None:
        from eventapp.auth.models import User
        from eventapp.events.models import Event

        with app.app_context():
            try:
                event = db.session.get(Event, event_id)
                user = db.session.get(User, user_id)
                barrier.wait(timeout=10)
                results.append(checkin.check_in(event, code, user).result)
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=door) for _ in range(doors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def test_two_doors_scanning_the_same_badge_at_once_record_one_check_in(app, event, organiser):
    registration = make_registration(event)
    event_id, code, user_id = event.id, registration.checkin_code, organiser.id
    db.session.commit()
    for _round in range(3):
        db.session.execute(
            Registration.__table__.update().values(checked_in_at=None, checked_in_by_id=None)
        )
        db.session.commit()
        results = _race(app, event_id, code, user_id, doors=4)
        assert sorted(results) == ["already_checked_in"] * 3 + ["checked_in"]
    db.session.expire_all()
    assert checkin.checkin_counts(event) == {"checked_in": 1, "confirmed": 1}


def test_badge_link_shows_anyone_only_the_event_name(client, event):
    registration = make_registration(event, "Private Person", affiliation="Secret Lab")
    db.session.commit()
    response = client.get(f"/c/{registration.checkin_code}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Collaboration in Science 2026" in html
    assert "Private Person" not in html and "Secret Lab" not in html
    assert client.get("/c/" + "Z" * 22).status_code == 404


def test_badge_link_lets_an_organiser_check_in_with_a_button_not_by_get(client, event, organiser):
    registration = make_registration(event, "Ayşe Şahin")
    db.session.commit()
    sign_in(client, organiser)
    url = f"/c/{registration.checkin_code}"
    html = client.get(url).get_data(as_text=True)
    assert "Ayşe Şahin" in html and "Check in" in html
    db.session.refresh(registration)
    assert registration.checked_in_at is None  # GET changes nothing
    response = client.post(url, data={"csrf_token": csrf_token(client, url)})
    assert "checkin-green" in response.get_data(as_text=True)
    db.session.refresh(registration)
    assert registration.checked_in_at is not None


def test_badge_link_for_organisers_of_other_organisations_shows_only_the_event(
    client, event, outsider
):
    registration = make_registration(event, "Private Person")
    db.session.commit()
    sign_in(client, outsider)
    url = f"/c/{registration.checkin_code}"
    html = client.get(url).get_data(as_text=True)
    assert "Collaboration in Science 2026" in html and "Private Person" not in html
    assert client.post(url, data={"csrf_token": "x"}).status_code in (400, 403)
    db.session.refresh(registration)
    assert registration.checked_in_at is None


def test_malformed_requests_get_400_not_500(door, event):
    client, csrf = door
    url = f"/manage/events/{event.slug}/checkin"
    headers = {"X-CSRFToken": csrf}
    # "²" and "٣" are digits to str.isdigit(); 2**31 and 10**30 no id column holds.
    odd_ids = ["abc", "²", "٣", " 1", "1.0", True, 1.0, 2**31, 10**30, str(10**30), -1, 0]
    bodies = [{}, {"code": 123}, {"code": ""}, [1, 2]] + [{"registration_id": i} for i in odd_ids]
    for body in bodies:
        response = client.post(url, json=body, headers=headers)
        assert response.status_code == 400, body
        assert response.get_json()["error"]
        response = client.post(f"{url}/undo", json=body, headers=headers)
        assert response.status_code == 400, body
    for value in ("²", "٣", str(2**31), "0", ""):
        form = {"csrf_token": csrf, "registration_id": value}
        for path in ("person", "undo"):
            page = client.post(f"{url}/{path}", data=form)
            assert page.status_code == 400, (path, value)
    response = client.post(f"{url}/undo", json={"registration_id": 999999}, headers=headers)
    assert response.status_code == 404
    long_code = _scan(client, event, "x" * 100_000, csrf=csrf)
    assert long_code.get_json()["reason"] == "unknown_code"


def test_the_live_counter_counts_this_events_confirmed_people(
    client, event, other_event, organiser
):
    """The green answer's counter comes from the update's own statement (the others, plus the
    one just checked in): it must equal a plain count on either database."""
    _token, plain = create_api_token(organiser, "Door 1", [event])
    now = utcnow()
    arriving, second = make_registration(event), make_registration(event)
    make_registration(event, checked_in_at=now)
    make_registration(event, status=RegistrationStatus.CANCELLED)
    make_registration(event, status=RegistrationStatus.WAITLISTED, checked_in_at=None)
    make_registration(event, checked_in_at=now, anonymised_at=now)
    make_registration(other_event, checked_in_at=now)
    db.session.commit()
    by_code = _scan(client, event, arriving.checkin_code, token=plain).get_json()
    assert by_code["colour"] == "green"
    assert by_code["counts"] == {"checked_in": 2, "confirmed": 3} == checkin.checkin_counts(event)
    again = _scan(client, event, arriving.checkin_code, token=plain).get_json()
    assert again["colour"] == "amber" and again["counts"] == by_code["counts"]
    by_id = client.post(
        f"/manage/events/{event.slug}/checkin",
        json={"registration_id": second.id},
        headers={"Authorization": f"Bearer {plain}"},
    ).get_json()
    assert by_id["colour"] == "green"
    assert by_id["counts"] == {"checked_in": 3, "confirmed": 3} == checkin.checkin_counts(event)
