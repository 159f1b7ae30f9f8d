"""A worker killed with SIGKILL in the middle of an analysis run loses nothing: the run's
status and heartbeat are in the database, and the next worker's sweep runs it again."""

from __future__ import annotations

import signal
from datetime import timedelta

import pytest
from sqlalchemy import update

from engage.core.jobs import later
from engage.models import AnalysisRun, Project, RunStatus, User
from engage.models.base import utcnow
from engage.themes import runs
from tests.tasks.conftest import wait_for
from tests.themes.conftest import TEXTS, add_inputs


@pytest.fixture
def app_config(queued):
    return queued


def run_state(db, run_id: int) -> tuple[RunStatus, int, int]:
    with db as session:
        run = session.get(AnalysisRun, run_id)
        return run.status, run.attempts, len(run.themes)


def test_a_run_whose_worker_was_killed_is_run_again_by_the_next_worker(
    make_user, make_project, make_activity, db, start_worker
):
    leader = make_user("leader")
    project_id = make_project(leader)
    add_inputs(db, make_activity(project_id), [t for texts in TEXTS.values() for t in texts])
    with db as session:
        project, user = session.get(Project, project_id), session.get(User, leader.id)
        run = runs.create_run(project, user, {}, {"n_themes": 3, "use_embeddings": False})
        later("execute_run", run.id)
        session.commit()
        run_id = run.id
    first = start_worker(RUN_DELAY_SECONDS="120")  # keeps the run RUNNING until killed
    wait_for(lambda: run_state(db, run_id)[0] is RunStatus.RUNNING)
    first.send_signal(signal.SIGKILL)
    first.wait(30)
    assert run_state(db, run_id)[:2] == (RunStatus.RUNNING, 1)  # Huey itself forgot the job
    with db as session:  # the minute without a heartbeat has passed
        session.execute(
            update(AnalysisRun)
            .where(AnalysisRun.id == run_id)
            .values(heartbeat_at=utcnow() - timedelta(minutes=2))
        )
        session.commit()
    start_worker(RUN_STALE_MINUTES="1")
    wait_for(lambda: run_state(db, run_id)[0] is RunStatus.DONE)
    assert run_state(db, run_id) == (RunStatus.DONE, 2, 3)  # started twice, themes stored
