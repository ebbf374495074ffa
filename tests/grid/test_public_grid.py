"""The read-only grid on the public event page: switched on from the timetable page, shown for
events with several rooms only, at a fixed cost in queries."""

from __future__ import annotations

import pytest

from eventapp.core.types import EventStatus
from tests.builders import make_session, stockholm
from tests.helpers.forms import page_forms, submit

URL = "/manage/events/innovation-days"


@pytest.fixture
def programme(db, setting):
    make_session(
        setting.event,
        "Opening",
        starts_at=stockholm(2026, 9, 1, 9, 0),
        minutes=60,
        room=setting.aula,
    )
    make_session(
        setting.event,
        "Workshop",
        starts_at=stockholm(2026, 9, 1, 9, 0),
        minutes=90,
        room=setting.small,
    )
    db.session.commit()


def _public_page(client) -> str:
    response = client.get("/events/innovation-days/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_organiser_switches_the_public_grid_on_and_off_from_the_timetable_page(
    ki_client, db, setting, programme
):
    assert "tt-public-grid" not in _public_page(ki_client)
    page = ki_client.get(f"{URL}/timetable").get_data(as_text=True)
    [switch] = [f for f in page_forms(page) if f.action == f"{URL}/grid/public"]
    assert "shown" not in switch.names()  # the box is not ticked
    response = ki_client.post(switch.action, data={**switch.as_dict(), "shown": "y"})
    assert response.status_code == 302
    assert setting.event.public_grid is True
    page = _public_page(ki_client)
    assert "The programme by room" in page
    assert page.count('class="tt-block kind-') == 2
    assert 'draggable="true"' not in page and "tt-grip" not in page  # read-only
    submit(ki_client, f"{URL}/timetable", shown=None)
    assert "tt-public-grid" not in _public_page(ki_client)


def test_an_event_in_one_room_or_a_draft_shows_no_grid(ki_client, db, setting):
    make_session(setting.event, "Opening", room=setting.aula)
    setting.event.public_grid = True
    db.session.commit()
    assert "tt-public-grid" not in _public_page(ki_client)
    setting.event.status = EventStatus.DRAFT
    db.session.commit()
    from eventapp.grid.services import public_grid

    assert public_grid(setting.event) is None


def test_the_public_grid_costs_the_same_few_queries_however_long_the_programme(
    client, db, setting, programme, count_queries
):
    """The page reads its rows as columns; the grid loads the sessions' objects once more (one
    statement per relation, never one per session)."""

    def cost() -> int:
        with count_queries() as q:
            _public_page(client)
        return q.count

    without = cost()
    setting.event.public_grid = True
    db.session.commit()
    assert "The programme by room" in _public_page(client)
    with_grid = cost()
    assert with_grid <= without + 4
    for n in range(6):
        make_session(setting.event, f"Talk {n}", starts_at=stockholm(2026, 9, 1, 11, 10 * n),
                     minutes=10, room=(setting.aula, setting.small)[n % 2])  # fmt: skip
    db.session.commit()
    assert cost() == with_grid


def test_the_grid_and_its_help_read_in_swedish(ki_client, db, setting, programme):
    page = ki_client.get(f"{URL}/timetable?lang=sv").get_data(as_text=True)
    for swedish in ("Flytta ”Opening”", "Visa programmet som schema per lokal", "piltangenterna"):
        assert swedish in page
    for english in ("Move “", "Show the programme as a grid", "arrow keys", "No room"):
        assert english not in page


def test_the_public_grid_heads_its_columns_in_the_readers_language_in_one_order(
    client, db, setting, programme
):
    setting.small.set_translations("sv", {"name": "Andra salen"})
    setting.event.public_grid = True
    db.session.commit()
    english = _public_page(client).split('class="tt-public-grid"')[1]
    swedish = client.get("/events/innovation-days/?lang=sv").get_data(as_text=True)
    swedish = swedish.split('class="tt-public-grid"')[1]
    assert english.index("Aula</") < english.index("Room 4U</")
    assert swedish.index("Aula</") < swedish.index("Andra salen</")  # by their own names
    assert "Room 4U<" not in swedish
