"""Journeys through the real UI in Chromium: clicks and typing against the live server."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import feedparser
import icalendar
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.registration.models import Registration
from tests.builders import (
    make_event,
    make_organisation,
    make_registration,
    make_session,
    make_user,
    stockholm,
)
from tests.helpers.words import BROWSER_LOCALES, words

PASSWORD = "correct horse battery staple"
ENGLISH = words("en")


@pytest.fixture(params=sorted(BROWSER_LOCALES))
def lang(request) -> str:
    """The journeys run once per language: a visitor whose browser asks for it."""
    return request.param


@pytest.fixture
def visitor(browser, lang):
    """A desktop page in a browser that speaks ``lang`` (its Accept-Language)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale=BROWSER_LOCALES[lang]
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def w(lang):
    """The interface's words in the journey's language."""
    return words(lang)


def log_in(page: Page, base: str, email: str, w=ENGLISH) -> None:
    """Log in through the login form (typing, then Enter)."""
    page.goto(f"{base}/manage/login")
    page.get_by_label(w("E-mail")).fill(email)
    page.get_by_label(w("Password")).fill(PASSWORD)
    page.get_by_label(w("Password")).press("Enter")
    page.wait_for_url(re.compile(r"/manage/(?!login)"))


def organiser(org):
    """An organiser of ``org`` whose password is ``PASSWORD``."""
    return make_user("organiser@example.org", organisations=[org], password=PASSWORD)


def fresh(model, ident):
    """A row as the server wrote it (not the test session's cached copy)."""
    db.session.rollback()  # end the test's read transaction: see what the server committed since
    return db.session.get(model, ident)


def test_participant_registers_downloads_badge_and_calendar_then_cancels_for_the_waiting_list(
    db, live_server, visitor, w
):
    page = visitor
    event = make_event("Immunotherapy mini-symposium", capacity=1, summary="NK cells and more.")
    waiting = make_registration(
        event, "Wanda Waiting", email="wanda@example.org", status=RegistrationStatus.WAITLISTED
    )
    db.session.commit()
    base = live_server.url

    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", w.lang)
    page.get_by_role("link", name="Immunotherapy mini-symposium").click()
    expect(page.locator("h1")).to_contain_text("Immunotherapy mini-symposium")
    page.locator(".registration-box").get_by_role("link", name=w("Register")).click()
    page.get_by_label(w("Name"), exact=True).fill("Petra Participant")
    page.get_by_label(w("E-mail"), exact=True).fill("petra@example.org")
    page.get_by_label(w("Affiliation"), exact=True).fill("Karolinska Institutet")
    page.get_by_label(
        w("I have read the privacy notice and agree that my data is used for this event.")
    ).check()
    page.locator("form.registration-form button.primary").click()

    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{40,}/$"))
    secret = page.url.rstrip("/").rsplit("/", 1)[1]
    expect(page.locator(".registration-status")).to_contain_text(w("Confirmed"))

    pdfs = []  # Chromium shows PDFs in its viewer: keep the bytes the server sent on the way

    def keep_pdf(route):
        response = route.fetch()
        pdfs.append((response.status, response.headers["content-type"], response.body()))
        route.fulfill(response=response)

    page.route(re.compile(r"/badge\.pdf$"), keep_pdf)
    page.get_by_role("link", name=w("Download your badge (PDF)")).click()
    page.wait_for_url(re.compile(r"/badge\.pdf$"))
    [(status, content_type, pdf)] = pdfs
    assert status == 200 and content_type == "application/pdf"
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]
    badge_text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split()
    assert ["Petra", "Participant"] == badge_text[badge_text.index("Petra") :][:2]
    page.go_back()

    with page.expect_download() as ics_download:
        page.locator(".calendar-buttons").get_by_role("link", name=w("Download .ics")).click()
    calendar = icalendar.Calendar.from_ical(Path(ics_download.value.path()).read_bytes())
    summaries = [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")]
    assert "Immunotherapy mini-symposium" in summaries
    vevent = next(c for c in calendar.walk("VEVENT") if c["SUMMARY"] == event.title)
    assert vevent.decoded("DTSTART") == event.starts_at

    page.get_by_role("link", name=w("Cancel my registration")).click()
    expect(page.locator("h1")).to_have_text(w("Cancel my registration"))
    expect(page.locator("main input[type=checkbox]")).to_have_count(0)  # asked once: a button
    page.get_by_role("button", name=w("Cancel my registration")).click()
    page.wait_for_url(f"{base}/r/{secret}/")
    expect(page.locator(".registration-status")).to_contain_text(w("Cancelled", "registration"))

    assert fresh(Registration, waiting.id).status == RegistrationStatus.CONFIRMED
    mails = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == "wanda@example.org")
    ).all()
    assert [(m.kind, m.event_id) for m in mails] == [("registration_promoted", event.id)]


def test_organiser_creates_a_two_day_event_publishes_it_and_a_time_change_raises_sequence(
    db, live_server, visitor, w
):
    page = visitor
    org = make_organisation("Karolinska Institutet", short_name="KI")
    organiser(org)
    db.session.commit()
    base, org_id = live_server.url, org.id
    year = utcnow().year + 1
    log_in(page, base, "organiser@example.org", w)

    page.goto(base + "/manage/events/new")
    expect(page.locator("html")).to_have_attribute("lang", w.lang)
    page.get_by_label(w("Title"), exact=True).fill("Collaboration in Science")
    page.locator("#slug").fill("cis-browser")
    page.locator("#starts_at").fill(f"{year}-03-10T09:00")
    page.locator("#ends_at").fill(f"{year}-03-11T16:00")
    page.locator("#organisers-0-organisation").select_option(str(org_id))
    page.get_by_role("button", name=w("Save")).click()
    page.wait_for_url(f"{base}/manage/events/cis-browser/")

    sessions = (
        ("Opening keynote", f"{year}-03-10T09:00", f"{year}-03-10T10:00"),
        ("Poster session", f"{year}-03-11T13:00", f"{year}-03-11T14:30"),
    )
    page.get_by_role("link", name=w("Timetable")).click()
    for title, starts, ends in sessions:
        page.get_by_role("link", name=w("Add a session")).click()
        page.get_by_label(w("Title"), exact=True).fill(title)
        page.locator("#starts_at").fill(starts)
        page.locator("#ends_at").fill(ends)
        page.get_by_role("button", name=w("Save")).click()
        page.wait_for_url(f"{base}/manage/events/cis-browser/timetable")
        expect(page.locator(".tt-grids")).to_contain_text(title)  # the grid
    expect(page.locator(".tt-grid")).to_have_count(2)  # one per day

    page.goto(f"{base}/manage/events/cis-browser/")
    page.get_by_role("button", name=w("Publish")).click()
    expect(page.locator("h1 .badge")).to_contain_text(w("Published"))

    page.goto(base + "/events/")
    page.get_by_role("link", name="Collaboration in Science").click()
    page.wait_for_url(f"{base}/events/cis-browser/")
    expect(page.locator("main")).to_contain_text("Opening keynote")
    expect(page.locator("main")).to_contain_text("Poster session")

    site = icalendar.Calendar.from_ical(page.request.get(base + "/calendar.ics").body())
    assert "Collaboration in Science" in [str(c["SUMMARY"]) for c in site.walk("VEVENT")]

    def keynote() -> icalendar.Event:
        feed = page.request.get(f"{base}/events/cis-browser/calendar.ics").body()
        found = icalendar.Calendar.from_ical(feed).walk("VEVENT")
        return next(c for c in found if c["SUMMARY"] == "Opening keynote")

    before = keynote()
    page.goto(f"{base}/manage/events/cis-browser/timetable")
    # In the grid a session's title opens its form.
    page.locator(".tt-block").get_by_role("link", name="Opening keynote").click()
    page.locator("#starts_at").fill(f"{year}-03-10T09:30")
    page.locator("#ends_at").fill(f"{year}-03-10T10:30")
    page.get_by_role("button", name=w("Save")).click()
    expect(page.locator("main")).to_contain_text("09:30")

    after = keynote()
    assert after.decoded("DTSTART") == stockholm(year, 3, 10, 9, 30)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_door_scanner_types_the_code_and_enter_green_then_amber(db, live_server, visitor, w):
    page = visitor
    org = make_organisation("Södertörn University")
    organiser(org)
    event = make_event("Innovation Day", organisers=[org])
    guest = make_registration(event, "Gustav Guest", affiliation="KTH")
    db.session.commit()
    base = live_server.url
    log_in(page, base, "organiser@example.org", w)

    page.goto(f"{base}/manage/events/{event.slug}/checkin")
    field = page.get_by_label(w("Badge code"))
    expect(field).to_be_focused()
    scanned = f"{base}/c/{guest.checkin_code}"
    page.keyboard.type(scanned)
    page.keyboard.press("Enter")
    answer = page.locator("#checkin-answer .checkin-answer")
    expect(answer).to_have_class(re.compile(r"\bcheckin-green\b"))
    expect(answer).to_contain_text("Gustav Guest")
    expect(page.locator("#count-checked-in")).to_have_text("1")

    field.fill("")
    field.focus()
    page.keyboard.type(scanned)
    page.keyboard.press("Enter")
    expect(answer).to_have_class(re.compile(r"\bcheckin-amber\b"))
    expect(answer).to_contain_text(w("Already checked in"))
    assert fresh(Registration, guest.id).checked_in_at is not None


def test_after_the_event_the_story_is_written_edited_published_and_syndicated(
    db, live_server, visitor, w
):
    page = visitor
    org = make_organisation("Karolinska Universitetssjukhuset")
    organiser(org)
    start = stockholm(*(utcnow() - timedelta(days=10)).timetuple()[:3], 9, 0)
    event = make_event("ATMP mini-symposium", starts_at=start, organisers=[org])
    make_session(event, "CAR-T in practice")
    for n in range(3):
        make_registration(event, f"Guest {n}")
    db.session.commit()
    base = live_server.url
    log_in(page, base, "organiser@example.org", w)

    page.goto(f"{base}/manage/events/{event.slug}/")
    page.get_by_role("button", name=w("Write the story")).click()
    page.wait_for_url(re.compile(r"/manage/blog/\d+/edit$"))
    title = page.get_by_label(w("Title"), exact=True)
    expect(title).not_to_have_value("")
    title.fill("A full house for cell therapies")
    body = page.locator("#body_md")
    body.fill(body.input_value() + "\n\nThank you to everyone who came.")
    page.locator("#status").select_option("published")
    page.get_by_role("button", name=w("Save")).click()
    expect(page.get_by_role("link", name=w("View the public page"))).to_be_visible()

    page.goto(f"{base}/events/{event.slug}/")
    posts = page.locator(".blog-event-posts")
    posts.get_by_role("link", name="A full house for cell therapies").click()
    expect(page.locator("main")).to_contain_text("Thank you to everyone who came.")
    post_url = page.url

    feed = feedparser.parse(page.request.get(base + "/blog/feed.atom").body())
    assert not feed.bozo, feed.get("bozo_exception")
    entry = next(e for e in feed.entries if e.title == "A full house for cell therapies")
    assert entry.link == post_url


def test_switching_to_swedish_keeps_the_page_and_formats_dates_in_swedish(db, live_server, page):
    year = utcnow().year + 1
    event = make_event("Nya rösters symposium", starts_at=stockholm(year, 3, 12, 9, 0))
    db.session.commit()
    base = live_server.url

    page.goto(f"{base}/events/{event.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".event-header .event-when")).to_contain_text("March")
    page.get_by_role("link", name="Svenska").click()
    page.wait_for_load_state()

    assert page.url.split("?")[0] == f"{base}/events/{event.slug}/"
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator(".event-header .event-when")).to_contain_text("mars")
    expect(page.locator(".lang-switch a")).to_have_text("English")

    page.goto(base + "/events/")  # the choice is remembered on the next page
    expect(page.locator("html")).to_have_attribute("lang", "sv")
