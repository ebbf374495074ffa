"""The mail worker survives a database outage: it waits, retries, logs once, and delivers when
the database is back; a message's Message-ID is the same on every attempt."""

from __future__ import annotations

import logging

from sqlalchemy.exc import OperationalError

from eventapp.mail import cli
from eventapp.mail.outbox import RenderedMail
from eventapp.mail.sender import build_message, send_due
from tests.mail.test_sender import queue, rows


def test_the_loop_waits_out_a_database_outage_and_logs_it_once(
    app, smtp_server, runner, monkeypatch, caplog
):
    smtp_server.configure(app)
    queue(2)
    real, calls = cli.send_due, []

    def flaky(**kw):
        calls.append(1)
        if len(calls) <= 3:  # PostgreSQL restarting
            raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))
        return real(**kw)

    monkeypatch.setattr(cli, "send_due", flaky)
    with caplog.at_level(logging.INFO, logger="eventapp"):
        result = runner.invoke(args=["send-mail", "--loop", "--rounds", "5", "--interval", "0"])
    assert result.exit_code == 0, result.output
    assert len(smtp_server.messages) == 2 and all(r.sent_at for r in rows())
    down = [r for r in caplog.records if "database" in r.getMessage().lower()]
    assert [r.levelno for r in down] == [logging.WARNING, logging.INFO]  # down once, back once


def test_a_messages_id_is_the_same_on_every_attempt(app, smtp_server):
    [row] = queue(1)
    first = build_message(row, _content(row), app.config["MAIL_FROM"])["Message-ID"]
    again = build_message(row, _content(row), app.config["MAIL_FROM"])["Message-ID"]
    assert first == again and first.startswith(f"<outbox-{row.id}.")
    smtp_server.configure(app)
    assert send_due() == (1, 0, 0)
    assert smtp_server.messages[0]["Message-ID"] == first


def _content(row):
    return RenderedMail(row.subject, row.body_text, row.body_html, [])
