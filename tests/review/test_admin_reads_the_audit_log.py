"""The admin reads who logged in, downloaded, hid, published and erased; leaders cannot."""

from __future__ import annotations

from sqlalchemy import select

from engage.models import AuditEvent, Response
from tests.conftest import log_in, post_form
from tests.review.test_leader_reviews_responses import filled  # noqa: F401  (fixture)


def actions(db) -> list[tuple[str, int | None, int | None]]:
    with db as session:
        return [
            (e.action, e.user_id, e.project_id)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]


def test_leader_actions_are_recorded_without_ip_or_seconds(client, filled, db):  # noqa: F811
    leader, project = filled["leader"], filled["project"]
    log_in(client, leader)
    with db as session:
        response_id = session.scalars(select(Response.id)).first()
    post_form(
        client,
        f"/manage/projects/{project}/responses/{response_id}/hide",
        {"reason": "spam"},
    )
    assert client.get(f"/manage/projects/{project}/summary/summary.csv").status_code == 200
    post_form(client, f"/manage/projects/{project}/summary/publish", {"action": "publish"})
    post_form(client, f"/manage/projects/{project}/summary/publish", {"action": "unpublish"})
    assert actions(db) == [
        ("login", leader.id, None),
        ("hide_response", leader.id, project),
        ("export", leader.id, project),
        ("publish_results", leader.id, project),
        ("unpublish_results", leader.id, project),
    ]
    with db as session:
        events = list(session.scalars(select(AuditEvent)))
        assert all(e.at.second == 0 and e.at.microsecond == 0 for e in events)
        assert events[1].detail == {"response_id": response_id, "reason": "spam"}
        columns = set(AuditEvent.__table__.columns.keys())
        assert not columns & {"ip", "ip_address", "user_agent"}


def test_admin_filters_the_log_and_leaders_get_404(client, login_as, filled, db):  # noqa: F811
    leader, project = filled["leader"], filled["project"]
    log_in(client, leader)
    client.get(f"/manage/projects/{project}/summary/summary.csv")
    assert client.get("/manage/audit").status_code == 404
    client.post("/auth/logout", data={"csrf_token": "x"})
    client.get("/")  # a fresh session

    admin = login_as("admin")
    html = client.get("/manage/audit").get_data(as_text=True)
    assert "Revisjonslogg" in html or "Audit log" in html
    assert leader.email in html and admin.email in html
    assert "Omstilling Testvik" in html

    by_action = client.get("/manage/audit?action=export").get_data(as_text=True)
    assert leader.email in by_action and admin.email not in by_action.split("<table")[-1]

    by_project = client.get(f"/manage/audit?project={project}").get_data(as_text=True)
    assert "<tbody>" in by_project and admin.email not in by_project.split("<tbody>")[-1]

    odd = client.get("/manage/audit?project=%C2%B2&action=<script>")
    assert odd.status_code == 200 and "<script>" not in odd.get_data(as_text=True)
