"""Reminders for an event of 5,000 registrations: queued, then rendered and sent over SMTP.

    .venv/bin/python -m bench.reminders                     # 5,000 registrations on PostgreSQL
    .venv/bin/python -m bench.reminders --people 500 --database-url sqlite

A fresh database (PostgreSQL, dropped after; or a temporary SQLite file) holds one published
event with a venue, a contact person and two sessions, and ``--people`` registrations (nine in
ten confirmed, one in ten waitlisted, one in three Swedish). The figures: the time to queue the
two-days reminder for everyone (``queue_due_reminders``: one transaction under the event's
lock), and the time to render and send them through aiosmtpd running in its own process, as a
real relay would (``send_due`` in rounds of 100, as ``send-mail --loop`` does).

Ceilings (beside the figures): queueing is bulk INSERTs, well under a second per 5,000; sending
is bound by rendering (text, HTML and an .ics each), aim for at least 100 mails/s on one core.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.common import PG_ADMIN, create_database, drop_database, free_port
from bench.registration_cpu import _wait_for_port

QUEUE_CEILING_S = 1.0  # per 5,000 registrations
SEND_FLOOR_PER_S = 100


def prepare(app, people: int) -> object:
    """The event and its registrations, written in bulk; returns the event."""
    from flask_migrate import upgrade

    from eventapp.core.db import utcnow
    from eventapp.core.types import EventStatus, RegistrationStatus
    from eventapp.directory.models import Person
    from eventapp.events.models import Event, Room, Session, Venue
    from eventapp.extensions import db
    from eventapp.registration.models import Registration

    upgrade()
    now = utcnow()
    venue = Venue(slug="aula-medica", name="Aula Medica", address="Nobels väg 6", city="Solna")
    venue.rooms.append(Room(name="Aula"))
    contact = Person(slug="eva-lind", name="Eva Lind", email="eva.lind@ki.example.org")
    start = now + timedelta(days=5)
    event = Event(
        slug="bench-reminders",
        title="Benchmark symposium",
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        status=EventStatus.PUBLISHED,
        venue=venue,
        contact_person=contact,
        remind_two_days=True,
        remind_morning=True,
    )
    for n in range(2):
        at = start + timedelta(hours=n)
        event.sessions.append(
            Session(title=f"Talk {n}", starts_at=at, ends_at=at + timedelta(minutes=45))
        )
    db.session.add(event)
    db.session.flush()
    rows = [
        {
            "event_id": event.id,
            "name": f"Person {i}",
            "email": f"person{i}@example.org",
            "status": (
                RegistrationStatus.WAITLISTED if i % 10 == 9 else RegistrationStatus.CONFIRMED
            ),
            "waitlisted_at": now if i % 10 == 9 else None,
            "confirmed_at": None if i % 10 == 9 else now,
            "language": "sv" if i % 3 == 0 else "en",
            "secret": secrets.token_urlsafe(32),
            "checkin_code": secrets.token_urlsafe(16),
            "created_at": now - timedelta(days=1),
            "updated_at": now - timedelta(days=1),
        }
        for i in range(people)
    ]
    db.session.execute(Registration.__table__.insert(), rows)
    db.session.commit()
    return event


def send_all(app) -> tuple[int, float, float]:
    """Deliver the whole outbox to aiosmtpd; returns (sent, wall seconds, CPU seconds)."""
    import subprocess

    from eventapp.mail.sender import send_due

    port = free_port()
    command = [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink"]
    relay = subprocess.Popen([*command, "-l", f"127.0.0.1:{port}"])
    try:
        _wait_for_port(port)
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_TLS="none")
        wall, cpu, total = time.perf_counter(), time.process_time(), 0
        while True:
            report = send_due(limit=100)
            assert report.failed == 0, report
            total += report.sent
            if not report.sent:
                break
        return total, time.perf_counter() - wall, time.process_time() - cpu
    finally:
        relay.terminate()
        relay.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--database-url", default=PG_ADMIN, help="PostgreSQL server, or sqlite")
    args = parser.parse_args()

    from eventapp import create_app
    from eventapp.config import TestConfig
    from eventapp.extensions import db
    from eventapp.reminders.services import due_at, queue_due_reminders

    with tempfile.TemporaryDirectory() as instance:
        sqlite = args.database_url == "sqlite"
        url = (
            f"sqlite:///{Path(instance) / 'bench.sqlite3'}"
            if sqlite
            else create_database(args.database_url, prefix="eventapp_reminders")
        )
        try:
            app = create_app(TestConfig(url, INSTANCE_PATH=Path(instance)))
            with app.app_context():
                event = prepare(app, args.people)
                now = due_at(event, "two_days") + timedelta(minutes=1)
                wall = time.perf_counter()
                queued = queue_due_reminders(now)
                queue_s = time.perf_counter() - wall
                again = queue_due_reminders(now)
                sent, send_s, cpu_s = send_all(app)
                db.session.remove()
                db.engine.dispose()
        finally:
            if not sqlite:
                drop_database(url)
    ceiling = QUEUE_CEILING_S * args.people / 5000
    print(
        f"queued: {queued} reminders in {queue_s:.2f} s ({queued / queue_s:.0f}/s;"
        f" ceiling {ceiling:.2f} s); a second round queued {again}"
    )
    print(
        f"sent: {sent} reminders rendered (text, HTML, .ics for the confirmed) and sent in"
        f" {send_s:.1f} s ({sent / send_s:.0f} mails/s, floor {SEND_FLOOR_PER_S}/s;"
        f" {cpu_s / sent * 1000:.1f} ms of the sender's CPU each)"
    )


if __name__ == "__main__":
    main()
