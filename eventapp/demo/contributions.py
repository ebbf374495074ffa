"""The upcoming Collaboration in Science's call for contributions, with a few submissions in
each state (under review, reviewed, revision asked, accepted as talk and as poster, rejected,
withdrawn) and the demo reviewer's role, so a newcomer sees the whole flow.

Loaded once per edition: a call already there is left as it is (a rerun changes nothing).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from eventapp.auth.models import User
from eventapp.contributions.models import (
    Author,
    Call,
    CallKind,
    ContributionKind,
    Decision,
    Recommendation,
    Review,
    Reviewer,
    Submission,
    SubmissionStatus,
    Track,
)
from eventapp.directory.models import Organisation
from eventapp.events.models import Event
from eventapp.extensions import db

K, S = ContributionKind, SubmissionStatus

INTRODUCTION = (
    "Bring your research to Flemingsberg: a short talk, a poster or a core-facility stand. "
    "Abstracts in English or Swedish are welcome."
)
INTRODUCTION_SV = (
    "Visa din forskning i Flemingsberg: ett kort föredrag, en poster eller en monter för en "
    "core facility. Sammanfattningar på engelska eller svenska är välkomna."
)
TRACKS = (("Life science", "Livsvetenskap"), ("Health and society", "Hälsa och samhälle"))

#: (title, kind, track, status, authors as (name, organisation slug), abstract)
SUBMISSIONS = (
    ("Imaging natural killer cells in living tissue", K.SHORT_PRESENTATION, 0, S.SUBMITTED,
     [("Carin Dahlberg", "karolinska-institutet")],
     "We follow immune cells in tissue slices over hours and show what the microscope misses."),
    ("A shared freezer inventory for three campuses", K.EXHIBITION, 0, S.SUBMITTED,
     [("Johnny Högberg", "sodertorns-hogskola")],
     "A stand on how one booking system keeps samples findable across institutions."),
    ("Teacher placements as research partnerships", K.TALK, 1, S.REVISION,
     [("Nilla Mälardahl", "sodertorns-hogskola"), ("Malin Lindberg", "kth")],
     "Placements in schools can generate research questions when both sides plan them together."),
    ("From the bench to the bedside in cell therapy", K.TALK, 0, S.ACCEPTED,
     [("Carin Dahlberg", "karolinska-institutet"), ("Malin Lindberg", "kth")],
     "What it takes to move a cell product from the laboratory to a first patient."),
    ("Culture on prescription in elderly care", K.POSTER, 1, S.ACCEPTED,
     [("Elisa Reinikainen", "sodertorns-hogskola"), ("Maria Fransson", "sodertorns-hogskola")],
     "A poster on a pilot where care homes and the culture department worked side by side."),
    ("A new statistics package for everything", K.TALK, 0, S.REJECTED,
     [("Shrikant Ward", "kth")],
     "A general tool for all kinds of data."),
    ("Mapping youth services in the municipality", K.SHORT_PRESENTATION, 1, S.WITHDRAWN,
     [("Olga Edmark", "sodertorns-hogskola")],
     "A survey of who does what for young people, and where the gaps are."),
)  # fmt: skip


DECISIONS = {
    S.ACCEPTED: Decision.ACCEPT,
    S.REJECTED: Decision.REJECT,
    S.REVISION: Decision.REVISION,
}


def _org(slug: str) -> Organisation | None:
    return db.session.execute(
        select(Organisation).where(Organisation.slug == slug)
    ).scalar_one_or_none()


def load_call(event: Event, reviewer_user: User | None, now: datetime) -> Call | None:
    """Open the edition's call with its submissions, once."""
    if db.session.execute(select(Call.id).where(Call.event_id == event.id)).first():
        return None
    call = Call(
        event_id=event.id,
        original_language="en",
        opens_at=now - timedelta(days=14),
        closes_at=event.starts_at - timedelta(days=14),
        introduction=INTRODUCTION,
        criteria="Relevance\nOriginality\nClarity",
        translations={
            "sv": {"introduction": INTRODUCTION_SV, "criteria": "Relevans\nOriginalitet\nTydlighet"}
        },
        reviews_per_submission=1,
    )
    for kind, limit in (
        (K.TALK, 300),
        (K.SHORT_PRESENTATION, 200),
        (K.POSTER, 250),
        (K.EXHIBITION, 150),
    ):
        call.kinds.append(CallKind(kind=kind, word_limit=limit))
    for position, (name, name_sv) in enumerate(TRACKS):
        call.tracks.append(Track(name=name, position=position, original_language="en",
                                 translations={"sv": {"name": name_sv}}))  # fmt: skip
    db.session.add(call)
    db.session.flush()
    reviewer = None
    if reviewer_user is not None:
        reviewer = Reviewer(event_id=event.id, user_id=reviewer_user.id)
        db.session.add(reviewer)
        db.session.flush()
    board = 0
    for index, (title, kind, track, status, authors, abstract) in enumerate(SUBMISSIONS):
        submission = Submission(
            call_id=call.id, secret=secrets.token_urlsafe(32), email=f"author{index + 1}@example.org",  # noqa: E501
            language="sv" if index % 2 else "en", title=title, abstract=abstract, kind=kind,
            track_id=call.tracks[track].id, status=status, consent_publish=True,
        )  # fmt: skip
        for position, (name, slug) in enumerate(authors):
            org = _org(slug)
            submission.authors.append(
                Author(
                    position=position,
                    name=name,
                    affiliation=org.name if org else "",
                    organisation_id=org.id if org else None,
                    presenting=position == 0,
                )  # fmt: skip
            )
        if status in (S.ACCEPTED, S.REJECTED, S.REVISION):
            submission.decision = DECISIONS[status]
            submission.decision_released_at = now
        if status == S.ACCEPTED:
            submission.accepted_kind = kind
            if kind == K.POSTER:
                board += 1
                submission.board_number = board
        if reviewer is not None and status != S.WITHDRAWN:
            reviewed = index != 0  # the first waits for its review
            submission.reviews.append(
                Review(
                    reviewer_id=reviewer.id,
                    scores={"0": 4, "1": 3 + index % 3, "2": 4} if reviewed else {},
                    recommendation=Recommendation.ACCEPT if reviewed else None,
                    submitted_at=now if reviewed else None,
                )
            )
        db.session.add(submission)
    return call
