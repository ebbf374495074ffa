"""The timetable editor: sessions, speakers, rooms, clashes refused with names, SEQUENCE."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eventapp.core.types import SessionStatus, SpeakerRole
from eventapp.directory.models import Person
from eventapp.events import timetable_services as timetable
from eventapp.events.models import Room, Session
from eventapp.events.timetable_services import SessionData, SpeakerEntry, TimetableConflict
from tests.builders import make_event, make_person, make_session, make_venue, stockholm
from tests.manage.conftest import post_form


@pytest.fixture
def setting(db, ki):
    venue = make_venue("Campus Flemingsberg", rooms=("Aula", "Room 4U"))
    event = make_event(
        "Innovation Days",
        slug="innovation-days",
        starts_at=stockholm(2026, 9, 1, 9, 0),
        ends_at=stockholm(2026, 9, 2, 17, 0),
        venue=venue,
        organisers=[ki.organisation],
    )
    anna = make_person("Anna Svensson")
    db.session.commit()
    return event, venue, anna


def _form(room_id: int, start: str, end: str, **extra) -> dict:
    return {
        "kind": "talk",
        "title": "A talk",
        "starts_at": start,
        "ends_at": end,
        "room_id": str(room_id),
        **extra,
    }


def _error(page: str, field: str) -> str:
    return " ".join(p.split("</p>", 1)[0] for p in page.split(f'id="{field}-error">')[1:])


def test_room_used_twice_at_once_is_refused_naming_the_other_session(ki_client, db, setting):
    event, venue, _anna = setting
    make_session(event, "Opening", starts_at=stockholm(2026, 9, 1, 9, 0), minutes=60,
                 room=venue.rooms[0])  # fmt: skip
    db.session.commit()
    response = post_form(
        ki_client,
        "/manage/events/innovation-days/sessions/new",
        _form(venue.rooms[0].id, "2026-09-01T09:30", "2026-09-01T10:30"),
    )
    assert response.status_code == 200
    message = _error(response.get_data(as_text=True), "room_id")
    assert "Aula is already used by “Opening” (Innovation Days, 09:00–10:00)" in message
    assert len(event.sessions) == 1


def test_speaker_in_two_places_at_once_is_refused_by_name(ki_client, db, setting):
    event, venue, anna = setting
    make_session(event, "Keynote", starts_at=stockholm(2026, 9, 1, 9, 0), minutes=60,
                 room=venue.rooms[0], speakers=[anna])  # fmt: skip
    db.session.commit()
    response = post_form(
        ki_client,
        "/manage/events/innovation-days/sessions/new",
        _form(venue.rooms[1].id, "2026-09-01T09:45", "2026-09-01T10:15",
              **{"speakers-0-person": str(anna.id), "speakers-0-role": "panellist"}),
    )  # fmt: skip
    message = _error(response.get_data(as_text=True), "speakers")
    assert "Anna Svensson already speaks at “Keynote” (09:00–10:00)" in message
    assert db.session.execute(select(Session)).scalars().all() == event.sessions


def test_session_outside_the_event_days_is_refused(ki_client, db, setting):
    event, venue, _anna = setting
    response = post_form(
        ki_client,
        "/manage/events/innovation-days/sessions/new",
        _form(venue.rooms[0].id, "2026-09-03T09:00", "2026-09-03T10:00"),
    )
    message = _error(response.get_data(as_text=True), "starts_at")
    assert "outside the event&#39;s days (2026-09-01 to 2026-09-02)" in message
    assert event.sessions == []


def test_back_to_back_sessions_in_one_room_and_cancelled_ones_do_not_clash(db, setting, ki):
    event, venue, anna = setting
    first = make_session(event, "First", starts_at=stockholm(2026, 9, 1, 9, 0), minutes=60,
                         room=venue.rooms[0], speakers=[anna])  # fmt: skip
    db.session.commit()
    data = SessionData(
        values={"title": "Second", "starts_at": stockholm(2026, 9, 1, 10, 0),
                "ends_at": stockholm(2026, 9, 1, 11, 0), "room_id": venue.rooms[0].id},
        speakers=[SpeakerEntry(anna.id, "", SpeakerRole.SPEAKER, 0)],
    )  # fmt: skip
    timetable.add_session(ki.user, event, data)
    timetable.set_session_status(ki.user, event, first, SessionStatus.CANCELLED)
    overlapping = SessionData(
        values={"title": "Third", "starts_at": stockholm(2026, 9, 1, 9, 0),
                "ends_at": stockholm(2026, 9, 1, 9, 45), "room_id": venue.rooms[0].id},
    )  # fmt: skip
    timetable.add_session(ki.user, event, overlapping)
    # Reinstating the cancelled session now clashes with "Third".
    with pytest.raises(TimetableConflict, match="Third"):
        timetable.set_session_status(ki.user, event, first, SessionStatus.SCHEDULED)


def test_speakers_are_chosen_or_created_on_the_spot_with_role_and_order(ki_client, db, setting):
    event, venue, anna = setting
    response = post_form(
        ki_client,
        "/manage/events/innovation-days/sessions/new",
        _form(
            venue.rooms[0].id, "2026-09-01T13:00", "2026-09-01T14:00", kind="panel",
            **{
                "speakers-0-person": str(anna.id), "speakers-0-role": "panellist",
                "speakers-0-position": "2",
                "speakers-1-person": "0", "speakers-1-new_name": "Erik Moderator",
                "speakers-1-role": "moderator", "speakers-1-position": "1",
            },
        ),
    )  # fmt: skip
    assert response.status_code == 302
    session = db.session.execute(select(Session)).scalar_one()
    db.session.refresh(session)
    assert [(s.person.name, s.role.value) for s in session.speakers] == [
        ("Erik Moderator", "moderator"),
        ("Anna Svensson", "panellist"),
    ]
    assert db.session.execute(select(Person.slug).where(Person.name == "Erik Moderator")).scalar()


def test_a_new_room_is_created_in_the_event_venue(ki_client, db, setting):
    event, venue, _anna = setting
    response = post_form(
        ki_client,
        "/manage/events/innovation-days/sessions/new",
        _form(0, "2026-09-02T09:00", "2026-09-02T10:00", new_room="Lecture hall C"),
    )
    assert response.status_code == 302
    room = db.session.execute(select(Room).where(Room.name == "Lecture hall C")).scalar_one()
    assert room.venue_id == venue.id
    assert db.session.execute(select(Session)).scalar_one().room_id == room.id


def test_move_keeps_the_length_and_bumps_the_sequence(ki_client, db, setting):
    event, venue, _anna = setting
    session = make_session(event, "Talk", starts_at=stockholm(2026, 9, 1, 9, 0), minutes=45)
    db.session.commit()
    response = post_form(
        ki_client,
        f"/manage/events/innovation-days/sessions/{session.id}/move",
        {"starts_at": "2026-09-02T14:00", "room_id": str(venue.rooms[1].id)},
    )
    assert response.status_code == 302
    db.session.refresh(session)
    assert session.starts_at == stockholm(2026, 9, 2, 14, 0)
    assert session.ends_at == stockholm(2026, 9, 2, 14, 45)
    assert session.room_id == venue.rooms[1].id and session.sequence == 1


def test_cancel_and_delete_sessions(ki_client, db, setting):
    event, _venue, _anna = setting
    keep = make_session(event, "Keep")
    drop = make_session(event, "Drop", starts_at=stockholm(2026, 9, 1, 11, 0))
    db.session.commit()
    post_form(ki_client, "/manage/events/innovation-days/timetable", {})  # GET for token
    page = ki_client.get("/manage/events/innovation-days/timetable").get_data(as_text=True)
    from tests.manage.conftest import csrf_token

    token = {"csrf_token": csrf_token(page)}
    base = "/manage/events/innovation-days/sessions"
    assert ki_client.post(f"{base}/{keep.id}/cancel", data=token).status_code == 302
    assert ki_client.post(f"{base}/{drop.id}/delete", data=token).status_code == 302
    db.session.expire_all()
    assert [(s.title, s.status.value, s.sequence) for s in event.sessions] == [
        ("Keep", "cancelled", 1)
    ]


def test_edits_a_subscriber_cannot_see_leave_sequence_and_updated_time(db, setting, ki):
    event, venue, _anna = setting
    session = make_session(event, "Talk", starts_at=stockholm(2026, 9, 1, 9, 0))
    db.session.commit()
    stamp = session.updated_at

    def edit(**changes):
        values = {
            "title": session.title, "abstract": session.abstract,
            "starts_at": session.starts_at, "ends_at": session.ends_at,
            "room_id": session.room_id, "track": session.track,
        }  # fmt: skip
        values.update(changes)
        return timetable.update_session(ki.user, event, session, SessionData(values=values))

    assert edit(capacity=30, selectable=True) is False
    db.session.refresh(session)
    assert (session.sequence, session.updated_at) == (0, stamp)
    assert edit(abstract="Longer abstract", track="Health") is True  # DESCRIPTION, CATEGORIES
    assert edit(title="New title") is True
    assert edit(room_id=venue.rooms[1].id) is True
    db.session.refresh(session)
    assert session.sequence == 3 and session.updated_at > stamp


def _cold(db) -> None:
    """The tests' app context outlives requests: forget what the last one loaded."""
    from flask import g

    db.session.expunge_all()
    g.pop("_login_user", None)


def test_timetable_page_lists_sessions_by_day_in_a_fixed_number_of_queries(
    ki_client, db, setting, count_queries
):
    event, venue, anna = setting
    rooms = list(venue.rooms)
    make_session(event, "First", starts_at=stockholm(2026, 9, 1, 8, 0), minutes=15,
                 room=venue.rooms[0], speakers=[anna])  # fmt: skip
    db.session.commit()
    _cold(db)
    with count_queries() as few:
        ki_client.get("/manage/events/innovation-days/timetable")
    event = db.session.merge(event)
    for n in range(8):
        make_session(event, f"S{n}", starts_at=stockholm(2026, 9, 1 + n % 2, 9 + n, 0),
                     room=db.session.merge(rooms[n % 2]), speakers=[make_person()])  # fmt: skip
    db.session.commit()
    _cold(db)
    with count_queries() as many:
        page = ki_client.get("/manage/events/innovation-days/timetable").get_data(as_text=True)
    assert many.count == few.count
    assert "Tuesday, September 1, 2026" in page and "Wednesday, September 2, 2026" in page


def test_session_edit_form_shows_the_session_and_saves_changes(ki_client, db, setting):
    event, venue, anna = setting
    session = make_session(event, "Draft title", starts_at=stockholm(2026, 9, 1, 9, 0),
                           room=venue.rooms[0], speakers=[anna])  # fmt: skip
    db.session.commit()
    url = f"/manage/events/innovation-days/sessions/{session.id}"
    page = ki_client.get(url).get_data(as_text=True)
    assert 'value="Draft title"' in page and 'value="2026-09-01T09:00"' in page
    response = post_form(
        ki_client,
        url,
        _form(venue.rooms[0].id, "2026-09-01T09:00", "2026-09-01T09:30", title="Final title",
              abstract="What it is about.",
              **{"speakers-0-person": str(anna.id), "speakers-0-role": "moderator"}),
    )  # fmt: skip
    assert response.status_code == 302
    db.session.refresh(session)
    assert (session.title, session.abstract, session.sequence) == (
        "Final title", "What it is about.", 1,
    )  # fmt: skip
    assert [(s.person_id, s.role.value) for s in session.speakers] == [(anna.id, "moderator")]
    log = ki_client.get("/manage/events/innovation-days/").get_data(as_text=True)
    assert "Session edited: Final title" in log
