"""A script that floods the registration form from one address is stopped after a handful, and
the event keeps its places for real people; a lecture hall behind one NAT address, registering
at a human pace, is not stopped. (The limits are on for these tests; the rest of the suite runs
with them off, see TestConfig.)"""

from __future__ import annotations

import time

import limits.storage.memory
import pytest
from flask import g
from sqlalchemy import func, select

from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.builders import make_event, make_organisation
from tests.helpers.forms import submit
from tests.registration.conftest import form_data

SCRIPT = "203.0.113.50"
CAMPUS_NAT = "130.237.0.1"


@pytest.fixture
def limited_app(make_app):
    app = make_app(REGISTRATION_RATE_LIMIT="10 per 10 seconds;300 per hour")
    with app.app_context():
        make_event("Open lecture", slug="open", organisers=[make_organisation()], capacity=40)
        db.session.commit()
        yield app


def _register(app, address: str, email: str):
    client = app.test_client()  # a new browser (or a script that drops its cookies) each time
    g.pop("csrf_token", None)
    env = {"REMOTE_ADDR": address}
    return submit(client, "/events/open/register", _kw={"environ_base": env}, **form_data(
        name=email.split("@")[0], email=email))  # fmt: skip


def _confirmed() -> list[str]:
    db.session.rollback()
    stmt = select(Registration.email).where(Registration.status == RegistrationStatus.CONFIRMED)
    return list(db.session.scalars(stmt))


def test_a_flood_from_one_address_is_stopped_and_real_people_keep_their_places(limited_app):
    started = time.perf_counter()
    answers = [_register(limited_app, SCRIPT, f"junk{n}@x.example").status_code for n in range(100)]
    seconds = time.perf_counter() - started
    accepted = sum(1 for code in answers if code == 303)
    refused = answers.count(429)
    print(f"\nflood: {accepted} accepted, {refused} refused (429) of 100 in {seconds:.1f} s")
    assert accepted == 10 and refused == 90
    people = [f"person{n}@ki.se" for n in range(30)]
    for n, email in enumerate(people):  # thirty people, each on their own connection
        assert _register(limited_app, f"198.51.100.{n}", email).status_code == 303
    confirmed = _confirmed()
    assert set(people) <= set(confirmed)  # every real person has a place
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 40


def test_a_lecture_hall_behind_one_address_is_not_stopped(limited_app, monkeypatch):
    """150 people on the campus wifi (one address) register within ten minutes, one every
    four seconds: none is refused."""
    clock = [time.time()]
    monkeypatch.setattr(limits.storage.memory.time, "time", lambda: clock[0])
    answers = []
    for n in range(150):
        answers.append(_register(limited_app, CAMPUS_NAT, f"student{n}@student.ki.se").status_code)
        clock[0] += 4
    assert answers.count(303) == 150


def test_the_refusal_says_what_to_do_in_the_readers_language(limited_app):
    for n in range(10):
        _register(limited_app, SCRIPT, f"junk{n}@x.example")
    refused = _register(limited_app, SCRIPT, "junk99@x.example")
    assert refused.status_code == 429
    assert "Too many registrations from your network" in refused.get_data(as_text=True)
