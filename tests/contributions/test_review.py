"""Review: pools, assignment without conflicts of interest, balance, blind review, what a
reviewer may open, two reviewers saving at once, reminders, reviewers' messages."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from eventapp.contributions import review_services
from eventapp.contributions.models import Recommendation, Review, Submission
from eventapp.core.errors import DomainError
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.sender import send_due
from tests.builders import make_organisation, make_person
from tests.conftest import login
from tests.contributions.conftest import assign, make_reviewer, make_submission
from tests.helpers.forms import submit


def test_automatic_assignment_is_balanced_and_never_across_a_conflict(
    call, event, organiser, ki_org, kth_org
):
    uu = make_organisation("Uppsala universitet", slug="uu")
    reviewers = [
        make_reviewer(event, "r-ki@example.org", organisation=ki_org),
        make_reviewer(event, "r-kth@example.org", organisation=kth_org),
        make_reviewer(event, "r-uu@example.org", organisation=uu),
        make_reviewer(event, "r-none@example.org"),
    ]
    subs = [
        make_submission(call, f"S{i}", authors=[("A", [ki_org, kth_org, uu][i % 3])])
        for i in range(12)
    ]
    db.session.commit()
    made = review_services.auto_assign(organiser, event, call)
    assert made == 24  # 12 submissions × 2 reviewers
    load = {r.id: 0 for r in reviewers}
    for s in subs:
        db.session.refresh(s)
        assert len(s.reviews) == 2
        for review in s.reviews:
            load[review.reviewer_id] += 1
            assert not review_services.conflicted(review.reviewer, s)
    assert max(load.values()) - min(load.values()) <= 1
    assert review_services.auto_assign(organiser, event, call) == 0  # nothing short any more


def test_pools_per_track_are_respected(call, event, organiser):
    imaging = call.tracks[1]
    imaging_reviewer = make_reviewer(event, "imaging@example.org", track=imaging)
    s = make_submission(call, "Cells", track_id=call.tracks[0].id)
    db.session.commit()
    review_services.auto_assign(organiser, event, call)
    assert imaging_reviewer.id not in {r.reviewer_id for r in s.reviews}


def test_assigning_by_hand_across_a_conflict_is_refused(call, event, organiser, ki_org):
    reviewer = make_reviewer(event, organisation=ki_org)
    s = make_submission(call, authors=[("Åsa", "x"), ("Bo", ki_org)])
    db.session.commit()
    with pytest.raises(DomainError, match="conflict of interest"):
        review_services.assign(organiser, event, s, reviewer)
    assert db.session.execute(select(Review)).first() is None


def test_a_reviewer_opens_only_the_submissions_assigned_to_them(client, call, event):
    mine = make_submission(call, "Mine")
    other = make_submission(call, "Not mine")
    reviewer = make_reviewer(event, "rev@example.org")
    assign(mine, reviewer)
    db.session.commit()
    login(client, reviewer.user)
    assert client.get(f"/manage/reviews/cis/{mine.id}").status_code == 200
    assert client.get(f"/manage/reviews/cis/{other.id}").status_code == 404
    assert client.post(f"/manage/reviews/cis/{other.id}").status_code in (400, 404)
    listing = client.get("/manage/reviews/cis/").get_data(as_text=True)
    assert "Mine" in listing and "Not mine" not in listing
    assert "Not mine" not in client.get("/manage/reviews/cis/export.csv").get_data(as_text=True)


def test_a_reviewer_sees_nothing_else_of_the_back_office(client, call, event):
    reviewer = make_reviewer(event, "rev@example.org")
    db.session.commit()
    login(client, reviewer.user)
    for path in ("/manage/events/", "/manage/people/", "/manage/venues/", "/manage/events/cis/",
                 "/manage/events/cis/contributions/", "/manage/blog/"):  # fmt: skip
        assert client.get(path).status_code == 403, path
    assert client.get("/manage/").headers["Location"].endswith("/manage/reviews/")
    assert client.get("/manage/reviews/").status_code == 200


def test_blind_review_leaks_no_author_or_organisation_into_any_reviewer_page_or_export(
    client, call, event, ki_org
):
    call.blind_review = True
    s = make_submission(
        call, "Blind one", authors=[("Åsa Öberg", ki_org), ("Jörg Müller", "Uppsala universitet")]
    )
    reviewer = make_reviewer(event, "rev@example.org")
    assign(s, reviewer)
    db.session.commit()
    login(client, reviewer.user)
    pages = [
        client.get("/manage/reviews/").get_data(as_text=True),
        client.get("/manage/reviews/cis/").get_data(as_text=True),
        client.get(f"/manage/reviews/cis/{s.id}").get_data(as_text=True),
        client.get("/manage/reviews/cis/export.csv").get_data(as_text=True),
    ]
    assert "Blind one" in pages[2] and "Blind one" in pages[3]
    for text in pages:
        for leak in ("Öberg", "Müller", "Karolinska", "Uppsala", s.email):
            assert leak not in text


def _review_data(**kw):
    values = dict(scores={"0": 4, "1": 5, "2": 3}, recommendation=Recommendation.ACCEPT)
    values.update(kw)
    return review_services.ReviewData(**values)


def test_a_review_needs_every_score_from_1_to_5_and_an_other_kind_to_accept_as(call, event):
    s = make_submission(call)
    reviewer = make_reviewer(event)
    assign(s, reviewer)
    db.session.commit()
    with pytest.raises(DomainError, match="score from 1 to 5"):
        review_services.save_review(reviewer, s, _review_data(scores={"0": 4, "1": 6, "2": 3}))
    with pytest.raises(DomainError, match="score from 1 to 5"):
        review_services.save_review(reviewer, s, _review_data(scores={"0": 4}))
    with pytest.raises(DomainError, match="other kind"):
        review_services.save_review(
            reviewer,
            s,
            _review_data(recommendation=Recommendation.ACCEPT_AS, recommended_kind=s.kind),
        )
    assert db.session.execute(select(Review.submitted_at)).scalar_one() is None


def test_the_review_form_saves_through_the_page(client, call, event):
    s = make_submission(call)
    reviewer = make_reviewer(event)
    assign(s, reviewer)
    db.session.commit()
    login(client, reviewer.user)
    response = submit(
        client,
        f"/manage/reviews/cis/{s.id}",
        **{
            "scores-0": "5",
            "scores-1": "4",
            "scores-2": "3",
            "recommendation": "accept_as",
            "recommended_kind": "poster",
            "comment_authors": "Lovely",
        },  # fmt: skip
    )
    assert response.status_code == 302
    review = db.session.execute(select(Review)).scalar_one()
    assert review.scores == {"0": 5, "1": 4, "2": 3} and review.recommended_kind.value == "poster"


def test_two_reviewers_saving_at_once_both_keep_their_review(app, call, event):
    s = make_submission(call)
    reviewers = [make_reviewer(event, f"r{i}@example.org") for i in range(2)]
    for r in reviewers:
        assign(s, r)
    db.session.commit()
    ids = [(r.id, s.id) for r in reviewers]
    db.session.remove()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def save(reviewer_id: int, submission_id: int, score: int) -> None:
        try:
            with app.app_context():
                reviewer = db.session.get(review_services.Reviewer, reviewer_id)
                submission = db.session.get(Submission, submission_id)
                barrier.wait()
                review_services.save_review(
                    reviewer, submission, _review_data(scores={"0": score, "1": score, "2": score})
                )
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(*ids[i], i + 2)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = db.session.execute(select(Review).order_by(Review.reviewer_id)).scalars().all()
    assert [r.scores["0"] for r in rows] == [2, 3]


def test_reminders_go_once_to_each_reviewer_with_missing_reviews(call, event, organiser):
    a, b = make_reviewer(event, "a@example.org"), make_reviewer(event, "b@example.org")
    for i in range(3):
        assign(make_submission(call, f"S{i}"), a)
    done = make_submission(call, "Done")
    assign(done, b, submitted_at=done.created_at, scores={"0": 3, "1": 3, "2": 3})
    db.session.commit()
    assert review_services.remind_reviewers(organiser, event, call) == 1
    [message] = db.session.execute(select(OutboxMessage)).scalars().all()
    assert message.recipient == "a@example.org" and "3 submissions" in message.body_text


def test_a_reviewers_message_is_answered_to_the_events_contact(
    app, client, call, event, smtp_server
):
    smtp_server.configure(app)
    event.contact_person = make_person("Contact", email="contact@ki.example.org")
    s = make_submission(call, email="author@example.org")
    reviewer = make_reviewer(event, "secret-reviewer@example.org")
    assign(s, reviewer)
    db.session.commit()
    login(client, reviewer.user)
    response = submit(
        client, f"/manage/reviews/cis/{s.id}", subject="Your figures", body="Which cell line?"
    )
    assert response.status_code == 302
    assert send_due() == (1, 0, 0)
    [mail] = smtp_server.messages
    assert mail["To"] == "author@example.org" and mail["Reply-To"] == "contact@ki.example.org"
    assert "secret-reviewer" not in mail.as_string()
