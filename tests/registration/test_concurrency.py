"""No overbooking under concurrent load: real threads, each request its own app context and
database session, against SQLite (BEGIN IMMEDIATE) or PostgreSQL (row lock), whichever the run uses.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from eventapp.core.types import ChoiceStatus, RegistrationStatus
from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.capacity import waitlist, waitlist_position
from eventapp.registration.models import Registration, RegistrationChoice
from tests.builders import make_session
from tests.registration.conftest import form_data, outbox

THREADS = 50


def fire(app, requests: list[tuple[str, dict]]) -> list[int]:
    """POST every (url, data) at once from its own thread; return the status codes."""
    barrier = threading.Barrier(len(requests))

    def post(item: tuple[str, dict]) -> int:
        url, data = item
        client = app.test_client()
        barrier.wait()
        return client.post(url, data=data).status_code

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(post, requests))


def all_registrations() -> list[Registration]:
    db.session.rollback()  # end this thread's snapshot: see what the others committed
    return list(db.session.execute(select(Registration).order_by(Registration.id)).scalars())


def assert_gapless_waitlist(event_id: int) -> None:
    queue = waitlist(event_id)
    assert [waitlist_position(r) for r in queue] == list(range(1, len(queue) + 1))


def test_fifty_concurrent_registrations_fill_exactly_twenty_places(csrf_off, event):
    url = f"/events/{event.slug}/register"
    statuses = fire(csrf_off, [(url, form_data(email=f"p{i}@example.org")) for i in range(THREADS)])
    assert statuses == [303] * THREADS
    registrations = all_registrations()
    counts = Counter(r.status for r in registrations)
    assert counts == {RegistrationStatus.CONFIRMED: 20, RegistrationStatus.WAITLISTED: 30}
    assert len({r.email for r in registrations}) == THREADS
    assert_gapless_waitlist(event.id)
    assert Counter(m.kind for m in outbox()) == {
        "registration_confirmed": 20,
        "registration_waitlisted": 30,
    }


def test_same_address_sent_concurrently_registers_once(csrf_off, event):
    url = f"/events/{event.slug}/register"
    statuses = fire(csrf_off, [(url, form_data())] * 10)
    assert sorted(statuses) == [200] * 9 + [303]
    assert len(all_registrations()) == 1


def test_concurrent_choices_respect_a_sessions_capacity(csrf_off, event):
    event.capacity = None
    workshop = make_session(event, "NK cell workshop", selectable=True, capacity=5)
    db.session.commit()
    url = f"/events/{event.slug}/register"
    statuses = fire(
        csrf_off,
        [
            (url, form_data(email=f"w{i}@example.org", sessions=[str(workshop.id)]))
            for i in range(THREADS)
        ],
    )
    assert statuses == [303] * THREADS
    db.session.rollback()  # end this thread's snapshot: see what the others committed
    choices = db.session.execute(select(RegistrationChoice)).scalars().all()
    assert Counter(c.status for c in choices) == {
        ChoiceStatus.CONFIRMED: 5,
        ChoiceStatus.WAITLISTED: THREADS - 5,
    }


def test_cancellations_racing_registrations_keep_exactly_twenty_and_promote_in_order(
    csrf_off, event
):
    for i in range(40):
        services.register_participant(
            event, services.RegistrationData(name=f"P{i}", email=f"p{i}@example.org")
        )
    registrations = all_registrations()
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    first_waiting = [r.email for r in waitlist(event.id)][:10]
    requests = [(f"/r/{r.secret}/cancel", {"confirm": "y"}) for r in confirmed[:10]]
    url = f"/events/{event.slug}/register"
    requests += [(url, form_data(email=f"late{i}@example.org")) for i in range(10)]
    statuses = fire(csrf_off, requests)
    assert statuses == [303] * 20
    registrations = all_registrations()
    counts = Counter(r.status for r in registrations)
    assert counts == {
        RegistrationStatus.CONFIRMED: 20,
        RegistrationStatus.WAITLISTED: 20,
        RegistrationStatus.CANCELLED: 10,
    }
    now_confirmed = {r.email for r in registrations if r.status == RegistrationStatus.CONFIRMED}
    assert set(first_waiting) <= now_confirmed
    assert_gapless_waitlist(event.id)
    assert Counter(m.kind for m in outbox())["registration_promoted"] == 10
