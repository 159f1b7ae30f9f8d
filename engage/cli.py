"""flask commands: worker, create-user, seed-demo …; send-invitations and send-reminders
live in engage.invite.commands."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from engage.analysis import embedding_available
from engage.auth.passwords import MIN_PASSWORD_LENGTH, generate_password
from engage.auth.services import AccountError, create_user
from engage.core import backup
from engage.demo.seed import demo_analysis, demo_vote, seed_demo
from engage.extensions import db
from engage.invite import commands as invite_commands
from engage.models import Project, Role
from engage.models.base import utcnow
from engage.report.exports import export
from engage.review import retention
from engage.tasks import place_new_input, run_worker
from engage.themes.embeddings import catch_up
from engage.themes.runs import create_run, execute_run


@click.command("worker")
@click.option(
    "--workers", type=click.IntRange(1, 32), default=1, show_default=True, help="Task threads."
)
@click.option(
    "--shutdown-timeout",
    type=float,
    default=10,
    show_default=True,
    help="Seconds a SIGINT waits for running tasks before stopping them.",
)
@with_appcontext
def worker_command(workers: int, shutdown_timeout: float) -> None:
    """Run the job worker: embeddings, analysis runs, new-input placement, due mails."""
    try:
        run_worker(current_app._get_current_object(), workers, shutdown_timeout)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error


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
    result = seed_demo(reset_password=reset_password)
    db.session.commit()
    if result.created:
        click.echo("Analysing the demo input (embeddings are computed once)...")
        run = demo_analysis(
            result.project, result.leader, use_embeddings=current_app.config["DEMO_EMBEDDINGS"]
        )
        pinned = sum(1 for t in run.themes if t.is_pinned)
        click.echo(
            f"Analysis #{run.id}: {run.status.value}, {len(run.themes)} themes, "
            f"{pinned} pinned as innsatsområder"
        )
        if pinned:
            vote = demo_vote(result.project, run)
            db.session.commit()
            _place_demo_comments(result.project.id)
            base = current_app.config["PUBLIC_BASE_URL"] or "http://127.0.0.1:5000"
            click.echo(f"Open vote on the pinned areas: {base}/j/{vote.join_code}")
    base = current_app.config["PUBLIC_BASE_URL"] or "http://127.0.0.1:5000"
    state = "created" if result.created else "already present, unchanged"
    click.echo(f"Demo project {result.project.slug!r}: {state}")
    click.echo(f"Leader login: {result.leader.email}")
    if result.password:
        click.echo(f"Password (shown once): {result.password}")
    else:
        click.echo("Password: unchanged (use --reset-password to get a new one)")
    click.echo(f"Open workshop: {base}/j/{result.open_workshop.join_code}")


def _place_demo_comments(project_id: int) -> None:
    """The demo ballots' comments arrive after the analysis: place them as the worker would."""
    placed = place_new_input.call_local(project_id)
    click.echo(f"Placed {placed} vote comments in the themes as new input")


@click.command("embed-backlog")
@with_appcontext
def embed_backlog_command() -> None:
    """Compute sentence embeddings for every text answer that has none yet."""
    if not embedding_available():
        raise click.ClickException("no embedding model installed (pip install '.[embed]')")
    click.echo(f"Stored {catch_up()} embeddings")


@click.command("run-analysis")
@click.argument("project")
@click.option("--themes", "n_themes", type=int, default=None, help="Fixed number of themes.")
@with_appcontext
def run_analysis_command(project: str, n_themes: int | None) -> None:
    """Run the theme analysis over all input of a project (id or slug) and store it."""
    run = create_run(_project(project), None, {}, {"n_themes": n_themes})
    db.session.commit()
    run = execute_run(run)
    click.echo(
        f"Analysis #{run.id}: {run.status.value}, {run.input_count} inputs, "
        f"{len(run.themes)} themes, {run.duration_ms} ms"
    )


@click.command("export-summary")
@click.argument("project")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "xlsx", "csv", "md"]),
    default="docx",
    show_default=True,
)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True)
@with_appcontext
def export_summary_command(project: str, fmt: str, output: str) -> None:
    """Write the plan summary (docx, md), the spreadsheet (xlsx) or responses (csv)."""
    found = _project(project)
    body, _mimetype = export(found, fmt)
    with open(output, "wb") as handle:
        handle.write(body)
    click.echo(f"Wrote {output} ({len(body)} bytes)")


@click.command("purge")
@click.option("--yes", is_flag=True, help="Delete; without it only list what would go.")
@with_appcontext
def purge_command(yes: bool) -> None:
    """Delete personal input and contacts of projects past their retention date."""
    today = utcnow().date()
    due = retention.due_projects(today)
    if not due:
        click.echo("No project is past its retention date.")
        return
    for project in due:
        found = retention.purge(project) if yes else retention.plan(project)
        counts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in found.counts.items())
        verb = "Deleted" if yes else "Would delete"
        click.echo(f"{project.slug} (kept until {project.retention_until}): {verb} {counts}")
    if yes:
        db.session.commit()
    else:
        click.echo("Dry run: nothing deleted. Run with --yes to delete.")


def _project(key: str):

    found = db.session.scalar(
        select(Project).where(
            (Project.slug == key) | (Project.id == (int(key) if key.isdigit() else -1))
        )
    )
    if found is None:
        raise click.ClickException(f"no project {key!r}")
    return found


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
    app.cli.add_command(export_summary_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(embed_backlog_command)
    app.cli.add_command(run_analysis_command)
    app.cli.add_command(purge_command)
    app.cli.add_command(backup.backup_command)
    app.cli.add_command(backup.restore_command)

    invite_commands.init_app(app)
