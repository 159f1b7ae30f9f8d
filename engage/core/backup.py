"""Backups of the whole database and restoring them: SQLite's online backup, pg_dump on
PostgreSQL. `flask --app engage backup FILE` and `flask --app engage restore FILE`."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404  # (runs pg_dump and pg_restore only, see _run)
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from engage.extensions import db


class BackupError(RuntimeError):
    """The backup or restore could not be made; the message says why."""


def _url() -> sa.engine.URL:
    return sa.engine.make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def backup(target: Path) -> Path:
    """Write a consistent copy of the database to `target` while the app keeps running."""
    url = _url()
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(url.database or "")
        try:
            copy = sqlite3.connect(target)
            with copy:
                source.backup(copy)  # page by page, under SQLite's own locking
            copy.close()
        finally:
            source.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq(url)])
    target.chmod(0o600)  # a backup holds everything the database holds
    return target


def restore(source: Path) -> None:
    """Replace the database's content with a backup made by `backup`."""
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    url = _url()
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            intact = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            intact = False
        finally:
            check.close()
        if not intact:
            raise BackupError(f"{source} is not an intact SQLite database")
        target = sqlite3.connect(url.database or "")
        try:
            backup_db = sqlite3.connect(source)
            with target:
                backup_db.backup(target)
            backup_db.close()
        finally:
            target.close()
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "-d", _libpq(url), str(source)])


def table_counts() -> dict[str, int]:
    """Rows per table, to compare a database with its restored backup."""
    inspector = sa.inspect(db.engine)
    with db.engine.connect() as conn:
        return {
            name: conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
            for name in sorted(inspector.get_table_names())
        }


def _libpq(url: sa.engine.URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)")
    done = subprocess.run(  # noqa: S603  # nosec B603  # (fixed program, arguments from settings)
        command, capture_output=True, text=True, env={**os.environ}, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


@click.command("backup")
@with_appcontext
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(target: Path) -> None:
    """Write a backup of the whole database to TARGET (safe while the app runs)."""
    try:
        backup(target)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written to {target} ({target.stat().st_size} bytes)")


@click.command("restore")
@with_appcontext
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask; replace the database's content.")
def restore_command(source: Path, yes: bool) -> None:
    """Replace the database's content with the backup in SOURCE (stop the app first)."""
    if not yes:
        click.confirm("This replaces everything in the database. Go on?", abort=True)
    try:
        restore(source)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    total = sum(table_counts().values())
    click.echo(f"Restored {source}: {total} rows")
