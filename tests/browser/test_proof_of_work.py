"""The proof of work in Chromium, under the app's own strict CSP: solved by the widget while the
person fills in the form (by keyboard), announced as a named checkbox, and a browser without
JavaScript is told its place will be held until it confirms its address."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from eventapp.core.types import RegistrationStatus
from eventapp.registration.models import Registration
from tests.browser.test_quality import AXE
from tests.builders import make_event


@pytest.fixture
def proof_event(app, db):
    app.config.update(ALTCHA=True)  # the production cost (EVENTAPP_ALTCHA_COST's default)
    app.config["ALTCHA_COST"] = 2000
    event = make_event("Open lecture", slug="open", capacity=40)
    db.session.commit()
    return event


def status_of(db, email: str) -> RegistrationStatus:
    db.session.rollback()
    return db.session.scalars(select(Registration.status).where(Registration.email == email)).one()


def test_the_widget_solves_under_the_csp_while_a_keyboard_user_fills_in_the_form(
    db, live_server, page, proof_event
):
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    page.goto(live_server.url + "/events/open/register")
    widget = page.get_by_role("checkbox", name=re.compile("not a robot", re.I))
    expect(widget).to_be_visible()
    # Tabbing into the form starts the work (auto="onfocus").
    page.get_by_label("Name", exact=True).focus()
    started = time.perf_counter()
    page.keyboard.type("Petra Participant")
    page.keyboard.press("Tab")
    page.keyboard.type("petra@example.org")
    page.get_by_label("I have read the privacy notice").focus()
    page.keyboard.press("Space")
    payload = page.locator("input[name=altcha]")
    expect(payload).to_have_value(re.compile(".{100,}"), timeout=20000)
    solved = time.perf_counter() - started
    print(f"\nALTCHA solved in Chromium in {solved:.2f} s (cost 2000, 2 workers)")
    page.locator("form.registration-form button.primary").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{40,}/$"))
    assert status_of(db, "petra@example.org") == RegistrationStatus.CONFIRMED
    assert violations == []


def test_the_widget_speaks_swedish_on_the_swedish_page(db, live_server, page, proof_event):
    page.goto(live_server.url + "/events/open/register?lang=sv")
    if page.locator("html").get_attribute("lang") != "sv":
        pytest.skip("the Swedish page is chosen another way")
    expect(page.get_by_role("checkbox", name=re.compile("inte en robot", re.I))).to_be_visible()


def test_without_javascript_the_page_says_so_and_the_place_is_held(
    db, browser, live_server, proof_event
):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/events/open/register")
    # Playwright turns script execution off without telling the HTML parser, so Chromium does
    # not render <noscript> here as a browser with JavaScript off would: its text is checked.
    notice = page.locator(".proof-of-work noscript").inner_html()
    assert "Without JavaScript" in notice and "held until you confirm" in notice
    page.get_by_label("Name", exact=True).fill("Nils Noscript")
    page.get_by_label("E-mail", exact=True).fill("nils@example.org")
    page.get_by_label("I have read the privacy notice").check()
    page.locator("form.registration-form button.primary").click()
    expect(page.locator("h1")).to_contain_text("Confirm your e-mail address")
    assert status_of(db, "nils@example.org") == RegistrationStatus.UNCONFIRMED
    context.close()


@pytest.mark.needs("axe-core")
def test_axe_finds_no_serious_violation_in_the_form_with_its_widget(
    db, browser, live_server, proof_event
):
    # axe is a script of its own, which the CSP would refuse: only this context bypasses it.
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/events/open/register")
    page.get_by_label("Name", exact=True).focus()  # the widget at work and then verified
    expect(page.locator("input[name=altcha]")).to_have_value(re.compile(".{100,}"), timeout=20000)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    context.close()
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert blocking == []


def test_a_form_sent_before_the_work_is_done_waits_for_it(db, live_server, page, proof_event):
    """Autofill, then an immediate click: the script finishes the work first, so the person is
    registered at once rather than held."""
    page.goto(live_server.url + "/events/open/register")
    page.evaluate(
        """() => {
        const form = document.querySelector('form.registration-form');
        form.querySelector('[name=name]').value = 'Quick Autofill';
        form.querySelector('[name=email]').value = 'quick@example.org';
        form.querySelector('[name=consent]').checked = true;
        form.querySelector('button[type=submit]').click();
    }"""
    )
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{40,}/$"))
    assert status_of(db, "quick@example.org") == RegistrationStatus.CONFIRMED
