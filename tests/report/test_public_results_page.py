"""The leader publishes "Dette sa dere – dette gjør vi"; anyone can read it then."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engage.models import Activity, Project
from tests.conftest import log_in, post_form


@pytest.fixture
def published(app, client, db):
    output = app.test_cli_runner().invoke(args=["seed-demo"]).output
    password = output.split("Password (shown once):")[1].split()[0]
    with db as session:
        project = session.scalar(select(Project).where(Project.slug == "demo-fjordvik"))
        ids = project.id, project.slug
    return {"id": ids[0], "slug": ids[1], "password": password}


def leader_login(client, password):
    log_in(client, type("A", (), {"email": "leder@demo.example", "password": password}))


def test_results_page_is_hidden_until_published(app, client, published, db):
    url = f"/p/{published['slug']}/resultater"
    assert client.get(url).status_code == 404
    leader_login(client, published["password"])
    response = post_form(
        client,
        f"/manage/projects/{published['id']}/summary/publish",
        {"action": "publish", "results_text": "Vi samler styringsgruppa i mars."},
    )
    assert response.status_code == 302
    anonymous = app.test_client()
    page = anonymous.get(url).get_data(as_text=True)
    assert "Dette sa dere – dette gjør vi" in page
    assert "Vi samler styringsgruppa i mars." in page
    assert "@" not in page.replace("@demo", "")  # no e-mail addresses
    with db as session:
        code = session.scalar(select(Activity.join_code).where(Activity.status == "open"))
    from tests.collect.test_citizen_answers_by_qr import answer  # noqa: F401

    receipt = anonymous.get(f"/j/{code}/takk").get_data(as_text=True)
    assert url in receipt
    post_form(
        client, f"/manage/projects/{published['id']}/summary/publish", {"action": "unpublish"}
    )
    assert anonymous.get(url).status_code == 404


def test_viewer_cannot_publish(client, published, make_user, db):
    from engage.models import MemberRole, User
    from engage.review.services import add_member

    viewer = make_user("viewer")
    with db as session:
        add_member(
            session.get(Project, published["id"]), session.get(User, viewer.id), MemberRole.VIEWER
        )
        session.commit()
    log_in(client, viewer)
    assert client.get(f"/manage/projects/{published['id']}/summary").status_code == 200
    assert (
        post_form(
            client, f"/manage/projects/{published['id']}/summary/publish", {"action": "publish"}
        ).status_code
        == 403
    )


def test_the_public_page_is_cacheable_and_keeps_each_visitors_own_form_token(
    app, client, published
):
    """Many phones open the page at once: it is built once a minute, not per visit, yet no
    visitor gets another's CSRF token."""
    from tests.conftest import CSRF_RE

    leader_login(client, published["password"])
    url = f"/manage/projects/{published['id']}/summary/publish"
    post_form(client, url, {"action": "publish", "results_text": "Neste møte i mars."})
    slug = published["slug"]
    first = app.test_client().get(f"/p/{slug}/resultater")
    assert first.status_code == 200
    assert "max-age=60" in first.headers["Cache-Control"]
    other = app.test_client().get(f"/p/{slug}/resultater")
    mine = CSRF_RE.search(first.get_data(as_text=True)).group(1)
    theirs = CSRF_RE.search(other.get_data(as_text=True)).group(1)
    assert mine != theirs
