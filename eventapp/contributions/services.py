"""The call and its submissions: open the call, submit, edit, reorder authors, withdraw.

A submission is changed only through its private link (``/c/<secret>/``); nothing is stored
when a rule refuses it (the word limit, the deadline, the file, the presenting author).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.auth.rights import require_event_manager
from eventapp.contributions import files
from eventapp.contributions.labels import kind_label
from eventapp.contributions.models import (
    Author,
    Call,
    CallKind,
    ContributionKind,
    Review,
    Submission,
    SubmissionStatus,
    Track,
)
from eventapp.contributions.sessions import sync_session
from eventapp.core.db import transaction, utcnow
from eventapp.core.errors import DomainError, NotFound
from eventapp.core.translation import assign_texts
from eventapp.core.urls import external_url
from eventapp.directory.models import Organisation
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail.outbox import enqueue_template

WORD = re.compile(r"\S+")


@dataclass
class CallData:
    opens_at: datetime
    closes_at: datetime
    word_limits: dict[ContributionKind, int]  # the kinds offered
    introduction: str = ""
    criteria: str = ""
    tracks: list[tuple[str, str]] = field(default_factory=list)  # (name, translation)
    blind_review: bool = False
    reviews_per_submission: int = 2
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class AuthorData:
    name: str
    email: str = ""
    affiliation: str = ""
    presenting: bool = False
    position: int = 0


@dataclass
class SubmissionData:
    title: str
    abstract: str
    kind: ContributionKind
    authors: list[AuthorData]
    email: str = ""
    language: str = "en"
    markdown: bool = False
    keywords: str = ""
    track_id: int | None = None
    consent_publish: bool = False
    pdf: bytes | None = None


def get_call(event: Event) -> Call | None:
    """The event's call with its kinds and tracks, or None."""
    stmt = (
        select(Call)
        .where(Call.event_id == event.id)
        .options(selectinload(Call.kinds), selectinload(Call.tracks))
    )
    return db.session.execute(stmt).scalar_one_or_none()


def save_call(user: User, event: Event, data: CallData) -> Call:
    """Open or change the event's call: its window, kinds with word limits, tracks, criteria."""
    require_event_manager(user, event)
    if data.closes_at <= data.opens_at:
        raise DomainError(_("The call must close after it opens."), "closes_at")
    if not data.word_limits:
        raise DomainError(_("Offer at least one kind of contribution."), "kinds")
    call = get_call(event) or Call(event_id=event.id, original_language=event.language)
    with transaction():
        assign_texts(
            call,
            {
                "opens_at": data.opens_at,
                "closes_at": data.closes_at,
                "introduction": data.introduction,
                "criteria": data.criteria,
                "blind_review": data.blind_review,
                "reviews_per_submission": data.reviews_per_submission,
                "translations": data.translations,
            },
        )
        current = {k.kind: k for k in call.kinds}
        for kind, row in current.items():
            if kind not in data.word_limits:
                call.kinds.remove(row)
        for kind, limit in data.word_limits.items():
            row = current.get(kind) or CallKind(kind=kind)
            row.word_limit = limit
            if row not in call.kinds:
                call.kinds.append(row)
        _save_tracks(call, data.tracks)
        db.session.add(call)
    return call


def _save_tracks(call: Call, tracks: list[tuple[str, str]]) -> None:
    """Tracks by name: kept (with their submissions and pools), added, or removed."""
    by_name = {t.name: t for t in call.tracks}
    wanted = [name for name, _tr in tracks]
    for name, track in by_name.items():
        if name not in wanted:
            call.tracks.remove(track)
    for position, (name, translation) in enumerate(tracks):
        track = by_name.get(name) or Track(name=name, original_language=call.original_language)
        track.position = position
        track.set_translations(
            "sv" if call.original_language == "en" else "en", {"name": translation}
        )
        if track not in call.tracks:
            call.tracks.append(track)


def is_open(call: Call, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return call.opens_at <= now < call.closes_at


def closed_reason(call: Call | None, now: datetime | None = None) -> str | None:
    """Why nobody can submit now (None when the call is open)."""
    now = now or utcnow()
    if call is None:
        return _("This event has no call for contributions.")
    if now < call.opens_at:
        return _("The call is not open yet.")
    if now >= call.closes_at:
        return _("The deadline has passed: the call is closed.")
    return None


def count_words(text: str) -> int:
    return len(WORD.findall(text or ""))


def _check(call: Call, data: SubmissionData) -> None:
    """The call's rules for a submission's content (each refusal names its field)."""
    rule = call.kind_rule(data.kind)
    if rule is None:
        raise DomainError(_("This call does not take that kind of contribution."), "kind")
    words = count_words(data.abstract)
    if words > rule.word_limit:
        raise DomainError(
            _(
                "The abstract has %(words)d words: %(over)d over the limit of %(limit)d for a %(kind)s.",  # noqa: E501
                words=words,
                over=words - rule.word_limit,
                limit=rule.word_limit,
                kind=kind_label(data.kind).lower(),
            ),
            "abstract",
        )
    if data.track_id is not None and data.track_id not in {t.id for t in call.tracks}:
        raise DomainError(_("Choose one of the call's tracks."), "track_id")
    if call.tracks and data.track_id is None:
        raise DomainError(_("Choose a track."), "track_id")
    authors = [a for a in data.authors if a.name.strip()]
    if not authors:
        raise DomainError(_("Name at least one author."), "authors")
    if sum(1 for a in authors if a.presenting) != 1:
        raise DomainError(_("Mark one author as the one who presents."), "authors")
    if data.pdf is not None:
        files.check_pdf(data.pdf, current_app.config["MAX_UPLOAD_BYTES"])


def _organisation_for(affiliation: str) -> int | None:
    """The directory's organisation an affiliation names (its name or short name)."""
    name = affiliation.strip().lower()
    if not name:
        return None
    stmt = select(Organisation.id).where(
        (func.lower(Organisation.name) == name) | (func.lower(Organisation.short_name) == name)
    )
    return db.session.execute(stmt.limit(1)).scalar_one_or_none()


def _set_authors(submission: Submission, authors: list[AuthorData]) -> None:
    ordered = sorted((a for a in authors if a.name.strip()), key=lambda a: a.position)
    submission.authors.clear()
    db.session.flush()
    for position, entry in enumerate(ordered):
        submission.authors.append(
            Author(
                position=position,
                name=entry.name.strip(),
                email=entry.email.strip().lower(),
                affiliation=entry.affiliation.strip(),
                organisation_id=_organisation_for(entry.affiliation),
                presenting=entry.presenting,
            )
        )


def _apply(submission: Submission, data: SubmissionData) -> None:
    submission.title = data.title.strip()
    submission.abstract = data.abstract.strip()
    submission.markdown = data.markdown
    submission.keywords = data.keywords.strip()
    submission.kind = data.kind
    submission.track_id = data.track_id
    submission.consent_publish = data.consent_publish
    if data.pdf is not None:
        submission.file_path = files.store_pdf(data.pdf)
    _set_authors(submission, data.authors)


def submit(call: Call, data: SubmissionData, now: datetime | None = None) -> Submission:
    """Store a new submission and queue its confirmation (with the private link) in the
    submitter's language. Refused, with nothing stored, outside the call's window or when a
    rule of the call is broken."""
    reason = closed_reason(call, now)
    if reason:
        raise DomainError(reason)
    _check(call, data)
    submission = Submission(
        call_id=call.id,
        secret=secrets.token_urlsafe(32),
        email=data.email.strip().lower(),
        language=data.language,
    )
    with transaction():
        _apply(submission, data)
        db.session.add(submission)
        db.session.flush()
        _notify(submission, call, "contribution_received")
    return submission


def _notify(submission: Submission, call: Call, template: str) -> None:
    """Queue an e-mail about ``submission`` to its submitter, in their language."""
    enqueue_template(
        template,
        recipient=submission.email,
        language=submission.language,
        kind=template,
        event_id=call.event_id,
        submission=submission,
        event=call.event,
        link=external_url("contributions.submission_page", secret=submission.secret),
    )


def get_by_secret(secret: str) -> Submission:
    """The submission behind a private link (404 for anything unknown)."""
    if not secret or len(secret) > 64:
        raise NotFound(_("No such submission."))
    stmt = (
        select(Submission)
        .where(Submission.secret == secret)
        .options(
            selectinload(Submission.authors),
            selectinload(Submission.call).selectinload(Call.kinds),
            selectinload(Submission.call).selectinload(Call.tracks),
        )
    )
    submission = db.session.execute(stmt).scalar_one_or_none()
    if submission is None:
        raise NotFound(_("No such submission."))
    return submission


def edit_refusal(submission: Submission, now: datetime | None = None) -> str | None:
    """Why the submitter cannot change the submission now (None when they can)."""
    if submission.status in (SubmissionStatus.WITHDRAWN, SubmissionStatus.REJECTED):
        return _("This submission can no longer be changed.")
    if submission.status in (SubmissionStatus.REVISION, SubmissionStatus.ACCEPTED):
        return None  # a revision asked for, or an accepted abstract kept up to date
    if (now or utcnow()) >= submission.call.closes_at:
        return _("The deadline has passed: the submission can no longer be changed.")
    return None


def update_submission(
    submission: Submission, data: SubmissionData, now: datetime | None = None
) -> Submission:
    """Change a submission through its private link. A revision asked for starts a new review
    round (reviewers see what changed); an accepted one updates its session."""
    reason = edit_refusal(submission, now)
    if reason:
        raise DomainError(reason)
    call = submission.call
    if submission.status == SubmissionStatus.ACCEPTED:
        data.kind = submission.kind  # the kind was decided; the abstract may still change
    _check(call, data)
    with transaction():
        if submission.status == SubmissionStatus.REVISION:
            _start_round(submission)
        _apply(submission, data)
        if submission.status == SubmissionStatus.ACCEPTED:
            db.session.flush()
            sync_session(submission)
    return submission


def _start_round(submission: Submission) -> None:
    """Keep what the last round said, and assign the same reviewers again for a new round."""
    submission.previous = {"title": submission.title, "abstract": submission.abstract}
    reviewers = {r.reviewer_id for r in submission.reviews if r.round == submission.round}
    submission.round += 1
    submission.status = SubmissionStatus.SUBMITTED
    submission.decision = None
    submission.decision_kind = None
    submission.decision_released_at = None
    for reviewer_id in sorted(reviewers):
        submission.reviews.append(Review(reviewer_id=reviewer_id, round=submission.round))


def withdraw(submission: Submission) -> None:
    """The submitter withdraws; an accepted contribution's session is cancelled with it."""
    if submission.status == SubmissionStatus.WITHDRAWN:
        return
    with transaction():
        submission.status = SubmissionStatus.WITHDRAWN
        submission.withdrawn_at = utcnow()
        sync_session(submission)
