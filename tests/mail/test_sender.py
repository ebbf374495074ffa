"""Delivering the outbox through a real SMTP server (aiosmtpd on localhost)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from eventapp.core.db import utcnow
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.outbox import enqueue
from eventapp.mail.sender import backoff, send_due


def queue(n: int = 1, **kw) -> list[OutboxMessage]:
    messages = [
        enqueue(
            recipient=kw.get("recipient", f"reader{i}@example.org"),
            subject=f"Message {i}",
            body_text=f"Hello {i}",
            body_html=f"<p>Hello {i}</p>",
            kind="test",
            attachments=kw.get("attachments"),
        )
        for i in range(n)
    ]
    db.session.commit()
    return messages


def rows() -> list[OutboxMessage]:
    db.session.rollback()
    return list(db.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars())


def test_message_is_delivered_with_text_html_and_calendar_attachment(app, smtp_server):
    smtp_server.configure(app)
    ics = "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
    queue(
        attachments=[
            {
                "filename": "invitation.ics",
                "content_type": "text/calendar; method=PUBLISH",
                "content": ics,
            }
        ]
    )
    assert send_due() == (1, 0, 0)
    [message] = smtp_server.messages
    assert message["Subject"] == "Message 0" and message["To"] == "reader0@example.org"
    assert message["From"] == app.config["MAIL_FROM"]
    assert message.get_body(("plain",)).get_content().strip() == "Hello 0"
    assert message.get_body(("html",)).get_content().strip() == "<p>Hello 0</p>"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename() == "invitation.ics"
    assert "METHOD:PUBLISH" in attachment.get_content()
    [row] = rows()
    assert row.sent_at is not None and row.attempts == 1 and row.last_error == ""


def test_smtp_outage_loses_nothing_and_delivers_when_the_server_returns(app, smtp_server):
    smtp_server.configure(app)
    smtp_server.stop()
    queue(3)
    assert send_due() == (0, 3, 0)
    for row in rows():
        assert row.sent_at is None and row.attempts == 1
        assert row.last_error.startswith("ConnectionRefusedError")
        assert row.next_attempt_at > utcnow()
    # Not due yet: a second run right away leaves them alone.
    assert send_due() == (0, 0, 0)
    smtp_server.start()
    assert send_due(now=utcnow() + timedelta(minutes=2)) == (3, 0, 0)
    assert sorted(m["Subject"] for m in smtp_server.messages) == [
        "Message 0",
        "Message 1",
        "Message 2",
    ]
    assert [(r.attempts, r.sent_at is not None, r.last_error) for r in rows()] == [
        (2, True, "")
    ] * 3


def test_refused_recipient_is_recorded_and_the_others_go_out(app, smtp_server):
    smtp_server.configure(app)
    queue(1, recipient="refused@example.org")
    queue(1)
    assert send_due() == (1, 1, 0)
    refused, delivered = rows()
    assert refused.sent_at is None and "550" in refused.last_error
    assert delivered.sent_at is not None
    assert len(smtp_server.messages) == 1


def test_message_without_a_real_address_is_discarded_and_the_others_go_out(app, smtp_server):
    smtp_server.configure(app)
    queue(1, recipient="erased-7@invalid")  # what anonymisation leaves
    queue(1)
    assert send_due() == (1, 0, 1)
    discarded, delivered = rows()
    assert discarded.sent_at is None and discarded.discarded_at is not None
    assert discarded.last_error.startswith("Undeliverable: no deliverable address")
    assert delivered.sent_at is not None and len(smtp_server.messages) == 1
    assert send_due(now=utcnow() + timedelta(days=1)) == (0, 0, 0)  # never tried again


def test_retries_back_off_exponentially_up_to_six_hours():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(50) == timedelta(hours=6)


def test_without_smtp_host_messages_become_eml_files(app, tmp_path):
    app.config["SMTP_HOST"] = None
    queue(2)
    assert send_due() == (2, 0, 0)
    files = sorted((tmp_path / "instance" / "mail").glob("*.eml"))
    assert len(files) == 2
    assert b"Subject: Message 0" in files[0].read_bytes()
    assert all(r.sent_at is not None for r in rows())


def test_concurrent_senders_never_send_a_message_twice(app, smtp_server):
    smtp_server.configure(app)
    queue(40)
    barrier = threading.Barrier(4)
    results: list[tuple[int, int]] = []

    def sender() -> None:
        with app.app_context():
            barrier.wait()
            while True:
                sent, failed, _discarded = send_due(limit=5)
                results.append((sent, failed))
                if not sent and not failed:
                    break
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    subjects = Counter(m["Subject"] for m in smtp_server.messages)
    assert len(subjects) == 40 and set(subjects.values()) == {1}
    assert sum(s for s, _ in results) == 40
    assert all(r.sent_at is not None for r in rows())


def test_send_mail_command_delivers_the_outbox(app, smtp_server, runner):
    smtp_server.configure(app)
    queue(2)
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert "2 sent, 0 failed, 0 discarded." in result.output
    assert len(smtp_server.messages) == 2


def test_send_mail_loop_keeps_running_for_the_given_rounds(app, smtp_server, runner):
    smtp_server.configure(app)
    queue(1)
    result = runner.invoke(args=["send-mail", "--loop", "--rounds", "2", "--interval", "0"])
    assert result.exit_code == 0, result.output
    assert len(smtp_server.messages) == 1
