"""Accepted contributions in the programme: a talk, short presentation or workshop becomes a
Session placed with the timetable's clash checks; a later change of the abstract follows it.

A ``Session`` needs a start and an end, so an accepted talk waits on the organiser's list of
accepted contributions ("to place") until it is given a time and a room; then it is a plain
session of the timetable like any other.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from eventapp.auth.models import User
from eventapp.contributions.models import Author, ContributionKind, Submission, SubmissionStatus
from eventapp.core.db import transaction
from eventapp.core.errors import DomainError
from eventapp.core.slugs import slug_from
from eventapp.core.types import SessionKind, SessionStatus, SpeakerRole
from eventapp.directory.models import Person
from eventapp.events.changes import SESSION_VISIBLE, apply_sequence, snapshot
from eventapp.events.models import Event, Session, SessionSpeaker
from eventapp.events.timetable_services import SessionData, SpeakerEntry, add_session
from eventapp.extensions import db

#: The kinds that become sessions of the timetable, and as which session kind.
SESSION_KINDS = {
    ContributionKind.TALK: SessionKind.TALK,
    ContributionKind.SHORT_PRESENTATION: SessionKind.SHORT_PRESENTATION,
    ContributionKind.WORKSHOP: SessionKind.WORKSHOP,
}


def becomes_session(submission: Submission) -> bool:
    return submission.accepted_kind in SESSION_KINDS


def person_for(author: Author) -> Person:
    """The directory's person for an author: the one with their e-mail address, else the one
    with their name at their organisation, else a new person."""
    if author.email:
        person = db.session.execute(
            select(Person).where(Person.email == author.email).limit(1)
        ).scalar_one_or_none()
        if person is not None:
            return person
    stmt = select(Person).where(Person.name == author.name)
    if author.organisation_id:
        stmt = stmt.where(Person.affiliation_id == author.organisation_id)
    else:
        stmt = stmt.where(Person.affiliation_text == author.affiliation)
    person = db.session.execute(stmt.limit(1)).scalar_one_or_none()
    if person is not None:
        return person
    base = slug_from(author.name, max_length=100) or "person"
    slug, n = base, 2
    while db.session.execute(select(Person.id).where(Person.slug == slug)).first():
        slug, n = f"{base}-{n}", n + 1
    person = Person(
        name=author.name,
        slug=slug,
        email=author.email or None,
        affiliation_id=author.organisation_id,
        affiliation_text="" if author.organisation_id else author.affiliation,
    )
    db.session.add(person)
    db.session.flush()
    return person


def _speakers(submission: Submission) -> list[SpeakerEntry]:
    """The presenting author first, then the co-authors, as the session's speakers."""
    ordered = sorted(submission.authors, key=lambda a: (not a.presenting, a.position))
    return [
        SpeakerEntry(person_for(a).id, "", SpeakerRole.SPEAKER, position)
        for position, a in enumerate(ordered)
    ]


def place_contribution(
    user: User,
    event: Event,
    submission: Submission,
    starts_at: datetime,
    minutes: int,
    room_id: int | None,
) -> Session:
    """Make an accepted talk a session of the timetable at ``starts_at`` in ``room_id`` (the
    timetable's clash checks apply: the event's days, the room, the speakers)."""
    if submission.status != SubmissionStatus.ACCEPTED or not becomes_session(submission):
        raise DomainError(_("Only accepted talks, short presentations and workshops are placed."))
    if submission.session_id is not None:
        raise DomainError(_("This contribution is in the timetable already."))
    track = (
        submission.track.text("name", submission.call.original_language) if submission.track else ""
    )
    data = SessionData(
        values={
            "kind": SESSION_KINDS[submission.accepted_kind],
            "title": submission.title,
            "abstract": submission.abstract,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=minutes),
            "room_id": room_id,
            "track": str(track)[:120],
        },
        speakers=_speakers(submission),
    )
    session = add_session(user, event, data)
    with transaction():
        session.original_language = submission.language
        submission.session_id = session.id
    return session


def sync_session(submission: Submission) -> None:
    """Carry a change of an accepted submission to its session (title, abstract, speakers;
    withdrawn: cancelled); SEQUENCE grows when subscribers would see it. Commits with the
    caller."""
    session = submission.session
    if session is None:
        return
    before = snapshot(session, SESSION_VISIBLE)
    session.title = submission.title
    session.abstract = submission.abstract
    if submission.status == SubmissionStatus.WITHDRAWN:
        session.status = SessionStatus.CANCELLED
    else:
        wanted = _speakers(submission)
        current = {s.person_id: s for s in session.speakers}
        keep = {e.person_id for e in wanted}
        for pid, row in current.items():
            if pid not in keep:
                session.speakers.remove(row)
        for entry in wanted:
            row = current.get(entry.person_id)
            if row is None:
                session.speakers.append(
                    SessionSpeaker(
                        person_id=entry.person_id, role=entry.role, position=entry.position
                    )
                )
            else:
                row.position = entry.position
    apply_sequence(session, before, SESSION_VISIBLE)
