"""What the contributions' pages read: the organiser's overview, a reviewer's list, the
accepted contributions. Each is a fixed number of queries, whatever the number of submissions
and reviews."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean, pstdev

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from eventapp.contributions.models import (
    Call,
    ContributionKind,
    Review,
    Reviewer,
    Submission,
    SubmissionStatus,
)
from eventapp.core.types import SessionKind, SessionStatus
from eventapp.events.models import Event, Session
from eventapp.extensions import db

SORTS = ("id", "title", "mean", "spread", "missing", "status")


@dataclass
class OverviewRow:
    """A submission with what its reviews of the current round say."""

    submission: Submission
    reviews: list[Review]
    mean: float | None
    spread: float | None
    missing: int
    recommendations: list[str]


def _row(submission: Submission) -> OverviewRow:
    reviews = [r for r in submission.reviews if r.round == submission.round]
    done = [r.mean_score for r in reviews if r.submitted_at and r.mean_score is not None]
    return OverviewRow(
        submission=submission,
        reviews=reviews,
        mean=round(mean(done), 2) if done else None,
        spread=round(pstdev(done), 2) if len(done) > 1 else (0.0 if done else None),
        missing=sum(1 for r in reviews if r.submitted_at is None),
        recommendations=[r.recommendation.value for r in reviews if r.recommendation],
    )


def overview(
    call: Call,
    *,
    sort: str = "id",
    status: str = "",
    kind: str = "",
    track_id: int | None = None,
    missing_only: bool = False,
) -> list[OverviewRow]:
    """Every submission of the call with the scores' mean and spread, the recommendations and
    the missing reviews; filtered and sorted (three queries)."""
    stmt = (
        select(Submission)
        .where(Submission.call_id == call.id)
        .options(
            selectinload(Submission.authors),
            selectinload(Submission.reviews)
            .selectinload(Review.reviewer)
            .selectinload(Reviewer.user),
        )
    )
    if status in {s.value for s in SubmissionStatus}:
        stmt = stmt.where(Submission.status == status)
    if kind in {k.kind.value for k in call.kinds}:
        stmt = stmt.where(Submission.kind == kind)
    if track_id:
        stmt = stmt.where(Submission.track_id == track_id)
    rows = [_row(s) for s in db.session.execute(stmt).scalars()]
    if missing_only:
        rows = [r for r in rows if r.missing]
    return sorted(rows, key=_sort_key(sort if sort in SORTS else "id"))


def _sort_key(sort: str):
    if sort == "title":
        return lambda r: r.submission.title.lower()
    if sort == "mean":  # best first, unreviewed last
        return lambda r: (r.mean is None, -(r.mean or 0))
    if sort == "spread":  # most disputed first
        return lambda r: (r.spread is None, -(r.spread or 0))
    if sort == "missing":
        return lambda r: -r.missing
    if sort == "status":
        return lambda r: (r.submission.status.value, r.submission.id)
    return lambda r: r.submission.id


def assigned_to(reviewer: Reviewer) -> list[tuple[Submission, Review | None]]:
    """The submissions a reviewer may open (assigned; a chair: its track's too), each with the
    reviewer's review of the current round."""
    stmt = (
        select(Submission)
        .join(Call, Call.id == Submission.call_id)
        .where(Call.event_id == reviewer.event_id, Submission.status != SubmissionStatus.WITHDRAWN)
        .options(
            selectinload(Submission.reviews),
            selectinload(Submission.track),
            selectinload(Submission.authors),
        )
        .order_by(Submission.id)
    )
    if reviewer.chair:
        if reviewer.track_id is not None:
            stmt = stmt.where(
                (Submission.track_id == reviewer.track_id)
                | Submission.id.in_(
                    select(Review.submission_id).where(Review.reviewer_id == reviewer.id)
                )
            )
    else:
        stmt = stmt.where(
            Submission.id.in_(select(Review.submission_id).where(Review.reviewer_id == reviewer.id))
        )
    rows = []
    for submission in db.session.execute(stmt).scalars():
        own = next(
            (
                r
                for r in submission.reviews
                if r.reviewer_id == reviewer.id and r.round == submission.round
            ),
            None,
        )
        rows.append((submission, own))
    return rows


def accepted(call: Call) -> list[Submission]:
    """The accepted contributions whose decision is released, by kind, track and board number."""
    stmt = (
        select(Submission)
        .where(
            Submission.call_id == call.id,
            Submission.status == SubmissionStatus.ACCEPTED,
            Submission.decision_released_at.is_not(None),
        )
        .options(
            selectinload(Submission.authors),
            selectinload(Submission.track),
            selectinload(Submission.session),
        )
    )
    rows = list(db.session.execute(stmt).scalars())
    order = {k.kind: i for i, k in enumerate(call.kinds)}
    return sorted(
        rows,
        key=lambda s: (
            order.get(s.accepted_kind, 99),
            s.track.position if s.track else -1,
            s.board_number or 0,
            s.title.lower(),
        ),
    )


def grouped(rows: list[Submission]) -> list[tuple[object, list[tuple[object, list[Submission]]]]]:
    """``[(kind, [(track or None, [submission…])…])…]`` in the order given."""
    groups: list[tuple[object, list[tuple[object, list[Submission]]]]] = []
    for s in rows:
        if not groups or groups[-1][0] != s.accepted_kind:
            groups.append((s.accepted_kind, []))
        tracks = groups[-1][1]
        if not tracks or tracks[-1][0] is not s.track:
            tracks.append((s.track, []))
        tracks[-1][1].append(s)
    return groups


#: The programme's sessions where accepted posters and stands are shown, by contribution kind.
GATHERING_KINDS = {
    ContributionKind.POSTER: SessionKind.POSTER_SESSION,
    ContributionKind.EXHIBITION: SessionKind.EXHIBITION,
}


def gatherings(event: Event) -> dict[ContributionKind, list[Session]]:
    """The scheduled poster sessions and exhibitions of ``event``, in time order, by the kind of
    contribution they show: an accepted poster hangs in the poster session, a stand stands in
    the exhibition (one query)."""
    by_session_kind = {v: k for k, v in GATHERING_KINDS.items()}
    stmt = (
        select(Session)
        .where(
            Session.event_id == event.id,
            Session.kind.in_(list(by_session_kind)),
            Session.status == SessionStatus.SCHEDULED,
        )
        .options(joinedload(Session.room))
        .order_by(Session.starts_at, Session.id)
    )
    found: dict[ContributionKind, list[Session]] = {}
    for session in db.session.execute(stmt).scalars():
        found.setdefault(by_session_kind[session.kind], []).append(session)
    return found
