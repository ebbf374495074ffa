"""A call for contributions through the real UI in Chromium: a submitter submits, a reviewer
reviews, the organiser accepts, releases and places the talk, and the event page shows it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select

from eventapp.contributions.models import Submission, SubmissionStatus
from eventapp.core.forms import to_local
from tests.browser.test_journeys import PASSWORD, log_in
from tests.builders import make_event, make_organisation, make_user, make_venue
from tests.contributions.conftest import make_call, make_reviewer


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").first.click()


def test_submit_review_accept_and_see_the_session_on_the_event_page(db, live_server, page: Page):
    ki = make_organisation("Karolinska Institutet", slug="ki")
    make_user("organiser@example.org", organisations=[ki], password=PASSWORD)
    event = make_event("Collaboration in Science", slug="cis", organisers=[ki],
                       venue=make_venue("Neo", rooms=("Lecture hall",)))  # fmt: skip
    make_call(event)
    make_reviewer(event, "reviewer@example.org", password=PASSWORD)
    db.session.commit()
    base = live_server.url

    # The submitter: the call, the form, the private page.
    page.goto(f"{base}/events/cis/call/")
    page.get_by_role("link", name="Submit a contribution").click()
    page.get_by_label("Your e-mail address").fill("asa@example.org")
    page.get_by_label("Title").fill("Killer cells in the clinic")
    page.get_by_label("Kind of contribution").select_option("talk")
    page.get_by_label("Track").select_option(label="Cell therapy")
    page.get_by_label("Abstract", exact=True).fill("What it takes to treat a first patient.")
    page.get_by_label("Name of author 1").fill("Åsa Öberg")
    page.get_by_label("Affiliation of author 1").fill("Karolinska Institutet")
    page.get_by_label("Author 1 presents").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(re.compile(r"/c/[A-Za-z0-9_-]{40,}/$"))
    expect(page.locator(".status")).to_contain_text("Submitted")

    # The organiser assigns the reviewers.
    log_in(page, base, "organiser@example.org")
    page.goto(f"{base}/manage/events/cis/contributions/")
    page.get_by_role("button", name="Assign reviewers where missing").click()
    expect(page.locator(".flashes")).to_contain_text("1 assignment made.")
    log_out(page)

    # The reviewer reviews.
    log_in(page, base, "reviewer@example.org")
    expect(page).to_have_url(re.compile(r"/manage/reviews/$"))
    page.get_by_role("link", name="Collaboration in Science").click()
    page.get_by_role("link", name="Killer cells in the clinic").click()
    for criterion, score in (("Relevance", "5"), ("Originality", "4"), ("Clarity", "4")):
        page.get_by_label(criterion).select_option(score)
    page.get_by_label("Recommendation").select_option("accept")
    page.get_by_label("Comment to the authors (optional)").fill("A clear case.")
    page.get_by_role("button", name="Save my review").click()
    expect(page.locator(".flashes")).to_contain_text("Your review is saved.")
    log_out(page)

    # The organiser accepts, releases, and places the talk.
    log_in(page, base, "organiser@example.org")
    page.goto(f"{base}/manage/events/cis/contributions/")
    expect(page.locator("td[data-mean]")).to_have_text("4.33")
    page.get_by_role("link", name="Killer cells in the clinic").click()
    page.get_by_label("Decision").select_option("accept")
    page.get_by_role("button", name="Note the decision").click()
    page.goto(f"{base}/manage/events/cis/contributions/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile("Release 1 decision")).click()
    expect(page.locator(".flashes")).to_contain_text("1 decision released.")
    db.session.rollback()
    submission = db.session.execute(select(Submission)).scalar_one()
    assert submission.status == SubmissionStatus.ACCEPTED
    page.get_by_role("link", name="Killer cells in the clinic").click()
    starts = to_local(event.starts_at, event.timezone).replace(hour=11)
    page.get_by_label("Starts").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Room").select_option(label="Lecture hall")
    page.get_by_role("button", name="Add to the timetable").click()
    expect(page.locator(".flashes")).to_contain_text("The contribution is in the timetable.")

    # Everyone sees it in the programme and among the accepted contributions.
    page.goto(f"{base}/events/cis/")
    expect(page.locator("main")).to_contain_text("Killer cells in the clinic")
    expect(page.locator("main")).to_contain_text("Åsa Öberg")
    page.goto(f"{base}/events/cis/contributions/")
    expect(page.locator("main")).to_contain_text("Killer cells in the clinic")
