"""Fault script: PostgreSQL stops and starts again while phones send answers.

Starts gunicorn (2 workers) and the job worker on a fresh PostgreSQL database with the demo
project, lets phones arrive over a window, stops the PostgreSQL cluster for a few seconds in
the middle (`pg_ctlcluster … stop -m fast`, then `start`), and prints: what the phones got
(302 stored, 503 "not available", 500s, connection errors), whether every acknowledged answer
is stored, and whether the app recovered without a restart (a fresh answer after the outage).

    .venv/bin/python benchmarks/db_restart_fault.py --phones 150 --window 40 --down 6

It stops the whole local PostgreSQL server: run it on a machine where nothing else needs
the server at that moment. Only loopback addresses are used; it measures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
import workshop_load as load

SERVER = os.environ.get("ENGAGE_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


def cluster() -> list[str]:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def outage(at: float, seconds: float, log: list[str]) -> None:
    """Stop PostgreSQL at `at` seconds for `seconds`, then start it and wait until it answers."""
    time.sleep(at)
    log.append(f"{time.strftime('%H:%M:%S')} stopping PostgreSQL")
    subprocess.run([*cluster(), "stop", "-m", "fast"], check=True, capture_output=True)
    time.sleep(seconds)
    subprocess.run([*cluster(), "start"], check=True, capture_output=True)
    for _ in range(60):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
            break
        time.sleep(0.5)
    log.append(f"{time.strftime('%H:%M:%S')} PostgreSQL answers again")


def counting(statuses: collections.Counter, lock: threading.Lock):
    """Wrap the load benchmark's timed() to count every status a phone got."""
    original = load.timed

    def timed(results, opener, method, url, data=None):
        status, body = original(results, opener, method, url, data)
        with lock:
            statuses[f"{method} {status if status is not None else 'no answer'}"] += 1
        return status, body

    return timed


def recovered(base: str, code: str) -> tuple[int | None, int | None]:
    """A fresh phone after the outage: (GET status, POST status)."""
    results = load.Results()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), load.NoRedirect()
    )
    status, body = load.timed(results, opener, "GET", f"{base}/j/{code}")
    if status != 200:
        return status, None
    html = body.decode()
    fields = load.FIELD.findall(html)
    form = {
        "csrf_token": load.TOKEN.search(html).group(1),
        "submission_key": load.KEY.search(html).group(1),
        fields[0]: "Etter omstarten: bedre ferjetilbud",
        fields[-1]: "Flere lærlingplasser",
    }
    data = urllib.parse.urlencode(form).encode()
    post, _ = load.timed(results, opener, "POST", f"{base}/j/{code}", data)
    return status, post


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=150)
    parser.add_argument("--window", type=float, default=40)
    parser.add_argument("--down", type=float, default=6, help="seconds PostgreSQL is stopped")
    args = parser.parse_args()
    name = f"engage_fault_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(
        SERVER.replace("postgresql://", "postgresql+psycopg://"),
        isolation_level="AUTOCOMMIT",
        pool_pre_ping=True,  # its connection dies with the restart
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = SERVER.rsplit("/", 1)[0] + "/" + name
    statuses: collections.Counter = collections.Counter()
    load.timed = counting(statuses, threading.Lock())
    events: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        port = load.free_port()
        server, worker = load.start_server(url, port, "memory://", tmp)
        base, code = f"http://127.0.0.1:{port}", server.code  # type: ignore[attr-defined]
        try:
            results = load.Results()
            rng = random.Random(7)
            phones = [
                threading.Thread(
                    target=load.phone,
                    args=(base, code, rng.uniform(0, args.window), random.Random(n), results),
                )
                for n in range(args.phones)
            ]
            stopper = threading.Thread(target=outage, args=(args.window / 3, args.down, events))
            for thread in [*phones, stopper]:
                thread.start()
            for thread in [*phones, stopper]:
                thread.join()
            time.sleep(2)
            after = recovered(base, code)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
            worker.send_signal(signal.SIGTERM)
            worker.wait(30)
        matched, unexpected = load.stored_keys(url, results.acknowledged)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    print(
        f"PostgreSQL stopped for {args.down:.0f} s during "
        f"{args.phones} phones / {args.window:.0f} s"
    )
    for line in events:
        print(f"  {line}")
    print("what the phones got:")
    for key, count in sorted(statuses.items()):
        print(f"  {key}: {count}")
    print(
        f"acknowledged answers: {len(results.acknowledged)}, stored: {matched}, "
        f"lost: {len(results.acknowledged) - matched}, stored but not acknowledged: {unexpected}"
    )
    print(f"a fresh phone after the outage, app not restarted: GET {after[0]}, POST {after[1]}")


if __name__ == "__main__":
    main()
