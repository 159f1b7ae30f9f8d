"""The leader opens and closes an activity with one button on its page; the description
reaches participants; the about-you settings say plainly what is asked and what is required."""

from __future__ import annotations

from sqlalchemy import select

from engage.models import Activity, ActivityStatus
from tests.conftest import post_form


def _status_url(project_id: int, activity_id: int) -> str:
    return f"/manage/projects/{project_id}/activities/{activity_id}/status"


def test_open_then_close_from_the_activity_page(client, login_as, make_project, make_activity, db):
    project_id = make_project(login_as("leader"))
    activity_id = make_activity(project_id, status="draft", description="Møt opp!\nKaffe.")
    page = client.get(f"/manage/projects/{project_id}/activities/{activity_id}")
    html = page.get_data(as_text=True)
    assert "Åpne aktiviteten" in html and _status_url(project_id, activity_id) in html
    assert client.get(_status_url(project_id, activity_id)).status_code == 405  # GET never writes

    opened = post_form(client, _status_url(project_id, activity_id), {"status": "open"})
    assert opened.status_code == 302
    page = client.get(opened.headers["Location"]).get_data(as_text=True)
    assert "Lukk aktiviteten" in page and "Aktiviteten er åpen" in page
    with db as session:
        activity = session.get(Activity, activity_id)
        assert activity.status is ActivityStatus.OPEN
        code = activity.join_code
    form = client.get(f"/j/{code}").get_data(as_text=True)
    assert 'id="activity-description"' in form and "Møt opp!\nKaffe." in form

    post_form(client, _status_url(project_id, activity_id), {"status": "closed"})
    post_form(client, _status_url(project_id, activity_id), {"status": "draft!"})  # ignored
    with db as session:
        assert session.get(Activity, activity_id).status is ActivityStatus.CLOSED


def test_without_csrf_or_rights_nothing_changes(
    client, login_as, make_user, make_project, make_activity, db
):
    project_id = make_project(make_user("leader"))
    activity_id = make_activity(project_id, status="draft")
    login_as("leader")  # another leader
    assert (
        post_form(client, _status_url(project_id, activity_id), {"status": "open"}).status_code
        == 404
    )
    with db as session:
        assert session.get(Activity, activity_id).status is ActivityStatus.DRAFT


def test_about_settings_are_one_choice_per_question(client, login_as, make_project, db):
    project_id = make_project(login_as("leader"))
    url = f"/manage/projects/{project_id}/activities/new"
    html = client.get(url).get_data(as_text=True)
    assert "Spørres ikke" in html and "Spørres, kan hoppes over" in html
    assert "Spørres, må besvares" in html and "alltid frivillig" not in html
    response = post_form(
        client,
        url,
        {
            "kind": "workshop",
            "title": "Møte",
            "status": "open",
            "about-stakeholder_group": "optional",
            "about-age_band": "off",
            "about-area": "off",
            "about-sector": "required",
        },
    )
    assert response.status_code == 302
    with db as session:
        activity = session.scalar(select(Activity))
        assert activity.about_fields == ["stakeholder_group", "sector"]
        assert activity.about_required == ["sector"]
        activity_id = activity.id
    edit = client.get(f"/manage/projects/{project_id}/activities/{activity_id}/edit")
    page = edit.get_data(as_text=True)
    assert 'name="about-sector" value="required" checked' in page
    assert 'name="about-age_band" value="off" checked' in page
