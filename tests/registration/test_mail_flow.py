"""From the form to a real SMTP server: the confirmation arrives with its calendar invitation."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from jinja2.exceptions import UndefinedError
from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.extensions import db
from eventapp.mail.sender import send_due
from eventapp.registration import notify, services
from eventapp.registration.models import Registration
from eventapp.registration.services import RegistrationData
from tests.registration.conftest import outbox, register, registrations


def test_confirmation_reaches_the_inbox_with_the_ics_invitation(app, client, event, smtp_server):
    smtp_server.configure(app)
    location = register(client, event).headers["Location"]
    assert send_due() == (1, 0, 0)
    [message] = smtp_server.messages
    assert message["To"] == "carin.dahlberg@example.org"
    assert "Collaboration in Science 2026" in message["Subject"]
    assert location in message.get_body(("plain",)).get_content()
    assert location in message.get_body(("html",)).get_content()
    [invitation] = list(message.iter_attachments())
    assert invitation.get_content_type() == "text/calendar"
    ics = invitation.get_content()
    assert "METHOD:PUBLISH" in ics and "ORGANIZER" in ics
    assert "Collaboration in Science 2026" in ics


def test_registrations_made_during_an_smtp_outage_are_mailed_afterwards(
    app, client, event, smtp_server
):
    smtp_server.configure(app)
    smtp_server.stop()
    register(client, event, email="a@example.org")
    register(client, event, email="b@example.org")
    assert send_due() == (0, 2, 0)
    assert all(m.sent_at is None and m.last_error for m in outbox())
    smtp_server.start()
    assert send_due(now=utcnow() + timedelta(hours=1)) == (2, 0, 0)
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.org", "b@example.org"]


def test_the_mail_row_is_written_in_the_registrations_transaction(client, event, monkeypatch):
    real = services.send_new_registration_mail

    def enqueue_then_fail(registration, **facts):
        real(registration, **facts)
        raise RuntimeError("the registration fails after its e-mail was queued")

    monkeypatch.setattr(services, "send_new_registration_mail", enqueue_then_fail)
    with pytest.raises(RuntimeError):
        services.register_participant(event, RegistrationData("Carin", "carin@example.org"))
    assert registrations() == 0 and outbox() == []


def test_swedish_confirmation_is_rendered_by_send_mail_with_text_html_and_ics(
    app, client, event, runner, smtp_server
):
    smtp_server.configure(app)
    client.get("/events/cis-2026/register?lang=sv")
    starts_at = event.starts_at
    manage_url = "http://eventapp.test" + register(client, event).headers["Location"]
    # An English registration last: the language of the last request is not what decides.
    client.get("/events/cis-2026/register?lang=en")
    register(client, event, email="english@example.org")
    queued, _english = outbox()
    assert queued.language == "sv" and queued.rendered_at is None
    result = runner.invoke(args=["send-mail"])  # an app context, no request
    assert "2 sent, 0 failed, 0 discarded." in result.output, result.output
    message, english = smtp_server.messages
    assert english["Subject"] == "You are registered: Collaboration in Science 2026"
    assert message["Subject"] == "Du är anmäld: Collaboration in Science 2026"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Din plats på Collaboration in Science 2026 är bekräftad." in text
    assert manage_url in text  # absolute, from BASE_URL
    assert '<html lang="sv">' in html and manage_url in html
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "invitation.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    assert calendar["METHOD"] == "PUBLISH"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Collaboration in Science 2026"
    assert vevent.decoded("DTSTART") == starts_at
    # The row shows what was sent.
    row, _english = outbox()
    db.session.refresh(row)
    assert row.subject == message["Subject"] and row.body_text.split() == text.split()
    assert row.attachments[0]["content"].split() == attachment.get_content().split()


def test_waiting_list_position_is_the_one_at_registration_time(app, client, event, smtp_server):
    smtp_server.configure(app)
    event.capacity = 1
    db.session.commit()
    register(client, event, email="first@example.org")
    register(client, event, email="second@example.org")
    register(client, event, email="third@example.org")
    # Before anything is sent, the second leaves the waiting list: the third moves up to 1.
    second = db.session.execute(
        select(Registration).where(Registration.email == "second@example.org")
    ).scalar_one()
    services.cancel_registration(second)
    assert send_due() == (3, 0, 1)  # the second's waiting-list message is superseded
    third = next(m for m in smtp_server.messages if m["To"] == "third@example.org")
    assert "number 2 on the waiting list" in third.get_body(("plain",)).get_content()


def test_a_registration_cancelled_before_its_confirmation_went_out_gets_only_the_cancellation(
    app, client, event, smtp_server
):
    """Registered and cancelled within the sender's interval: one message, the cancellation,
    not a confirmation with an invitation to nothing after it."""
    smtp_server.configure(app)
    register(client, event)
    services.cancel_registration(db.session.execute(select(Registration)).scalar_one())
    assert send_due() == (1, 0, 1)
    [message] = smtp_server.messages
    assert "cancel" in message["Subject"].lower()
    assert not list(message.iter_attachments())
    confirmation, cancellation = outbox()
    assert confirmation.kind == "registration_confirmed" and confirmation.sent_at is None
    assert confirmation.discarded_at is not None
    assert notify.SUPERSEDED_REASON in confirmation.last_error
    assert cancellation.kind == "registration_cancelled" and cancellation.sent_at is not None
    # Confirmed when it goes out: sent as always, with its invitation.
    register(client, event, email="stays@example.org")
    assert send_due() == (1, 0, 0)
    assert len(list(smtp_server.messages[-1].iter_attachments())) == 1


def test_erased_registration_is_not_mailed_and_the_others_still_go(app, client, event, smtp_server):
    smtp_server.configure(app)
    for name in ("erased", "deleted", "kept"):
        register(client, event, email=f"{name}@example.org")
    erased, deleted, _kept = db.session.execute(
        select(Registration).order_by(Registration.id)
    ).scalars()
    services.erase_my_data(erased)
    db.session.delete(deleted)  # registration_id becomes NULL on its message
    db.session.commit()
    assert send_due() == (1, 0, 1)
    assert [m["To"] for m in smtp_server.messages] == ["kept@example.org"]
    to_erased, to_deleted, to_kept = outbox()
    assert to_erased.sent_at is None and to_erased.discarded_at is not None
    assert to_erased.recipient.endswith("@invalid") and "erased" in to_erased.last_error
    assert to_deleted.sent_at is None and to_deleted.discarded_at is not None
    assert to_deleted.last_error.startswith("Undeliverable: the registration was erased")
    assert to_kept.sent_at is not None
    # Discarded messages are not tried again.
    assert send_due(now=utcnow() + timedelta(days=1)) == (0, 0, 0)


def test_template_error_is_recorded_and_retried_with_backoff(
    app, client, event, smtp_server, monkeypatch
):
    smtp_server.configure(app)
    register(client, event)

    def broken(*args, **kwargs):
        raise UndefinedError("'venue' is undefined")

    monkeypatch.setattr(notify, "render_message", broken)
    assert send_due() == (0, 1, 0)
    [row] = outbox()
    assert row.last_error == "UndefinedError: 'venue' is undefined"
    assert row.attempts == 1 and row.rendered_at is None and row.discarded_at is None
    assert row.next_attempt_at > utcnow()
    assert send_due() == (0, 0, 0)  # not due yet
    monkeypatch.undo()
    assert send_due(now=utcnow() + timedelta(minutes=2)) == (1, 0, 0)
    assert len(smtp_server.messages) == 1
    db.session.refresh(row)
    assert row.sent_at is not None and row.attempts == 2 and row.last_error == ""


def test_each_registrant_reads_the_event_in_their_own_language(
    app, client, event, runner, smtp_server
):
    """The event's Swedish title reaches the Swedish registrant (subject, text and the .ics);
    the English registrant gets the original."""
    event.set_translations("sv", {"title": "Samverkan inom vetenskap 2026"})
    db.session.commit()
    smtp_server.configure(app)
    client.get("/events/cis-2026/register?lang=sv")
    register(client, event)
    client.get("/events/cis-2026/register?lang=en")
    register(client, event, email="english@example.org")
    runner.invoke(args=["send-mail"])
    swedish, english = smtp_server.messages
    assert swedish["Subject"] == "Du är anmäld: Samverkan inom vetenskap 2026"
    assert "Samverkan inom vetenskap 2026" in swedish.get_body(("plain",)).get_content()
    [attachment] = list(swedish.iter_attachments())
    [vevent] = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Samverkan inom vetenskap 2026"
    assert english["Subject"] == "You are registered: Collaboration in Science 2026"
