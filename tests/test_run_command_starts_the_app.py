"""scripts/run (the README's first command) migrates, seeds and serves the app."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                return response.status
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


def test_run_script_serves_the_app_with_demo_data(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite'}",
        "SECRET_KEY": "s" * 48,
        "PORT": str(port),
        "ENGAGE_DEMO_EMBEDDINGS": "0",
    }
    env.pop("ENGAGE_TEST_POSTGRES", None)
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "run")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        assert wait_for(f"http://127.0.0.1:{port}/healthz") == 200
        assert wait_for(f"http://127.0.0.1:{port}/auth/login") == 200
        deadline = time.monotonic() + 120  # the worker starts beside the web app
        while not any("Huey consumer started" in line for line in lines):
            assert time.monotonic() < deadline, "the job worker did not start"
            time.sleep(0.3)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        reader.join(30)
    output = "".join(lines)
    assert "Leader login: leder@demo.example" in output
    assert "Open workshop: http" in output
    assert "Huey consumer started" in output  # the job worker runs beside the web app
    assert "Consumer exiting" in output  # and stops with it
    import sqlite3

    with sqlite3.connect(tmp_path / "run.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM responses").fetchone()[0] >= 80
