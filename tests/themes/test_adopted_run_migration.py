"""Upgrading numbers each project's runs and adopts its newest finished one."""

from __future__ import annotations

import sqlalchemy as sa
from flask_migrate import upgrade

from engage import create_app
from engage.extensions import db
from tests.conftest import app_settings
from tests.test_migrations_match_models import empty_database_url  # noqa: F401 (fixture)


def test_existing_runs_are_numbered_and_the_newest_finished_is_adopted(empty_database_url):  # noqa: F811
    app = create_app(app_settings(empty_database_url))
    with app.app_context():
        upgrade(revision="0007")
        project = sa.text(
            "INSERT INTO projects (id, slug, kommune, name, language_form, description, is_demo,"
            " privacy_text, privacy_contact, accessibility_text, areas, results_text, created_at)"
            " VALUES (:id, :slug, 'K', 'P', 'nb', '', false, '', '', '', '[]', '', '2026-01-01')"
        )
        run = sa.text(
            "INSERT INTO analysis_runs (id, project_id, status, progress, selection, params,"
            " version, input_count, proposal, notes, attempts, created_at) VALUES"
            " (:id, :project, :status, 0, '{}', '{}', '', 0, '[]', '[]', 0, '2026-01-01')"
        )
        runs = [(1, 2, "done"), (2, 1, "done"), (3, 1, "done"), (4, 1, "failed"), (5, 2, "queued")]
        with db.engine.begin() as conn:
            conn.execute(project, [{"id": n, "slug": f"p{n}"} for n in (1, 2)])
            conn.execute(run, [{"id": i, "project": p, "status": s} for i, p, s in runs])
        upgrade()
        with db.engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT id, number, is_adopted FROM analysis_runs ORDER BY id")
            ).all()
        assert [(i, n, bool(a)) for i, n, a in rows] == [
            (1, 1, True),
            (2, 1, False),
            (3, 2, True),
            (4, 3, False),
            (5, 2, False),
        ]
        db.engine.dispose()
