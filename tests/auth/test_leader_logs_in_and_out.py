"""A project leader logs in, logs out, changes password; old cookies die."""

from __future__ import annotations

import pytest

from tests.conftest import log_in, post_form

WRONG = "Feil e-postadresse eller passord."


def test_leader_logs_in_and_sees_projects(client, make_user):
    account = make_user("leader")
    log_in(client, account)
    page = client.get("/manage/").get_data(as_text=True)
    assert "Dine prosjekter" in page


def test_wrong_password_and_unknown_user_get_the_same_message(client, make_user):
    account = make_user("leader")
    wrong = post_form(client, "/auth/login", {"email": account.email, "password": "x" * 12})
    unknown = post_form(
        client, "/auth/login", {"email": "nobody@kommune.example", "password": "x" * 12}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert WRONG in wrong.get_data(as_text=True)
    assert WRONG in unknown.get_data(as_text=True)
    assert client.get("/manage/").status_code == 302


def test_email_is_kept_when_login_fails(client, make_user):
    account = make_user("leader")
    page = post_form(client, "/auth/login", {"email": account.email, "password": "nope"})
    assert f'value="{account.email}"' in page.get_data(as_text=True)


def test_logout_kills_a_replayed_cookie(app, client, make_user):
    account = make_user("leader")
    log_in(client, account)
    stolen = client.get_cookie("session").value
    response = post_form(client, "/auth/logout")
    assert response.status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/manage/").status_code == 302


def test_password_change_ends_other_sessions_but_not_this_one(app, client, make_user):
    account = make_user("leader")
    log_in(client, account)
    other = app.test_client()
    log_in(other, account)
    response = post_form(
        client,
        "/auth/password",
        {
            "current": account.password,
            "new": "a new long password",
            "confirm": "a new long password",
        },
    )
    assert response.status_code == 302
    assert client.get("/manage/").status_code == 200
    assert other.get("/manage/").status_code == 302


def test_short_new_password_is_refused_with_a_message(client, login_as):
    account = login_as("leader")
    page = post_form(
        client, "/auth/password", {"current": account.password, "new": "short", "confirm": "short"}
    ).get_data(as_text=True)
    assert "minst 10 tegn" in page


@pytest.mark.parametrize(
    "target,expected",
    [
        ("/manage/projects/new", "/manage/projects/new"),
        ("https://evil.example/", "/manage/"),
        ("//evil.example/", "/manage/"),
        ("/\\evil.example", "/manage/"),
        ("javascript:alert(1)", "/manage/"),
    ],
)
def test_next_only_goes_to_local_paths(client, make_user, target, expected):
    account = make_user("leader")
    token = client.get("/auth/login").get_data(as_text=True)
    from tests.conftest import CSRF_RE

    response = client.post(
        "/auth/login?next=" + target,
        data={
            "csrf_token": CSRF_RE.search(token).group(1),
            "email": account.email,
            "password": account.password,
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_login_attempts_are_limited_per_account(client, make_user):
    account = make_user("leader")
    for _ in range(10):
        post_form(client, "/auth/login", {"email": account.email, "password": "wrong-wrong"})
    response = post_form(
        client, "/auth/login", {"email": account.email, "password": account.password}
    )
    assert response.status_code == 429
    assert "For mange forsøk" in response.get_data(as_text=True)


def test_logins_that_work_do_not_lock_the_account(app, make_user):
    account = make_user("leader")
    for _ in range(12):  # the limit is 10 failed attempts per 15 minutes
        fresh = app.test_client()
        log_in(fresh, account)
    post_form(fresh, "/auth/login", {"email": account.email, "password": "wrong-wrong"})
    log_in(app.test_client(), account)


def test_inactive_account_cannot_log_in(client, make_user, db):
    from engage.models import User

    account = make_user("leader")
    with db as session:
        session.get(User, account.id).is_active = False
        session.commit()
    response = post_form(
        client, "/auth/login", {"email": account.email, "password": account.password}
    )
    assert WRONG in response.get_data(as_text=True)


def test_passwords_are_stored_as_argon2id(make_user, db):
    from engage.models import User

    account = make_user("leader")
    with db as session:
        assert session.get(User, account.id).password_hash.startswith("$argon2id$")
