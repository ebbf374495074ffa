"""What another door or the office changes while a door scans: the answer is the database's."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event as sa_event

from eventapp.badges import checkin_services as checkin
from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.badges.conftest import csrf_token, sign_in
from tests.builders import make_registration


@contextmanager
def meanwhile(marker: str, sql: str):
    """Run ``sql`` just before the first statement containing ``marker`` (as if another door
    had committed it that moment; on the same connection, so SQLite's lock is no bar)."""
    done: list[bool] = []

    def run(_conn, cursor, statement, *_args) -> None:
        if not done and marker in " ".join(statement.upper().split()):
            done.append(True)
            cursor.connection.cursor().execute(sql)

    sa_event.listen(db.engine, "before_cursor_execute", run)
    try:
        yield
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", run)
    assert done, f"no statement contained {marker}"


def test_a_badge_cancelled_just_before_the_update_is_refused(app, event, organiser):
    registration = make_registration(event, "Ayşe Şahin")
    db.session.commit()
    cancel = f"UPDATE registrations SET status = 'cancelled' WHERE id = {registration.id}"
    with meanwhile("UPDATE REGISTRATIONS SET CHECKED_IN_AT", cancel):
        answer = checkin.check_in(event, registration.checkin_code, organiser)
    assert (answer.colour, answer.reason) == ("red", "cancelled")
    assert answer.registration.name == "Ayşe Şahin"
    db.session.expire_all()
    assert db.session.get(Registration, registration.id).checked_in_at is None


def test_a_check_in_undone_before_the_door_reads_why_checks_in_again(app, event, organiser):
    registration = make_registration(event)
    db.session.commit()
    first = checkin.check_in(event, registration.checkin_code, organiser)
    undo = (
        "UPDATE registrations SET checked_in_at = NULL, checked_in_by_id = NULL "
        f"WHERE id = {registration.id}"
    )
    with meanwhile("LEFT OUTER JOIN USERS", undo):  # the read after an update that missed
        again = checkin.check_in(event, registration.checkin_code, organiser)
    assert (first.result, again.result) == ("checked_in", "checked_in")
    assert again.counts == {"checked_in": 1, "confirmed": 1}


def test_someone_cancelled_after_the_search_found_them_is_refused(client, event, organiser):
    registration = make_registration(event, "Bo Ek")
    db.session.commit()
    sign_in(client, organiser)
    page = f"/manage/events/{event.slug}/checkin"
    assert "Bo Ek" in client.get(f"{page}?q=ek").get_data(as_text=True)
    registration.status = RegistrationStatus.CANCELLED
    db.session.commit()
    answer = client.post(
        page,
        json={"registration_id": registration.id},
        headers={"X-CSRFToken": csrf_token(client, page)},
    ).get_json()
    assert (answer["colour"], answer["reason"]) == ("red", "cancelled")
    assert answer["counts"] == {"checked_in": 0, "confirmed": 0}


def test_the_token_of_a_deactivated_user_no_longer_scans(client, event, organiser):
    from eventapp.badges.tokens import create_api_token

    registration = make_registration(event)
    _token, plain = create_api_token(organiser, "Door 1", [event])
    organiser.active = False
    db.session.commit()
    response = client.post(
        f"/manage/events/{event.slug}/checkin",
        json={"code": registration.checkin_code},
        headers={"Authorization": f"Bearer {plain}"},
    )
    assert response.status_code == 401
    db.session.refresh(registration)
    assert registration.checked_in_at is None
