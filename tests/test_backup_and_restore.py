"""The operator backs the database up while it runs and restores it: every table has the
same rows as when the backup was made (SQLite's online backup; pg_dump on PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import delete, select

from engage.core.backup import table_counts
from engage.models import Answer, Project, Response


def test_a_backup_restores_every_row(app, db, tmp_path):
    runner = app.test_cli_runner()
    seeded = runner.invoke(args=["seed-demo"])
    assert seeded.exit_code == 0, seeded.output
    with db:
        before = table_counts()
    assert before["responses"] > 100
    made = runner.invoke(args=["backup", str(tmp_path / "engage.backup")])
    assert made.exit_code == 0, made.output
    with db as session:
        session.execute(delete(Answer))
        session.execute(delete(Response))
        session.commit()
        assert session.scalars(select(Response.id)).first() is None
    restored = runner.invoke(args=["restore", "--yes", str(tmp_path / "engage.backup")])
    assert restored.exit_code == 0, restored.output
    with db as session:
        assert table_counts() == before
        assert session.scalar(select(Project.slug)) == "demo-fjordvik"


def test_restore_refuses_a_file_that_is_no_backup(app, tmp_path):
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    result = app.test_cli_runner().invoke(args=["restore", "--yes", str(junk)])
    assert result.exit_code != 0
    assert "Error" in result.output
