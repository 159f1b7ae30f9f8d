"""A leader creates a project and activities of four kinds, then edits the questions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engage.models import Activity, Project, Question
from tests.conftest import post_form


def questions_of(db, activity_id):
    with db as session:
        return [
            (q.position, q.kind.value, q.prompt, q.options)
            for q in session.scalars(
                select(Question)
                .where(Question.activity_id == activity_id)
                .order_by(Question.position)
            )
        ]


def test_leader_creates_a_project(client, login_as, db):
    login_as("leader")
    response = post_form(
        client,
        "/manage/projects/new",
        {
            "kommune": "Sørvik",
            "name": "Omstilling Sørvik",
            "language_form": "nn",
            "starts_on": "2026-01-05",
            "ends_on": "2026-04-01",
            "description": "Fase 1",
        },
    )
    assert response.status_code == 302
    with db as session:
        project = session.scalar(select(Project))
        assert (project.kommune, project.language_form.value, project.slug) == (
            "Sørvik",
            "nn",
            "sorvik-omstilling-sorvik",
        )
    assert "Sørvik" in client.get("/manage/").get_data(as_text=True)


def test_bad_project_input_is_shown_back_with_messages(client, login_as, db):
    login_as("leader")
    page = post_form(
        client,
        "/manage/projects/new",
        {
            "kommune": "Sør\x00vik",
            "name": "N" * 300,
            "language_form": "de",
            "starts_on": "2026-13-45",
            "ends_on": "",
            "description": "Mitt utkast",
        },
    ).get_data(as_text=True)
    assert "Teksten inneholder tegn som ikke er tillatt." in page
    assert "Høyst 200 tegn" in page
    assert "Velg ett av alternativene." in page
    assert "Skriv datoen som ÅÅÅÅ-MM-DD." in page
    assert "Mitt utkast" in page
    with db as session:
        assert session.scalar(select(Project)) is None


def test_end_before_start_is_refused(client, login_as):
    login_as("leader")
    page = post_form(
        client,
        "/manage/projects/new",
        {
            "kommune": "A",
            "name": "B",
            "language_form": "nb",
            "starts_on": "2026-05-01",
            "ends_on": "2026-01-01",
        },
    ).get_data(as_text=True)
    assert "Sluttdatoen må være etter startdatoen." in page


@pytest.mark.parametrize(
    "kind,language,first_prompt",
    [
        ("workshop", "nb", "Hva er den største styrken til lokalsamfunnet vårt?"),
        ("workshop", "nn", "Kva er den største styrken til lokalsamfunnet vårt?"),
        ("survey", "nb", "Hvor optimistisk er du for framtida til lokalsamfunnet?"),
        ("business_survey", "nb", "Hvilke planer har du for bedriften de neste tre årene?"),
        ("interview", "nn", "Bakgrunn: kven vart intervjua (rolle, bransje)"),
    ],
)
def test_activity_starts_with_ready_made_questions_in_the_projects_language(
    client, login_as, make_project, db, kind, language, first_prompt
):
    project_id = make_project(login_as("leader"), language_form=language)
    response = post_form(
        client,
        f"/manage/projects/{project_id}/activities/new",
        {
            "kind": kind,
            "title": "Møte",
            "held_on": "2026-02-01",
            "place": "Samfunnshuset",
            "status": "draft",
            "with_questions": "y",
        },
    )
    assert response.status_code == 302
    with db as session:
        activity = session.scalar(select(Activity))
        assert activity.kind.value == kind and activity.place == "Samfunnshuset"
        assert len(activity.join_code) == 6
        assert not set(activity.join_code) & set("0O1IL5S2Z8B")
    questions = questions_of(db, activity.id)
    assert questions[0][2] == first_prompt
    assert [q[0] for q in questions] == list(range(len(questions)))


def test_activity_without_ready_made_questions(client, login_as, make_project, db):
    project_id = make_project(login_as("leader"))
    post_form(
        client,
        f"/manage/projects/{project_id}/activities/new",
        {
            "kind": "survey",
            "title": "Tom",
            "status": "open",
        },
    )
    with db as session:
        assert session.scalar(select(Activity)).questions == []


def test_leader_edits_reorders_and_removes_questions(
    client, login_as, make_project, make_activity, db
):
    project_id = make_project(login_as("leader"))
    activity_id = make_activity(project_id, kind="workshop")
    base = f"/manage/projects/{project_id}/activities/{activity_id}"
    before = questions_of(db, activity_id)
    assert len(before) == 4

    response = post_form(
        client,
        f"{base}/questions/new",
        {
            "kind": "multi",
            "prompt": "Hva er viktigst?",
            "options": "Vei\nSkole\n\nVei\nHelse",
            "is_required": "y",
        },
    )
    assert response.status_code == 302
    after = questions_of(db, activity_id)
    assert after[-1] == (4, "multi", "Hva er viktigst?", ["Vei", "Skole", "Helse"])

    with db as session:
        ids = [
            q.id
            for q in session.scalars(
                select(Question)
                .where(Question.activity_id == activity_id)
                .order_by(Question.position)
            )
        ]
    post_form(client, f"{base}/questions/{ids[4]}/move", {"direction": "up"})
    post_form(client, f"{base}/questions/{ids[0]}/move", {"direction": "up"})  # already first
    order = [q[2] for q in questions_of(db, activity_id)]
    assert order[3] == "Hva er viktigst?" and order[0] == before[0][2]

    post_form(client, f"{base}/questions/{ids[1]}/delete")
    remaining = questions_of(db, activity_id)
    assert [q[0] for q in remaining] == [0, 1, 2, 3]
    assert before[1][2] not in [q[2] for q in remaining]

    edited = post_form(
        client,
        f"{base}/questions/{ids[0]}",
        {
            "kind": "scale",
            "prompt": "Hvor fornøyd er du?",
            "help_text": "1–5",
        },
    )
    assert edited.status_code == 302
    assert questions_of(db, activity_id)[0][1:] == ("scale", "Hvor fornøyd er du?", [])


def test_choice_question_needs_two_options_and_keeps_what_was_typed(
    client, login_as, make_project, make_activity
):
    project_id = make_project(login_as("leader"))
    activity_id = make_activity(project_id)
    page = post_form(
        client,
        f"/manage/projects/{project_id}/activities/{activity_id}/questions/new",
        {"kind": "single", "prompt": "Mitt lange spørsmål", "options": "Bare ett"},
    ).get_data(as_text=True)
    assert "Et valgspørsmål trenger minst to alternativer." in page
    assert "Mitt lange spørsmål" in page and "Bare ett" in page


def test_unknown_question_kind_is_refused(client, login_as, make_project, make_activity):
    project_id = make_project(login_as("leader"))
    activity_id = make_activity(project_id)
    response = post_form(
        client,
        f"/manage/projects/{project_id}/activities/{activity_id}/questions/new",
        {"kind": "essay", "prompt": "X"},
    )
    assert response.status_code == 200
    assert "Velg ett av alternativene." in response.get_data(as_text=True)


def test_leader_changes_activity_status(client, login_as, make_project, make_activity, db):
    project_id = make_project(login_as("leader"))
    activity_id = make_activity(project_id, status="draft")
    response = post_form(
        client,
        f"/manage/projects/{project_id}/activities/{activity_id}/edit",
        {
            "kind": "workshop",
            "title": "Nytt navn",
            "status": "closed",
            "place": "Hallen",
        },
    )
    assert response.status_code == 302
    with db as session:
        activity = session.get(Activity, activity_id)
        assert (activity.title, activity.status.value) == ("Nytt navn", "closed")


def test_pages_render_for_every_kind(client, login_as, make_project, make_activity):
    project_id = make_project(login_as("leader"))
    for kind in ("workshop", "survey", "business_survey", "interview"):
        activity_id = make_activity(project_id, kind=kind)
        base = f"/manage/projects/{project_id}/activities/{activity_id}"
        assert client.get(base).status_code == 200
        assert client.get(f"{base}/edit").status_code == 200
        assert client.get(f"{base}/questions/new").status_code == 200
    assert client.get(f"/manage/projects/{project_id}").status_code == 200
    assert client.get(f"/manage/projects/{project_id}/members").status_code == 200
