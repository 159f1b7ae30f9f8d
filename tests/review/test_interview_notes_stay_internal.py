"""Interviews are typed in by the leader only; background and follow-up stay internal."""

from __future__ import annotations

from sqlalchemy import select

from engage.core.about import about_wording
from engage.inputs import AnswerValue, Submission, record_response
from engage.models import Activity, ActivityKind, Project, Question
from engage.models.base import utcnow
from engage.themes.inputs import select_input
from tests.conftest import csrf_token, post_form


def interview(db, make_project, make_activity, owner, **fields):
    project_id = make_project(owner, kommune="Fjordvik")
    activity_id = make_activity(
        project_id, kind="interview", title="Samtaler med bedrifter", status="open", **fields
    )
    with db as session:
        activity = session.get(Activity, activity_id)
        return project_id, activity_id, activity.join_code, [q.id for q in activity.questions]


def test_the_public_address_of_an_interview_takes_no_input(
    app, client, make_user, make_project, make_activity, db
):
    _p, _a, code, questions = interview(db, make_project, make_activity, make_user("leader"))
    assert client.get(f"/j/{code}").status_code == 404
    token = csrf_token(client, "/j")
    sent = client.post(f"/j/{code}", data={"csrf_token": token, f"q{questions[1]}": "Hei"})
    assert sent.status_code == 404
    assert client.get(f"/j?code={code}").status_code == 404  # "no activity has the code"
    with db as session:
        assert not session.get(Activity, _a).responses


def test_leader_sees_no_qr_or_poster_for_an_interview(
    client, login_as, make_project, make_activity, db
):
    leader = login_as("leader")
    project_id, activity_id, code, _q = interview(db, make_project, make_activity, leader)
    base = f"/manage/projects/{project_id}/activities/{activity_id}"
    page = client.get(base).get_data(as_text=True)
    assert f"/j/{code}" not in page and "/poster" not in page and "/qr." not in page
    assert "/screen" not in page
    assert "Ingen: bare prosjektgruppen fører inn notater" in page
    assert f"{base}/entry" in page
    for path in ("/screen", "/screen.json", "/poster", "/qr.svg", "/qr.png"):
        assert client.get(base + path).status_code == 404, path
    workshop = make_activity(project_id)
    assert "/poster" in client.get(f"/manage/projects/{project_id}/activities/{workshop}").get_data(
        as_text=True
    )


def test_the_interview_form_speaks_to_the_leader(client, login_as, make_project, make_activity, db):
    leader = login_as("leader")
    project_id, activity_id, _c, questions = interview(db, make_project, make_activity, leader)
    with db as session:
        session.get(Project, project_id).areas = ["Sentrum", "Straumen"]
        session.commit()
    url = f"/manage/projects/{project_id}/activities/{activity_id}/entry"
    page = client.get(url).get_data(as_text=True)
    assert "Om bedriften eller personen du intervjuet" in page
    assert "Hvor holder de til?" in page
    assert "Det identifiserer deg ikke" not in page and "Hvor bor du?" not in page
    assert page.count("(internt, analyseres og publiseres ikke)") == 2
    saved = post_form(
        client,
        url,
        {
            f"q{questions[0]}": "Daglig leder, settefiskanlegg med 14 ansatte.",
            f"q{questions[1]}": "Mangler boliger til sesongarbeidere.",
            f"q{questions[3]}": "Ringe igjen i februar om arealplanen.",
            "about_area": "Straumen",
            "company_name": "Straumen Smolt AS",
        },
    )
    assert saved.status_code == 302
    with db as session:
        response = session.get(Activity, activity_id).responses[0]
        assert response.area == "Straumen"
        texts = {a.question.prompt: a.text for a in response.answers}
        assert texts["Oppfølging"] == "Ringe igjen i februar om arealplanen."
    assert str(about_wording(ActivityKind.WORKSHOP, entered_by_leader=False).heading)


def test_internal_answers_are_kept_but_not_analysed_or_published(
    app, client, make_user, make_project, make_activity, db
):
    project_id, activity_id, _c, questions = interview(
        db, make_project, make_activity, make_user("leader")
    )
    with db as session:
        activity = session.get(Activity, activity_id)
        by_id = {q.id: q for q in activity.questions}
        assert [q.internal for q in activity.questions] == [True, False, False, True]
        submission = Submission(
            [
                AnswerValue(by_id[questions[0]], text="Daglig leder, 14 ansatte."),
                AnswerValue(by_id[questions[1]], text="Trenger kaiplass for brønnbåt."),
                AnswerValue(by_id[questions[3]], text="Ringe igjen i februar om arealplanen."),
            ]
        )
        record_response(activity, submission, language="nb", channel="interview")
        session.flush()
        texts = [item.text for item in select_input(activity.project, {})]
        assert texts == ["Trenger kaiplass for brønnbåt."]
        session.get(Project, project_id).results_published_at = utcnow()
        slug = session.get(Project, project_id).slug
        session.commit()
    page = app.test_client().get(f"/p/{slug}/resultater").get_data(as_text=True)
    assert "Hovedpunkter fra samtalen" in page
    assert "Bakgrunn" not in page and "Oppfølging" not in page
    assert "Ringe igjen" not in page


def test_leader_marks_a_question_internal(client, login_as, make_project, make_activity, db):
    leader = login_as("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id, with_questions=False)
    post_form(
        client,
        f"/manage/projects/{project_id}/activities/{activity_id}/questions/new",
        {"kind": "text", "prompt": "Kontaktperson i kommunen", "internal": "y"},
    )
    with db as session:
        question = session.scalar(select(Question).where(Question.activity_id == activity_id))
        assert question.internal
    page = client.get(f"/manage/projects/{project_id}/activities/{activity_id}").get_data(
        as_text=True
    )
    assert '<span class="tag">internt</span>' in page
