"""``flask --app eventapp purge-personal-data``, ``flask --app eventapp expire-holds``."""

from __future__ import annotations

import click

from eventapp.registration.blueprint import bp
from eventapp.registration.confirmation import expire_lapsed_holds
from eventapp.registration.privacy import purge_personal_data


@bp.cli.command("purge-personal-data")
def purge_personal_data_command() -> None:
    """Anonymise registrations of events that ended more than their retention period ago."""
    count = purge_personal_data()
    click.echo(f"{count} registrations anonymised.")


@bp.cli.command("expire-holds")
def expire_holds_command() -> None:
    """Let places held for unconfirmed addresses go once their time is up (``send-mail --loop``
    does this every round; this is for a cron job when no worker loops)."""
    count = expire_lapsed_holds()
    click.echo(f"{count} unconfirmed holds lapsed.")
