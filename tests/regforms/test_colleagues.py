"""Registering a colleague or a group from one form: each person their own registration, link
and e-mail; capacity, waiting list and the e-mail confirmation hold applied per person, in order."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.core.types import RegistrationStatus
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.registration.models import Registration
from tests.builders import make_event
from tests.registration.conftest import register

COLLEAGUES = {
    "colleagues-0-name": "Bo Ek",
    "colleagues-0-email": "bo.ek@example.org",
    "colleagues-0-affiliation": "KTH",
    "colleagues-1-name": "Åsa Lind",
    "colleagues-1-email": "asa.lind@example.org",
}


def _people() -> list[Registration]:
    return list(db.session.scalars(select(Registration).order_by(Registration.id)))


def _two_rows(client, event):
    """The form with a second colleague row, as the "one more colleague" button gives it."""
    response = register(client, event, add_colleague="1", **{"colleagues-0-name": "Bo Ek"})
    assert response.status_code == 200
    assert db.session.scalars(select(Registration)).all() == []
    page = response.get_data(as_text=True)
    assert 'name="colleagues-1-email"' in page and 'value="Bo Ek"' in page


def test_the_button_adds_a_row_and_stores_nothing(client, event):
    _two_rows(client, event)


def test_each_colleague_gets_a_registration_a_link_and_an_email(client, event, workshops):
    data = {**COLLEAGUES, "sessions": [str(workshops[1].id)]}
    response = register(client, event, **data)
    assert response.status_code == 303
    people = _people()
    assert [p.email for p in people] == [
        "carin.dahlberg@example.org",
        "bo.ek@example.org",
        "asa.lind@example.org",
    ]
    assert len({p.secret for p in people}) == 3
    assert all(p.status == RegistrationStatus.CONFIRMED for p in people)
    assert [[c.session_id for c in p.choices] for p in people] == [[workshops[1].id]] * 3
    assert people[1].affiliation == "KTH" and people[1].consent_at is None
    assert people[1].note == "Registered by Carin Dahlberg <carin.dahlberg@example.org>"
    mails = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert sorted((m.recipient, m.registration_id) for m in mails) == sorted(
        (p.email, p.id) for p in people
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Also registered: Bo Ek, Åsa Lind." in page


def test_places_and_the_waiting_list_go_per_person_in_order(client, app):
    event = make_event("Small seminar", capacity=2)
    db.session.commit()
    assert register(client, event, **COLLEAGUES).status_code == 303
    assert [p.status for p in _people()] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ]


def test_a_colleague_without_a_place_is_named_and_the_others_keep_theirs(client, app):
    event = make_event("Tiny seminar", capacity=2, waitlist_enabled=False)
    db.session.commit()
    response = register(client, event, **COLLEAGUES)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Not registered: Åsa Lind (This event is fully booked.)." in page
    assert [p.name for p in _people()] == ["Carin Dahlberg", "Bo Ek"]


def test_the_email_confirmation_hold_applies_to_each_colleague(client, app):
    event = make_event("Held seminar", capacity=10, confirm_email=True)
    db.session.commit()
    response = register(client, event, **COLLEAGUES)
    assert response.status_code == 200  # the "check your inbox" page: no link shown
    people = _people()
    assert all(p.status == RegistrationStatus.UNCONFIRMED for p in people)
    assert all(p.hold_expires_at is not None for p in people)
    kinds = {m.recipient: m.kind for m in db.session.scalars(select(OutboxMessage))}
    assert set(kinds) == {p.email for p in people}


def test_the_same_address_twice_is_refused(client, event):
    response = register(client, event, **{**COLLEAGUES, "colleagues-1-email": "BO.EK@example.org"})
    assert response.status_code == 422
    assert "Each person needs an e-mail address of their own." in response.get_data(as_text=True)
    assert _people() == []


def test_a_colleague_without_an_address_is_refused(client, event):
    response = register(client, event, **{"colleagues-0-name": "Bo Ek"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Give the name and the e-mail address of each colleague." in page
    assert _people() == []


def test_a_colleague_with_a_bad_address_is_refused(client, event):
    response = register(
        client, event, **{"colleagues-0-name": "Bo Ek", "colleagues-0-email": "<script>"}
    )
    assert response.status_code == 422
    assert "&lt;script&gt;" in response.get_data(as_text=True)
    assert _people() == []


def test_rows_beyond_the_maximum_are_not_registered(client, event):
    rows = {}
    for n in range(15):
        rows[f"colleagues-{n}-name"] = f"Person {n}"
        rows[f"colleagues-{n}-email"] = f"person{n}@example.org"
    response = register(client, event, **rows)
    assert response.status_code == 303
    assert len(_people()) == 1 + 9


def test_the_rate_limit_counts_every_person_on_the_form(make_app):
    app = make_app(REGISTRATION_RATE_LIMIT="4 per 10 seconds")
    with app.app_context():
        event = make_event("Open lecture", slug="open", capacity=40)
        db.session.commit()
        client = app.test_client()
        three_colleagues = {
            **COLLEAGUES,
            "colleagues-2-name": "Cecilia Berg",
            "colleagues-2-email": "cecilia@example.org",
        }
        assert register(client, event, **three_colleagues).status_code == 303  # four people
        assert len(_people()) == 4
        refused = register(client, event, email="dan@example.org")  # a fifth: over the limit
        assert refused.status_code == 429
        assert len(_people()) == 4
