"""Moves, resizes, drops and undo in the grid: the session form's clash checks on every drop,
the message naming the clash, nothing changed by a refusal, forged ids refused."""

from __future__ import annotations

import json

import pytest
from flask import g

from eventapp.contributions.models import Decision
from eventapp.core.types import SessionKind
from eventapp.events.models import Session
from eventapp.events.timetable_services import TimetableConflict
from eventapp.extensions import db as _db
from eventapp.grid import services
from tests.builders import make_event, make_session, make_venue, stockholm
from tests.contributions.conftest import make_call, make_submission
from tests.manage.conftest import csrf_token

URL = "/manage/events/innovation-days"


def _post(client, path: str, data: dict, json_answer: bool = True):
    g.pop("csrf_token", None)
    token = csrf_token(client.get(f"{URL}/timetable").get_data(as_text=True))
    headers = {"Accept": "application/json"} if json_answer else {}
    return client.post(f"{URL}/grid/{path}", data={"csrf_token": token, **data}, headers=headers)


def _move(client, session, start: str, end: str, room) -> tuple[int, dict]:
    data = {
        "session_id": str(session.id),
        "starts_at": start,
        "ends_at": end,
        "room_id": str(room.id if room else 0),
    }
    response = _post(client, "move", data)
    return response.status_code, json.loads(response.get_data(as_text=True))


@pytest.fixture
def talk(db, setting):
    session = make_session(
        setting.event,
        "Cell therapy today",
        minutes=30,
        starts_at=stockholm(2026, 9, 1, 10, 0),
        room=setting.aula,
        speakers=[setting.anna],
    )
    db.session.commit()
    return session


def test_a_block_dropped_in_another_room_and_time_moves_there_and_keeps_its_speakers(
    ki_client, db, setting, talk
):
    before = talk.sequence
    status, answer = _move(ki_client, talk, "2026-09-02T14:00", "2026-09-02T14:30", setting.small)
    assert (status, answer["ok"]) == (200, True)
    assert answer["message"] == "“Cell therapy today” is moved."
    db.session.refresh(talk)
    assert talk.starts_at == stockholm(2026, 9, 2, 14, 0)
    assert talk.ends_at == stockholm(2026, 9, 2, 14, 30)
    assert talk.room_id == setting.small.id
    assert [s.person_id for s in talk.speakers] == [setting.anna.id]
    assert talk.sequence == before + 1  # subscribers see the move
    assert f'id="grid-session-{talk.id}"' in answer["html"]


def test_a_resize_changes_only_the_end(ki_client, db, setting, talk):
    status, _answer = _move(ki_client, talk, "2026-09-01T10:00", "2026-09-01T11:15", setting.aula)
    assert status == 200
    db.session.refresh(talk)
    assert (talk.starts_at, talk.ends_at) == (
        stockholm(2026, 9, 1, 10, 0),
        stockholm(2026, 9, 1, 11, 15),
    )


def test_a_drop_on_a_taken_room_is_refused_naming_the_other_session_and_changes_nothing(
    ki_client, db, setting, talk
):
    make_session(
        setting.event,
        "Opening",
        starts_at=stockholm(2026, 9, 1, 9, 0),
        minutes=60,
        room=setting.small,
    )
    db.session.commit()
    status, answer = _move(ki_client, talk, "2026-09-01T09:30", "2026-09-01T10:00", setting.small)
    assert (status, answer["ok"]) == (409, False)
    assert (
        "Room 4U is already used by “Opening” (Innovation Days, 09:00–10:00)" in answer["message"]
    )
    db.session.refresh(talk)
    assert (talk.starts_at, talk.room_id) == (stockholm(2026, 9, 1, 10, 0), setting.aula.id)


def test_a_drop_where_the_speaker_speaks_elsewhere_is_refused_by_name(ki_client, db, setting, talk):
    make_session(
        setting.event,
        "Panel",
        starts_at=stockholm(2026, 9, 2, 9, 0),
        minutes=60,
        room=setting.small,
        speakers=[setting.anna],
    )
    db.session.commit()
    status, answer = _move(ki_client, talk, "2026-09-02T09:30", "2026-09-02T10:00", setting.aula)
    assert status == 409
    assert "Anna Svensson already speaks at “Panel” (09:00–10:00)" in answer["message"]


def test_a_drop_outside_the_events_days_or_ending_before_it_starts_is_refused(
    ki_client, db, setting, talk
):
    status, answer = _move(ki_client, talk, "2026-09-03T10:00", "2026-09-03T10:30", setting.aula)
    assert status == 409 and "outside the event's days" in answer["message"]
    status, answer = _move(ki_client, talk, "2026-09-01T10:00", "2026-09-01T09:00", setting.aula)
    assert status == 422 and answer["message"] == "The end must be after the start."
    db.session.refresh(talk)
    assert talk.starts_at == stockholm(2026, 9, 1, 10, 0)


def test_forged_ids_are_refused(ki_client, db, setting, talk, kth):
    other_venue = make_venue("Elsewhere", rooms=("Hall",))
    other = make_event("KTH day", slug="kth-day", organisers=[kth.organisation])
    theirs = make_session(other, "Theirs")
    db.session.commit()
    status, answer = _move(ki_client, theirs, "2026-09-01T10:00", "2026-09-01T10:30", setting.aula)
    assert status == 404  # another event's session, through this event's grid
    status, answer = _move(
        ki_client, talk, "2026-09-01T11:00", "2026-09-01T11:30", other_venue.rooms[0]
    )
    assert status == 422 and answer["message"] == "Not a valid choice."
    for junk in ("x", "-1", "99999999999999"):
        response = _post(
            ki_client,
            "move",
            {
                "session_id": junk,
                "starts_at": "2026-09-01T11:00",
                "ends_at": "2026-09-01T11:30",
                "room_id": "0",
            },
        )
        assert response.status_code == 422
    g.pop("csrf_token", None)
    response = ki_client.post(
        f"{URL}/grid/move",
        data={"session_id": str(talk.id)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400  # no CSRF token
    db.session.refresh(talk)
    assert (talk.starts_at, talk.room_id) == (stockholm(2026, 9, 1, 10, 0), setting.aula.id)


def test_another_organisations_organiser_may_not_move_anything(client, db, setting, talk, kth):
    from tests.conftest import login

    login(client, kth.user)
    g.pop("csrf_token", None)
    token = csrf_token(client.get("/manage/events/").get_data(as_text=True) + _any_form(client))
    response = client.post(
        f"{URL}/grid/move",
        data={
            "csrf_token": token,
            "session_id": str(talk.id),
            "starts_at": "2026-09-01T11:00",
            "ends_at": "2026-09-01T11:30",
            "room_id": "0",
        },
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 403
    db.session.refresh(talk)
    assert talk.starts_at == stockholm(2026, 9, 1, 10, 0)


def _any_form(client) -> str:
    return client.get("/manage/account").get_data(as_text=True)


def test_undo_puts_the_last_move_back_and_then_there_is_nothing_to_undo(
    ki_client, db, setting, talk
):
    _move(ki_client, talk, "2026-09-01T15:00", "2026-09-01T16:00", setting.small)
    page = ki_client.get(f"{URL}/timetable").get_data(as_text=True)
    assert "Undo the last move" in page
    response = _post(ki_client, "undo", {})
    answer = json.loads(response.get_data(as_text=True))
    assert (response.status_code, answer["message"]) == (200, "“Cell therapy today” is back.")
    db.session.refresh(talk)
    assert (talk.starts_at, talk.ends_at, talk.room_id) == (
        stockholm(2026, 9, 1, 10, 0),
        stockholm(2026, 9, 1, 10, 30),
        setting.aula.id,
    )
    assert "Undo the last move" not in answer["html"]
    response = _post(ki_client, "undo", {})
    assert response.status_code == 409
    assert json.loads(response.get_data(as_text=True))["message"] == "There is nothing to undo."


def test_undo_checks_clashes_too_when_something_took_the_old_place(ki_client, db, setting, talk):
    _move(ki_client, talk, "2026-09-01T15:00", "2026-09-01T15:30", setting.aula)
    make_session(
        setting.event,
        "Newcomer",
        starts_at=stockholm(2026, 9, 1, 10, 0),
        minutes=30,
        room=setting.aula,
    )
    db.session.commit()
    response = _post(ki_client, "undo", {})
    assert response.status_code == 409
    assert "“Newcomer”" in json.loads(response.get_data(as_text=True))["message"]


def test_a_move_without_javascript_answers_with_the_page_and_a_message(
    ki_client, db, setting, talk
):
    data = {
        "session_id": str(talk.id),
        "starts_at": "2026-09-01T13:00",
        "ends_at": "2026-09-01T13:30",
        "room_id": str(setting.aula.id),
    }
    response = _post(ki_client, "move", data, json_answer=False)
    assert response.status_code == 302 and response.location.endswith(f"{URL}/timetable")
    assert "is moved" in ki_client.get(response.location).get_data(as_text=True)


def _accepted(setting, ki, title="Imaging NK cells"):
    from eventapp.contributions import decision_services

    call = make_call(setting.event)
    submission = make_submission(call, title)
    _db.session.commit()
    decision_services.set_decision(ki.user, setting.event, submission, Decision.ACCEPT)
    decision_services.release_decisions(ki.user, setting.event, call)
    return submission


def test_accepted_contributions_wait_in_the_side_list_and_are_dropped_in(
    ki_client, db, setting, ki
):
    submission = _accepted(setting, ki)
    page = ki_client.get(f"{URL}/timetable").get_data(as_text=True)
    assert f'data-submission="{submission.id}"' in page and "To place" in page
    response = _post(
        ki_client,
        "place",
        {
            "submission_id": str(submission.id),
            "starts_at": "2026-09-01T11:00",
            "room_id": str(setting.small.id),
        },
    )
    answer = json.loads(response.get_data(as_text=True))
    assert (response.status_code, answer["ok"]) == (200, True)
    db.session.refresh(submission)
    session = submission.session
    assert (session.kind, session.starts_at, session.room_id) == (
        SessionKind.TALK,
        stockholm(2026, 9, 1, 11, 0),
        setting.small.id,
    )
    assert session.ends_at == stockholm(2026, 9, 1, 11, 20)
    assert f'data-submission="{submission.id}"' not in answer["html"]
    response = _post(
        ki_client,
        "place",
        {"submission_id": str(submission.id), "starts_at": "2026-09-01T12:00", "room_id": "0"},
    )
    assert response.status_code == 404  # placed already: not on the list any more
    _post(ki_client, "undo", {})
    db.session.refresh(submission)
    assert submission.session_id is None
    assert _db.session.get(Session, session.id) is None


def test_a_drop_of_a_contribution_on_a_taken_room_is_refused(ki_client, db, setting, ki, talk):
    submission = _accepted(setting, ki)
    response = _post(
        ki_client,
        "place",
        {
            "submission_id": str(submission.id),
            "starts_at": "2026-09-01T10:10",
            "room_id": str(setting.aula.id),
        },
    )
    assert response.status_code == 409
    assert "“Cell therapy today”" in json.loads(response.get_data(as_text=True))["message"]
    db.session.refresh(submission)
    assert submission.session_id is None


def test_move_block_is_the_session_forms_service(db, setting, talk, ki):
    other = make_session(
        setting.event, "Other", starts_at=stockholm(2026, 9, 1, 11, 0), room=setting.aula
    )
    db.session.commit()
    with pytest.raises(TimetableConflict) as refused:
        services.move_block(
            ki.user,
            setting.event,
            talk,
            starts_at=stockholm(2026, 9, 1, 11, 0),
            ends_at=stockholm(2026, 9, 1, 11, 30),
            room_id=setting.aula.id,
        )
    assert "room_id" in refused.value.problems
    assert other.starts_at == stockholm(2026, 9, 1, 11, 0)


def test_the_timetable_page_costs_the_same_queries_for_three_sessions_or_thirty(
    ki_client, db, setting, count_queries
):
    def cost() -> int:
        with count_queries() as q:
            assert ki_client.get(f"{URL}/timetable").status_code == 200
        return q.count

    for n in range(3):
        make_session(
            setting.event,
            starts_at=stockholm(2026, 9, 1, 9 + n, 0),
            room=setting.aula,
            speakers=[setting.anna],
        )
    db.session.commit()
    few = cost()
    for n in range(27):
        make_session(
            setting.event,
            starts_at=stockholm(2026, 9, 2, 9, 0)
            + n * (stockholm(2026, 9, 1, 9, 20) - stockholm(2026, 9, 1, 9, 0)),
            minutes=15,
            room=setting.small,
        )
    db.session.commit()
    assert cost() == few
