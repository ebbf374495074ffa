"""The grid's geometry: rooms as columns, a day per date, blocks sized by duration, breaks
across every room, nothing drawn on top of anything else."""

from __future__ import annotations

from datetime import date

from flask import current_app

from eventapp.core.types import SessionKind, SessionStatus
from eventapp.grid.layout import build_grid
from eventapp.grid.rows import organiser_sessions
from eventapp.grid.services import event_rooms
from tests.builders import make_session, stockholm


def _grid(setting):
    event = setting.event
    with current_app.test_request_context():  # the rows carry their links
        return build_grid(event, organiser_sessions(event), event_rooms(event))


def test_rooms_are_columns_and_every_day_of_the_event_has_its_grid(db, setting):
    grid = _grid(setting)
    assert [c.room.name for c in grid.columns] == ["Aula", "Room 4U"]
    assert [d.day for d in grid.days] == [date(2026, 9, 1), date(2026, 9, 2)]
    first = grid.days[0]
    assert first.starts.hour == 9 and first.slots == 8 * 60 // 5
    assert first.labels()[:3] == [(1, "09:00"), (7, "09:30"), (13, "10:00")]


def test_a_block_starts_at_its_slot_and_is_as_tall_as_it_is_long(db, setting):
    make_session(
        setting.event,
        "Talk",
        starts_at=stockholm(2026, 9, 1, 10, 30),
        minutes=45,
        room=setting.small,
    )
    db.session.commit()
    [block] = _grid(setting).days[0].blocks
    assert (block.row, block.rows, block.column, block.columns) == (19, 9, 2, 1)


def test_a_break_spans_every_room_unless_something_runs_beside_it(db, setting):
    event = setting.event
    make_session(
        event,
        "Lunch",
        starts_at=stockholm(2026, 9, 1, 12, 0),
        minutes=60,
        kind=SessionKind.BREAK,
        room=setting.aula,
    )
    make_session(
        event,
        "Coffee",
        starts_at=stockholm(2026, 9, 2, 10, 0),
        minutes=30,
        kind=SessionKind.BREAK,
        room=setting.aula,
    )
    make_session(
        event, "Poster walk", starts_at=stockholm(2026, 9, 2, 10, 0), minutes=30, room=setting.small
    )
    db.session.commit()
    grid = _grid(setting)
    [lunch] = grid.days[0].blocks
    assert (lunch.session.title, lunch.column, lunch.columns) == ("Lunch", 1, 2)
    coffee = next(b for b in grid.days[1].blocks if b.session.title == "Coffee")
    assert (coffee.column, coffee.columns) == (1, 1)


def test_a_session_that_would_cover_another_is_left_to_the_list(db, setting):
    event = setting.event
    make_session(
        event, "First", starts_at=stockholm(2026, 9, 1, 9, 0), minutes=60, room=setting.aula
    )
    make_session(
        event,
        "Same room, same time",
        starts_at=stockholm(2026, 9, 1, 9, 30),
        minutes=30,
        room=setting.aula,
    )
    make_session(
        event,
        "Called off",
        starts_at=stockholm(2026, 9, 1, 11, 0),
        minutes=30,
        room=setting.aula,
        status=SessionStatus.CANCELLED,
    )
    db.session.commit()
    day = _grid(setting).days[0]
    assert [b.session.title for b in day.blocks] == ["First"]
    assert [s.title for s in day.unplaced] == ["Same room, same time"]
    listed = [s.title for _column, rows in day.by_room() for s in rows]
    assert listed == ["First", "Same room, same time", "Called off"]


def test_the_day_widens_to_a_session_outside_the_events_hours_and_a_roomless_talk_gets_a_column(
    db, setting
):
    make_session(
        setting.event, "Breakfast talk", starts_at=stockholm(2026, 9, 1, 7, 40), minutes=30
    )
    db.session.commit()
    grid = _grid(setting)
    assert grid.days[0].starts.strftime("%H:%M") == "07:30"
    assert [c.room_id for c in grid.columns][-1] == 0
    [block] = grid.days[0].blocks
    assert (block.row, block.rows, block.column) == (3, 6, 3)
