"""Fixtures: a real database (SQLite file, or PostgreSQL when ENGAGE_TEST_POSTGRES is set),
an app per test, a client, login helpers and factories."""

from __future__ import annotations

import os
import re
import secrets
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from engage import create_app
from engage.extensions import db as _db

PASSWORD = "correct horse battery"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _admin_engine(server_url: str) -> sa.Engine:
    from engage.config import normalise_database_url

    return sa.create_engine(normalise_database_url(server_url), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, migrated database for this test run; dropped at the end."""
    server = os.environ.get("ENGAGE_TEST_POSTGRES", "").strip()
    if server:
        name = f"engage_test_{uuid.uuid4().hex[:12]}"
        admin = _admin_engine(server)
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = admin.url.set(database=name).render_as_string(hide_password=False)
        try:
            migrate_to_head(url)
            yield url
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    else:
        path = tmp_path_factory.mktemp("db") / "engage-test.sqlite"
        url = f"sqlite:///{path}"
        migrate_to_head(url)
        yield url


def migrate_to_head(url: str) -> None:
    """Apply every migration, the way a deploy does."""
    from flask_migrate import upgrade

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t" * 40, "TESTING": True})
    with app.app_context():
        upgrade()
        _db.engine.dispose()


def app_settings(database_url: str, **overrides: Any) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "SERVER_NAME": None,
        # Jobs run at commit, in a nested app context of the test's app (Huey immediate mode).
        "TASKS_IMMEDIATE": True,
        "DEMO_EMBEDDINGS": False,
        **overrides,
    }


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Extra settings for the app of one test (override in a test module)."""
    return {}


@pytest.fixture
def app(database_url: str, app_config: dict[str, Any], tmp_path: Path) -> Iterator[Flask]:
    application = create_app(app_settings(database_url, **app_config))
    application.instance_path = str(tmp_path)
    yield application
    with application.app_context():
        _db.session.remove()
        _clear_tables()
        _db.engine.dispose()


def _clear_tables() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Database:
    """`with db as session:` runs database code in its own app context."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._ctx: Any = None

    def __enter__(self) -> sa.orm.Session:
        self._ctx = self.app.app_context()
        self._ctx.push()
        return _db.session

    def __exit__(self, *exc: object) -> None:
        _db.session.remove()
        self._ctx.pop()


@pytest.fixture
def db(app: Flask) -> Database:
    return Database(app)


def csrf_token(client: FlaskClient, path: str = "/auth/login") -> str:
    """The CSRF token of the client's session, read from a real form."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_RE.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client: FlaskClient, url: str, data: dict[str, Any] | None = None, **kw: Any):
    """POST like a browser: with the CSRF token from the session."""
    return client.post(url, data={"csrf_token": csrf_token(client), **(data or {})}, **kw)


@dataclass
class Account:
    id: int
    email: str
    password: str = PASSWORD


@pytest.fixture
def make_user(db: Database) -> Callable[..., Account]:
    from engage.auth.services import create_user
    from engage.models import Role

    def make(role: str = "leader", email: str | None = None, password: str = PASSWORD) -> Account:
        email = email or f"{role}-{uuid.uuid4().hex[:8]}@kommune.example"
        with db as session:
            user = create_user(email, password, Role(role))
            session.commit()
            return Account(user.id, user.email, password)

    return make


def log_in(client: FlaskClient, account: Account) -> None:
    response = post_form(
        client, "/auth/login", {"email": account.email, "password": account.password}
    )
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def login_as(client: FlaskClient, make_user: Callable[..., Account]) -> Callable[..., Account]:
    """Create an account with the role and log the test client in as it."""

    def login(role: str = "leader", **kwargs: Any) -> Account:
        account = make_user(role, **kwargs)
        log_in(client, account)
        return account

    return login


@pytest.fixture
def make_project(db: Database) -> Callable[..., int]:
    from engage.models import LanguageForm, MemberRole, User
    from engage.review.services import add_member, create_project

    def make(owner: Account, viewers: tuple[Account, ...] = (), **overrides: Any) -> int:
        fields = {"kommune": "Testvik", "name": "Omstilling Testvik", **overrides}
        fields["language_form"] = LanguageForm(fields.get("language_form", "nb"))
        with db as session:
            project = create_project(session.get(User, owner.id), **fields)
            for viewer in viewers:
                add_member(project, session.get(User, viewer.id), MemberRole.VIEWER)
            session.commit()
            return project.id

    return make


@pytest.fixture
def make_activity(db: Database) -> Callable[..., int]:
    from engage.models import ActivityKind, ActivityStatus, Project
    from engage.review.services import create_activity

    def make(project_id: int, **overrides: Any) -> int:
        fields = {"kind": "workshop", "title": "Innspillsmøte", "status": "open", **overrides}
        fields["kind"] = ActivityKind(fields["kind"])
        fields["status"] = ActivityStatus(fields["status"])
        with db as session:
            activity = create_activity(session.get(Project, project_id), **fields)
            session.commit()
            return activity.id

    return make


@pytest.fixture
def live_server(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def fill_project(db: Database, make_project: Callable[..., int], make_activity: Callable[..., int]):
    """A project with a row in every table that hangs under a project: responses, answers,
    embeddings, an analysis run with a theme and placements, a contact with an invitation and
    a mail, a pending import, a vote with an option, a ballot and a mark."""
    from engage.inputs import AnswerValue, Submission, record_response
    from engage.models import (
        Activity,
        AnalysisRun,
        AnswerEmbedding,
        Ballot,
        BallotMark,
        Contact,
        ContactImport,
        Invitation,
        InvitationMail,
        MailKind,
        Project,
        Theme,
        ThemeEdit,
        ThemeMember,
        VoteOption,
    )

    def fill(owner: Account, name: str = "Omstilling Testvik", **settings: Any) -> int:
        project_id = make_project(owner, name=name)
        workshop_id = make_activity(project_id, kind="workshop", title="Kaia")
        survey_id = make_activity(project_id, kind="survey", title="Næringslivet")
        vote_id = make_activity(project_id, kind="vote", title="Prioriter")
        with db as session:
            for key, value in settings.items():
                setattr(session.get(Project, project_id), key, value)
            workshop = session.get(Activity, workshop_id)
            question = next(q for q in workshop.questions if q.kind.value == "text")
            answers = []
            for text in ("Bredbånd til grendene", "Ny ferjekai"):
                response, _ = record_response(
                    workshop, Submission([AnswerValue(question, text=text)]), language="nb"
                )
                answers.extend(response.answers)
            session.flush()
            for answer in answers:
                session.add(AnswerEmbedding(answer_id=answer.id, model="m", vector=b"\0" * 8))
            run = AnalysisRun(project_id=project_id, created_by_id=owner.id)
            session.add(run)
            session.flush()
            theme = Theme(run_id=run.id, label="Bredbånd", quotes=[answers[0].id])
            session.add(theme)
            session.flush()
            session.add(ThemeMember(run_id=run.id, answer_id=answers[0].id, theme_id=theme.id))
            session.add(ThemeEdit(run_id=run.id, user_id=owner.id, action="rename"))
            contact = Contact(project_id=project_id, name="Kari", email=f"kari@{name[-6:]}.no")
            session.add(contact)
            session.flush()
            invitation = Invitation(
                activity_id=survey_id, contact_id=contact.id, response_id=answers[1].response_id
            )
            session.add(invitation)
            session.flush()
            session.add(InvitationMail(invitation_id=invitation.id, kind=MailKind.INVITATION))
            session.add(ContactImport(project_id=project_id, created_by_id=owner.id, rows=[]))
            option = VoteOption(activity_id=vote_id, label="Bredbånd", theme_id=theme.id)
            session.add(option)
            session.flush()
            ballot = Ballot(activity_id=vote_id, voter_key=f"v-{project_id}")
            session.add(ballot)
            session.flush()
            session.add(BallotMark(ballot_id=ballot.id, option_id=option.id, dots=3))
            session.commit()
        return project_id

    return fill


@contextmanager
def recorded_statements(app: Flask) -> Iterator[list[str]]:
    """The SQL statements the app's engine runs inside the block, as they are sent."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    with app.app_context():
        engine = _db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def statement_kinds(statements: list[str]) -> set[str]:
    """SELECT, INSERT, UPDATE … of recorded statements."""
    return {s.lstrip().split(None, 1)[0].upper() for s in statements}
