"""Life cycle, SEQUENCE on visible changes only, the audit log, counts and the next edition."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.core.types import EventStatus, RegistrationStatus
from eventapp.events import lifecycle_services as lifecycle
from eventapp.events.manage_forms import event_form_data
from eventapp.events.models import Event
from eventapp.events.services import EventData, update_event
from eventapp.mail.models import OutboxMessage
from eventapp.manage import audit
from eventapp.manage.models import AuditLogEntry
from tests.builders import make_event, make_registration, make_session, make_venue, stockholm
from tests.manage.conftest import csrf_token
from tests.registration.conftest import sent_outbox


@pytest.fixture
def event(db, ki):
    event = make_event(
        "Symposium 2026",
        slug="symposium-2026",
        status=EventStatus.DRAFT,
        starts_at=stockholm(2026, 3, 20, 9, 0),
        ends_at=stockholm(2026, 3, 20, 16, 0),
        organisers=[ki.organisation],
        capacity=10,
    )
    db.session.commit()
    return event


def _edit(user, event, **changes) -> bool:
    data = event_form_data(event)
    values = {k: v for k, v in data.items() if k != "organisers"}
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        values[name] = getattr(event, name)
    for name in ("series_id", "venue_id", "contact_person_id", "collaboration_id"):
        values[name] = values[name] or None
    values.update(changes)
    organisers = [(o.organisation_id, o.role) for o in event.organisers]
    return update_event(user, event, EventData(values=values, organisers=organisers))


def test_subscriber_visible_changes_bump_sequence_and_updated_time_others_do_not(db, event, ki):
    stamp = event.updated_at
    assert _edit(ki.user, event, capacity=20, privacy_text="p") is False
    db.session.refresh(event)
    assert (event.sequence, event.updated_at, event.capacity) == (0, stamp, 20)
    venue = make_venue()
    for change in (
        {"summary": "New summary"},  # in the VEVENT's DESCRIPTION
        {"title": "Symposium 2026 (new title)"},
        {"starts_at": stockholm(2026, 3, 20, 10, 0)},
        {"venue_id": venue.id},
    ):
        assert _edit(ki.user, event, **change) is True
    lifecycle.publish(ki.user, event)
    db.session.refresh(event)
    assert event.sequence == 5 and event.updated_at > stamp


def test_every_change_is_in_the_audit_log_with_who_and_what(client, db, event, ki):
    _edit(ki.user, event, title="Renamed", capacity=12)
    lifecycle.publish(ki.user, event)
    entries = audit.event_log(event)
    assert [e.action for e in entries] == ["event.published", "event.updated"]
    assert entries[1].user_id == ki.user.id
    assert entries[1].changes["title"] == ["Symposium 2026", "Renamed"]
    assert entries[1].changes["capacity"] == [10, 12]
    from tests.conftest import login

    login(client, ki.user)
    page = client.get("/manage/events/symposium-2026/").get_data(as_text=True)
    assert "Event edited" in page and "Symposium 2026 → Renamed" in page


def test_audit_record_is_the_hook_other_capabilities_use(db, event, ki):
    audit.record(event, ki.user, "badges.printed", "12 badges", {"count": 12, "when": utcnow()})
    db.session.commit()
    entry = db.session.execute(select(AuditLogEntry)).scalar_one()
    assert (entry.event_id, entry.user_id, entry.action, entry.target) == (
        event.id, ki.user.id, "badges.printed", "12 badges",
    )  # fmt: skip
    assert entry.changes["count"] == 12 and isinstance(entry.changes["when"], str)


def test_unpublish_only_while_nobody_has_registered(db, event, ki):
    lifecycle.publish(ki.user, event)
    lifecycle.unpublish(ki.user, event)
    assert event.status == EventStatus.DRAFT
    lifecycle.publish(ki.user, event)
    make_registration(event, status=RegistrationStatus.WAITLISTED)
    db.session.commit()
    with pytest.raises(lifecycle.LifecycleError, match="cancel the event instead"):
        lifecycle.unpublish(ki.user, event)
    assert event.status == EventStatus.PUBLISHED


def test_refused_step_comes_back_as_a_message_not_an_error_page(ki_client, db, event):
    page = ki_client.get("/manage/events/symposium-2026/").get_data(as_text=True)
    response = ki_client.post(
        "/manage/events/symposium-2026/archive", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    assert "Only a published or cancelled event can be archived." in ki_client.get(
        "/manage/events/symposium-2026/"
    ).get_data(as_text=True)


def test_cancel_writes_to_everyone_holding_or_awaiting_a_place_then_archive(db, event, ki):
    lifecycle.publish(ki.user, event)
    for status in RegistrationStatus:
        make_registration(event, status=status, language="sv")
    db.session.commit()
    # unconfirmed (a place held for them), pending, confirmed, waitlisted
    assert lifecycle.cancel(ki.user, event, "Storm.") == 4
    mails = db.session.execute(select(OutboxMessage)).scalars().all()
    assert {m.kind for m in mails} == {"event_cancelled"} and len(mails) == 4
    assert all(m.event_id == event.id and m.registration_id for m in mails)
    assert all(m.body_text == "" and m.sent_at is None for m in mails)  # rendered when sent
    assert event.status == EventStatus.CANCELLED
    sent = sent_outbox()
    assert all(m.sent_at is not None and m.language == "sv" for m in sent)
    assert all("Storm." in m.body_text and "Vi beklagar" in m.body_text for m in sent)
    lifecycle.archive(ki.user, event)
    assert event.status == EventStatus.ARCHIVED
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.publish(ki.user, event)


def test_registration_counts_come_from_one_grouped_query(ki_client, db, event, ki, count_queries):
    for status, n in (
        (RegistrationStatus.CONFIRMED, 4),
        (RegistrationStatus.WAITLISTED, 2),
        (RegistrationStatus.CANCELLED, 1),
    ):
        for _ in range(n):
            make_registration(event, status=status)
    event.registrations[0].checked_in_at = utcnow()
    db.session.commit()
    with count_queries() as queries:
        counts = lifecycle.registration_counts(ki.user, event)
    assert counts == {
        "confirmed": 4, "waitlisted": 2, "pending": 0, "cancelled": 1, "rejected": 0,
        "checked_in": 1, "places_left": 6,
    }  # fmt: skip
    assert len([q for q in queries.statements if "registrations" in q]) == 1
    page = ki_client.get("/manage/events/symposium-2026/").get_data(as_text=True)
    assert '<strong data-count="places_left">6</strong>' in page
    assert '<strong data-count="checked_in">1</strong>' in page


def test_next_edition_keeps_wall_clock_times_across_daylight_saving(db, ki):
    winter = make_event(
        "Winter School 2026",
        slug="winter-school-2026",
        starts_at=stockholm(2026, 2, 10, 9, 0),
        ends_at=stockholm(2026, 2, 11, 16, 0),
        organisers=[ki.organisation],
    )
    make_session(winter, "Morning", starts_at=stockholm(2026, 2, 11, 9, 30))
    make_registration(winter)
    db.session.commit()
    clone = lifecycle.clone_event(ki.user, winter, date(2026, 6, 16))  # summer time
    assert (clone.title, clone.slug) == ("Winter School 2026", "winter-school-2026-2026")
    assert clone.starts_at == stockholm(2026, 6, 16, 9, 0)
    assert clone.sessions[0].starts_at == stockholm(2026, 6, 17, 9, 30)
    assert clone.registrations == [] and clone.sequence == 0
    again = lifecycle.clone_event(ki.user, winter, date(2027, 2, 9), title="Winter School 2027")
    assert (again.title, again.slug) == ("Winter School 2027", "winter-school-2027")
    assert db.session.execute(select(Event.slug).order_by(Event.id)).scalars().all() == [
        "winter-school-2026", "winter-school-2026-2026", "winter-school-2027",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("first_day", "cadence", "proposed"),
    [
        (date(2026, 10, 14), None, date(2027, 10, 13)),  # Wednesday → Wednesday, not Thursday
        (date(2026, 3, 11), None, date(2027, 3, 10)),
        (date(2027, 1, 1), None, date(2027, 12, 31)),  # the nearest Friday may be a year-end
        (date(2028, 2, 29), None, date(2029, 2, 27)),
        (date(2026, 10, 14), "FREQ=YEARLY;INTERVAL=2", date(2028, 10, 11)),
        (date(2026, 10, 14), "not a rule", date(2027, 10, 13)),
    ],
)
def test_next_edition_is_proposed_on_the_same_weekday(db, ki, first_day, cadence, proposed):
    """Keeping the calendar date made a Wednesday–Thursday event a Friday–Saturday one."""
    from tests.builders import make_series

    series = make_series("Series", cadence_rrule=cadence) if cadence else None
    event = make_event(
        starts_at=stockholm(first_day.year, first_day.month, first_day.day, 9),
        ends_at=stockholm(first_day.year, first_day.month, first_day.day + 1, 17)
        if first_day.day < 28
        else None,
        series=series,
        organisers=[ki.organisation],
    )
    assert lifecycle.next_edition_start(event) == proposed
    assert proposed.weekday() == first_day.weekday()


def test_next_edition_form_proposes_the_weekday_and_says_so(ki_client, db, ki):
    make_event(
        "Campus Data Days 2026",
        slug="cdd-2026",
        starts_at=stockholm(2026, 10, 14, 9),
        ends_at=stockholm(2026, 10, 15, 17),
        organisers=[ki.organisation],
    )
    db.session.commit()
    page = ki_client.get("/manage/events/cdd-2026/clone").get_data(as_text=True)
    assert 'value="2027-10-13"' in page
    assert "Proposed: Wednesday, October 13, 2027, a Wednesday like the first day" in page
    page = ki_client.get("/manage/events/cdd-2026/clone?lang=sv").get_data(as_text=True)
    assert "onsdag 13 oktober 2027" in page
