"""Review: reviewers invited per event and pooled per track, assignment (by hand or balanced,
never across a conflict of interest), reviews, reminders, and reviewers' messages.

A reviewer is an account with a ``Reviewer`` row for one event. Acting for no organisation, it
opens no organiser page (``auth.rights``); the review pages let it reach only the submissions
assigned to it (and, for a track chair, those of its track).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.auth import tokens
from eventapp.auth.models import User
from eventapp.auth.rights import require_event_manager
from eventapp.auth.services import find_user
from eventapp.contributions.models import (
    Call,
    ContributionKind,
    Recommendation,
    Review,
    Reviewer,
    Submission,
    SubmissionStatus,
)
from eventapp.core.db import lock_row, transaction, utcnow
from eventapp.core.errors import DomainError, Forbidden, NotFound
from eventapp.core.urls import external_url
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail.outbox import enqueue_template

OPEN_STATUSES = (SubmissionStatus.SUBMITTED,)


def invite_reviewer(
    user: User,
    event: Event,
    *,
    email: str,
    name: str = "",
    organisation_id: int | None = None,
    track_id: int | None = None,
    chair: bool = False,
) -> Reviewer:
    """Give an account (created when new, without any organisation) the reviewer role for
    ``event`` in a track's pool, and e-mail it the way in (a first password to choose, or the
    review pages). Sends: one invitation."""
    require_event_manager(user, event)
    address = email.strip().lower()
    account = find_user(address)
    if account is None:
        account = User(email=address, display_name=name.strip() or address.split("@")[0])
        db.session.add(account)
        db.session.flush()
    reviewer = db.session.execute(
        select(Reviewer).where(Reviewer.event_id == event.id, Reviewer.user_id == account.id)
    ).scalar_one_or_none() or Reviewer(event_id=event.id, user_id=account.id)
    reviewer.organisation_id = organisation_id
    reviewer.track_id = track_id
    reviewer.chair = chair
    with transaction():
        db.session.add(reviewer)
        db.session.flush()
        if account.password_hash:
            link = external_url("contributions.reviewer_home")
        else:
            token = tokens.make_token(account, tokens.INVITATION_SALT)
            link = external_url("auth.accept_invitation", token=token)
        enqueue_template(
            "reviewer_invitation",
            recipient=account.email,
            language=account.language,
            kind="reviewer_invitation",
            event_id=event.id,
            event=event,
            inviter=user,
            link=link,
        )
    return reviewer


def event_reviewers(event: Event) -> list[Reviewer]:
    stmt = (
        select(Reviewer)
        .where(Reviewer.event_id == event.id)
        .options(
            selectinload(Reviewer.user),
            selectinload(Reviewer.organisation),
            selectinload(Reviewer.track),
        )
        .order_by(Reviewer.id)
    )
    return list(db.session.execute(stmt).scalars())


def remove_reviewer(user: User, event: Event, reviewer: Reviewer) -> None:
    """End a reviewer's role for the event (their saved reviews go with it)."""
    require_event_manager(user, event)
    with transaction():
        db.session.delete(reviewer)


def conflicted(reviewer: Reviewer, submission: Submission) -> bool:
    """True when an author is of the reviewer's organisation (a conflict of interest)."""
    return reviewer.organisation_id is not None and any(
        a.organisation_id == reviewer.organisation_id for a in submission.authors
    )


def _current(submission: Submission) -> list[Review]:
    return [r for r in submission.reviews if r.round == submission.round]


def assign(user: User, event: Event, submission: Submission, reviewer: Reviewer) -> Review:
    """Assign a reviewer to a submission by hand (refused across a conflict of interest)."""
    require_event_manager(user, event)
    if reviewer.event_id != event.id or submission.call.event_id != event.id:
        raise NotFound(_("No such reviewer."))
    if conflicted(reviewer, submission):
        raise DomainError(
            _("An author is of the reviewer's organisation: that is a conflict of interest."),
            "reviewer_id",
        )
    if any(r.reviewer_id == reviewer.id for r in _current(submission)):
        raise DomainError(_("This reviewer is assigned already."), "reviewer_id")
    review = Review(reviewer_id=reviewer.id, round=submission.round)
    with transaction():
        submission.reviews.append(review)
    return review


def unassign(user: User, event: Event, review: Review) -> None:
    """Take a submission from a reviewer (a review already saved stays: it was written)."""
    require_event_manager(user, event)
    if review.submitted_at is not None:
        raise DomainError(_("The review is written: it stays."))
    with transaction():
        db.session.delete(review)


def auto_assign(user: User, event: Event, call: Call) -> int:
    """Give each open submission of this round the call's number of reviewers, from its
    track's pool (and the pool of all tracks), the least loaded first, never across a conflict
    of interest. Returns how many assignments were made."""
    require_event_manager(user, event)
    reviewers = event_reviewers(event)
    load = {r.id: 0 for r in reviewers}
    rows = db.session.execute(
        select(Review.reviewer_id, func.count())
        .join(Submission, Submission.id == Review.submission_id)
        .where(Submission.call_id == call.id, Review.round == Submission.round)
        .group_by(Review.reviewer_id)
    )
    for reviewer_id, count in rows:
        load[reviewer_id] = count
    submissions = db.session.execute(
        select(Submission)
        .where(Submission.call_id == call.id, Submission.status.in_(OPEN_STATUSES))
        .options(selectinload(Submission.authors), selectinload(Submission.reviews))
        .order_by(Submission.id)
    ).scalars()
    made = 0
    with transaction():
        for submission in submissions:
            have = {r.reviewer_id for r in _current(submission)}
            candidates = [
                r
                for r in reviewers
                if r.id not in have
                and r.track_id in (None, submission.track_id)
                and not conflicted(r, submission)
            ]
            candidates.sort(key=lambda r: (load[r.id], r.track_id is None, r.id))
            for reviewer in candidates[: max(call.reviews_per_submission - len(have), 0)]:
                submission.reviews.append(Review(reviewer_id=reviewer.id, round=submission.round))
                load[reviewer.id] += 1
                made += 1
    return made


def reviewer_roles(user: User) -> list[Reviewer]:
    """The events ``user`` reviews for."""
    stmt = (
        select(Reviewer)
        .where(Reviewer.user_id == user.id)
        .options(selectinload(Reviewer.event))
        .order_by(Reviewer.id)
    )
    return list(db.session.execute(stmt).scalars())


def reviewer_for(user: User, event: Event) -> Reviewer:
    """``user``'s reviewer role for ``event``; 403 when it has none."""
    reviewer = db.session.execute(
        select(Reviewer).where(
            Reviewer.event_id == event.id, Reviewer.user_id == getattr(user, "id", None)
        )
    ).scalar_one_or_none()
    if reviewer is None:
        raise Forbidden(_("You do not review for this event."))
    return reviewer


def reviewable(reviewer: Reviewer, submission_id: int) -> Submission:
    """A submission the reviewer may open: assigned to it (or, for a chair, of its track).
    Anything else is answered as if it did not exist."""
    submission = db.session.execute(
        select(Submission)
        .join(Call, Call.id == Submission.call_id)
        .where(Submission.id == submission_id, Call.event_id == reviewer.event_id)
        .options(selectinload(Submission.authors), selectinload(Submission.reviews))
    ).scalar_one_or_none()
    if submission is None or not may_open(reviewer, submission):
        raise NotFound(_("No such submission."))
    return submission


def may_open(reviewer: Reviewer, submission: Submission) -> bool:
    if submission.status == SubmissionStatus.WITHDRAWN:
        return False
    if reviewer.chair and reviewer.track_id in (None, submission.track_id):
        return True
    return any(r.reviewer_id == reviewer.id for r in submission.reviews)


@dataclass
class ReviewData:
    scores: dict[str, int]
    recommendation: Recommendation
    recommended_kind: ContributionKind | None = None
    comment_committee: str = ""
    comment_authors: str = ""


def own_review(reviewer: Reviewer, submission: Submission) -> Review | None:
    return next(
        (
            r
            for r in submission.reviews
            if r.reviewer_id == reviewer.id and r.round == submission.round
        ),
        None,
    )


def save_review(
    reviewer: Reviewer, submission: Submission, data: ReviewData, now: datetime | None = None
) -> Review:
    """Save (or change) the reviewer's review of this round: a score for every criterion, a
    recommendation, the comments. Only the reviewer's own row is written, so two reviewers
    saving at once never overwrite each other."""
    review = own_review(reviewer, submission)
    if review is None:
        raise Forbidden(_("This submission is not assigned to you."))
    if submission.status != SubmissionStatus.SUBMITTED:
        raise DomainError(_("The review of this round is closed."))
    criteria = submission.call.criteria_list()
    if set(data.scores) != {str(i) for i in range(len(criteria))} or any(
        not 1 <= v <= 5 for v in data.scores.values()
    ):
        raise DomainError(_("Give every criterion a score from 1 to 5."), "scores")
    if data.recommendation == Recommendation.ACCEPT_AS:
        offered = {k.kind for k in submission.call.kinds}
        if data.recommended_kind not in offered or data.recommended_kind == submission.kind:
            raise DomainError(_("Choose the other kind to accept it as."), "recommended_kind")
    else:
        data.recommended_kind = None
    with transaction():
        # The reviewer's own row, locked: on SQLite a write transaction from the start (a
        # read-then-write one would fail beside another reviewer's save); on PostgreSQL a row
        # lock that no other reviewer's save waits for.
        review = lock_row(Review, review.id)
        review.scores = dict(data.scores)
        review.recommendation = data.recommendation
        review.recommended_kind = data.recommended_kind
        review.comment_committee = data.comment_committee.strip()
        review.comment_authors = data.comment_authors.strip()
        review.submitted_at = now or utcnow()
    return review


def remind_reviewers(user: User, event: Event, call: Call) -> int:
    """E-mail every reviewer with reviews missing in this round, once each, with how many.
    Returns how many were reminded."""
    require_event_manager(user, event)
    rows = db.session.execute(
        select(Review)
        .join(Submission, Submission.id == Review.submission_id)
        .where(
            Submission.call_id == call.id,
            Submission.status.in_(OPEN_STATUSES),
            Review.round == Submission.round,
            Review.submitted_at.is_(None),
        )
        .options(selectinload(Review.reviewer).selectinload(Reviewer.user))
    ).scalars()
    missing: dict[int, list[Review]] = {}
    for review in rows:
        missing.setdefault(review.reviewer_id, []).append(review)
    now = utcnow()
    with transaction():
        for reviews in missing.values():
            account = reviews[0].reviewer.user
            enqueue_template(
                "reviewer_reminder",
                recipient=account.email,
                language=account.language,
                kind="reviewer_reminder",
                event_id=event.id,
                event=event,
                count=len(reviews),
                link=external_url("contributions.reviewer_event", slug=event.slug),
            )
            for review in reviews:
                review.reminded_at = now
    return len(missing)


def contact_address(event: Event) -> str:
    """Where replies to reviewers' messages go: the event's contact person, never a reviewer."""
    person = event.contact_person
    return (person.email or "") if person is not None else ""


def message_submitter(reviewer: Reviewer, submission: Submission, subject: str, body: str) -> None:
    """A reviewer (or track chair) writes to a submitter through the outbox; the reply goes to
    the event's contact, and the reviewer's address is in no header. Sends: one message."""
    if not may_open(reviewer, submission):
        raise NotFound(_("No such submission."))
    if not subject.strip() or not body.strip():
        raise DomainError(_("Write a subject and a message."), "body")
    event = reviewer.event
    with transaction():
        enqueue_template(
            "reviewer_message",
            recipient=submission.email,
            language=submission.language,
            kind="reviewer_message",
            event_id=event.id,
            reply_to=contact_address(event),
            event=event,
            submission=submission,
            subject=subject.strip(),
            body=body.strip(),
            link=external_url("contributions.submission_page", secret=submission.secret),
        )
