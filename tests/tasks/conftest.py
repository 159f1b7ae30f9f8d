"""Fixtures for the job worker: a real SQLite queue file and `flask worker` subprocesses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.themes.conftest import themed  # noqa: F401  (a project with input to analyse)

ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).parent / "flask")


@pytest.fixture
def queue_file(tmp_path: Path) -> Path:
    return tmp_path / "jobs.sqlite"


@pytest.fixture
def queued(queue_file: Path) -> dict[str, Any]:
    """Settings for an app that queues jobs in the file for a worker (use as app_config)."""
    return {"TASKS_IMMEDIATE": False, "TASK_QUEUE_URL": f"sqlite:///{queue_file}"}


@pytest.fixture
def start_worker(
    database_url: str, queue_file: Path, tmp_path: Path
) -> Iterator[Callable[..., subprocess.Popen]]:
    """Start `flask --app engage worker` against the test database and queue file."""
    started: list[subprocess.Popen] = []

    def start(**settings: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "w" * 40,
            "ENGAGE_TASK_QUEUE_URL": f"sqlite:///{queue_file}",
            **{f"ENGAGE_{key}": value for key, value in settings.items()},
        }
        log = open(tmp_path / f"worker-{len(started)}.log", "wb")  # noqa: SIM115
        worker = subprocess.Popen(
            [FLASK, "--app", "engage", "worker"], env=env, cwd=ROOT, stderr=log, stdout=log
        )
        worker.log_path = log.name  # type: ignore[attr-defined]
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            worker.wait(30)


def wait_for(check: Callable[[], Any], seconds: float = 90) -> Any:
    """Poll until check() is truthy; fail (with the last value) when it never is."""
    deadline = time.monotonic() + seconds
    value = check()
    while not value and time.monotonic() < deadline:
        time.sleep(0.2)
        value = check()
    assert value, "the worker never got there"
    return value
