"""flask commands: create-user, seed-demo; send-invitations and send-reminders live in
engage.invite.commands."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from engage.auth.passwords import MIN_PASSWORD_LENGTH, generate_password
from engage.auth.services import AccountError, create_user
from engage.extensions import db
from engage.models import Role


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.LEADER.value,
    show_default=True,
    help="admin: everything; leader: own projects; viewer: read-only.",
)
@click.option("--name", default="", help="Display name.")
@click.option(
    "--generate-password",
    "generate",
    is_flag=True,
    help="Generate a password and print it once instead of prompting.",
)
def create_user_command(email: str, role: str, name: str, generate: bool) -> None:
    """Create an account; the password is prompted, or generated and printed once."""
    if generate:
        password = generate_password()
    else:
        password = click.prompt(
            f"Password (at least {MIN_PASSWORD_LENGTH} characters)",
            hide_input=True,
            confirmation_prompt=True,
        )
    try:
        user = create_user(email, password, Role(role), name=name)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}")
    if generate:
        click.echo(f"Password (shown once): {password}")


@click.command("seed-demo")
@with_appcontext
@click.option("--reset-password", is_flag=True, help="Give the demo leader a new password.")
def seed_demo_command(reset_password: bool) -> None:
    """Fill the database with the invented demo kommune; safe to run again."""
    from engage.demo.seed import seed_demo

    result = seed_demo(reset_password=reset_password)
    db.session.commit()
    base = current_app.config["PUBLIC_BASE_URL"] or "http://127.0.0.1:5000"
    state = "created" if result.created else "already present, unchanged"
    click.echo(f"Demo project {result.project.slug!r}: {state}")
    click.echo(f"Leader login: {result.leader.email}")
    if result.password:
        click.echo(f"Password (shown once): {result.password}")
    else:
        click.echo("Password: unchanged (use --reset-password to get a new one)")
    click.echo(f"Open workshop: {base}/j/{result.open_workshop.join_code}")


def init_app(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    from engage.invite import commands as invite_commands

    invite_commands.init_app(app)
