"""The sweep finds runs whose worker stopped: tried again while attempts allow, else failed
with a message the leader can read; she starts a failed run again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from engage import tasks
from engage.models import AnalysisRun, Project, RunStatus, User
from engage.models.base import utcnow
from engage.themes import runs
from tests.conftest import log_in, post_form


@pytest.fixture
def stuck(themed, db):
    """A run left RUNNING by a worker that died an hour ago, after `attempts` starts."""

    def make(attempts: int) -> int:
        with db as session:
            project = session.get(Project, themed["project"])
            user = session.get(User, themed["leader"].id)
            run = runs.create_run(project, user, {}, {"n_themes": 3, "use_embeddings": False})
            session.flush()
            session.execute(
                update(AnalysisRun)
                .where(AnalysisRun.id == run.id)
                .values(
                    status=RunStatus.RUNNING,
                    attempts=attempts,
                    heartbeat_at=utcnow() - timedelta(hours=1),
                )
            )
            session.commit()
            return run.id

    return make


def status_of(db, run_id: int) -> RunStatus:
    with db as session:
        return session.get(AnalysisRun, run_id).status


def test_a_stuck_run_with_attempts_left_is_run_again(app, stuck, db):
    run_id = stuck(attempts=1)
    with app.app_context():
        tasks.recover_runs()  # queues execute_run, which runs at commit here
    assert status_of(db, run_id) is RunStatus.DONE


def test_a_stuck_run_tried_enough_fails_readably_and_the_leader_restarts_it(
    app, client, themed, stuck, db
):
    run_id = stuck(attempts=2)
    with app.app_context():
        tasks.recover_runs()
    assert status_of(db, run_id) is RunStatus.FAILED
    log_in(client, themed["leader"])
    status_url = f"{themed['base']}/runs/{run_id}"
    page = client.get(status_url).get_data(as_text=True)
    assert "jobbprosessen som kjørte den, sluttet å svare" in page
    assert 'http-equiv="refresh"' not in page
    restarted = post_form(client, f"{status_url}/restart", {})
    assert restarted.headers["Location"].endswith(status_url)
    assert status_of(db, run_id) is RunStatus.DONE
    assert f"run={run_id}" in client.get(status_url).headers["Location"]


def test_a_fresh_running_run_is_left_alone(app, themed, stuck, db):
    run_id = stuck(attempts=1)
    with db as session:
        session.execute(
            update(AnalysisRun).where(AnalysisRun.id == run_id).values(heartbeat_at=utcnow())
        )
        session.commit()
    with app.app_context():
        tasks.recover_runs()
    assert status_of(db, run_id) is RunStatus.RUNNING
