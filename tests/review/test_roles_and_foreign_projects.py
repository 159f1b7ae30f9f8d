"""Roles: admin sees everything, a leader her own projects, a viewer reads what she is given."""

from __future__ import annotations

from tests.conftest import log_in, post_form
from tests.review.test_every_leader_route_is_guarded import build


def project_rules(app):
    return [
        r
        for r in app.url_map.iter_rules()
        if r.endpoint.startswith(("review.", "live.", "themes.", "vote.", "report."))
        and "project_id" in r.arguments
    ]


def test_another_leaders_project_answers_404_everywhere(
    app, client, make_user, make_project, make_activity
):
    owner, intruder = make_user("leader"), make_user("leader")
    project_id = make_project(owner, name="Hemmelig")
    activity_id = make_activity(project_id)
    log_in(client, intruder)
    assert "Hemmelig" not in client.get("/manage/").get_data(as_text=True)
    for rule in project_rules(app):
        url = build(rule, project_id, activity_id)
        if "GET" in rule.methods:
            assert client.get(url).status_code == 404, url
        if "POST" in rule.methods:
            assert post_form(client, url, {"title": "x"}).status_code == 404, url


def test_ids_that_do_not_belong_together_answer_404(
    client, login_as, make_project, make_activity, make_user
):
    me = login_as("leader")
    mine = make_project(me)
    other = make_project(make_user("leader"))
    foreign_activity = make_activity(other)
    url = f"/manage/projects/{mine}/activities/{foreign_activity}"
    assert client.get(url).status_code == 404


def test_viewer_reads_but_cannot_change(client, make_user, make_project, make_activity):
    owner, viewer = make_user("leader"), make_user("viewer")
    project_id = make_project(owner, viewers=(viewer,), name="Lesbar")
    activity_id = make_activity(project_id)
    log_in(client, viewer)
    assert "Lesbar" in client.get("/manage/").get_data(as_text=True)
    page = client.get(f"/manage/projects/{project_id}/activities/{activity_id}")
    assert page.status_code == 200
    assert "Legg til spørsmål" not in page.get_data(as_text=True)
    assert client.get(f"/manage/projects/{project_id}/edit").status_code == 403
    assert client.get(f"/manage/projects/{project_id}/activities/new").status_code == 403
    assert client.get("/manage/projects/new").status_code == 403
    response = post_form(
        client,
        f"/manage/projects/{project_id}/members",
        {"email": viewer.email, "role": "leader"},
    )
    assert response.status_code == 403


def test_leader_with_viewer_membership_cannot_edit_that_project(client, make_user, make_project):
    owner, colleague = make_user("leader"), make_user("leader")
    project_id = make_project(owner, viewers=(colleague,))
    log_in(client, colleague)
    assert client.get(f"/manage/projects/{project_id}").status_code == 200
    assert client.get(f"/manage/projects/{project_id}/edit").status_code == 403


def test_admin_sees_and_edits_every_project(client, make_user, make_project, login_as):
    project_id = make_project(make_user("leader"), name="Alles")
    login_as("admin")
    assert "Alles" in client.get("/manage/").get_data(as_text=True)
    assert client.get(f"/manage/projects/{project_id}/edit").status_code == 200


def test_leader_gives_and_removes_access(client, login_as, make_user, make_project, db):
    from engage.models import Membership

    leader = login_as("leader")
    colleague = make_user("viewer")
    project_id = make_project(leader)
    url = f"/manage/projects/{project_id}/members"
    unknown = post_form(client, url, {"email": "nobody@x.example", "role": "viewer"})
    assert "Det finnes ingen konto" in unknown.get_data(as_text=True)
    assert post_form(client, url, {"email": colleague.email, "role": "viewer"}).status_code == 302
    with db as session:
        member = session.query(Membership).filter_by(user_id=colleague.id).one()
        member_id = member.id
        own_id = session.query(Membership).filter_by(user_id=leader.id).one().id
    post_form(client, f"{url}/{member_id}/remove")
    post_form(client, f"{url}/{own_id}/remove")  # the last leader stays
    with db as session:
        assert session.query(Membership).filter_by(project_id=project_id).count() == 1
