"""Account commands: ``flask --app eventapp create-admin EMAIL``."""

from __future__ import annotations

import sys

import click

from eventapp.auth import services
from eventapp.auth.blueprint import bp


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@bp.cli.command("create-admin")
@click.argument("email")
def create_admin(email: str) -> None:
    """Create a site administrator (the password is prompted for, or read from stdin)."""
    password = _read_password()
    try:
        user = services.create_admin(email, password)
    except services.AccountError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Site administrator {user.email} is ready.")
