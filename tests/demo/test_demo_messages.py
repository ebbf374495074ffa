"""The demo shows the organisers' messages and reminders: one message to the upcoming
edition's confirmed registrants, in both languages, and its reminders switched on."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.messages.models import OrganiserMessage


def test_the_upcoming_edition_has_a_message_in_both_languages_and_reminders_on(demo):
    [message] = db.session.execute(select(OrganiserMessage)).scalars()
    assert set(message.versions) == {"en", "sv"} and message.recipients > 0
    rows = db.session.execute(
        select(OutboxMessage).where(OutboxMessage.organiser_message_id == message.id)
    ).scalars()
    assert len(list(rows)) == message.recipients
    event = db.session.get(Event, message.event_id)
    assert event.remind_two_days and event.remind_morning
