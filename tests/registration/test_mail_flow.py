"""From the form to a real SMTP server: the confirmation arrives with its calendar invitation."""

from __future__ import annotations

from datetime import timedelta

from eventapp.core.db import utcnow
from eventapp.mail.sender import send_due
from tests.registration.conftest import outbox, register


def test_confirmation_reaches_the_inbox_with_the_ics_invitation(app, client, event, smtp_server):
    smtp_server.configure(app)
    location = register(client, event).headers["Location"]
    assert send_due() == (1, 0)
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
    assert send_due() == (0, 2)
    assert all(m.sent_at is None and m.last_error for m in outbox())
    smtp_server.start()
    assert send_due(now=utcnow() + timedelta(hours=1)) == (2, 0)
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.org", "b@example.org"]
