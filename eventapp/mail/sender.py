"""Delivering the outbox: SMTP with retries and exponential backoff, or .eml files in development.

Rows are never deleted. A sender claims a batch by pushing its ``next_attempt_at`` forward (a
lease) in a short transaction: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, ``BEGIN IMMEDIATE`` on
SQLite, so two senders never take the same row. A sender that dies mid-batch leaves rows whose
lease expires and that the next run retries.

A message enqueued for rendering at send time is rendered here, just before its MIME message is
built, outside any write lock; the result is written into the row with the outcome of the
attempt, so the row shows what was sent. A rendering error is recorded and retried like a
refused message; a message that can no longer be delivered (its registration erased, no real
address) is discarded with the reason in ``last_error``, and the others still go.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path
from typing import Any, NamedTuple

from flask import current_app
from sqlalchemy import select

from eventapp.core.db import is_sqlite, utcnow
from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.mail.outbox import RenderedMail, Undeliverable, render_deferred

LEASE = timedelta(minutes=10)
FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: 1, 2, 4, 8… minutes, at most 6 hours."""
    return min(FIRST_RETRY * (2 ** min(max(attempts - 1, 0), 20)), MAX_RETRY)


class SendReport(NamedTuple):
    """What one round did: sent, failed (to be retried) and discarded on purpose (never sent:
    its registration ended or was erased before it went out)."""

    sent: int
    failed: int
    discarded: int


def from_header(row: OutboxMessage, sender: str) -> str:
    """The site's address (``MAIL_FROM``) under the name of whoever the message is from (an
    organiser, their organisation), else under the configured name."""
    name, address = parseaddr(sender)
    return formataddr((row.sender_name or name, address)) if address else sender


def build_message(row: OutboxMessage, content: RenderedMail, sender: str) -> EmailMessage:
    """The MIME message: text, HTML alternative and attachments."""
    message = EmailMessage()
    message["From"] = from_header(row, sender)
    message["To"] = row.recipient
    if row.reply_to:
        message["Reply-To"] = row.reply_to
    message["Subject"] = content.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = message_id_of(row, sender)
    message.set_content(content.body_text)
    if content.body_html:
        message.add_alternative(content.body_html, subtype="html")
    for attachment in content.attachments:
        add_attachment(message, attachment)
    return message


def message_id_of(row: OutboxMessage, sender: str) -> str:
    """The row's Message-ID, the same on every attempt: a message sent again after a crash
    between the SMTP answer and the commit is the same message to mail servers and clients
    (Gmail, for one, shows a repeated Message-ID once). See docs/deploy.md, "Mail"."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "eventapp.invalid"
    return f"<outbox-{row.id}.{int(row.created_at.timestamp())}@{domain}>"


def prepare(message_id: int, sender: str) -> tuple[EmailMessage, RenderedMail | None]:
    """The MIME message of a claimed row, rendering it first when it was deferred.

    Returns the message and what was rendered now (None for a row rendered when enqueued).
    Raises ``Undeliverable`` for a row without a real address, or whatever rendering raised.
    """
    row = db.session.get(OutboxMessage, message_id, populate_existing=True)
    domain = row.recipient.rpartition("@")[2].lower()
    if not domain or domain.rpartition(".")[2] == "invalid":  # RFC 2606: anonymised addresses
        raise Undeliverable(f"no deliverable address ({row.recipient!r})")
    rendered = render_deferred(row) if row.rendered_at is None else None
    content = rendered or RenderedMail(
        row.subject, row.body_text, row.body_html, list(row.attachments or [])
    )
    return build_message(row, content, sender), rendered


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


def begin_write() -> None:
    """Start a write transaction (SQLite: BEGIN IMMEDIATE, which waits for the write lock)."""
    if db.session().in_transaction():
        db.session.commit()
    if is_sqlite():
        db.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


def claim(limit: int, now: datetime) -> list[tuple[int, str]]:
    """Lease up to ``limit`` due messages to this sender: (id, kind) of each, committed."""
    begin_write()
    stmt = (
        select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.discarded_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if not is_sqlite():
        stmt = stmt.with_for_update(skip_locked=True)
    rows = list(db.session.execute(stmt).scalars())
    batch = []
    for row in rows:
        row.next_attempt_at = now + LEASE
        batch.append((row.id, row.kind))
    db.session.commit()
    return batch


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


def write_eml(message: EmailMessage, message_id: int, kind: str) -> Path:
    """Development delivery: the message as a file under instance/mail/."""
    folder = Path(current_app.config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{message_id:08d}-{kind or 'message'}.eml"
    path.write_bytes(bytes(message))
    return path


def record(
    message_id: int,
    error: BaseException | None,
    now: datetime,
    rendered: RenderedMail | None = None,
) -> None:
    """Write the outcome of one attempt (sent; discarded; or the error and when to try again),
    and what was rendered for it."""
    begin_write()
    row = db.session.get(OutboxMessage, message_id, populate_existing=True)
    row.attempts += 1
    if rendered is not None:
        row.subject = rendered.subject[:300]
        row.body_text = rendered.body_text
        row.body_html = rendered.body_html
        row.attachments = rendered.attachments
        row.rendered_at = utcnow()
    if error is None:
        row.sent_at = utcnow()
        row.last_error = ""
    else:
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        if isinstance(error, Undeliverable):
            row.discarded_at = utcnow()
        else:
            row.next_attempt_at = now + backoff(row.attempts)
    db.session.commit()


def send_due(limit: int = 100, now: datetime | None = None) -> SendReport:
    """Send the due messages once; returns (sent, failed, discarded). Failures are kept for a
    retry; a discarded message is given up on purpose and never tried again."""
    now = now or utcnow()
    batch = claim(limit, now)
    outcomes: dict[int, BaseException | None] = {}
    if not batch:
        return SendReport(0, 0, 0)
    sender = current_app.config["MAIL_FROM"]
    try:
        with smtp_connection() as conn:
            for message_id, kind in batch:
                try:
                    message, rendered = prepare(message_id, sender)
                except Exception as error:
                    # Undeliverable is discarded by record(); a template or data error is retried
                    # with backoff, like a refused message, and the others still go.
                    db.session.rollback()
                    outcomes[message_id] = error
                    record(message_id, error, now)
                    continue
                try:
                    if conn is None:
                        write_eml(message, message_id, kind)
                    else:
                        conn.send_message(message)
                except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError):
                    raise
                except (smtplib.SMTPException, ValueError) as error:
                    # This message was refused (bad recipient…); the others may still go.
                    # (SMTPException subclasses OSError, so it is caught before OSError.)
                    outcomes[message_id] = error
                else:
                    outcomes[message_id] = None
                record(message_id, outcomes[message_id], now, rendered)
    except (smtplib.SMTPException, OSError) as error:
        # The server is unreachable: every claimed message not yet handled waits for a retry.
        db.session.rollback()
        for message_id, _kind in batch:
            if message_id not in outcomes:
                outcomes[message_id] = error
                record(message_id, error, now)
    sent = sum(1 for error in outcomes.values() if error is None)
    discarded = sum(1 for error in outcomes.values() if isinstance(error, Undeliverable))
    return SendReport(sent, len(outcomes) - sent - discarded, discarded)
