"""The README's commands: create-user and seed-demo."""

from __future__ import annotations

from sqlalchemy import func, select

from engage.models import Activity, Answer, Ballot, Project, Response, User


def counts(session):
    return {
        m.__name__: session.scalar(select(func.count()).select_from(m))
        for m in (User, Project, Activity, Response, Answer)
    }


def test_seed_demo_fills_a_demo_project_and_prints_the_way_in(app, db):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "leder@demo.example" in result.output
    assert "Password (shown once):" in result.output
    assert "/j/" in result.output
    with db as session:
        project = session.scalar(select(Project).where(Project.slug == "demo-fjordvik"))
        assert project.is_demo and "DEMODATA" in project.description
        kinds = {a.kind.value for a in project.activities}
        assert kinds == {"workshop", "survey", "business_survey", "interview", "vote"}
        vote = next(a for a in project.activities if a.kind.value == "vote")
        assert vote.status.value == "open"
        assert session.scalar(select(func.count()).select_from(Ballot)) == 64
        assert any(
            a.status.value == "open" and a.kind.value == "workshop" for a in project.activities
        )
        workshop = next(a for a in project.activities if a.kind.value == "workshop")
        assert workshop.questions[0].prompt.startswith("Hva er den største styrken")
        languages = set(session.scalars(select(Response.language)))
        assert languages == {"nb", "nn", "en", "pl"}
        assert 80 <= counts(session)["Response"] <= 1000


def test_seed_demo_twice_duplicates_nothing(app, db):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    with db as session:
        before = counts(session)
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert "already present" in second.output
    assert "Password: unchanged" in second.output
    with db as session:
        assert counts(session) == before


def test_demo_leader_can_log_in_with_the_printed_password(app, client):
    from tests.conftest import Account, log_in

    output = app.test_cli_runner().invoke(args=["seed-demo"]).output
    password = output.split("Password (shown once):")[1].split()[0]
    log_in(client, Account(0, "leder@demo.example", password))
    assert "Fjordvik" in client.get("/manage/").get_data(as_text=True)


def test_create_user_with_generated_password(app, db):
    result = app.test_cli_runner().invoke(
        args=["create-user", "Kari@Kommune.example", "--role", "viewer", "--generate-password"]
    )
    assert result.exit_code == 0, result.output
    assert "Password (shown once):" in result.output
    with db as session:
        user = session.scalar(select(User).where(User.email == "kari@kommune.example"))
        assert user.role.value == "viewer"


def test_create_user_prompts_for_the_password(app, db):
    result = app.test_cli_runner().invoke(
        args=["create-user", "ola@kommune.example", "--role", "admin"],
        input="a long password\na long password\n",
    )
    assert result.exit_code == 0, result.output
    assert "Password (shown once)" not in result.output


def test_create_user_refuses_short_password_and_duplicates(app):
    runner = app.test_cli_runner()
    short = runner.invoke(args=["create-user", "a@kommune.example"], input="short\nshort\n")
    assert short.exit_code != 0 and "at least 10" in short.output
    runner.invoke(args=["create-user", "b@kommune.example", "--generate-password"])
    again = runner.invoke(args=["create-user", "B@kommune.example", "--generate-password"])
    assert again.exit_code != 0 and "exists" in again.output
