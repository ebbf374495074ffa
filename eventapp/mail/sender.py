"""Delivering the outbox: SMTP with retries and exponential backoff, or .eml files in development.

Rows are never deleted. A sender claims a batch by pushing its ``next_attempt_at`` forward (a
lease) in a short transaction: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, ``BEGIN IMMEDIATE`` on
SQLite, so two senders never take the same row. A sender that dies mid-batch leaves rows whose
lease expires and that the next run retries.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from eventapp.core.db import is_sqlite, utcnow
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage

LEASE = timedelta(minutes=10)
FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: 1, 2, 4, 8… minutes, at most 6 hours."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), MAX_RETRY)


def build_message(row: OutboxMessage, sender: str) -> EmailMessage:
    """The MIME message: text, HTML alternative and attachments."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.recipient
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = make_msgid(idstring=f"outbox-{row.id}")
    message.set_content(row.body_text)
    if row.body_html:
        message.add_alternative(row.body_html, subtype="html")
    for attachment in row.attachments or []:
        add_attachment(message, attachment)
    return message


def add_attachment(message: EmailMessage, attachment: dict[str, Any]) -> None:
    content_type, *params = (p.strip() for p in attachment["content_type"].split(";"))
    maintype, subtype = content_type.split("/", 1)
    extra = dict(p.split("=", 1) for p in params if "=" in p)
    content = attachment["content"]
    if maintype == "text":
        message.add_attachment(
            content, subtype=subtype, filename=attachment["filename"], params=extra
        )
    else:
        data = content.encode() if isinstance(content, str) else content
        message.add_attachment(data, maintype, subtype, filename=attachment["filename"])


def claim(limit: int, now: datetime) -> list[int]:
    """Lease up to ``limit`` due messages to this sender; returns their ids (committed)."""
    if is_sqlite():
        if db.session.in_transaction():
            db.session.commit()
        db.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if not is_sqlite():
        stmt = stmt.with_for_update(skip_locked=True)
    rows = list(db.session.execute(stmt).scalars())
    for row in rows:
        row.next_attempt_at = now + LEASE
    db.session.commit()
    return [row.id for row in rows]


@contextmanager
def smtp_connection() -> Iterator[smtplib.SMTP | None]:
    """An SMTP connection from the configuration, or None when no host is set (.eml files)."""
    config = current_app.config
    host = config.get("SMTP_HOST")
    if not host:
        yield None
        return
    port = int(config.get("SMTP_PORT") or 25)
    mode = (config.get("SMTP_TLS") or "none").lower()
    timeout = float(config.get("SMTP_TIMEOUT", 30))
    if mode == "ssl":
        conn: smtplib.SMTP = smtplib.SMTP_SSL(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if mode == "starttls":
            conn.starttls(context=ssl.create_default_context())
        if config.get("SMTP_USER"):
            conn.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
        yield conn
    finally:
        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()


def write_eml(message: EmailMessage, row: OutboxMessage) -> Path:
    """Development delivery: the message as a file under instance/mail/."""
    folder = Path(current_app.config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{row.id:08d}-{row.kind or 'message'}.eml"
    path.write_bytes(bytes(message))
    return path


def _record_failure(row: OutboxMessage, error: BaseException, now: datetime) -> None:
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    row.next_attempt_at = now + backoff(row.attempts)


def send_due(limit: int = 100, now: datetime | None = None) -> tuple[int, int]:
    """Send the due messages once; returns (sent, failed). Failures are kept for a retry."""
    now = now or utcnow()
    ids = claim(limit, now)
    if not ids:
        return 0, 0
    rows = db.session.execute(
        select(OutboxMessage).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)
    ).scalars()
    sender = current_app.config["MAIL_FROM"]
    sent = failed = 0
    done: set[int] = set()
    try:
        with smtp_connection() as conn:
            for row in rows:
                try:
                    message = build_message(row, sender)
                    if conn is None:
                        write_eml(message, row)
                    else:
                        conn.send_message(message)
                except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError):
                    raise
                except (smtplib.SMTPException, ValueError) as error:
                    # This message was refused (bad recipient…); the others may still go.
                    _record_failure(row, error, now)
                    failed += 1
                else:
                    row.attempts += 1
                    row.sent_at = utcnow()
                    row.last_error = ""
                    sent += 1
                db.session.commit()
                done.add(row.id)
    except (smtplib.SMTPException, OSError) as error:
        # The server is unreachable: every claimed row not yet handled is kept for a retry.
        db.session.rollback()
        pending = [i for i in ids if i not in done]
        for row in db.session.execute(
            select(OutboxMessage).where(OutboxMessage.id.in_(pending))
        ).scalars():
            _record_failure(row, error, now)
            failed += 1
        db.session.commit()
    return sent, failed
