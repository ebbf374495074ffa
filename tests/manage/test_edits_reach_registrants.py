"""Edits in the back office reach registrations: freed places are filled, registrants are told."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.core.types import ChoiceStatus, EventStatus, RegistrationStatus
from eventapp.events.timetable_services import SessionData, update_session
from eventapp.mail.models import OutboxMessage
from eventapp.registration.models import RegistrationChoice
from tests.builders import make_event, make_registration, make_session, stockholm
from tests.manage.test_lifecycle import _edit


def _outbox(db, kind: str) -> list[str]:
    rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind.contains(kind)))
    return sorted(message.recipient for message in rows)


def _full_event(db, ki, capacity: int = 1):
    event = make_event(
        "Symposium 2026",
        starts_at=stockholm(2026, 3, 20, 9, 0),
        ends_at=stockholm(2026, 3, 20, 16, 0),
        organisers=[ki.organisation],
        capacity=capacity,
    )
    make_registration(event, email="first@example.org")
    later = utcnow()
    make_registration(
        event,
        email="second@example.org",
        status=RegistrationStatus.WAITLISTED,
        waitlisted_at=later,
    )
    make_registration(
        event,
        email="third@example.org",
        status=RegistrationStatus.WAITLISTED,
        waitlisted_at=later.replace(microsecond=(later.microsecond + 1) % 1000000),
    )
    db.session.commit()
    return event


def test_raising_capacity_promotes_the_first_on_the_waiting_list_and_tells_them(db, ki):
    event = _full_event(db, ki)
    _edit(ki.user, event, capacity=2)
    statuses = {r.email: r.status for r in event.registrations}
    assert statuses == {
        "first@example.org": RegistrationStatus.CONFIRMED,
        "second@example.org": RegistrationStatus.CONFIRMED,
        "third@example.org": RegistrationStatus.WAITLISTED,
    }
    assert _outbox(db, "promoted") == ["second@example.org"]


def test_other_edits_promote_nobody(db, ki):
    event = _full_event(db, ki)
    _edit(ki.user, event, summary="A new summary")
    assert sum(r.status == RegistrationStatus.CONFIRMED for r in event.registrations) == 1
    assert _outbox(db, "promoted") == []


def test_moving_a_published_event_tells_every_active_registrant(db, ki):
    event = _full_event(db, ki)
    make_registration(event, email="gone@example.org", status=RegistrationStatus.CANCELLED)
    db.session.commit()
    _edit(ki.user, event, starts_at=stockholm(2026, 3, 20, 10, 0))
    assert _outbox(db, "event_changed") == [
        "first@example.org",
        "second@example.org",
        "third@example.org",
    ]


def test_a_new_summary_or_a_draft_event_sends_no_change_notice(db, ki):
    event = _full_event(db, ki)
    _edit(ki.user, event, summary="Typo fixed")
    event.status = EventStatus.DRAFT
    db.session.commit()
    _edit(ki.user, event, starts_at=stockholm(2026, 3, 20, 10, 0))
    assert _outbox(db, "event_changed") == []


def test_raising_a_workshops_capacity_promotes_its_waiting_list(db, ki):
    event = _full_event(db, ki, capacity=10)
    workshop = make_session(event, "Workshop", selectable=True, capacity=1, minutes=60)
    first, second = event.registrations[0], event.registrations[1]
    now = utcnow()
    db.session.add_all(
        [
            RegistrationChoice(registration=first, session=workshop, created_at=now),
            RegistrationChoice(
                registration=second,
                session=workshop,
                status=ChoiceStatus.WAITLISTED,
                created_at=now,
            ),
        ]
    )
    second.status = RegistrationStatus.CONFIRMED
    db.session.commit()
    values = {
        "title": workshop.title,
        "kind": workshop.kind,
        "starts_at": workshop.starts_at,
        "ends_at": workshop.ends_at,
        "capacity": 2,
    }
    update_session(ki.user, event, workshop, SessionData(values=values))
    db.session.expire_all()
    choices = db.session.scalars(
        select(RegistrationChoice).where(RegistrationChoice.session_id == workshop.id)
    ).all()
    assert {c.status for c in choices} == {ChoiceStatus.CONFIRMED}
