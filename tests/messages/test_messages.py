"""Organisers' messages, from the page's own form to a real SMTP server."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.core.types import RegistrationCategory, RegistrationStatus
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.sender import send_due
from eventapp.messages.services import message_history
from eventapp.registration import services as registration_services
from eventapp.registration.models import RegistrationChoice
from tests.builders import make_event, make_organisation, make_registration, make_user
from tests.conftest import login
from tests.helpers.forms import submit

URL = "/manage/events/atmp-2026/messages"
BODY = (
    "Dear {name},\n\nThe workshop moves to **room 4**.\n\n"
    "- bring your laptop\n- arrive at 08:45\n\nYour page: [your registration]({link})\n\n"
    "<script>alert(1)</script>"
)


def organiser(client, event):
    user = make_user(
        "anna.berg@ki.example.org",
        organisations=[event.organisers[0].organisation],
        display_name="Anna Berg",
    )
    db.session.commit()
    login(client, user)
    return user


def queued() -> list[OutboxMessage]:
    db.session.rollback()
    return list(db.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars())


def write(client, **fields):
    values = {"subject_en": "Room change for {event}", "body_en": BODY, **fields}
    return submit(client, URL, **values)


def test_an_unknown_placeholder_is_refused_before_anything_is_sent(client, event):
    make_registration(event)
    organiser(client, event)
    page = write(client, body_en="Hello {nme}", send="Send")
    assert page.status_code == 422
    assert "Unknown placeholder {nme}" in page.get_data(as_text=True)
    assert write(client, subject_en="A { brace", send="Send").status_code == 422
    assert write(client, subject_en="{name.__class__}", send="Send").status_code == 422
    assert queued() == []


def test_each_chosen_registrant_gets_their_language_with_reply_to_and_real_paragraphs(
    app, client, event, smtp_server
):
    smtp_server.configure(app)
    workshop = event.sessions[0]
    chosen = []
    for email, language in (("carin@example.org", "en"), ("sven@example.org", "sv")):
        registration = make_registration(
            event, email.split("@")[0].title(), email=email, language=language,
            category=RegistrationCategory.SPEAKER,
        )  # fmt: skip
        registration.choices.append(RegistrationChoice(session=workshop, created_at=utcnow()))
        chosen.append(registration)
    no_session = make_registration(event, email="nosession@example.org")
    wrong_category = make_registration(event, email="press@example.org")
    wrong_category.category = RegistrationCategory.PRESS
    wrong_category.choices.append(RegistrationChoice(session=workshop, created_at=utcnow()))
    checked_in = make_registration(event, email="in@example.org", checked_in_at=utcnow())
    checked_in.category = RegistrationCategory.SPEAKER
    checked_in.choices.append(RegistrationChoice(session=workshop, created_at=utcnow()))
    waitlisted = make_registration(
        event, email="wait@example.org", status=RegistrationStatus.WAITLISTED
    )
    waitlisted.category = RegistrationCategory.SPEAKER
    waitlisted.choices.append(RegistrationChoice(session=workshop, created_at=utcnow()))
    db.session.commit()
    organiser(client, event)
    page = write(
        client,
        statuses=["confirmed"],
        categories=["speaker"],
        session_id=str(workshop.id),
        checked_in="no",
        subject_sv="Ny sal för {event}",
        body_sv="Hej {name}!\n\nWorkshoppen flyttar till **sal 4**.",
        send="Send",
    )
    assert page.status_code == 303, page.get_data(as_text=True)
    assert sorted(m.recipient for m in queued()) == ["carin@example.org", "sven@example.org"]
    assert send_due() == (2, 0, 0)
    by_address = {m["To"]: m for m in smtp_server.messages}
    carin, sven = by_address["carin@example.org"], by_address["sven@example.org"]
    assert carin["Subject"] == "Room change for ATMP mini-symposium"
    assert sven["Subject"] == "Ny sal för ATMP mini-symposium"
    assert carin["Reply-To"] == sven["Reply-To"] == "eva.lind@ki.example.org"
    assert carin["From"].startswith('"Anna Berg, Karolinska Institutet" <')
    assert "noreply@localhost" not in carin["From"]
    html = carin.get_body(("html",)).get_content()
    assert "<p>Dear Carin,</p>" in html and "<strong>room 4</strong>" in html
    assert "<li>bring your laptop</li>" in html
    secret = chosen[0].secret
    assert f'<a href="http://eventapp.test/r/{secret}/"' in html
    assert "<script>" not in html and "alert(1)" not in html
    text = carin.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Dear Carin,\n\nThe workshop moves to **room 4**.")
    assert f"http://eventapp.test/r/{secret}/" in text
    assert "<p>Hej Sven!</p>" in sven.get_body(("html",)).get_content()
    assert no_session.id and wrong_category.id


def test_preview_as_a_chosen_participant_sends_nothing(client, event):
    make_registration(event, "Carin Dahlberg", email="carin@example.org")
    other = make_registration(event, "Sven Svensson", email="sven@example.org", language="sv")
    db.session.commit()
    organiser(client, event)
    page = write(client, preview_as=str(other.id), body_sv="Hej {name}!", subject_sv="Hej",
                 preview="Preview")  # fmt: skip
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Preview for Sven Svensson" in html and "Hej Sven Svensson!" in html
    assert queued() == []


def test_preview_as_another_events_registrant_is_refused(client, event):
    make_registration(event, "Carin Dahlberg")
    elsewhere = make_event("Other", slug="other", organisers=[make_organisation("KTH")])
    theirs = make_registration(elsewhere, "Secret Person")
    db.session.commit()
    organiser(client, event)
    page = write(client, preview_as=str(theirs.id), preview="Preview")
    html = page.get_data(as_text=True)
    assert page.status_code == 422 and "Not a valid choice" in html
    assert "Secret Person" not in html and "Preview for" not in html
    assert queued() == []


def test_a_test_send_goes_to_the_organiser_only(app, client, event, smtp_server):
    smtp_server.configure(app)
    make_registration(event, "Carin Dahlberg", email="carin@example.org")
    db.session.commit()
    organiser(client, event)
    assert write(client, test="Test").status_code == 303
    assert send_due() == (1, 0, 0)
    [message] = smtp_server.messages
    assert message["To"] == "anna.berg@ki.example.org"
    assert message["Subject"] == "[Test] Room change for ATMP mini-symposium"
    assert "Dear Carin Dahlberg," in message.get_body(("plain",)).get_content()


def test_history_counts_queued_sent_and_discarded(app, client, event, smtp_server):
    smtp_server.configure(app)
    make_registration(event, email="stays@example.org")
    leaves = make_registration(event, email="leaves@example.org")
    db.session.commit()
    organiser(client, event)
    assert write(client, send="Send").status_code == 303
    registration_services.cancel_registration(leaves)
    assert send_due() == (2, 0, 1)  # the cancellation's own e-mail, and one copy
    [log] = message_history(event)
    assert (log.queued, log.sent, log.failed, log.discarded) == (2, 1, 0, 1)
    page = client.get(URL).get_data(as_text=True)
    assert "Room change for {event}" in page


def test_the_organiser_switches_reminders_and_sees_what_they_sent(client, event):
    organiser(client, event)
    page = client.get(URL).get_data(as_text=True)
    assert "Two days before" in page and "Morning of the event" in page
    response = submit(client, URL, remind_two_days=None, remind_morning="y")
    assert response.status_code == 303
    db.session.refresh(event)
    assert (event.remind_two_days, event.remind_morning) == (False, True)
    assert "(off)" in client.get(URL).get_data(as_text=True)
