"""The funder report's figures, per event and per series, from grouped counts only.

Every figure is a count over rows (``GROUP BY``), never a list of people, and the same few
queries answer for one event or ten editions, whatever the number of registrations. What
erasure blanked (affiliation, organisation) comes from the erased tallies, so the counts by
organisation and sector stay true after a purge; status, attendance and sessions chosen
survive erasure on the registration rows themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from eventapp.core.types import ChoiceStatus, RegistrationStatus
from eventapp.events.models import Event, EventSeries, Session
from eventapp.extensions import db
from eventapp.feedback.models import QuestionKind
from eventapp.feedback.results import survey_results
from eventapp.feedback.services import get_survey
from eventapp.registration.models import Registration, RegistrationChoice
from eventapp.reports.affiliations import Directory
from eventapp.reports.models import ErasedTally


@dataclass
class Counts:
    """Registered (every registration made), confirmed, attended (checked in), no-shows."""

    registered: int = 0
    confirmed: int = 0
    attended: int = 0
    cancelled: int = 0
    waitlisted: int = 0

    @property
    def no_shows(self) -> int:
        return self.confirmed - self.attended

    def add(self, status: RegistrationStatus, attended: bool, count: int) -> None:
        self.registered += count
        if status == RegistrationStatus.CONFIRMED:
            self.confirmed += count
            self.attended += count if attended else 0
        elif status == RegistrationStatus.CANCELLED:
            self.cancelled += count
        elif status == RegistrationStatus.WAITLISTED:
            self.waitlisted += count


@dataclass
class SessionFigures:
    session: Session
    chosen: int
    attended: int


@dataclass
class FeedbackFigures:
    respondents: int
    ratings: list[tuple[str, float, int]]  # (question, mean, answers)


@dataclass
class Report:
    """The figures of one event, or of a series' editions together."""

    title: str
    counts: Counts
    by_organisation: dict[str, Counts]
    by_sector: dict[str, Counts]
    editions: list[tuple[Event, Counts]] = field(default_factory=list)
    sessions: list[SessionFigures] = field(default_factory=list)
    feedback: FeedbackFigures | None = None

    @property
    def organisations(self) -> int:
        """How many organisations people came from (attended)."""
        return sum(1 for name, c in self.by_organisation.items() if name and c.attended)

    @property
    def sectors(self) -> int:
        return sum(1 for name, c in self.by_sector.items() if name and c.attended)


def _status_counts(event_ids: list[int]) -> dict[int, Counts]:
    attended = Registration.checked_in_at.is_not(None)
    stmt = (
        select(Registration.event_id, Registration.status, attended, func.count())
        .where(Registration.event_id.in_(event_ids))
        .group_by(Registration.event_id, Registration.status, attended)
    )
    counts: dict[int, Counts] = {event_id: Counts() for event_id in event_ids}
    for event_id, status, came, count in db.session.execute(stmt).all():
        counts[event_id].add(status, bool(came), count)
    return counts


def _by_origin(event_ids: list[int]) -> tuple[dict[str, Counts], dict[str, Counts]]:
    """Counts by organisation and by sector: the registrations not erased, grouped by what
    they gave, plus the tallies of those erased."""
    attended = Registration.checked_in_at.is_not(None)
    live = (
        select(
            Registration.organisation_id,
            Registration.affiliation,
            Registration.status,
            attended,
            func.count(),
        )
        .where(Registration.event_id.in_(event_ids), Registration.anonymised_at.is_(None))
        .group_by(
            Registration.organisation_id, Registration.affiliation, Registration.status, attended
        )
    )
    erased = (
        select(
            ErasedTally.organisation,
            ErasedTally.sector,
            ErasedTally.status,
            ErasedTally.attended,
            func.sum(ErasedTally.count),
        )
        .where(ErasedTally.event_id.in_(event_ids))
        .group_by(
            ErasedTally.organisation, ErasedTally.sector, ErasedTally.status, ErasedTally.attended
        )
    )
    directory = Directory()
    by_organisation: dict[str, Counts] = defaultdict(Counts)
    by_sector: dict[str, Counts] = defaultdict(Counts)
    for organisation_id, affiliation, status, came, count in db.session.execute(live).all():
        where = directory.resolve(organisation_id, affiliation)
        by_organisation[where.organisation].add(status, bool(came), count)
        by_sector[where.sector].add(status, bool(came), count)
    for organisation, sector, status, came, count in db.session.execute(erased).all():
        by_organisation[organisation].add(status, bool(came), int(count))
        by_sector[sector].add(status, bool(came), int(count))
    return _ranked(by_organisation), _ranked(by_sector)


def _ranked(groups: dict[str, Counts]) -> dict[str, Counts]:
    """Most attended first, then most registered, then by name (the unknown last)."""
    return dict(
        sorted(
            groups.items(),
            key=lambda item: (item[0] == "", -item[1].attended, -item[1].registered, item[0]),
        )
    )


def _sessions(event: Event) -> list[SessionFigures]:
    attended = Registration.checked_in_at.is_not(None)
    stmt = (
        select(RegistrationChoice.session_id, attended, func.count())
        .join(Registration, RegistrationChoice.registration_id == Registration.id)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            RegistrationChoice.status == ChoiceStatus.CONFIRMED,
        )
        .group_by(RegistrationChoice.session_id, attended)
    )
    chosen: dict[int, int] = defaultdict(int)
    came: dict[int, int] = defaultdict(int)
    for session_id, was_there, count in db.session.execute(stmt).all():
        chosen[session_id] += count
        came[session_id] += count if was_there else 0
    return [SessionFigures(s, chosen[s.id], came[s.id]) for s in event.sessions if chosen[s.id]]


def _feedback(event: Event) -> FeedbackFigures | None:
    survey = get_survey(event)
    if survey is None or not survey.questions:
        return None
    results = survey_results(survey)
    ratings = [
        (str(r.question.text("prompt")), r.mean, r.answered)
        for r in results.questions
        if r.question.kind == QuestionKind.RATING and r.mean is not None
    ]
    return FeedbackFigures(results.respondents, ratings)


def event_report(event: Event) -> Report:
    """One event's figures."""
    by_organisation, by_sector = _by_origin([event.id])
    return Report(
        title=event.title,
        counts=_status_counts([event.id])[event.id],
        by_organisation=by_organisation,
        by_sector=by_sector,
        sessions=_sessions(event),
        feedback=_feedback(event),
    )


def series_report(series: EventSeries) -> Report:
    """A series' figures: each edition's, and all of them together."""
    editions = list(series.events)
    ids = [e.id for e in editions]
    per_edition = _status_counts(ids) if ids else {}
    total = Counts()
    for counts in per_edition.values():
        for name in ("registered", "confirmed", "attended", "cancelled", "waitlisted"):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
    by_organisation, by_sector = _by_origin(ids) if ids else ({}, {})
    return Report(
        title=series.name,
        counts=total,
        by_organisation=by_organisation,
        by_sector=by_sector,
        editions=[(e, per_edition[e.id]) for e in editions],
    )
