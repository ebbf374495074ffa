"""Door mode: the check-in page alone (no site header or menu), the answer on a phone's first
screen, kept through the forms that work without JavaScript; an empty code is not a stranger."""

from __future__ import annotations

import pytest

from eventapp.extensions import db
from tests.badges.test_checkin import door  # noqa: F401 (the fixture)
from tests.badges.test_door_browser import _as_organiser
from tests.builders import make_registration
from tests.helpers.forms import page_forms

DOOR = "/manage/events/{slug}/checkin?door=1"


def test_door_mode_is_the_page_alone_and_its_forms_keep_it(door, event):  # noqa: F811
    client, _csrf = door
    registration = make_registration(event, "Åsa Öberg")
    db.session.commit()
    page = client.get(DOOR.format(slug=event.slug)).get_data(as_text=True)
    assert 'class="site-header"' not in page and 'class="manage-nav"' not in page
    assert "Leave door mode" in page and "checkin-tokens" not in page
    [scan] = [f for f in page_forms(page) if "code" in f.names()]
    assert scan.action.endswith("/checkin?door=1")
    response = client.post(scan.action, data={**scan.as_dict(), "code": registration.checkin_code})
    answer = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "checkin-green" in answer and "Åsa Öberg" in answer
    assert 'class="site-header"' not in answer  # still in door mode after the post
    normal = client.get(f"/manage/events/{event.slug}/checkin").get_data(as_text=True)
    assert 'class="site-header"' in normal and "Door mode" in normal


def test_an_empty_code_asks_for_a_badge_instead_of_calling_it_a_stranger(door, event):  # noqa: F811
    client, _csrf = door
    page = client.get(DOOR.format(slug=event.slug)).get_data(as_text=True)
    [scan] = [f for f in page_forms(page) if "code" in f.names()]
    answer = client.post(scan.action, data={**scan.as_dict(), "code": "   "})
    text = answer.get_data(as_text=True)
    assert "This code is not a badge of ours." not in text
    assert "Scan a badge" in text and "checkin-neutral" in text


@pytest.mark.browser
def test_on_a_phone_the_answer_to_a_scan_is_on_the_first_screen(
    app, live_server, phone, event, organiser
):
    registration = make_registration(event, "Åsa Öberg")
    db.session.commit()
    _as_organiser(app, phone, live_server, organiser)
    phone.goto(live_server.url + DOOR.format(slug=event.slug))
    assert phone.locator(".site-header").count() == 0
    phone.fill("input[name=code]", registration.checkin_code)
    phone.keyboard.press("Enter")
    phone.wait_for_selector("#checkin-answer .checkin-green")
    box = phone.locator("#checkin-answer .checkin-answer").bounding_box()
    assert box["y"] + 80 < phone.viewport_size["height"]  # headline and name above the fold
    widths = phone.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert widths[0] == widths[1]


@pytest.mark.browser
@pytest.mark.needs("axe-core")
def test_axe_finds_nothing_serious_in_door_mode(app, live_server, browser, event, organiser):
    from tests.grid.test_grid_browser import AXE

    make_registration(event, "Åsa Öberg")
    db.session.commit()
    context = browser.new_context(bypass_csp=True, viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        _as_organiser(app, page, live_server, organiser)
        page.goto(live_server.url + DOOR.format(slug=event.slug))
        page.fill("input[name=code]", "not a badge")
        page.keyboard.press("Enter")
        page.wait_for_selector("#checkin-answer .checkin-red")
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    serious = [v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
