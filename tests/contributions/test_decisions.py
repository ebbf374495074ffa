"""Decisions held until released in one action, revisions as new rounds, accepted talks as
sessions of the timetable, posters' boards, the public page and the book of abstracts."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from eventapp.contributions import decision_services, review_services, services
from eventapp.contributions.models import (
    CallKind,
    ContributionKind,
    Decision,
    Recommendation,
    SubmissionStatus,
)
from eventapp.contributions.sessions import place_contribution
from eventapp.core.errors import DomainError
from eventapp.core.forms import to_local
from eventapp.core.types import SessionKind, SessionStatus
from eventapp.events.models import Session
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from tests.builders import make_person, make_session, make_venue
from tests.conftest import login
from tests.contributions.conftest import assign, make_reviewer, make_submission
from tests.helpers.forms import submit


def outbox() -> list[OutboxMessage]:
    return list(db.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars())


def test_decisions_wait_until_released_then_go_out_at_once_in_each_language(call, event, organiser):
    talk = make_submission(call, "Talk", language="sv")
    poster1 = make_submission(call, "A poster", kind=ContributionKind.POSTER)
    poster2 = make_submission(call, "B as poster")
    rejected = make_submission(call, "No")
    db.session.commit()
    decision_services.set_decision(organiser, event, talk, Decision.ACCEPT)
    decision_services.set_decision(organiser, event, poster1, Decision.ACCEPT)
    decision_services.set_decision(
        organiser, event, poster2, Decision.ACCEPT, ContributionKind.POSTER
    )
    decision_services.set_decision(organiser, event, rejected, Decision.REJECT)
    assert outbox() == [] and talk.status == SubmissionStatus.SUBMITTED
    assert decision_services.pending_decisions(call) == 4
    assert decision_services.release_decisions(organiser, event, call) == 4
    assert sorted((m.recipient, m.language, m.kind) for m in outbox()) == sorted(
        [(talk.email, "sv", "contribution_accept"), (poster1.email, "en", "contribution_accept"),
         (poster2.email, "en", "contribution_accept"), (rejected.email, "en", "contribution_reject")]  # noqa: E501
    )  # fmt: skip
    assert (talk.status, talk.accepted_kind) == (SubmissionStatus.ACCEPTED, ContributionKind.TALK)
    assert poster2.accepted_kind == ContributionKind.POSTER
    assert (poster1.board_number, poster2.board_number) == (1, 2)
    assert rejected.status == SubmissionStatus.REJECTED
    assert decision_services.release_decisions(organiser, event, call) == 0  # nothing twice


def test_accepting_as_a_kind_the_call_does_not_take_is_refused(call, event, organiser):
    s = make_submission(call)
    db.session.commit()
    with pytest.raises(DomainError):
        decision_services.set_decision(
            organiser, event, s, Decision.ACCEPT, ContributionKind.WORKSHOP
        )


def test_a_revision_starts_a_new_round_and_reviewers_see_what_changed(
    client, call, event, organiser
):
    s = make_submission(call, abstract="Cells kill tumours slowly.")
    reviewer = make_reviewer(event)
    assign(s, reviewer, submitted_at=s.created_at, scores={"0": 2, "1": 2, "2": 2},
           recommendation=Recommendation.REVISION, comment_authors="Say how fast.")  # fmt: skip
    db.session.commit()
    decision_services.set_decision(organiser, event, s, Decision.REVISION)
    decision_services.release_decisions(organiser, event, call)
    assert s.status == SubmissionStatus.REVISION
    assert "Say how fast." in outbox()[-1].body_text
    call.closes_at = call.opens_at + timedelta(hours=1)  # past the deadline: a revision still may
    db.session.commit()
    response = submit(client, f"/c/{s.secret}/edit", abstract="Cells kill tumours quickly.")
    assert response.status_code == 303
    db.session.refresh(s)
    assert (s.status, s.round) == (SubmissionStatus.SUBMITTED, 2)
    assert [(r.round, r.submitted_at is None) for r in s.reviews] == [(1, False), (2, True)]
    login(client, reviewer.user)
    page = client.get(f"/manage/reviews/cis/{s.id}").get_data(as_text=True)
    assert "<del>slowly.</del>" in page and "<ins>quickly.</ins>" in page


def _accepted_talk(call, event, organiser, **kw):
    s = make_submission(call, "Accepted talk", **kw)
    db.session.commit()
    decision_services.set_decision(organiser, event, s, Decision.ACCEPT)
    decision_services.release_decisions(organiser, event, call)
    return s


def test_an_accepted_talk_is_placed_as_a_session_with_the_timetables_clash_checks(
    client, call, event, organiser
):
    venue = make_venue("Aula Medica", rooms=("Aula",))
    event.venue = venue
    person = make_person("Known Speaker", email="asa@ki.example.org")
    db.session.commit()
    s = _accepted_talk(call, event, organiser)
    s.authors[0].email = "asa@ki.example.org"
    make_session(event, "Keynote", starts_at=event.starts_at, minutes=60, room=venue.rooms[0])
    db.session.commit()
    with pytest.raises(DomainError):  # the room is taken by the keynote
        place_contribution(
            organiser, event, s, event.starts_at + timedelta(minutes=30), 20, venue.rooms[0].id
        )
    assert s.session_id is None
    login(client, organiser)
    response = submit(
        client,
        f"/manage/events/cis/contributions/{s.id}",
        starts_at=to_local(event.starts_at + timedelta(hours=1), event.timezone).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        minutes="20",
        room_id=str(venue.rooms[0].id),
    )
    assert response.status_code == 302
    db.session.refresh(s)
    session = s.session
    assert (session.kind, session.title) == (SessionKind.TALK, "Accepted talk")
    assert [sp.person_id for sp in session.speakers] == [person.id]  # linked by e-mail
    assert "Accepted talk" in client.get("/events/cis/").get_data(as_text=True)


def test_changing_an_accepted_submission_updates_its_session_and_sequence(call, event, organiser):
    s = _accepted_talk(call, event, organiser)
    place_contribution(organiser, event, s, event.starts_at + timedelta(hours=2), 20, None)
    before = s.session.sequence
    data = services.SubmissionData(
        title="A better title", abstract="New.", kind=ContributionKind.POSTER,
        authors=[services.AuthorData("Åsa Öberg", presenting=True)], track_id=s.track_id,
        consent_publish=True,
    )  # fmt: skip
    services.update_submission(s, data)
    session = db.session.get(Session, s.session_id)
    assert (session.title, session.abstract) == ("A better title", "New.")
    assert session.sequence == before + 1
    assert s.kind == ContributionKind.TALK  # the kind was decided


def test_the_public_page_and_the_book_show_the_accepted_ones_by_kind_and_track(
    client, call, event, organiser
):
    talk = _accepted_talk(call, event, organiser)
    poster = make_submission(call, "Plakat om ärftlighet", kind=ContributionKind.POSTER,
                             authors=[("Örjan Åström", "Lunds universitet")])  # fmt: skip
    make_submission(call, "Still under review")
    db.session.commit()
    decision_services.set_decision(organiser, event, poster, Decision.ACCEPT)
    decision_services.release_decisions(organiser, event, call)
    page = client.get("/events/cis/contributions/").get_data(as_text=True)
    assert (
        page.index("Talks")
        < page.index("Accepted talk")
        < page.index("Posters")
        < page.index("Board 1")
    )
    assert "Still under review" not in page
    response = client.get("/events/cis/contributions/abstracts.pdf")
    assert response.headers["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Plakat om ärftlighet" in text and "Örjan Åström" in text and talk.title in text
    assert "Board 1" in reader.pages[0].extract_text()  # the table of contents names the board


def test_accepted_posters_and_stands_point_to_their_session_in_the_programme(
    client, call, event, organiser
):
    call.kinds.append(CallKind(kind=ContributionKind.EXHIBITION, word_limit=200))
    poster = make_submission(call, "Plakat", kind=ContributionKind.POSTER)
    stand = make_submission(call, "Core facility stand", kind=ContributionKind.EXHIBITION)
    make_submission(call, "Talk")
    gallery = make_session(event, "Poster session", kind=SessionKind.POSTER_SESSION,
                           starts_at=event.starts_at + timedelta(hours=5), minutes=60)  # fmt: skip
    hall = make_session(event, "Core facility exhibition", kind=SessionKind.EXHIBITION,
                        starts_at=event.starts_at + timedelta(hours=2), minutes=90)  # fmt: skip
    make_session(event, "Cancelled posters", kind=SessionKind.POSTER_SESSION,
                 status=SessionStatus.CANCELLED)  # fmt: skip
    db.session.commit()
    for submission in (poster, stand):
        decision_services.set_decision(organiser, event, submission, Decision.ACCEPT)
    decision_services.release_decisions(organiser, event, call)
    page = client.get("/events/cis/contributions/").get_data(as_text=True)
    posters = page[page.index('id="kind-poster"') :]
    stands = page[page.index('id="kind-exhibition"') :]
    assert "On show in the poster session:" in posters
    assert f'href="/events/cis/#session-{gallery.id}"' in posters.split("</section>")[0]
    assert f'href="/events/cis/#session-{hall.id}"' in stands.split("</section>")[0]
    assert "Cancelled posters" not in page
    assert "On show" not in page[: page.index('id="kind-poster"')]  # not under the talks
    # In Swedish too.
    page = client.get("/events/cis/contributions/?lang=sv").get_data(as_text=True)
    assert "Visas under postersessionen:" in page and "Visas i utställningen:" in page


def test_the_overviews_queries_do_not_grow_with_submissions_and_reviews(
    client, call, event, organiser, count_queries
):
    reviewers = [make_reviewer(event, f"r{i}@example.org") for i in range(3)]

    def add(n: int) -> None:
        for i in range(n):
            s = make_submission(call, f"S{i}", authors=[("A", "X"), ("B", "Y")])
            for r in reviewers:
                assign(s, r, submitted_at=s.created_at, scores={"0": 3, "1": 4, "2": 5},
                       recommendation=Recommendation.ACCEPT)  # fmt: skip
        db.session.commit()

    login(client, organiser)
    add(2)
    client.get("/manage/events/cis/contributions/")
    with count_queries() as few:
        assert client.get("/manage/events/cis/contributions/?sort=mean").status_code == 200
    add(20)
    with count_queries() as many:
        page = client.get("/manage/events/cis/contributions/?sort=mean")
    assert many.count == few.count
    assert page.get_data(as_text=True).count("4.00") == 22
    with count_queries() as accepted_page:
        client.get("/events/cis/contributions/")
    assert accepted_page.count <= 8


def test_removing_the_review_of_a_submitted_review_is_refused(call, event, organiser):
    s = make_submission(call)
    r = make_reviewer(event)
    review = assign(s, r, submitted_at=s.created_at)
    db.session.commit()
    with pytest.raises(DomainError):
        review_services.unassign(organiser, event, review)
