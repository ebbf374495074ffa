"""The public registration form: confirmed, waiting list, fully booked, moderation, duplicates."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import refresh
from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.core.types import EventStatus, RegistrationStatus
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.builders import make_event, make_registration, make_session
from tests.registration.conftest import form_data, outbox, register, registrations, sent_outbox


def only_registration() -> Registration:
    return db.session.execute(select(Registration)).scalar_one()


def test_form_offers_the_events_categories_sessions_and_known_organisations(client, event):
    make_session(event, "CAR-T workshop", selectable=True, capacity=10)
    make_session(event, "Keynote")
    db.session.commit()
    page = client.get("/events/cis-2026/register").get_data(as_text=True)
    assert '<datalist id="known-organisations">' in page
    assert '<option value="Karolinska Institutet">' in page
    assert 'value="speaker"' in page and 'value="press"' in page and 'value="exhibitor"' not in page
    assert "CAR-T workshop" in page and "Keynote" not in page
    assert "10 places left" in page
    assert "processes your data to run the conference" in page  # privacy text before consent
    assert 'name="website"' in page and "hp-field" in page


def test_dietary_and_accessibility_are_asked_only_when_the_event_asks(client, event):
    event.ask_dietary = False
    db.session.commit()
    page = client.get("/events/cis-2026/register").get_data(as_text=True)
    assert 'name="dietary_needs"' not in page
    assert 'name="accessibility_needs"' in page


def test_registration_is_confirmed_and_lands_on_the_private_page(client, event):
    response = register(client, event, email="Carin.Dahlberg@Example.org")
    assert response.status_code == 303
    registration = only_registration()
    assert response.headers["Location"] == f"/r/{registration.secret}/"
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.email == "carin.dahlberg@example.org"
    assert registration.consent_at is not None
    assert len(registration.secret) >= 43 and len(registration.checkin_code) >= 22
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Confirmed" in page and "Carin Dahlberg" in page


def test_confirmation_mail_is_queued_then_sent_with_text_html_and_calendar_attachment(
    client, event
):
    register(client, event)
    [queued] = outbox()
    assert queued.kind == "registration_confirmed"
    assert queued.recipient == "carin.dahlberg@example.org"
    assert queued.rendered_at is None and queued.body_text == ""  # rendered at send time
    [message] = sent_outbox()
    assert message.sent_at is not None and message.rendered_at is not None
    assert "Collaboration in Science 2026" in message.subject
    registration = only_registration()
    assert f"/r/{registration.secret}/" in message.body_text
    assert f"/r/{registration.secret}/" in message.body_html
    [attachment] = message.attachments
    assert attachment["filename"].endswith(".ics")
    assert "BEGIN:VCALENDAR" in attachment["content"]
    assert "METHOD:PUBLISH" in attachment["content"]


def test_swedish_registrant_gets_swedish_language_recorded(client, event):
    register(client, event, email="anna@example.se")
    refresh()  # the test's app context outlives requests; a server's does not
    client.get("/events/cis-2026/register?lang=sv")
    refresh()
    register(client, event, email="bo@example.se")
    assert [m.language for m in outbox()] == ["en", "sv"]


def test_full_event_puts_next_registration_on_waitlist_with_position(client, event):
    event.capacity = 1
    db.session.commit()
    register(client, event, email="first@example.org")
    register(client, event, email="second@example.org")
    response = register(client, event, email="third@example.org")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "number 2 on the waiting list" in page
    assert [m.kind for m in outbox()][-1] == "registration_waitlisted"
    assert "number 2 on the waiting list" in sent_outbox()[-1].body_text


def test_full_event_without_waitlist_says_fully_booked_and_stores_nothing(client, event):
    event.capacity = 1
    event.waitlist_enabled = False
    make_registration(event)
    db.session.commit()
    response = register(client, event)
    assert response.status_code == 409
    assert "fully booked" in response.get_data(as_text=True)
    assert registrations() == 1 and outbox() == []


def test_moderated_event_keeps_registration_pending(client, event):
    event.moderation_enabled = True
    db.session.commit()
    register(client, event)
    assert only_registration().status == RegistrationStatus.PENDING
    assert outbox()[0].kind == "registration_pending"


def test_registering_twice_creates_nothing_and_resends_the_link(client, event):
    register(client, event)
    response = register(client, event, name="Someone Else", email="CARIN.dahlberg@example.org")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Check your inbox" in page
    registration = only_registration()
    assert registration.secret not in page and "Carin Dahlberg" not in page
    assert [m.kind for m in outbox()] == ["registration_confirmed", "registration_link"]
    assert registration.secret in sent_outbox()[1].body_text


def test_cancelled_registration_may_register_again(client, event):
    make_registration(
        event, email="carin.dahlberg@example.org", status=RegistrationStatus.CANCELLED
    )
    db.session.commit()
    assert register(client, event).status_code == 303
    assert registrations() == 2


def test_chosen_sessions_are_stored_with_their_status(client, event):
    workshop = make_session(event, "Workshop", selectable=True, capacity=1)
    make_registration(event, email="a@example.org")
    db.session.commit()
    register(client, event, sessions=[str(workshop.id)], email="b@example.org")
    register(client, event, sessions=[str(workshop.id)], email="c@example.org")
    statuses = [
        (r.email, [c.status.value for c in r.choices])
        for r in db.session.execute(select(Registration).order_by(Registration.id)).scalars()
    ]
    assert statuses == [
        ("a@example.org", []),
        ("b@example.org", ["confirmed"]),
        ("c@example.org", ["waitlisted"]),
    ]


def test_closed_window_cancelled_and_draft_events_take_no_registration(client, app):
    past = make_event(slug="past", registration_closes_at=utcnow() - timedelta(days=1))
    future = make_event(slug="future", registration_opens_at=utcnow() + timedelta(days=1))
    cancelled = make_event(slug="gone", status=EventStatus.CANCELLED)
    make_event(slug="draft", status=EventStatus.DRAFT)
    db.session.commit()
    for event, message in [
        (past, "Registration has closed."),
        (future, "Registration has not opened yet."),
        (cancelled, "This event has been cancelled."),
    ]:
        assert message in client.get(f"/events/{event.slug}/register").get_data(as_text=True)
        from eventapp.core.types import RegistrationCategory  # noqa: F401

        client.application.config["WTF_CSRF_ENABLED"] = False
        response = client.post(f"/events/{event.slug}/register", data=form_data())
        client.application.config["WTF_CSRF_ENABLED"] = True
        assert response.status_code == 409
        assert message in response.get_data(as_text=True)
    assert client.get("/events/draft/register").status_code == 404
    assert client.get("/events/nope/register").status_code == 404
    assert registrations() == 0 and outbox() == []
