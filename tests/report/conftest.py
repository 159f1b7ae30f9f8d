"""The demo project with its stored, pinned analysis, and a helper to export it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engage.models import Answer, Project, Response


@pytest.fixture
def demo(app, db):
    """The demo project with its stored, pinned analysis (TF-IDF path for speed)."""
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    password = result.output.split("Password (shown once):")[1].split()[0]
    with db as session:
        project = session.scalar(select(Project).where(Project.slug == "demo-fjordvik"))
        add_answer(
            session, project.activities[0], 3, "Ring meg på 912 34 567 eller kari@nordfjell.example"
        )
        session.commit()
        return {"id": project.id, "password": password}


def add_answer(session, activity, question: int, text: str) -> Response:
    """One more workshop response to the activity, answering its `question`-th question."""
    response = Response(activity_id=activity.id, channel="workshop", language="nb")
    response.answers = [Answer(question_id=activity.questions[question].id, text=text)]
    session.add(response)
    return response


def export_file(app, project, fmt, tmp_path):
    target = tmp_path / f"out.{fmt}"
    result = app.test_cli_runner().invoke(
        args=["export-summary", str(project), "--format", fmt, "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    return target


def export_bytes(db, project_id: int, fmt: str, language: str | None = None) -> bytes:
    from engage.report import export

    with db as session:
        body, _mimetype = export(session.get(Project, project_id), fmt, language)
        return body
