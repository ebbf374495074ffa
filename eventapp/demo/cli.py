"""``flask --app eventapp demo``: load the demo content built from the source documents."""

from __future__ import annotations

import click

from eventapp.core.timefmt import to_zone
from eventapp.demo.blueprint import bp
from eventapp.demo.services import load_demo
from eventapp.extensions import db


@bp.cli.command("demo")
def demo_command() -> None:
    """Load the demo organisations, events, collaborations, posts and logins (idempotent)."""
    summary = load_demo()
    db.session.commit()
    figures = ", ".join(f"{count} {table}" for table, count in summary.counts.items())
    click.echo(f"Demo content loaded: {figures}.")
    event = summary.upcoming
    if event is not None:
        click.echo(
            f"Upcoming with registration open: {event.title} "
            f"({to_zone(event.starts_at, event.timezone):%Y-%m-%d %H:%M}), /events/{event.slug}/ "
            f"({summary.new_registrations} synthetic registrations added)."
        )
    for email, password in summary.new_passwords.items():
        click.echo(f"Created login {email} with password: {password}")
