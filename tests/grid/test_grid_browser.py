"""The grid in real Chromium: drag a session to another room and time, resize it, drop a
contribution in from the side list, the same moves from the keyboard, undo, the clash message
in place; the list without JavaScript and at 375 px; axe finds nothing serious."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventapp.events.models import Session
from eventapp.extensions import db
from tests.builders import make_session, stockholm
from tests.grid.test_moves import _accepted

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGE = "/manage/events/innovation-days/timetable"


@pytest.fixture
def talk(db, setting):
    session = make_session(
        setting.event,
        "Cell therapy today",
        starts_at=stockholm(2026, 9, 1, 10, 0),
        minutes=30,
        room=setting.aula,
    )
    make_session(
        setting.event,
        "Opening",
        starts_at=stockholm(2026, 9, 1, 9, 0),
        minutes=60,
        room=setting.small,
    )
    db.session.commit()
    return session


def _open(app, page, live_server, user, path: str = PAGE):
    from tests.badges.test_door_browser import _as_organiser

    _as_organiser(app, page, live_server, user)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # the script's own errors
    page.goto(live_server.url + path)
    return errors


def _fresh(session: Session) -> Session:
    db.session.rollback()  # a new transaction sees what the server committed
    return db.session.get(Session, session.id)


@pytest.fixture
def page(browser):
    """A desktop page tall enough to show a whole day's grid (a drag cannot scroll)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1500}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _spot(page, day: str, column: int, clock: str) -> dict:
    """Where on the screen a day's room column meets a time label."""
    return page.evaluate(
        """([day, column, clock]) => {
          const grid = document.querySelector(`.tt-grid[data-day-start^="${day}"]`);
          grid.scrollIntoView({block: "nearest"});
          const room = grid.querySelector(`.tt-room[data-column="${column}"]`);
          const box = room.getBoundingClientRect();
          const time = [...grid.querySelectorAll('.tt-time')].find(t => t.textContent === clock);
          return {x: box.left + box.width / 2, y: time.getBoundingClientRect().top + 3};
        }""",
        [day, column, clock],
    )


def _drag(page, source, spot: dict, grab: dict | None = None) -> None:
    """Drag ``source`` (held at ``grab`` within it, else its middle) to ``spot``, in steps as
    a hand does: Chromium starts a drag only after the pointer has moved a little."""
    box = source.bounding_box()
    x = box["x"] + (grab["x"] if grab else box["width"] / 2)
    y = box["y"] + (grab["y"] if grab else box["height"] / 2)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 8, y + 8, steps=4)
    page.mouse.move(spot["x"], spot["y"], steps=8)
    page.mouse.up()


def test_a_session_dragged_to_another_room_and_time_moves_and_undo_puts_it_back(
    app, live_server, page, setting, talk, ki
):
    errors = _open(app, page, live_server, ki.user)
    assert page.is_visible(".tt-grid") and not page.is_visible(".tt-list")
    spot = _spot(page, "2026-09-01", 2, "14:00")
    _drag(page, page.locator(f"#grid-session-{talk.id}"), spot, grab={"x": 20, "y": 4})
    page.wait_for_selector("#grid-message.is-ok")
    assert page.inner_text("#grid-message") == "“Cell therapy today” is moved."
    moved = _fresh(talk)
    assert (moved.starts_at, moved.ends_at, moved.room_id) == (
        stockholm(2026, 9, 1, 14, 0),
        stockholm(2026, 9, 1, 14, 30),
        setting.small.id,
    )
    assert page.get_attribute(f"#grid-session-{talk.id}", "data-room-id") == str(setting.small.id)
    page.click("text=Undo the last move")
    page.wait_for_selector("#grid-message:has-text('is back')")
    back = _fresh(talk)
    assert (back.starts_at, back.room_id) == (stockholm(2026, 9, 1, 10, 0), setting.aula.id)
    assert errors == []


def test_dragging_the_lower_edge_changes_the_end(app, live_server, page, setting, talk, ki):
    _open(app, page, live_server, ki.user)
    spot = _spot(page, "2026-09-01", 1, "11:00")
    _drag(page, page.locator(f"#grid-session-{talk.id} .tt-resize"), spot)
    page.wait_for_selector("#grid-message.is-ok")
    resized = _fresh(talk)
    assert (resized.starts_at, resized.ends_at) == (
        stockholm(2026, 9, 1, 10, 0),
        stockholm(2026, 9, 1, 11, 5),
    )


def test_a_drop_on_a_taken_room_shows_the_clash_in_place_and_moves_nothing(
    app, live_server, page, setting, talk, ki
):
    _open(app, page, live_server, ki.user)
    spot = _spot(page, "2026-09-01", 2, "09:30")
    _drag(page, page.locator(f"#grid-session-{talk.id}"), spot, grab={"x": 20, "y": 4})
    page.wait_for_selector("#grid-message.is-error")
    assert "Room 4U is already used by “Opening”" in page.inner_text("#grid-message")
    # …and where it was dropped: in Room 4U's column, at 09:30.
    spot_note = page.locator('.tt-grid[data-day-start^="2026-09-01"] .tt-note')
    assert "Room 4U is already used by “Opening”" in spot_note.inner_text()
    room = page.locator('.tt-grid[data-day-start^="2026-09-01"] .tt-room[data-column="2"]')
    note_box, room_box = spot_note.bounding_box(), room.bounding_box()
    assert room_box["x"] <= note_box["x"] < room_box["x"] + room_box["width"]
    label = page.locator('.tt-grid[data-day-start^="2026-09-01"] .tt-time', has_text="09:30")
    assert abs(note_box["y"] - label.bounding_box()["y"]) < 4
    assert _fresh(talk).starts_at == stockholm(2026, 9, 1, 10, 0)


def test_the_keyboard_picks_up_moves_resizes_drops_and_undoes(
    app, live_server, page, setting, talk, ki
):
    errors = _open(app, page, live_server, ki.user)
    grip = page.locator(f"#grid-session-{talk.id} .tt-grip")
    grip.focus()
    page.keyboard.press("Enter")
    assert "Picked up" in page.inner_text("#grid-message")
    for _step in range(6):
        page.keyboard.press("ArrowDown")  # 30 minutes later
    page.keyboard.press("ArrowRight")  # the next room
    page.keyboard.press("Shift+ArrowDown")  # five minutes longer
    assert "10:30–11:05, Room 4U" in page.inner_text("#grid-message")
    page.keyboard.press("Enter")
    page.wait_for_selector("#grid-message.is-ok")
    moved = _fresh(talk)
    assert (moved.starts_at, moved.ends_at, moved.room_id) == (
        stockholm(2026, 9, 1, 10, 30),
        stockholm(2026, 9, 1, 11, 5),
        setting.small.id,
    )
    # Focus stays on the moved session: the next move starts where the last one ended.
    assert page.evaluate("document.activeElement.closest('.tt-block').dataset.session") == str(
        talk.id
    )
    page.keyboard.press("Enter")
    page.keyboard.press("PageDown")
    page.keyboard.press("Escape")
    assert page.inner_text("#grid-message") == "Put back where it was."
    page.keyboard.press("Control+z")
    page.wait_for_selector("#grid-message:has-text('is back')")
    assert _fresh(talk).starts_at == stockholm(2026, 9, 1, 10, 0)
    assert errors == []


def test_a_keyboard_drop_on_a_taken_room_says_who_has_it(app, live_server, page, setting, talk, ki):
    _open(app, page, live_server, ki.user)
    page.locator(f"#grid-session-{talk.id} .tt-grip").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_selector("#grid-message.is-error")
    assert "“Opening”" in page.inner_text("#grid-message")
    assert _fresh(talk).room_id == setting.aula.id


def test_a_contribution_is_dragged_from_the_side_list_into_the_grid(
    app, live_server, page, setting, talk, ki
):
    submission = _accepted(setting, ki)
    _open(app, page, live_server, ki.user)
    spot = _spot(page, "2026-09-01", 1, "13:00")
    _drag(page, page.locator(f'.tt-pending[data-submission="{submission.id}"]'), spot)
    page.wait_for_selector("#grid-message.is-ok")
    db.session.rollback()
    db.session.refresh(submission)
    assert submission.session.starts_at == stockholm(2026, 9, 1, 13, 0)
    assert submission.session.room_id == setting.aula.id
    assert page.locator(".tt-pending").count() == 0


def test_a_contribution_is_placed_from_the_keyboard(app, live_server, page, setting, talk, ki):
    submission = _accepted(setting, ki)
    _open(app, page, live_server, ki.user)
    page.locator(f'.tt-pending[data-submission="{submission.id}"] .tt-grip').focus()
    page.keyboard.press("Enter")
    page.keyboard.press("PageDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("#grid-message.is-ok")
    db.session.rollback()
    db.session.refresh(submission)
    assert submission.session.starts_at == stockholm(2026, 9, 2, 9, 0)


def test_at_375_px_the_timetable_is_a_list_by_day_and_room_and_nothing_scrolls_sideways(
    app, live_server, phone, setting, talk, ki
):
    make_session(
        setting.event,
        "Interdisciplinary translational immunotherapy roundtable discussion",
        starts_at=stockholm(2026, 9, 2, 9, 0),
        room=setting.small,
    )
    db.session.commit()
    _open(app, phone, live_server, ki.user)
    assert not phone.is_visible(".tt-grid") and phone.is_visible(".tt-list")
    rooms = phone.locator(".tt-list-day").first.locator(".tt-list-room").all_inner_texts()
    assert rooms == ["Aula", "Room 4U"]
    widths = phone.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert widths[0] == widths[1], widths


def test_without_javascript_the_list_is_the_page(app, live_server, browser, setting, talk, ki):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        _open(app, page, live_server, ki.user)
        assert page.is_visible(".tt-list") and not page.is_visible(".tt-grid")
        assert page.is_visible(".tt-list >> text=Cell therapy today")
    finally:
        context.close()


@pytest.mark.needs("axe-core")
def test_axe_finds_nothing_serious_on_the_grid(app, live_server, browser, setting, talk, ki):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        _open(app, page, live_server, ki.user)
        page.locator(f"#grid-session-{talk.id} .tt-grip").focus()
        page.keyboard.press("Enter")  # with the ghost showing, too
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    serious = [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
