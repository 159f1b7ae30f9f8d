"""Nobody reaches a leader route without logging in, and no POST works without CSRF."""

from __future__ import annotations

import pytest

from tests.conftest import post_form


def leader_rules(app):
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(
            ("review.", "live.", "themes.", "invites.", "vote.", "report.", "admin.")
        )
        or rule.endpoint in {"auth.logout", "auth.password"}
    ]


def build(rule, project_id=1, activity_id=1, code="AAAAAA"):
    values = {arg: 1 for arg in rule.arguments}
    if "code" in rule.arguments:
        values["code"] = code
    values.update(
        {
            k: v
            for k, v in {"project_id": project_id, "activity_id": activity_id}.items()
            if k in rule.arguments
        }
    )
    return rule.build(values, append_unknown=False)[1]


def test_every_leader_route_redirects_anonymous_users_to_login(app, client):
    rules = leader_rules(app)
    assert len(rules) >= 12
    for rule in rules:
        url = build(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method == "POST":  # with a valid token, so only the login check can refuse
                response = post_form(client, url)
            else:
                response = client.open(url, method=method)
            assert response.status_code == 302, (method, url)
            assert response.headers["Location"].startswith("/auth/login"), (method, url)


def test_every_post_without_csrf_token_is_refused(
    app, client, login_as, make_project, make_activity, db
):
    account = login_as("admin")
    project_id = make_project(account)
    activity_id = make_activity(project_id)
    from engage.models import Activity

    with db as session:
        code = session.get(Activity, activity_id).join_code
    checked = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        url = build(rule, project_id, activity_id, code)
        response = client.post(url, data={"lang": "en", "email": account.email})
        assert response.status_code == 400, url
        html = response.get_data(as_text=True)
        assert "Skjemaet var utløpt" in html or "Ingenting er tapt" in html, url
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("role", ["leader", "viewer", "admin"])
def test_logged_in_user_reaches_the_project_list(client, login_as, role):
    login_as(role)
    assert client.get("/manage/").status_code == 200
