"""Registration forms organisers shape, in Chromium: the organiser adds a question and a group of
parallel workshops in the back office; a participant on a phone sees the speakers' question
appear only for speakers, is told that one workshop is the most, registers a colleague from the
same form, and corrects their own details; axe finds nothing serious on any of the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from eventapp.core.types import RegistrationStatus
from eventapp.registration.models import Registration
from tests.browser.test_journeys import PASSWORD, log_in
from tests.builders import make_event, make_organisation, make_session, make_user
from tests.regforms.conftest import make_question

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _axe(browser, url: str, storage_state=None) -> list[str]:
    context = browser.new_context(bypass_csp=True, storage_state=storage_state)
    try:
        page = context.new_page()
        assert page.goto(url).status == 200
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    return [
        f"{url}: {v['id']} ({v['impact']}): {v['help']}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.needs("axe-core")
def test_organiser_shapes_the_form_and_a_participant_registers_with_a_colleague(
    db, live_server, page: Page, phone: Page, browser
):
    ki = make_organisation("Karolinska Institutet", slug="ki")
    make_user("organiser@example.org", organisations=[ki], password=PASSWORD)
    event = make_event(
        "Collaboration in Science",
        slug="cis",
        organisers=[ki],
        capacity=50,
        registration_categories=["participant", "speaker"],
    )
    afternoon = event.starts_at.replace(hour=13)
    for title in ("CAR-T manufacturing", "Biobanking", "Data sharing"):
        make_session(event, title, starts_at=afternoon, selectable=True, capacity=20)
    make_question(event, "Title of your talk", required=True, categories=["speaker"])
    db.session.commit()
    base = live_server.url

    # The organiser: a lunch question, and "choose one" of the three workshops.
    log_in(page, base, "organiser@example.org")
    page.goto(f"{base}/manage/events/cis/form")
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Question", exact=True).fill("Lunch")
    page.get_by_label("Question in the other language").fill("Lunch")
    page.get_by_label("Kind of answer").select_option("single_choice")
    page.get_by_label("Options (choice questions)").fill("Fish\nVegetarian")
    page.get_by_label("Options in the other language").fill("Fisk\nVegetariskt")
    page.get_by_label("An answer is required").check()
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator(".flashes")).to_contain_text("The question is saved.")
    page.get_by_role("link", name="Add a session group").click()
    page.get_by_label("Name of the group").fill("Afternoon workshops")
    for title in ("CAR-T manufacturing", "Biobanking", "Data sharing"):
        page.get_by_label(title).check()
    page.get_by_role("button", name="Save the group").click()
    expect(page.locator(".flashes")).to_contain_text("The session group is saved.")
    organiser = page.context.storage_state()
    form_page = f"{base}/manage/events/cis/form"

    # The participant, on a phone: the speakers' question shows for speakers only.
    phone.goto(f"{base}/events/cis/register")
    talk = phone.get_by_label("Title of your talk")
    expect(talk).to_be_hidden()
    phone.get_by_label("I attend as").select_option("speaker")
    expect(talk).to_be_visible()
    phone.get_by_label("I attend as").select_option("participant")
    expect(talk).to_be_hidden()
    phone.get_by_label("Name", exact=True).fill("Åsa Öberg")
    phone.get_by_label("E-mail", exact=True).fill("asa@example.org")
    phone.get_by_label("Vegetarian").check()
    for title in ("CAR-T manufacturing", "Biobanking", "Data sharing"):
        phone.get_by_label(re.compile(title)).check()
    phone.locator("summary", has_text="Register colleagues too").click()
    phone.get_by_label("Colleague's name").fill("Bo Ek")
    phone.get_by_label("Colleague's e-mail").fill("bo@example.org")
    phone.get_by_label(re.compile("I have read the privacy notice")).check()
    phone.get_by_role("button", name="Register").click()
    expect(phone.locator(".session-choices .error")).to_contain_text(
        "Choose at most 1 session of “Afternoon workshops”."
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    expect(phone.get_by_label("Name", exact=True)).to_have_value("Åsa Öberg")
    expect(phone.get_by_label("Colleague's name")).to_have_value("Bo Ek")
    for title in ("Biobanking", "Data sharing"):
        phone.get_by_label(re.compile(title)).uncheck()
    phone.get_by_label(re.compile("I have read the privacy notice")).check()
    phone.get_by_role("button", name="Register").click()
    phone.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{40,}/$"))
    expect(phone.locator(".flashes")).to_contain_text("Also registered: Bo Ek.")
    expect(phone.locator(".registration-details")).to_contain_text("Vegetarian")
    participant_page = phone.url

    # The participant corrects their name and changes their lunch.
    phone.locator("summary", has_text="Change my details").click()
    phone.get_by_label("Name", exact=True).fill("Åsa Öberg Lind")
    phone.get_by_label("Fish").check()
    phone.get_by_role("button", name="Save my details").click()
    expect(phone.locator(".flashes")).to_contain_text("Your details have been updated.")
    expect(phone.locator(".registration-details")).to_contain_text("Åsa Öberg Lind")
    expect(phone.locator(".registration-details")).to_contain_text("Fish")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    db.session.rollback()
    people = db.session.scalars(select(Registration).order_by(Registration.id)).all()
    assert [(p.name, p.status) for p in people] == [
        ("Åsa Öberg Lind", RegistrationStatus.CONFIRMED),
        ("Bo Ek", RegistrationStatus.CONFIRMED),
    ]
    assert [len(p.choices) for p in people] == [1, 1]

    # The organiser sees the answers; axe finds nothing serious on any page of the journey.
    page.goto(f"{base}/manage/events/cis/registrations")
    expect(page.locator("td.answers").first).to_contain_text("Fish")
    problems = _axe(browser, f"{base}/events/cis/register")
    problems += _axe(browser, f"{base}/events/cis/register?lang=sv")
    problems += _axe(browser, participant_page)
    for url in (form_page, f"{form_page}/questions/new", f"{form_page}/groups/new"):
        problems += _axe(browser, url, organiser)
    assert problems == []
