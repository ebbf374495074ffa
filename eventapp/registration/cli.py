"""``flask --app eventapp purge-personal-data``."""

from __future__ import annotations

import click

from eventapp.registration.blueprint import bp
from eventapp.registration.privacy import purge_personal_data


@bp.cli.command("purge-personal-data")
def purge_personal_data_command() -> None:
    """Anonymise registrations of events that ended more than their retention period ago."""
    count = purge_personal_data()
    click.echo(f"{count} registrations anonymised.")
