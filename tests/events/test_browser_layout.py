"""In Chromium: 375 px wide without sideways scrolling, no JavaScript needed, visible focus."""

from __future__ import annotations

import pytest

from eventapp.core.types import SessionStatus
from tests.browser.conftest import browser, live_server  # noqa: F401  (shared fixtures)
from tests.builders import make_series, make_session
from tests.events.conftest import make_full_event

pytestmark = pytest.mark.browser

LONG = "Translationalresearchcollaborationbetweenbasicandclinicalscience"


@pytest.fixture
def long_event(db):
    series = make_series(f"Collaboration in Science {LONG}", slug="cis")
    event = make_full_event(
        sessions=6,
        title=f"Collaboration in Science 2027: {LONG}",
        summary=f"Keynotes, posters and {LONG} for everyone.",
        series=series,
        description=f"# Heading\n\nA [link](https://example.org/{LONG}) and {LONG}.",
    )
    make_session(event, f"Cancelled {LONG}", status=SessionStatus.CANCELLED, track=LONG)
    db.session.commit()
    return event


@pytest.fixture
def phone_without_js(browser):  # noqa: F811
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, java_script_enabled=False, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_public_pages_fit_375_px_without_javascript(live_server, phone_without_js, long_event):  # noqa: F811
    page = phone_without_js
    for path in (
        "/",
        "/events/",
        f"/events/{long_event.slug}/",
        "/series/cis/",
        "/events/?lang=sv",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width} px wide"
        assert page.locator("main h1").count() == 1


def test_filter_form_works_without_javascript(live_server, phone_without_js, long_event):  # noqa: F811
    page = phone_without_js
    page.goto(live_server.url + "/events/")
    page.select_option("#series", "cis")
    page.click("button[type=submit]")
    assert "series=cis" in page.url
    assert page.locator(".event-card").count() == 1


def test_keyboard_focus_is_visible(live_server, browser, long_event):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/events/{long_event.slug}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    context.close()
