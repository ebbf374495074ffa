"""``flask --app eventapp send-mail [--loop]``: deliver the outbox."""

from __future__ import annotations

import time

import click

from eventapp.extensions import db
from eventapp.mail.blueprint import bp
from eventapp.mail.sender import send_due


@bp.cli.command("send-mail")
@click.option("--loop", is_flag=True, help="Keep running, sending new messages as they come.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
@click.option("--batch", default=100, show_default=True, help="Messages per round.")
@click.option("--rounds", default=0, help="Stop after this many rounds (0: until stopped).")
def send_mail_command(loop: bool, interval: float, batch: int, rounds: int) -> None:
    """Send due messages over SMTP (or as .eml files under instance/mail/ without SMTP)."""
    done = 0
    while True:
        sent, failed = send_due(limit=batch)
        db.session.remove()
        if sent or failed or not loop:
            click.echo(f"{sent} sent, {failed} failed.")
        done += 1
        if not loop or (rounds and done >= rounds):
            break
        if sent < batch:
            time.sleep(interval)
