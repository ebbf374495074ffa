"""What the grid does: lay out an event's programme, move or resize a session, place an
accepted contribution, undo the last of these. Every change goes through the timetable's own
``update_session`` / ``place_contribution``, so the clash checks are the session form's."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.auth.models import User
from eventapp.auth.rights import require_event_manager
from eventapp.contributions.models import Call, ContributionKind, Submission, SubmissionStatus
from eventapp.contributions.sessions import SESSION_KINDS, place_contribution
from eventapp.core.db import transaction
from eventapp.core.errors import DomainError, NotFound
from eventapp.events import timetable_services as timetable
from eventapp.events.models import Event, Room, Session
from eventapp.events.timetable_services import SessionData, SpeakerEntry
from eventapp.extensions import db
from eventapp.grid.layout import Grid, build_grid
from eventapp.grid.rows import GridRoom, organiser_sessions, public_sessions, room_of
from eventapp.manage import audit

#: The length an accepted contribution gets when it is dropped in (the organiser resizes it).
PLACED_MINUTES = {
    ContributionKind.TALK: 20,
    ContributionKind.SHORT_PRESENTATION: 10,
    ContributionKind.WORKSHOP: 60,
}


@dataclass(frozen=True)
class Position:
    """Where a session was: what an undo puts back."""

    session_id: int
    starts_at: str  # ISO, aware
    ends_at: str
    room_id: int | None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LastChange:
    """The last change made in the grid, kept in the organiser's own (signed) session cookie:
    a move puts ``before`` back, a placing takes the session out again."""

    event_id: int
    before: Position | None = None
    placed_session_id: int | None = None
    submission_id: int | None = None

    def as_dict(self) -> dict:
        return {
            "event_id": self.event_id,
            "before": self.before.as_dict() if self.before else None,
            "placed_session_id": self.placed_session_id,
            "submission_id": self.submission_id,
        }

    @classmethod
    def from_dict(cls, data: object) -> LastChange | None:
        if not isinstance(data, dict):
            return None
        try:
            before = data.get("before")
            return cls(
                event_id=int(data["event_id"]),
                before=Position(**before) if isinstance(before, dict) else None,
                placed_session_id=data.get("placed_session_id"),
                submission_id=data.get("submission_id"),
            )
        except (KeyError, TypeError, ValueError):
            return None


def event_rooms(event: Event) -> list[GridRoom]:
    """The rooms of the event's venue (the grid's columns even before a session uses them)."""
    if event.venue_id is None:
        return []
    stmt = select(Room.id, Room.name).where(Room.venue_id == event.venue_id).order_by(Room.name)
    return [room_of(room_id, name) for room_id, name in db.session.execute(stmt)]


def event_grid(user: User, event: Event) -> Grid:
    """The organiser's grid of ``event``, every session's texts and links formatted (3
    queries)."""
    require_event_manager(user, event)
    return build_grid(event, organiser_sessions(event), event_rooms(event))


def public_grid(event: Event) -> Grid | None:
    """The read-only grid of a published event that asks for it and uses several rooms,
    built from the sessions the public page has loaded already: no query of its own, and only
    the rooms in use as columns."""
    if not event.public_grid or not event.is_public:
        return None
    grid = build_grid(event, public_sessions(event), [])
    return grid if grid.multi_room else None


def unscheduled(event: Event) -> list[Submission]:
    """Accepted talks, short presentations and workshops of the event's call (decision
    released) that have no session yet: the grid's side list."""
    stmt = (
        select(Submission)
        .join(Call, Submission.call_id == Call.id)
        .where(
            Call.event_id == event.id,
            Submission.status == SubmissionStatus.ACCEPTED,
            Submission.decision_released_at.is_not(None),
            Submission.session_id.is_(None),
            Submission.accepted_kind.in_(list(SESSION_KINDS)),
        )
        .options(selectinload(Submission.authors))
        .order_by(Submission.title, Submission.id)
    )
    return list(db.session.execute(stmt).scalars())


def _position(session: Session) -> Position:
    return Position(
        session.id, session.starts_at.isoformat(), session.ends_at.isoformat(), session.room_id
    )


def move_block(
    user: User,
    event: Event,
    session: Session,
    *,
    starts_at: datetime,
    ends_at: datetime,
    room_id: int | None,
) -> LastChange:
    """Move and/or resize ``session`` with the session form's clash checks (raises
    ``TimetableConflict`` naming the clash; nothing changes then). Bumps SEQUENCE when
    subscribers see a change, and logs it; returns what an undo needs."""
    require_event_manager(user, event)
    before = _position(session)
    data = SessionData(
        values={"starts_at": starts_at, "ends_at": ends_at, "room_id": room_id},
        speakers=[SpeakerEntry(s.person_id, "", s.role, s.position) for s in session.speakers],
    )
    timetable.update_session(user, event, session, data)
    return LastChange(event.id, before=before)


def get_unscheduled(event: Event, submission_id: int) -> Submission:
    """One of the side list's contributions: 404 for any other id (another event's, placed)."""
    found = next((s for s in unscheduled(event) if s.id == submission_id), None)
    if found is None:
        raise NotFound(_("This contribution is not waiting to be placed."))
    return found


def place_block(
    user: User, event: Event, submission: Submission, *, starts_at: datetime, room_id: int | None
) -> tuple[Session, LastChange]:
    """Drop an accepted contribution into the grid (the timetable's clash checks apply)."""
    minutes = PLACED_MINUTES.get(submission.accepted_kind, 20)
    session = place_contribution(user, event, submission, starts_at, minutes, room_id)
    return session, LastChange(event.id, placed_session_id=session.id, submission_id=submission.id)


def undo(user: User, event: Event, change: LastChange | None) -> Session | None:
    """Undo ``change`` (the user's last in this event's grid): a move goes back, with the
    clash checks (something may have taken the old place since); a placed contribution goes
    back to the side list. Returns the session moved back, None for an unplacing."""
    require_event_manager(user, event)
    if change is None or change.event_id != event.id:
        raise DomainError(_("There is nothing to undo."))
    if change.before is not None:
        before = change.before
        session = timetable.get_session(user, event, before.session_id)
        move_block(
            user,
            event,
            session,
            starts_at=datetime.fromisoformat(before.starts_at),
            ends_at=datetime.fromisoformat(before.ends_at),
            room_id=before.room_id,
        )
        return session
    session = timetable.get_session(user, event, change.placed_session_id or 0)
    submission = db.session.get(Submission, change.submission_id or 0)
    if submission is None or submission.session_id != session.id:
        raise DomainError(_("There is nothing to undo."))
    with transaction():
        submission.session_id = None
        audit.record(event, user, "session.unplaced", session.title)
        db.session.delete(session)
    return None


def set_public_grid(user: User, event: Event, shown: bool) -> None:
    """Show (or stop showing) the read-only grid on the public event page."""
    require_event_manager(user, event)
    with transaction():
        if event.public_grid != shown:
            event.public_grid = shown
            audit.record(event, user, "event.public_grid", "on" if shown else "off")
