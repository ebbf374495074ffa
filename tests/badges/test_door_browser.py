"""The door page in real Chromium: a scanner types the code and Enter, the answer appears."""

from __future__ import annotations

import pytest

from eventapp.extensions import db
from tests.builders import make_registration
from tests.conftest import login

pytestmark = pytest.mark.browser


def _as_organiser(app, page, live_server, organiser) -> None:  # noqa: F811
    """Give the browser the organiser's session cookie (signed with the app's key)."""
    client = app.test_client()
    login(client, organiser)
    cookie = client.get_cookie("session")
    page.context.add_cookies([{"name": "session", "value": cookie.value, "url": live_server.url}])


def test_scanner_typing_the_code_and_enter_gets_green_then_amber_then_undo(
    app,
    live_server,  # noqa: F811
    page,  # noqa: F811
    event,
    organiser,
):
    registration = make_registration(event, "Åsa Öberg")
    make_registration(event, "Bo Ek")
    db.session.commit()
    _as_organiser(app, page, live_server, organiser)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(f"{live_server.url}/manage/events/{event.slug}/checkin")
    assert page.evaluate("document.activeElement.name") == "code"

    page.keyboard.type(f"{live_server.url}/c/{registration.checkin_code}")
    page.keyboard.press("Enter")
    page.wait_for_selector("#checkin-answer .checkin-green")
    assert "Åsa Öberg" in page.inner_text("#checkin-answer")
    assert page.inner_text("#count-checked-in") == "1"
    assert page.evaluate("document.activeElement.name") == "code"  # ready for the next badge

    page.keyboard.type(registration.checkin_code)
    page.keyboard.press("Enter")
    page.wait_for_selector("#checkin-answer .checkin-amber")
    assert "Door Keeper" in page.inner_text("#checkin-answer")

    page.click("#checkin-answer .checkin-undo")
    page.wait_for_selector("#checkin-answer .checkin-neutral")
    assert page.inner_text("#count-checked-in") == "0"

    page.fill("input[name=q]", "öberg")
    page.wait_for_selector("#search-results .checkin-result button")
    page.click("#search-results .checkin-result button")
    page.wait_for_selector("#checkin-answer .checkin-green")
    assert page.inner_text("#count-checked-in") == "1"
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e]
