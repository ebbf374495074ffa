"""The registration form's proof of work (ALTCHA), checked for real: a solved challenge of ours
registers at once, a replayed, forged or expired one is refused and changes nothing, and a form
sent without one (JavaScript off, or a script) only holds a place until the address is
confirmed. The rest of the suite runs with the check off (TestConfig.ALTCHA)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import altcha
import pytest
from sqlalchemy import func, select, update

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration import proof
from eventapp.registration.availability import places_left
from eventapp.registration.confirmation import expire_lapsed_holds
from eventapp.registration.models import Registration
from tests.builders import make_event
from tests.helpers.forms import submit
from tests.registration.conftest import form_data

REFUSED = "The check that a person is registering did not succeed"


@pytest.fixture
def proof_app(make_app):
    """The check on (as in production), at a cost the suite can afford."""
    app = make_app(ALTCHA=True, ALTCHA_COST=50)
    with app.app_context():
        make_event("Open lecture", slug="open", capacity=40)
        db.session.commit()
        yield app


def solved(client, *, tamper: bool = False) -> str:
    """Fetch a challenge as the widget does and solve it as a browser would."""
    answer = client.get("/register/challenge")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    challenge = altcha.Challenge.from_dict(answer.get_json())
    if tamper:
        challenge.parameters.cost = 1  # cheaper work, same signature: a forgery
    solution = altcha.solve_challenge(challenge)
    return altcha.Payload(challenge, solution).to_base64()


def post(client, email: str, **extra):
    return submit(client, "/events/open/register", **form_data(email=email), **extra)


def status_of(email: str) -> RegistrationStatus | None:
    db.session.rollback()
    stmt = select(Registration.status).where(Registration.email == email)
    return db.session.scalars(stmt.order_by(Registration.id.desc())).first()


def count() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(Registration))


def test_a_solved_challenge_registers_at_once(proof_app):
    client = proof_app.test_client()
    page = client.get("/events/open/register").get_data(as_text=True)
    assert "<altcha-widget" in page and "vendor/altcha/altcha.min.js" in page
    assert post(client, "carin@ki.se", altcha=solved(client)).status_code == 303
    assert status_of("carin@ki.se") == RegistrationStatus.CONFIRMED


def test_a_challenge_is_spent_once(proof_app):
    client = proof_app.test_client()
    payload = solved(client)
    assert post(client, "first@ki.se", altcha=payload).status_code == 303
    replay = post(client, "second@ki.se", altcha=payload)
    assert replay.status_code == 422 and REFUSED in replay.get_data(as_text=True)
    assert status_of("second@ki.se") is None


@pytest.mark.parametrize(
    "payload",
    [
        "not base64 at all",
        base64.b64encode(b"{}").decode(),
        base64.b64encode(b"[[[[").decode(),
        base64.b64encode(json.dumps({"challenge": 1, "solution": []}).encode()).decode(),
        "A" * 10_000,
    ],
)
def test_a_malformed_proof_is_refused_and_changes_nothing(proof_app, payload):
    client = proof_app.test_client()
    answer = post(client, "carin@ki.se", altcha=payload)
    assert answer.status_code == 422 and REFUSED in answer.get_data(as_text=True)
    assert count() == 0


def test_a_forged_challenge_is_refused(proof_app):
    client = proof_app.test_client()
    assert post(client, "carin@ki.se", altcha=solved(client, tamper=True)).status_code == 422
    assert count() == 0


def test_an_expired_challenge_is_refused(proof_app):
    client = proof_app.test_client()
    with proof_app.app_context():
        challenge = altcha.create_challenge(
            "PBKDF2/SHA-256", 50, hmac_secret=proof._key(), expires_at=1_000_000_000
        )
    payload = altcha.Payload(challenge, altcha.solve_challenge(challenge)).to_base64()
    assert post(client, "carin@ki.se", altcha=payload).status_code == 422


def test_without_javascript_the_place_is_held_until_the_address_is_confirmed(proof_app):
    client = proof_app.test_client()
    page = client.get("/events/open/register").get_data(as_text=True)
    assert "<noscript>" in page and "held until you confirm your e-mail address" in page
    answer = post(client, "nojs@ki.se")  # no altcha field: what a browser without JS sends
    assert answer.status_code == 200
    assert "We are holding a place for you until" in answer.get_data(as_text=True)
    assert status_of("nojs@ki.se") == RegistrationStatus.UNCONFIRMED


def test_turned_off_the_form_has_no_widget_and_registers_at_once(make_app):
    app = make_app(ALTCHA=False)
    with app.app_context():
        make_event("Open lecture", slug="open", capacity=40)
        db.session.commit()
        client = app.test_client()
        assert "altcha" not in client.get("/events/open/register").get_data(as_text=True)
        assert client.get("/register/challenge").status_code == 404
        assert post(client, "carin@ki.se").status_code == 303
        assert status_of("carin@ki.se") == RegistrationStatus.CONFIRMED


def test_a_flood_without_the_work_only_holds_places_that_lapse_and_people_get_them(proof_app):
    """The issue's script: 100 POSTs of made-up addresses (from 100 addresses, so the rate limit
    does not save us), skipping the proof of work. Thirty real people register meanwhile with
    their browsers' proof. When the script's holds lapse, every person has a place and every
    made-up address has none."""
    script = proof_app.test_client()
    answers = [post(script, f"junk{n}@x.example").status_code for n in range(100)]
    assert answers == [200] * 100  # taken, but only held
    assert places_left(_event()) == 0
    people = [f"person{n}@ki.se" for n in range(30)]
    for email in people:
        browser = proof_app.test_client()
        assert post(browser, email, altcha=solved(browser)).status_code == 303
    assert {status_of(e) for e in people} == {RegistrationStatus.WAITLISTED}
    for email in ("junk0@x.example", "junk50@x.example"):
        assert status_of(email) == RegistrationStatus.UNCONFIRMED
    db.session.execute(
        update(Registration)
        .where(Registration.status == RegistrationStatus.UNCONFIRMED)
        .values(hold_expires_at=utcnow() - timedelta(seconds=1))
    )
    db.session.commit()
    assert expire_lapsed_holds() == 100
    assert {status_of(e) for e in people} == {RegistrationStatus.CONFIRMED}
    confirmed = db.session.scalars(
        select(Registration.email).where(Registration.status == RegistrationStatus.CONFIRMED)
    ).all()
    assert sorted(confirmed) == sorted(people)  # no made-up address kept a place
    assert places_left(_event()) == 10


def _event() -> Event:
    return db.session.scalars(select(Event)).one()
