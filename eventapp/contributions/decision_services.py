"""Decisions: the committee decides each submission (accept as a kind, ask for a revision,
reject); nothing reaches a submitter until the organiser releases the decisions in one action,
which queues each e-mail in its submitter's language and numbers the posters' boards."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.auth.rights import require_event_manager
from eventapp.contributions.models import (
    Call,
    ContributionKind,
    Decision,
    Submission,
    SubmissionStatus,
)
from eventapp.core.db import lock_row, transaction, utcnow
from eventapp.core.errors import DomainError
from eventapp.core.urls import external_url
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail.outbox import enqueue_template

DECIDABLE = (SubmissionStatus.SUBMITTED,)


def set_decision(
    user: User,
    event: Event,
    submission: Submission,
    decision: Decision,
    kind: ContributionKind | None = None,
    note: str = "",
) -> None:
    """Record the committee's decision, held until released (changeable until then)."""
    require_event_manager(user, event)
    if submission.status not in DECIDABLE:
        raise DomainError(_("Only submissions under review are decided."))
    if decision == Decision.ACCEPT:
        kind = kind or submission.kind
        if kind not in {k.kind for k in submission.call.kinds}:
            raise DomainError(_("The call does not take that kind of contribution."), "kind")
    else:
        kind = None
    with transaction():
        submission.decision = decision
        submission.decision_kind = kind
        submission.decision_note = note.strip()


def pending_decisions(call: Call) -> int:
    """How many decisions wait to be released."""
    stmt = select(func.count()).where(
        Submission.call_id == call.id,
        Submission.decision.is_not(None),
        Submission.decision_released_at.is_(None),
        Submission.status.in_(DECIDABLE),
    )
    return db.session.execute(stmt).scalar_one()


def release_decisions(user: User, event: Event, call: Call, now: datetime | None = None) -> int:
    """Apply every held decision at once and queue its e-mail (in each submitter's language,
    with the reviewers' comments to the authors). Accepted posters get the next board numbers.
    Returns how many were released. Sends: one e-mail per decision."""
    require_event_manager(user, event)
    now = now or utcnow()
    with transaction():
        lock_row(Event, event.id)  # two organisers releasing at once number no board twice
        held = list(
            db.session.execute(
                select(Submission)
                .where(
                    Submission.call_id == call.id,
                    Submission.decision.is_not(None),
                    Submission.decision_released_at.is_(None),
                    Submission.status.in_(DECIDABLE),
                )
                .options(selectinload(Submission.reviews), selectinload(Submission.authors))
                .order_by(Submission.track_id, Submission.title, Submission.id)
            ).scalars()
        )
        board = db.session.execute(
            select(func.coalesce(func.max(Submission.board_number), 0)).where(
                Submission.call_id == call.id
            )
        ).scalar_one()
        for submission in held:
            submission.decision_released_at = now
            if submission.decision == Decision.ACCEPT:
                submission.status = SubmissionStatus.ACCEPTED
                submission.accepted_kind = submission.decision_kind or submission.kind
                if submission.accepted_kind == ContributionKind.POSTER:
                    board += 1
                    submission.board_number = board
            elif submission.decision == Decision.REVISION:
                submission.status = SubmissionStatus.REVISION
            else:
                submission.status = SubmissionStatus.REJECTED
            _notify_decision(event, submission)
    return len(held)


def _notify_decision(event: Event, submission: Submission) -> None:
    comments = [
        r.comment_authors
        for r in submission.reviews
        if r.round == submission.round and r.comment_authors
    ]
    enqueue_template(
        f"contribution_{submission.decision.value}",
        recipient=submission.email,
        language=submission.language,
        kind=f"contribution_{submission.decision.value}",
        event_id=event.id,
        event=event,
        submission=submission,
        comments=comments,
        link=external_url("contributions.submission_page", secret=submission.secret),
    )
