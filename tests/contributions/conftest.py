"""Contributions fixtures: an event of KI with an open call, builders for submissions and
reviewers, and the SMTP server of the mail tests."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import pytest

from eventapp.contributions.models import (
    Author,
    Call,
    CallKind,
    ContributionKind,
    Review,
    Reviewer,
    Submission,
    SubmissionStatus,
    Track,
)
from eventapp.core.db import utcnow
from eventapp.extensions import db
from tests.builders import make_event, make_organisation, make_user
from tests.mail.conftest import smtp_server  # noqa: F401  (the tests' own)

CRITERIA = "Relevance\nOriginality\nClarity"


def make_call(
    event, *, kinds: dict | None = None, tracks=("Cell therapy", "Imaging"), **kw: Any
) -> Call:
    """An open call (opened yesterday, closing in a week) taking talks (300 words) and posters
    (200 words), with two tracks and three criteria, unless told otherwise."""
    now = utcnow()
    kw.setdefault("opens_at", now - timedelta(days=1))
    kw.setdefault("closes_at", now + timedelta(days=7))
    kw.setdefault("criteria", CRITERIA)
    kw.setdefault("reviews_per_submission", 2)
    call = Call(event_id=event.id, original_language=event.language, **kw)
    for kind, limit in (
        kinds or {ContributionKind.TALK: 300, ContributionKind.POSTER: 200}
    ).items():
        call.kinds.append(CallKind(kind=kind, word_limit=limit))
    for position, name in enumerate(tracks):
        call.tracks.append(Track(name=name, position=position))
    db.session.add(call)
    db.session.flush()
    return call


def make_submission(
    call: Call,
    title: str = "NK cells against solid tumours",
    *,
    authors: list[tuple[str, Any]] | None = None,
    kind: ContributionKind = ContributionKind.TALK,
    status: SubmissionStatus = SubmissionStatus.SUBMITTED,
    **kw: Any,
) -> Submission:
    """A submission with authors given as (name, organisation or affiliation text); the first
    presents."""
    kw.setdefault("email", f"submitter{secrets.randbelow(10**9)}@example.org")
    kw.setdefault("abstract", "Natural killer cells recognise stressed cells. " * 5)
    kw.setdefault("track_id", call.tracks[0].id if call.tracks else None)
    kw.setdefault("consent_publish", True)
    submission = Submission(
        call_id=call.id,
        secret=secrets.token_urlsafe(32),
        title=title,
        kind=kind,
        status=status,
        **kw,
    )
    for position, (name, org) in enumerate(authors or [("Åsa Öberg", "Karolinska Institutet")]):
        submission.authors.append(
            Author(
                position=position,
                name=name,
                affiliation=org if isinstance(org, str) else org.name,
                organisation_id=None if isinstance(org, str) else org.id,
                presenting=position == 0,
            )
        )
    db.session.add(submission)
    db.session.flush()
    return submission


def make_reviewer(
    event, email: str | None = None, *, organisation=None, track=None, **kw
) -> Reviewer:
    """A reviewer account (no organisation of its own to act for) with its role for ``event``."""
    user = make_user(email, password=kw.pop("password", None))
    reviewer = Reviewer(
        event_id=event.id,
        user_id=user.id,
        organisation_id=organisation.id if organisation else None,
        track_id=track.id if track else None,
        **kw,
    )
    db.session.add(reviewer)
    db.session.flush()
    return reviewer


def assign(submission: Submission, reviewer: Reviewer, **kw: Any) -> Review:
    review = Review(
        submission_id=submission.id, reviewer_id=reviewer.id, round=submission.round, **kw
    )
    db.session.add(review)
    db.session.flush()
    return review


@pytest.fixture
def ki_org(app):
    return make_organisation("Karolinska Institutet", slug="ki", short_name="KI")


@pytest.fixture
def kth_org(app):
    return make_organisation("KTH Royal Institute of Technology", slug="kth", short_name="KTH")


@pytest.fixture
def organiser(app, ki_org):
    return make_user("organiser@ki.example.org", organisations=[ki_org])


@pytest.fixture
def event(app, ki_org):
    return make_event("Collaboration in Science", slug="cis", organisers=[ki_org])


@pytest.fixture
def call(event):
    call = make_call(event)
    db.session.commit()
    return call
