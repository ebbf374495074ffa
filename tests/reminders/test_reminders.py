"""Reminders through a real SMTP server: what each state gets, once, whoever sends them."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import icalendar
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from eventapp.core.types import RegistrationStatus
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.sender import send_due
from eventapp.registration import services as registration_services
from eventapp.registration.models import RegistrationChoice
from eventapp.reminders.models import ReminderDelivery
from eventapp.reminders.services import due_at, queue_due_reminders, reminder_logs
from tests.builders import make_registration
from tests.reminders.conftest import STOCKHOLM, after


def deliveries() -> int:
    db.session.rollback()
    return db.session.execute(select(func.count()).select_from(ReminderDelivery)).scalar_one()


def reminder_rows() -> list[OutboxMessage]:
    db.session.rollback()
    stmt = select(OutboxMessage).where(OutboxMessage.kind.like("reminder_%"))
    return list(db.session.execute(stmt.order_by(OutboxMessage.id)).scalars())


def test_confirmed_get_when_where_map_sessions_and_the_ics_waitlisted_their_position(
    app, event, smtp_server
):
    smtp_server.configure(app)
    confirmed = make_registration(event, "Carin Dahlberg", email="carin@example.org")
    confirmed.choices.append(
        RegistrationChoice(session=event.sessions[0], created_at=event.created_at)
    )
    make_registration(
        event, "Ali Saleh", email="ali@example.org", status=RegistrationStatus.WAITLISTED
    )
    make_registration(event, "Gone", email="gone@example.org", status=RegistrationStatus.CANCELLED)
    make_registration(event, "Svensk", email="sv@example.org", language="sv")
    db.session.commit()

    assert queue_due_reminders(after(event, "two_days")) == 3
    assert send_due(now=after(event, "two_days")) == (3, 0, 0)
    by_address = {m["To"]: m for m in smtp_server.messages}
    assert set(by_address) == {"carin@example.org", "ali@example.org", "sv@example.org"}

    carin = by_address["carin@example.org"]
    assert carin["Subject"].startswith("Soon: ATMP mini-symposium")
    assert carin["Reply-To"] == "eva.lind@ki.example.org"
    assert carin["From"].startswith("Karolinska Institutet <")
    text = carin.get_body(("plain",)).get_content()
    html = carin.get_body(("html",)).get_content()
    for part in (text, html):
        assert "09:00–17:00" in part and "Nobels väg 6" in part and "Solna" in part
        assert "openstreetmap.org/?mlat=59.348000&amp;mlon=18.026700" in part.replace(
            "&mlon", "&amp;mlon"
        )
        assert "Workshop: CAR-T manufacturing" in part and "Aula" in part
    [attachment] = list(carin.iter_attachments())
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    summaries = [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")]
    assert summaries == ["ATMP mini-symposium", "Workshop: CAR-T manufacturing"]

    ali = by_address["ali@example.org"]
    ali_text = ali.get_body(("plain",)).get_content()
    assert "number 1 on the waiting list" in ali_text and "What happens next" in ali_text
    assert not list(ali.iter_attachments())
    assert by_address["sv@example.org"]["Subject"].startswith("Snart: ATMP mini-symposium")


def test_each_reminder_is_queued_once_and_the_morning_one_follows(app, event, smtp_server):
    smtp_server.configure(app)
    make_registration(event, email="a@example.org")
    db.session.commit()
    assert queue_due_reminders(after(event, "two_days", minutes=-2)) == 0  # not due yet
    assert queue_due_reminders(after(event, "two_days")) == 1
    assert queue_due_reminders(after(event, "two_days", minutes=30)) == 0
    assert queue_due_reminders(after(event, "morning")) == 1
    assert queue_due_reminders(after(event, "morning", minutes=5)) == 0
    assert queue_due_reminders(event.starts_at) == 0  # never once the event has begun
    assert [r.kind for r in reminder_rows()] == ["reminder_two_days", "reminder_morning"]
    assert send_due(now=after(event, "morning")) == (2, 0, 0)
    assert smtp_server.messages[1]["Subject"] == "Today: ATMP mini-symposium"


def test_a_stopped_sender_sends_only_the_latest_due_reminder(event):
    make_registration(event)
    db.session.commit()
    assert queue_due_reminders(after(event, "morning")) == 1
    assert [r.kind for r in reminder_rows()] == ["reminder_morning"]


def test_switched_off_reminders_and_late_registrations_are_not_queued(event):
    make_registration(event, email="early@example.org")
    late = make_registration(event, email="late@example.org")
    late.created_at = after(event, "two_days", minutes=10)
    event.remind_morning = False
    db.session.commit()
    assert queue_due_reminders(after(event, "two_days", minutes=20)) == 1
    assert queue_due_reminders(after(event, "morning")) == 0
    assert [r.recipient for r in reminder_rows()] == ["early@example.org"]


def test_two_senders_racing_queue_each_reminder_once(app, event):
    for n in range(40):
        make_registration(event, email=f"p{n}@example.org")
    db.session.commit()
    now = after(event, "two_days")
    barrier = threading.Barrier(4)

    def worker(_n: int) -> int:
        with app.app_context():
            barrier.wait()
            try:
                return queue_due_reminders(now)
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=4) as pool:
        counts = list(pool.map(worker, range(4)))
    assert sorted(counts) == [0, 0, 0, 40]
    assert deliveries() == 40 and len(reminder_rows()) == 40


def test_a_restarted_sender_does_not_queue_again(make_app, app, event):
    make_registration(event)
    db.session.commit()
    assert queue_due_reminders(after(event, "two_days")) == 1
    restarted = make_app()
    with restarted.app_context():
        assert queue_due_reminders(after(event, "two_days", minutes=5)) == 0
        db.session.remove()
    assert deliveries() == 1


def test_the_database_refuses_a_second_delivery_of_the_same_reminder(event):
    registration = make_registration(event)
    db.session.commit()
    queue_due_reminders(after(event, "two_days"))
    db.session.add(
        ReminderDelivery(event_id=event.id, registration_id=registration.id, reminder="two_days")
    )
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_who_cancels_after_it_was_queued_gets_nothing_and_send_mail_says_discarded(
    app, event, runner, smtp_server
):
    smtp_server.configure(app)
    make_registration(event, email="stays@example.org")
    leaves = make_registration(event, email="leaves@example.org")
    db.session.commit()
    event_id = event.id
    queue_due_reminders(after(event, "two_days"))
    registration_services.cancel_registration(leaves)
    # The cancellation's own e-mail goes; the reminder to the one who left is discarded.
    result = runner.invoke(args=["send-mail"])
    assert "2 sent, 0 failed, 1 discarded." in result.output, result.output
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "leaves@example.org",
        "stays@example.org",
    ]
    assert (
        "cancel"
        in next(m for m in smtp_server.messages if m["To"] == "leaves@example.org")[
            "Subject"
        ].lower()
    )
    two_days = reminder_logs(db.session.get(Event, event_id))[0]
    assert (two_days.queued, two_days.sent, two_days.discarded) == (2, 1, 1)
    assert two_days.last_sent_at is not None


def test_reminders_fall_due_at_nine_two_days_before_and_seven_on_the_day(event):
    local = due_at(event, "two_days").astimezone(STOCKHOLM)
    start = event.starts_at.astimezone(STOCKHOLM)
    assert (local.hour, (start.date() - local.date()).days) == (9, 2)
    assert due_at(event, "morning").astimezone(STOCKHOLM).hour == 7
