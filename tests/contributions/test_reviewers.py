"""Reviewers invited by e-mail into a track's pool; chairs; a Markdown abstract shown safely."""

from __future__ import annotations

import re

from sqlalchemy import select

from eventapp.auth.models import User
from eventapp.contributions.models import Reviewer
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from tests.conftest import login
from tests.contributions.conftest import assign, make_reviewer, make_submission
from tests.helpers.forms import submit


def test_an_invited_reviewer_chooses_a_password_and_lands_on_the_review_pages(
    client, call, event, organiser, kth_org
):
    login(client, organiser)
    response = submit(
        client,
        "/manage/events/cis/reviewers",
        email="Bo@Example.org",
        name="Bo Reviewer",
        organisation_id=str(kth_org.id),
        track_id=str(call.tracks[1].id),
    )
    assert response.status_code == 302
    reviewer = db.session.execute(select(Reviewer)).scalar_one()
    account = db.session.get(User, reviewer.user_id)
    assert (account.email, account.organisations) == ("bo@example.org", [])
    assert (reviewer.organisation_id, reviewer.track_id) == (kth_org.id, call.tracks[1].id)
    [mail] = db.session.execute(select(OutboxMessage)).scalars().all()
    link = re.search(r"http://eventapp.test(/manage/invitation/\S+)", mail.body_text).group(1)
    fresh = client.application.test_client()
    response = submit(
        fresh, link, new_password="a long enough password", repeat_password="a long enough password"
    )
    assert response.status_code == 302
    assert fresh.get("/manage/").headers["Location"].endswith("/manage/reviews/")
    assert "Collaboration in Science" in fresh.get("/manage/reviews/").get_data(as_text=True)


def test_a_track_chair_sees_every_submission_of_the_track_and_no_other(client, call, event):
    chair = make_reviewer(event, "chair@example.org", track=call.tracks[0], chair=True)
    ours = make_submission(call, "In the chairs track", track_id=call.tracks[0].id)
    other = make_submission(call, "In the other track", track_id=call.tracks[1].id)
    db.session.commit()
    login(client, chair.user)
    listing = client.get("/manage/reviews/cis/").get_data(as_text=True)
    assert "In the chairs track" in listing and "In the other track" not in listing
    assert client.get(f"/manage/reviews/cis/{ours.id}").status_code == 200
    assert client.get(f"/manage/reviews/cis/{other.id}").status_code == 404


def test_a_markdown_abstract_is_rendered_and_sanitised(client, call, event):
    s = make_submission(
        call, abstract="Cells *kill* tumours.\n\n<script>alert(1)</script>", markdown=True
    )
    reviewer = make_reviewer(event)
    assign(s, reviewer)
    db.session.commit()
    login(client, reviewer.user)
    page = client.get(f"/manage/reviews/cis/{s.id}").get_data(as_text=True)
    assert "<em>kill</em>" in page and "<script>alert(1)" not in page
