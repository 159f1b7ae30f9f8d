"""A leader downloads everything of a project as a ZIP, then deletes it for good."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import sqlalchemy as sa

from engage.extensions import db as _db
from engage.models import AuditEvent, Project
from tests.conftest import log_in, post_form


def table_counts(db) -> dict[str, int]:
    with db as session:
        return {
            t.name: session.scalar(sa.select(sa.func.count()).select_from(t))
            for t in _db.metadata.sorted_tables
        }


def test_the_zip_holds_every_row_without_secrets(client, db, make_user, fill_project):
    leader = make_user("leader")
    project_id = fill_project(leader)
    log_in(client, leader)
    response = client.get(f"/manage/projects/{project_id}/everything.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    data = json.loads(archive.read("project.json"))
    assert data["projects"][0]["name"] == "Omstilling Testvik"
    assert len(data["activities"]) == 3 and len(data["responses"]) == 2
    assert {a["text"] for a in data["answers"]} == {"Bredbånd til grendene", "Ny ferjekai"}
    assert data["contacts"][0]["name"] == "Kari" and len(data["invitations"]) == 1
    assert len(data["themes"]) == 1 and len(data["ballots"]) == 1
    assert "token_hash" not in data["invitation_mails"][0]
    assert "voter_key" not in data["ballots"][0]
    raw = archive.read("answers.csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert "text" in rows[0] and len(rows) == 3
    assert set(archive.namelist()) >= {"project.json", "contacts.csv", "ballot_marks.csv"}
    with db as session:
        assert (
            session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()[-1]
            == "export_project"
        )


def test_delete_needs_the_name_and_leaves_no_row_behind(client, db, make_user, fill_project):
    leader = make_user("leader")
    other = fill_project(leader, name="Omstilling Nabovik")
    before = table_counts(db)
    doomed = fill_project(leader)
    log_in(client, leader)
    url = f"/manage/projects/{doomed}/delete"
    assert "Omstilling Testvik" in client.get(url).get_data(as_text=True)

    wrong = post_form(client, url, {"confirm_name": "Omstilling"})
    assert wrong.status_code == 422
    with db as session:
        assert session.get(Project, doomed) is not None

    done = post_form(client, url, {"confirm_name": "Omstilling Testvik"})
    assert done.status_code == 302
    after = table_counts(db)
    with db as session:
        assert session.get(Project, doomed) is None
        assert session.get(Project, other) is not None
        event = session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "delete_project")
        ).one()
        assert event.project_id is None and event.detail["project_name"] == "Omstilling Testvik"
        assert (
            session.scalar(
                sa.select(sa.func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.project_id == doomed)
            )
            == 0
        )
    # Every table holds exactly what it held before the doomed project was made,
    # apart from the audit log (logins and the deletion, none pointing at the project).
    assert {k: v for k, v in after.items() if k != "audit_events"} == {
        k: v for k, v in before.items() if k != "audit_events"
    }


def test_viewers_and_strangers_cannot_export_or_delete(client, db, make_user, fill_project):
    leader, viewer, stranger = make_user("leader"), make_user("viewer"), make_user("leader")
    project_id = fill_project(leader)
    from engage.models import MemberRole, User
    from engage.review import add_member

    with db as session:
        add_member(
            session.get(Project, project_id), session.get(User, viewer.id), MemberRole.VIEWER
        )
        session.commit()
    log_in(client, viewer)
    assert client.get(f"/manage/projects/{project_id}/everything.zip").status_code == 403
    assert client.get(f"/manage/projects/{project_id}/delete").status_code == 403
    client.post("/auth/logout")
    log_in(client, stranger)
    assert client.get(f"/manage/projects/{project_id}/everything.zip").status_code == 404
