"""A leader reads the input: filters, search, paging, hiding; enters interviews and post-its."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engage.inputs import AnswerValue, Submission, record_response
from engage.models import Activity, Response
from tests.conftest import log_in, post_form


@pytest.fixture
def filled(make_user, make_project, make_activity, db):
    """A project with a workshop and a survey holding a few known responses."""
    leader = make_user("leader")
    project_id = make_project(leader)
    workshop_id = make_activity(project_id, kind="workshop", title="Kaia")
    survey_id = make_activity(project_id, kind="survey", title="Nett")
    rows = [
        (workshop_id, "Bredbånd til alle grendene", "nb", "citizen", "30-39"),
        (workshop_id, "Meir breiband i bygda", "nn", "youth", "under 20"),
        (workshop_id, "Better ferries please", "en", "citizen", "40-49"),
        (survey_id, "Næringshage med kontorplasser", "nb", "business", None),
    ]
    with db as session:
        for activity_id, text, language, group, age in rows:
            activity = session.get(Activity, activity_id)
            question = next(q for q in activity.questions if q.kind.value == "text")
            submission = Submission(
                [AnswerValue(question, text=text)],
                about={"stakeholder_group": group, "age_band": age},
            )
            record_response(activity, submission, language=language)
        session.commit()
    return {"leader": leader, "project": project_id, "workshop": workshop_id, "survey": survey_id}


def page(client, filled, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    response = client.get(f"/manage/projects/{filled['project']}/responses?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_responses_table_shows_all_with_counts(client, filled):
    log_in(client, filled["leader"])
    html = page(client, filled)
    assert "4 svar" in html
    for text in ("Bredbånd til alle grendene", "Meir breiband", "Better ferries", "Næringshage"):
        assert text in html
    assert "Innbygger: 2" in html


@pytest.mark.parametrize(
    "args,expected",
    [
        ({"language": "nn"}, ["Meir breiband"]),
        ({"group": "business"}, ["Næringshage"]),
        ({"age": "40-49"}, ["Better ferries"]),
        ({"channel": "survey"}, ["Næringshage"]),
        ({"q": "BREDBÅND"}, ["Bredbånd til alle"]),
        ({"q": "100%"}, []),
    ],
)
def test_filters_narrow_the_table(client, filled, args, expected):
    log_in(client, filled["leader"])
    html = page(client, filled, **args)
    everything = ["Bredbånd til alle", "Meir breiband", "Better ferries", "Næringshage"]
    for text in everything:
        assert (text in html) == (text in expected), (args, text)


def test_filter_by_activity_and_nonsense_values(client, filled):
    log_in(client, filled["leader"])
    html = page(client, filled, activity=filled["survey"])
    assert "1 svar" in html
    html = page(client, filled, activity="abc", page="-4", show="weird", question="9" * 30)
    assert "4 svar" in html


def test_paging(client, filled, db):
    with db as session:
        activity = session.get(Activity, filled["workshop"])
        question = activity.questions[0]
        for n in range(60):
            record_response(
                activity, Submission([AnswerValue(question, text=f"Idé {n}")]), language="nb"
            )
        session.commit()
    log_in(client, filled["leader"])
    first = page(client, filled)
    assert "64 svar" in first and "Side 1 av 2" in first and "Neste side" in first
    second = page(client, filled, page=2)
    assert "Side 2 av 2" in second and "Forrige side" in second
    assert second.count('class="response') == 14


def test_leader_hides_and_restores_a_response(client, filled, db):
    log_in(client, filled["leader"])
    with db as session:
        target = session.scalar(select(Response).limit(1))
        target_id = target.id
    base = f"/manage/projects/{filled['project']}/responses/{target_id}"
    assert post_form(client, f"{base}/hide", {"reason": "nonsense"}).status_code == 302
    with db as session:
        assert not session.get(Response, target_id).is_hidden
    post_form(client, f"{base}/hide", {"reason": "spam"})
    with db as session:
        hidden = session.get(Response, target_id)
        assert hidden.is_hidden and hidden.hidden_reason == "spam"
        assert hidden.hidden_by_id == filled["leader"].id
    assert "3 svar" in page(client, filled)
    html = page(client, filled, show="hidden")
    assert "Skjult: Søppel (spam)" in html
    post_form(client, f"{base}/restore")
    with db as session:
        assert not session.get(Response, target_id).is_hidden
    assert "4 svar" in page(client, filled)


def test_viewer_reads_responses_but_cannot_hide(client, make_user, filled, db):
    from engage.models import MemberRole, Project, User
    from engage.review.services import add_member

    viewer = make_user("viewer")
    with db as session:
        add_member(
            session.get(Project, filled["project"]), session.get(User, viewer.id), MemberRole.VIEWER
        )
        target_id = session.scalar(select(Response.id).limit(1))
        session.commit()
    log_in(client, viewer)
    assert "/hide" not in page(client, filled)
    url = f"/manage/projects/{filled['project']}/responses/{target_id}/hide"
    assert post_form(client, url, {"reason": "spam"}).status_code == 403


def test_response_of_another_project_cannot_be_hidden(client, filled, make_user, make_project, db):
    other_leader = make_user("leader")
    other_project = make_project(other_leader)
    with db as session:
        target_id = session.scalar(select(Response.id).limit(1))
    log_in(client, other_leader)
    url = f"/manage/projects/{other_project}/responses/{target_id}/hide"
    assert post_form(client, url, {"reason": "spam"}).status_code == 404


def test_leader_enters_interview_notes_for_a_company(
    client, make_user, make_project, make_activity, db
):
    leader = make_user("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id, kind="interview", status="closed")
    with db as session:
        questions = [q.id for q in session.get(Activity, activity_id).questions]
    log_in(client, leader)
    url = f"/manage/projects/{project_id}/activities/{activity_id}/entry"
    bad = post_form(
        client,
        url,
        {
            "company_name": "Fjordfisk AS",
            "org_number": "123456789",
            f"q{questions[1]}": "Mangler fagarbeidere",
            "about_sector": "C",
        },
    )
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert "gyldig kontrollsiffer" in html and "Mangler fagarbeidere" in html
    good = post_form(
        client,
        url,
        {
            "company_name": "Fjordfisk AS",
            "org_number": "974 760 673",
            f"q{questions[1]}": "Mangler fagarbeidere",
            "about_sector": "C",
            "language": "nb",
        },
    )
    assert good.status_code == 302
    with db as session:
        saved = session.scalar(select(Response))
        assert (saved.channel, saved.company_name, saved.org_number, saved.sector) == (
            "interview",
            "Fjordfisk AS",
            "974760673",
            "C",
        )
        assert saved.entered_by_id == leader.id


def test_leader_pastes_a_post_it_wall(client, make_user, make_project, make_activity, db):
    leader = make_user("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id, kind="workshop")
    with db as session:
        question_id = session.get(Activity, activity_id).questions[3].id
    log_in(client, leader)
    url = f"/manage/projects/{project_id}/activities/{activity_id}/postits"
    lines = "Turistinformasjon på kaia\n\n  Flere lærlingplasser  \nTuristinformasjon på kaia\n"
    response = post_form(
        client, url, {"question": str(question_id), "lines_text": lines, "group": "youth"}
    )
    assert response.status_code == 302
    with db as session:
        saved = list(session.scalars(select(Response)))
        assert len(saved) == 3
        assert {r.channel for r in saved} == {"postit"}
        assert {r.stakeholder_group for r in saved} == {"youth"}
        texts = sorted(r.answers[0].text for r in saved)
        assert texts == [
            "Flere lærlingplasser",
            "Turistinformasjon på kaia",
            "Turistinformasjon på kaia",
        ]


def test_post_it_limits_are_explicit(client, make_user, make_project, make_activity, db):
    leader = make_user("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id, kind="workshop")
    with db as session:
        question_id = session.get(Activity, activity_id).questions[0].id
    log_in(client, leader)
    url = f"/manage/projects/{project_id}/activities/{activity_id}/postits"
    too_long = post_form(client, url, {"question": str(question_id), "lines_text": "x" * 2001})
    assert too_long.status_code == 422
    assert "Hver linje kan ha høyst 2000 tegn" in too_long.get_data(as_text=True)
    too_many = post_form(
        client, url, {"question": str(question_id), "lines_text": "\n".join(["a"] * 501)}
    )
    assert "Høyst 500 linjer om gangen" in too_many.get_data(as_text=True)
    with db as session:
        assert session.scalar(select(Response)) is None


def test_project_areas_and_privacy_settings(client, login_as, make_project, db):
    from engage.models import Project

    project_id = make_project(login_as("leader"))
    response = post_form(
        client,
        f"/manage/projects/{project_id}/edit",
        {
            "kommune": "Testvik",
            "name": "Omstilling",
            "language_form": "nb",
            "areas_text": "Sentrum\nNordvika\n\nSentrum",
            "privacy_contact": "pvo@testvik.example",
            "privacy_text": "",
        },
    )
    assert response.status_code == 302
    with db as session:
        project = session.get(Project, project_id)
        assert project.areas == ["Sentrum", "Nordvika"]
        assert project.privacy_contact == "pvo@testvik.example"
    html = client.get(f"/p/{project.slug}/personvern").get_data(as_text=True)
    assert "pvo@testvik.example" in html


def test_activity_chooses_about_fields(client, login_as, make_project, db):
    project_id = make_project(login_as("leader"))
    response = post_form(
        client,
        f"/manage/projects/{project_id}/activities/new",
        {
            "kind": "workshop",
            "title": "Møte",
            "status": "open",
            "about_fields": ["age_band", "sector"],
            "about_required": ["sector"],
        },
    )
    assert response.status_code == 302
    with db as session:
        activity = session.scalar(select(Activity))
        assert activity.about_fields == ["age_band", "sector"]
        assert activity.about_required == ["sector"]
        code = activity.join_code
    html = client.get(f"/j/{code}").get_data(as_text=True)
    assert 'name="about_age_band"' in html and 'name="about_sector"' in html
    assert 'name="about_stakeholder_group"' not in html
    bad = post_form(
        client,
        f"/manage/projects/{project_id}/activities/new",
        {
            "kind": "workshop",
            "title": "Møte",
            "status": "open",
            "about_fields": ["age_band"],
            "about_required": ["sector"],
        },
    )
    assert "Bare felt som blir spurt om" in bad.get_data(as_text=True)


def test_hiding_goes_back_only_to_a_page_of_this_site(client, filled, db):
    log_in(client, filled["leader"])
    with db as session:
        target_id = session.scalar(select(Response.id).limit(1))
    url = f"/manage/projects/{filled['project']}/responses/{target_id}/hide"
    away = post_form(client, url, {"reason": "spam", "back": "https://evil.example/phish"})
    assert away.status_code == 302 and "evil.example" not in away.headers["Location"]
    back = f"/manage/projects/{filled['project']}/responses?page=2"
    local = post_form(client, url, {"reason": "spam", "back": back})
    assert local.headers["Location"].endswith(back)
