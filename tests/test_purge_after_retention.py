"""`flask purge` lists what goes after a project's retention date, and with --yes removes
exactly that: personal input and contacts; the project shell stays."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from engage.extensions import db as _db
from engage.models import (
    Activity,
    AuditEvent,
    Contact,
    Project,
    Response,
    VoteOption,
)


def table_counts(db) -> dict[str, int]:
    with db as session:
        return {
            table.name: session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in _db.metadata.sorted_tables
        }


def test_dry_run_changes_nothing_and_yes_removes_what_it_listed(app, db, make_user, fill_project):
    leader = make_user("leader")
    past = fill_project(
        leader, name="Omstilling Gamlevik", retention_until=date.today() - timedelta(days=1)
    )
    kept = fill_project(
        leader, name="Omstilling Nyvik", retention_until=date.today() + timedelta(days=30)
    )
    before = table_counts(db)

    dry = app.test_cli_runner().invoke(args=["purge"])
    assert dry.exit_code == 0, dry.output
    assert table_counts(db) == before
    with db as session:
        slug = session.get(Project, past).slug
        other_slug = session.get(Project, kept).slug
    assert slug in dry.output and other_slug not in dry.output
    assert "Would delete 2 responses, 2 answers, 2 embeddings, 1 analysis runs, 1 contacts" in (
        dry.output
    )
    assert "1 invitations, 1 pending imports, 1 ballots" in dry.output
    assert "nothing deleted" in dry.output

    done = app.test_cli_runner().invoke(args=["purge", "--yes"])
    assert done.exit_code == 0, done.output
    assert "Deleted 2 responses, 2 answers, 2 embeddings, 1 analysis runs, 1 contacts" in (
        done.output
    )
    after = table_counts(db)
    gone = {name: before[name] - after[name] for name in before if before[name] != after[name]}
    assert gone == {
        "responses": 2,
        "answers": 2,
        "answer_embeddings": 2,
        "analysis_runs": 1,
        "themes": 1,
        "theme_members": 1,
        "theme_edits": 1,
        "contacts": 1,
        "invitations": 1,
        "invitation_mails": 1,
        "contact_imports": 1,
        "ballots": 1,
        "ballot_marks": 1,
        "audit_events": -1,  # one purge event added
    }
    with db as session:
        project = session.get(Project, past)
        assert project is not None and len(project.activities) == 3
        assert session.scalar(sa.select(sa.func.count()).select_from(VoteOption)) == 2
        event = session.scalars(sa.select(AuditEvent)).one()
        assert (event.action, event.project_id, event.user_id) == ("purge", past, None)
        assert event.detail["responses"] == 2 and event.detail["contacts"] == 1
        # the other project still has everything
        for model, where in (
            (Response, Response.activity.has(Activity.project_id == kept)),
            (Contact, Contact.project_id == kept),
        ):
            assert session.scalar(sa.select(sa.func.count()).select_from(model).where(where)) > 0

    again = app.test_cli_runner().invoke(args=["purge"])
    assert "Would delete 0 responses" in again.output


def test_nothing_due_says_so(app, make_user, fill_project):
    fill_project(make_user("leader"))
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0 and "No project is past its retention date" in result.output
