"""While a workshop runs, the projector shows the room's answers grouped and named: placed as
they come, fitted again by the job worker when that pays; the projector itself only reads."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engage.live.themes import FIRST_FIT, refit_pays
from engage.models import AnalysisRun, ThemeMember
from tests.conftest import log_in, post_form, recorded_statements, statement_kinds
from tests.themes.conftest import TEXTS, add_inputs

ALL = [t for texts in TEXTS.values() for t in texts]  # 18 answers on three subjects


@pytest.fixture
def room(make_user, make_project, make_activity):
    leader = make_user("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id, title="Innspillsmøte i samfunnshuset")
    base = f"/manage/projects/{project_id}/activities/{activity_id}"
    return {"leader": leader, "project": project_id, "activity": activity_id, "base": base}


def live_runs(db, activity_id):
    with db as session:
        return list(
            session.execute(
                select(
                    AnalysisRun.id, AnalysisRun.number, AnalysisRun.status, AnalysisRun.is_adopted
                )
                .where(AnalysisRun.live_activity_id == activity_id)
                .order_by(AnalysisRun.id)
            ).all()
        )


def test_refit_pays_for_the_first_fit_growth_and_answers_that_fit_nowhere():
    assert not refit_pays(0, FIRST_FIT - 1, 0)  # too few to name anything
    assert refit_pays(3, FIRST_FIT, 0)  # the first fit worth having
    assert not refit_pays(20, 20, 0)  # nothing new
    assert not refit_pays(20, 25, 1)  # a few more, placed well: keep the themes
    assert refit_pays(20, 30, 0)  # grown by half
    assert refit_pays(20, 25, 3)  # most of what came fits no theme
    assert not refit_pays(200, 240, 5)  # a big room: five strays are not worth a fit


def test_the_projector_offers_live_themes_and_reading_it_writes_nothing(client, room, db, app):
    add_inputs(db, room["activity"], ALL[:5])
    log_in(client, room["leader"])
    with recorded_statements(app) as statements:
        page = client.get(f"{room['base']}/screen?view=themes")
        feed = client.get(f"{room['base']}/screen.json?view=themes")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Vis temaer live" in html
    assert feed.get_json()["themes"] == []
    assert not {"INSERT", "UPDATE", "DELETE"} & statement_kinds(statements)
    assert live_runs(db, room["activity"]) == []


def test_live_themes_come_when_the_room_has_answered_and_follow_it(client, room, db):
    log_in(client, room["leader"])
    add_inputs(db, room["activity"], ALL[:3])
    started = post_form(client, f"{room['base']}/screen/themes", {})
    assert started.status_code == 302 and "view=themes" in started.headers["Location"]
    (first,) = live_runs(db, room["activity"])
    assert first.number == -1 and not first.is_adopted  # apart from the leader's analyses
    html = client.get(f"{room['base']}/screen?view=themes").get_data(as_text=True)
    assert "når rommet har gitt noen flere svar" in html and "Vis temaer live" not in html

    # One answer from each subject at a time, as a room answers: the worker fits again once
    # there are enough, and again when the room has grown by half.
    order = [t for trio in zip(*TEXTS.values(), strict=True) for t in trio]
    add_inputs(db, room["activity"], [t for t in order if t not in ALL[:3]][:9])
    runs = live_runs(db, room["activity"])
    assert len(runs) == 1 and runs[0].id > first.id  # the older fit is gone
    assert runs[0].number == -2
    data = client.get(f"{room['base']}/screen.json?view=themes").get_json()
    assert data["count"] == 12 and data["themes"]
    assert sum(t["count"] for t in data["themes"]) + int((data["state"] or "0").split()[0]) == 12
    html = client.get(f"{room['base']}/screen?view=themes").get_data(as_text=True)
    assert data["themes"][0]["label"] in html

    # One more answer is placed into the themes there are, without a new fit.
    add_inputs(db, room["activity"], ["Enda raskere bredbånd og fiber i grendene"])
    assert [r.id for r in live_runs(db, room["activity"])] == [runs[0].id]
    with db as session:
        members = session.scalar(
            select(func.count()).select_from(ThemeMember).where(ThemeMember.run_id == runs[0].id)
        )
    assert members == 13


def test_live_runs_stay_out_of_the_workspace_and_the_plan(client, room, db):
    log_in(client, room["leader"])
    add_inputs(db, room["activity"], ALL)
    post_form(client, f"{room['base']}/screen/themes", {})
    (live,) = live_runs(db, room["activity"])
    workspace = f"/manage/projects/{room['project']}/themes"
    assert client.get(f"{workspace}?run={live.id}").status_code == 404
    assert client.get(f"{workspace}/runs/{live.id}/adopt").status_code == 404
    assert client.get(workspace).status_code == 200
    started = post_form(
        client,
        f"{workspace}/run",
        {"mode": "fixed", "n_themes": "3", "min_themes": "3", "max_themes": "8"},
    )
    assert started.status_code == 302
    with db as session:
        ours = session.execute(
            select(AnalysisRun.number, AnalysisRun.is_adopted).where(
                AnalysisRun.project_id == room["project"], AnalysisRun.live_activity_id.is_(None)
            )
        ).all()
    assert ours == [(1, True)]  # the leader's first analysis is no. 1, and the plan's


def test_a_viewer_watches_but_cannot_start_live_themes(client, room, db, make_user):
    from engage.models import MemberRole, Project, User
    from engage.review.services import add_member

    viewer = make_user("viewer")
    with db as session:
        add_member(
            session.get(Project, room["project"]), session.get(User, viewer.id), MemberRole.VIEWER
        )
        session.commit()
    log_in(client, viewer)
    html = client.get(f"{room['base']}/screen?view=themes").get_data(as_text=True)
    assert "Vis temaer live" not in html
    assert post_form(client, f"{room['base']}/screen/themes", {}).status_code == 403
    assert live_runs(db, room["activity"]) == []
