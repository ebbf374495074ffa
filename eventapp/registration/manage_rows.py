"""The organiser's registrations list as rows read as columns and formatted once.

A page of 200 registrations loaded as ORM objects with their choices, sessions and answers,
and labelled in the template (a filter, a gettext and an action URL per row), cost more than
the rest of the page: ``select``s of the columns a row shows, labels translated once per page
and the answers' texts formatted once per distinct answer cost a fraction of that.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import Select, select

from eventapp.core.search import matches_words
from eventapp.core.types import (
    ACTIVE_REGISTRATION_STATUSES,
    ChoiceStatus,
    RegistrationCategory,
    RegistrationStatus,
)
from eventapp.events.models import Event, Session
from eventapp.extensions import db
from eventapp.regforms.models import Answer, Question
from eventapp.regforms.services import answer_text
from eventapp.registration.bursts import burst_ids
from eventapp.registration.labels import CATEGORY_LABELS, STATUS_LABELS
from eventapp.registration.models import Registration, RegistrationChoice


@dataclass(slots=True)
class RegistrationRow:
    """One registration as the list prints it."""

    id: int
    created_at: datetime
    name: str
    email: str
    affiliation: str
    category: str  # its label
    status: str  # its label, with the place on the waiting list: "Waiting list #3"
    active: bool  # may be ticked for removal, resent and cancelled
    tick_label: str  # the box's name for a screen reader
    sessions: str  # "Workshop A; Workshop B (waiting)"
    answers: list[tuple[str, str]] = field(default_factory=list)  # (question, answer) answered
    actions: list[tuple[str, str]] = field(default_factory=list)  # (action, the URL it posts to)
    burst: bool = False  # made in a burst (bursts.py)
    ticked: bool = False  # ticked for removal (the bursts, when the organiser asks)


def with_filters(stmt: Select, q: str, status: str, category: str) -> Select:
    """``stmt`` over registrations narrowed to a search text, a status and a category."""
    if q:
        stmt = stmt.where(matches_words(Registration.search_text, q))
    if status in {s.value for s in RegistrationStatus}:
        stmt = stmt.where(Registration.status == RegistrationStatus(status))
    if category in {c.value for c in RegistrationCategory}:
        stmt = stmt.where(Registration.category == RegistrationCategory(category))
    return stmt


def waitlist_positions(event_id: int) -> dict[int, int]:
    """Registration id → 1-based place on the waiting list (``capacity.waitlist``'s order),
    from the ids alone."""
    stmt = (
        select(Registration.id)
        .where(
            Registration.event_id == event_id, Registration.status == RegistrationStatus.WAITLISTED
        )
        .order_by(Registration.waitlisted_at, Registration.id)
    )
    return {id_: n for n, id_ in enumerate(db.session.scalars(stmt), start=1)}


def _actions(status: RegistrationStatus) -> tuple[str, ...]:
    """What an organiser can do with a registration in ``status`` (``ACTIONS`` of the views)."""
    actions: tuple[str, ...] = ()
    if status == RegistrationStatus.PENDING:
        actions += ("approve", "reject")
    if status == RegistrationStatus.WAITLISTED:
        actions += ("promote",)
    if status in ACTIVE_REGISTRATION_STATUSES:
        actions += ("resend", "cancel")
    return actions


def _sessions(page: Any) -> dict[int, str]:
    """The sessions each registration of ``page`` (a subquery of ids) chose, in time order,
    the waitlisted ones marked."""
    waiting = _("waiting")
    stmt = (
        select(RegistrationChoice.registration_id, Session.title, RegistrationChoice.status)
        .join(Session, Session.id == RegistrationChoice.session_id)
        .where(RegistrationChoice.registration_id.in_(page))
        .order_by(Session.starts_at, Session.id)
    )
    chosen: dict[int, list[str]] = defaultdict(list)
    for registration_id, title, status in db.session.execute(stmt):
        waitlisted = status == ChoiceStatus.WAITLISTED
        chosen[registration_id].append(f"{title} ({waiting})" if waitlisted else title)
    return {registration_id: "; ".join(titles) for registration_id, titles in chosen.items()}


def _answers(page: Any, questions: list[Question]) -> dict[int, list[tuple[str, str]]]:
    """Each registration's answered questions in form order, as a person reads the answers
    (each distinct answer formatted once: many registrants pick the same options)."""
    if not questions:
        return {}
    stmt = select(Answer.registration_id, Answer.question_id, Answer.value, Answer.option_ids)
    rows = db.session.execute(stmt.where(Answer.registration_id.in_(page)))
    given: dict[int, dict[int, Any]] = defaultdict(dict)
    for row in rows:
        given[row.registration_id][row.question_id] = row  # read as an Answer: value, option_ids
    texts: dict[tuple, str] = {}
    result: dict[int, list[tuple[str, str]]] = {}
    for registration_id, answers in given.items():
        shown = []
        for question in questions:
            answer = answers.get(question.id)
            if answer is None:
                continue
            key = (question.id, answer.value, tuple(answer.option_ids or ()))
            if key not in texts:
                texts[key] = answer_text(question, answer)
            if texts[key]:
                shown.append((question.label, texts[key]))
        result[registration_id] = shown
    return result


def registration_rows(
    event: Event,
    filters: tuple[str, str, str],
    *,
    limit: int,
    questions: list[Question],
    tick_bursts: bool,
) -> tuple[list[RegistrationRow], set[int]]:
    """The first ``limit`` registrations matching ``filters`` (search text, status, category)
    in the order they came, and the ids of those made in bursts (4 queries, 3 without
    questions)."""
    stmt = select(
        Registration.id,
        Registration.name,
        Registration.email,
        Registration.affiliation,
        Registration.category,
        Registration.status,
        Registration.created_at,
    ).where(Registration.event_id == event.id)
    stmt = with_filters(stmt, *filters).order_by(Registration.created_at, Registration.id)
    found = db.session.execute(stmt.limit(limit)).all()
    # The choices and answers of the same page, asked by a subquery rather than a list of 200
    # ids: a statement of 200 parameters was parsed anew on every request.
    page = stmt.with_only_columns(Registration.id).limit(limit)
    positions = waitlist_positions(event.id)
    sessions = _sessions(page) if found else {}
    answers = _answers(page, questions) if found else {}
    categories = {key: str(label) for key, label in CATEGORY_LABELS.items()}
    statuses = {key: str(label) for key, label in STATUS_LABELS.items()}
    tick = _("Tick %(name)s")
    action_url = url_for("registration.manage_list", slug=event.slug) + "/{}/{}"
    rows = []
    for id_, name, email, affiliation, category, status, created_at in found:
        place = positions.get(id_)
        rows.append(
            RegistrationRow(
                id=id_,
                created_at=created_at,
                name=name,
                email=email,
                affiliation=affiliation,
                category=categories.get(category, category),
                status=f"{statuses[status]} #{place}" if place else statuses[status],
                active=status in ACTIVE_REGISTRATION_STATUSES,
                tick_label=tick % {"name": name},
                sessions=sessions.get(id_, ""),
                answers=answers.get(id_, []),
                actions=[(a, action_url.format(id_, a)) for a in _actions(status)],
            )
        )
    # From the rows, not the result's Row objects: their attribute access made the bursts'
    # scan ten times slower.
    bursts = burst_ids(row for row in rows if row.active)
    for row in rows:
        row.burst = row.id in bursts
        row.ticked = row.burst and tick_bursts
    return rows, bursts
