"""In Chromium: an organiser translates an event beside its original, and a Swedish visitor
reads the translation while the untranslated session stays English, marked as such."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_journeys import PASSWORD, fresh, log_in
from tests.builders import make_event, make_organisation, make_session, make_user

pytestmark = pytest.mark.browser


def test_organiser_starts_a_translation_from_the_original_and_visitors_read_it(
    db, live_server, page
):
    org = make_organisation("Karolinska Institutet", short_name="KI")
    make_user("organiser@example.org", organisations=[org], password=PASSWORD)
    event = make_event("Collaboration in Science 2026", language="en", organisers=[org])
    make_session(event, "Poster session")
    db.session.commit()
    base = live_server.url
    log_in(page, base, "organiser@example.org")
    page.goto(f"{base}/manage/events/{event.slug}/edit")
    translated_title = page.get_by_label("Title, translated")
    # The button starts the translation from the original (keyboard: Tab to it, Enter).
    translated_title.locator("xpath=..").get_by_role("button").first.press("Enter")
    expect(translated_title).to_have_value("Collaboration in Science 2026")
    translated_title.fill("Samverkan inom vetenskap 2026")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{base}/manage/events/{event.slug}/")
    assert fresh(type(event), event.id).translations == {
        "sv": {"title": "Samverkan inom vetenskap 2026"}
    }
    page.goto(f"{base}/events/{event.slug}/?lang=sv")
    expect(page.locator("h1#event-title")).to_contain_text("Samverkan inom vetenskap 2026")
    expect(page.locator('span[lang="en"]', has_text="Poster session")).to_be_visible()
