"""``flask --app eventapp send-mail [--loop]``: deliver the outbox.

With ``--loop`` the worker outlives a database outage (a restart, a failover): a round that
cannot reach the database is logged once, the worker waits and tries again, and says when the
database is back. Nothing is lost: the outbox rows wait in the database.
"""

from __future__ import annotations

import logging
import time

import click
from sqlalchemy.exc import InterfaceError, OperationalError

from eventapp.extensions import db
from eventapp.mail.blueprint import bp
from eventapp.mail.sender import send_due
from eventapp.registration.confirmation import expire_lapsed_holds
from eventapp.reminders.services import queue_due_reminders

log = logging.getLogger(__name__)
OUTAGE_WAIT = 5.0  # seconds between tries while the database is away


@bp.cli.command("send-mail")
@click.option("--loop", is_flag=True, help="Keep running, sending new messages as they come.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
@click.option("--batch", default=100, show_default=True, help="Messages per round.")
@click.option("--rounds", default=0, help="Stop after this many rounds (0: until stopped).")
def send_mail_command(loop: bool, interval: float, batch: int, rounds: int) -> None:
    """Send due messages over SMTP (or as .eml files under instance/mail/ without SMTP)."""
    done, outage = 0, False
    while True:
        try:
            # Lapsed holds first: the places they free are e-mailed to the waiting list in this
            # very round (registrations also expire them lazily, so a stopped worker holds none).
            # Then the reminders that fell due, so they go out in this round too.
            expire_lapsed_holds()
            queue_due_reminders()
            sent, failed, discarded = send_due(limit=batch)
        except (OperationalError, InterfaceError) as error:
            if not loop:
                raise
            _forget_connection()
            if not outage:
                log.warning("send-mail: the database does not answer (%s); retrying.", error)
            outage, sent, failed, discarded = True, 0, 0, 0
            done += 1
            if rounds and done >= rounds:
                break
            time.sleep(min(interval, OUTAGE_WAIT) if interval else 0)
            continue
        if outage:
            log.info("send-mail: the database answers again; sending.")
            outage = False
        db.session.remove()
        if sent or failed or discarded or not loop:
            click.echo(f"{sent} sent, {failed} failed, {discarded} discarded.")
        done += 1
        if not loop or (rounds and done >= rounds):
            break
        if sent + failed + discarded < batch:
            time.sleep(interval)


def _forget_connection() -> None:
    """Drop the broken connection (and its half-done transaction) so the next round opens a
    new one."""
    try:
        db.session.rollback()
    except (OperationalError, InterfaceError):
        pass
    db.session.remove()
