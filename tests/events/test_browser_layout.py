"""In Chromium: 375 px wide without sideways scrolling, no JavaScript needed, visible focus."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from eventapp.core.types import SessionStatus
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, LiveServer
from tests.builders import make_series, make_session
from tests.events.conftest import make_full_event

pytestmark = pytest.mark.browser

LONG = "Translationalresearchcollaborationbetweenbasicandclinicalscience"


def in_chromium(check: Callable[[Any], Any]) -> Any:
    """Run ``check(browser)`` with its own Playwright in its own thread.

    tests/browser keeps a session-wide sync Playwright open in the main thread, and a second one
    cannot start beside it there; a thread has its own event loop.
    """

    def run() -> Any:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            try:
                return check(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result(timeout=120)


@pytest.fixture
def site(app, db):
    """An event with very long words, served on a real port."""
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
    with LiveServer(app) as server:
        yield server.url, event.slug


def _phone_without_js(browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, java_script_enabled=False, is_mobile=True
    )
    context.set_default_timeout(15000)
    return context, context.new_page()


def test_public_pages_fit_375_px_without_javascript(site):
    url, slug = site
    paths = ("/", "/events/", f"/events/{slug}/", "/series/cis/", "/events/?lang=sv")

    def measure(browser):
        context, page = _phone_without_js(browser)
        found = {}
        for path in paths:
            response = page.goto(url + path)
            found[path] = (
                response.status,
                page.evaluate("document.documentElement.scrollWidth"),
                page.locator("main h1").count(),
            )
        context.close()
        return found

    for path, (status, width, h1s) in in_chromium(measure).items():
        assert status == 200, path
        assert width <= 375, f"{path} is {width} px wide"
        assert h1s == 1, path


def test_filter_form_works_without_javascript(site):
    url, _slug = site

    def filter_by_series(browser):
        context, page = _phone_without_js(browser)
        page.goto(url + "/events/")
        page.select_option("#series", "cis")
        page.click("form.filters button[type=submit]")
        result = page.url, page.locator(".event-card").count()
        context.close()
        return result

    address, cards = in_chromium(filter_by_series)
    assert "series=cis" in address
    assert cards == 1


def test_keyboard_focus_is_visible(site):
    url, slug = site

    def focus_outline(browser):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{url}/events/{slug}/")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        context.close()
        return style

    assert in_chromium(focus_outline) not in ("", "none")


def test_a_session_menu_offers_its_ics_without_javascript_and_web_calendars_with_it(app, site):
    from eventapp.calendar.links import _venue_text, _web_links
    from eventapp.events.queries import get_public_event

    url, slug = site
    with app.test_request_context("/"):
        event = get_public_event(slug)
        first = min(event.sessions, key=lambda s: (s.starts_at, s.id))
        page = f"{app.config['BASE_URL']}/events/{slug}/#session-{first.id}"
        expected = _web_links(
            first.title,
            first.starts_at,
            first.ends_at,
            f"{event.title}\n\n{page}",
            _venue_text(event.venue, first.room.name),
        )

    def open_first_menu(browser):
        found = {}
        for javascript in (False, True):
            context = browser.new_context(java_script_enabled=javascript)
            page = context.new_page()
            page.goto(f"{url}/events/{slug}/")
            if javascript:  # the row's link became a menu
                assert page.locator("a.session-ics").count() == 0
                menu = page.locator("details.session-calendar").first
                menu.locator("summary").click()
                links = menu.locator("a")
                links.last.wait_for()
            else:  # the row's one link, to its .ics
                assert page.locator("details.session-calendar").count() == 0
                links = page.locator("a.session-ics").first
            found[javascript] = links.evaluate_all(
                "links => links.map(a => [a.textContent, a.href])"
            )
            context.close()
        return found

    found = in_chromium(open_first_menu)
    ics = ("Download .ics", f"{url}/events/{slug}/calendar.ics?session={first.id}&download=1")
    assert found[False] == [["Add to your calendar", ics[1]]]
    # With JavaScript, the links the server used to write into every row, to the byte.
    assert found[True] == [
        list(ics),
        ["Google Calendar", expected[0]],
        ["Outlook.com", expected[1]],
        ["Outlook (Microsoft 365)", expected[2]],
    ]
