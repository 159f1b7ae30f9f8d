"""The schema only changes through migrations, and they agree with the models."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from engage import create_app
from engage.extensions import db
from tests.conftest import _admin_engine, app_settings


@pytest.fixture
def empty_database_url(tmp_path) -> Iterator[str]:
    """An empty database of the kind this run tests (SQLite, or PostgreSQL when configured)."""
    server = os.environ.get("ENGAGE_TEST_POSTGRES", "").strip()
    if not server:
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    name = f"engage_mig_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine(server)
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_to_head_matches_the_models(empty_database_url):
    app = create_app(app_settings(empty_database_url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {
            "users",
            "projects",
            "memberships",
            "activities",
            "questions",
            "responses",
            "answers",
        } <= tables
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_upgrading_keeps_existing_input(empty_database_url):
    """Rows written under the first schema survive every later migration."""
    app = create_app(app_settings(empty_database_url))
    with app.app_context():
        upgrade(revision="0001")
        statements = [
            "INSERT INTO users (id, email, name, password_hash, role, is_active, session_token,"
            " created_at) VALUES (1, 'a@b.example', '', 'x', 'leader', true, 't', '2026-01-01')",
            "INSERT INTO projects (id, slug, kommune, name, language_form, description, is_demo,"
            " created_at) VALUES (1, 'p', 'K', 'P', 'nb', '', false, '2026-01-01')",
            "INSERT INTO activities (id, project_id, kind, title, place, description, status,"
            " join_code, created_at) VALUES (1, 1, 'survey', 'A', '', '', 'open', 'ACDEFG',"
            " '2026-01-01')",
            "INSERT INTO questions (id, activity_id, position, kind, prompt, help_text,"
            " is_required, options) VALUES (1, 1, 0, 'text', 'Q', '', false, '[]')",
            "INSERT INTO responses (id, activity_id, language, is_hidden, submitted_at)"
            " VALUES (1, 1, 'nb', false, '2026-01-01')",
            "INSERT INTO answers (id, response_id, question_id, text) VALUES (1, 1, 1, 'Hei')",
        ]
        with db.engine.begin() as conn:
            for statement in statements:
                conn.execute(sa.text(statement))
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM answers")).scalar() == 1
            assert conn.execute(sa.text("SELECT count(*) FROM questions")).scalar() == 1
            channel = conn.execute(sa.text("SELECT channel FROM responses")).scalar()
            assert channel == "survey"
        db.engine.dispose()
