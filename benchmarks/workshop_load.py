"""Load benchmark: a 300-phone workshop burst from one IP address against gunicorn.

Starts gunicorn (2 workers) and the job worker on a fresh database and queue file, loads
the demo project, then simulates phones that arrive within a time window, each loading the
join form and sending once or twice (some double-tap Send). Prints latency percentiles,
errors, 429s, whether every acknowledged submission is stored exactly once, the form page's
transfer size, each web worker's memory, and how long after the burst the job worker needs
until every answer is embedded and placed in the demo's themes.

    .venv/bin/python benchmarks/workshop_load.py                      # SQLite
    .venv/bin/python benchmarks/workshop_load.py --db postgres        # PostgreSQL
    .venv/bin/python benchmarks/workshop_load.py --db both --phones 300 --window 60

Only loopback addresses are used. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([^"]+)"')
FIELD = re.compile(r'<textarea id="(q\d+)"')
IDEAS = [
    "Bredbånd til alle grendene",
    "Næringshage på kaia",
    "Flere lærlingplasser",
    "Helårsturisme rundt fjorden",
    "Utleieboliger for unge",
    "Grønn industri i fabrikken",
    "Meir breiband og betre ferje",
    "Local seafood processing",
]


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"GET": [], "POST": []})
    errors: list[str] = field(default_factory=list)
    too_many: int = 0
    acknowledged: set[str] = field(default_factory=set)
    posts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(results: Results, opener, method: str, url: str, data: bytes | None = None):
    """Send one request; record latency; return (status, body)."""
    start = time.perf_counter()
    try:
        with opener.open(url, data=data, timeout=30) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except OSError as error:
        with results.lock:
            results.errors.append(f"{method} {type(error).__name__}: {error}")
        return None, b""
    elapsed = time.perf_counter() - start
    with results.lock:
        results.latencies[method].append(elapsed)
        if status == 429:
            results.too_many += 1
        elif status >= 400:
            results.errors.append(f"{method} HTTP {status}")
    return status, body


def phone(base: str, code: str, arrival: float, rng: random.Random, results: Results) -> None:
    """One participant: arrive, load the form, send once or twice, sometimes double-tap."""
    time.sleep(arrival)
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
    )
    for _ in range(2 if rng.random() < 0.35 else 1):
        status, body = timed(results, opener, "GET", f"{base}/j/{code}")
        if status != 200:
            return
        html = body.decode()
        fields = FIELD.findall(html)
        key = KEY.search(html).group(1)
        form = {
            "csrf_token": TOKEN.search(html).group(1),
            "submission_key": key,
            fields[-1]: rng.choice(IDEAS),
            fields[0]: rng.choice(IDEAS),
        }
        data = urllib.parse.urlencode(form).encode()
        time.sleep(rng.uniform(0.5, 3.0))  # typing on a phone
        for _tap in range(2 if rng.random() < 0.15 else 1):
            with results.lock:
                results.posts += 1
            status, _ = timed(results, opener, "POST", f"{base}/j/{code}", data)
            if status == 302:
                with results.lock:
                    results.acknowledged.add(key)


def start_server(
    database_url: str, port: int, ratelimit: str, tmp: str
) -> tuple[subprocess.Popen, subprocess.Popen]:
    """gunicorn with 2 workers and the job worker, sharing a fresh queue file."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "RATELIMIT_STORAGE_URI": ratelimit,
        "FLASK_APP": "engage",
        "ENGAGE_TASK_QUEUE_URL": f"sqlite:///{tmp}/jobs.sqlite",
    }
    flask = str(VENV_BIN / "flask")
    subprocess.run([flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    seeded = subprocess.run(
        [flask, "seed-demo"], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    env["ENGAGE_DEMO_CODE"] = seeded.split("Open workshop: ")[1].split("/j/")[1].split()[0]
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    server.code = env["ENGAGE_DEMO_CODE"]  # type: ignore[attr-defined]
    with open(f"{tmp}/worker.log", "wb") as log:
        worker = subprocess.Popen([flask, "worker"], env=env, cwd=ROOT, stderr=log)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
            return server, worker
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of a process, in MB, from /proc."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return tuple(int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))  # type: ignore[return-value]


def web_workers(server: subprocess.Popen) -> list[int]:
    """Pids of gunicorn's worker processes."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def backlog(app) -> tuple[int, int]:
    """(answers without an embedding, answers not yet placed in the latest run's themes)."""
    from engage.extensions import db
    from engage.models import AnalysisRun, RunStatus
    from engage.themes.assign import new_input
    from engage.themes.embeddings import missing_answer_ids

    with app.app_context():
        run = db.session.scalar(
            sa.select(AnalysisRun)
            .where(AnalysisRun.status == RunStatus.DONE)
            .order_by(AnalysisRun.id.desc())
        )
        counts = len(missing_answer_ids(limit=1_000_000)), len(new_input(run)) if run else 0
        db.session.remove()
    return counts


def catch_up_time(database_url: str, limit: float = 300) -> tuple[float, int, int]:
    """Seconds from the end of the burst until the job worker has embedded and placed every
    answer: (seconds, answers without embedding, answers not placed)."""
    from engage import create_app

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "b" * 40, "TASKS_IMMEDIATE": True}
    )
    started = time.perf_counter()
    waiting, unplaced = backlog(app)
    while (waiting or unplaced) and time.perf_counter() - started < limit:
        time.sleep(0.5)
        waiting, unplaced = backlog(app)
    return time.perf_counter() - started, waiting, unplaced


def stored_keys(database_url: str, keys: set[str]) -> tuple[int, int]:
    """(rows whose key was acknowledged, rows with a key that was never acknowledged)."""
    engine = sa.create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        rows = [
            k
            for (k,) in conn.execute(
                sa.text("SELECT submission_key FROM responses WHERE submission_key IS NOT NULL")
            )
        ]
    engine.dispose()
    return sum(1 for k in rows if k in keys), sum(1 for k in rows if k not in keys)


def page_weight(base: str, code: str) -> tuple[int, int]:
    """Bytes of the form page with its CSS and script: raw and gzip-compressed."""
    raw = b""
    html = urllib.request.urlopen(f"{base}/j/{code}").read()
    raw += html
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode()):
        raw_asset = urllib.request.urlopen(base + asset).read()
        raw += raw_asset
    compressed = len(gzip.compress(html)) + sum(
        len(gzip.compress(urllib.request.urlopen(base + a).read()))
        for a in re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode())
    )
    return len(raw), compressed


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(kind: str, phones: int, window: float, seed: int) -> None:
    ratelimit = "redis://127.0.0.1:6379/15" if redis_up() else "memory://"
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "sqlite":
            url, drop = f"sqlite:///{tmp}/load.sqlite", None
        else:
            server_url = os.environ.get(
                "ENGAGE_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
            )
            name = f"engage_load_{uuid.uuid4().hex[:10]}"
            admin = sa.create_engine(
                server_url.replace("postgresql://", "postgresql+psycopg://"),
                isolation_level="AUTOCOMMIT",
            )
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
            url = server_url.rsplit("/", 1)[0] + "/" + name
            drop = (admin, name)
        port = free_port()
        server, worker = start_server(url, port, ratelimit, tmp)
        base, code = f"http://127.0.0.1:{port}", server.code  # type: ignore[attr-defined]
        try:
            raw, compressed = page_weight(base, code)
            rng = random.Random(seed)
            results = Results()
            threads = [
                threading.Thread(
                    target=phone,
                    args=(base, code, rng.uniform(0, window), random.Random(seed + n), results),
                )
                for n in range(phones)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            duration = time.perf_counter() - started
            web_memory = [memory_mb(pid) for pid in web_workers(server)]
            catch_up = catch_up_time(url)
            worker_memory = memory_mb(worker.pid)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
            worker.send_signal(signal.SIGTERM)
            worker.wait(30)
        matched, unexpected = stored_keys(url, results.acknowledged)
        if drop:
            with drop[0].connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{drop[1]}" WITH (FORCE)'))
            drop[0].dispose()
    report(kind, phones, window, duration, results, matched, unexpected, raw, compressed, ratelimit)
    memory_report(web_memory, worker_memory, catch_up)


def memory_report(
    web: list[tuple[float, float]], worker: tuple[float, float], catch_up: tuple[float, int, int]
) -> None:
    for n, (now, peak) in enumerate(web, 1):
        print(f"web worker {n}: RSS {now:.0f} MB (peak {peak:.0f} MB)")
    print(f"job worker: RSS {worker[0]:.0f} MB (peak {worker[1]:.0f} MB)")
    seconds, waiting, unplaced = catch_up
    state = "all embedded and placed" if not (waiting or unplaced) else "NOT DONE"
    print(
        f"job worker caught up {seconds:.1f} s after the burst: {state} "
        f"({waiting} answers without embedding, {unplaced} not placed in the themes)"
    )


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def report(
    kind, phones, window, duration, results, matched, unexpected, raw, compressed, ratelimit
) -> None:
    print(
        f"\n== {kind}: {phones} phones from 127.0.0.1 within {window:.0f} s, "
        f"gunicorn 2 workers, rate limits in {ratelimit.split(':')[0]}"
    )
    print(f"wall time {duration:.1f} s")
    for method, values in results.latencies.items():
        ms = [v * 1000 for v in values]
        print(
            f"{method:4} n={len(ms):4}  p50={percentile(ms, 50):6.1f} ms  "
            f"p95={percentile(ms, 95):6.1f} ms  p99={percentile(ms, 99):6.1f} ms  "
            f"max={max(ms, default=float('nan')):6.1f} ms"
            + (f"  mean={statistics.mean(ms):.1f} ms" if ms else "")
        )
    print(f"errors: {len(results.errors)}" + (f" ({results.errors[:5]})" if results.errors else ""))
    print(f"429 responses: {results.too_many}")
    print(
        f"POSTs sent (incl. double taps): {results.posts}; distinct submissions acknowledged: "
        f"{len(results.acknowledged)}; stored rows matching them: {matched}; "
        f"stored rows never acknowledged: {unexpected}"
    )
    lost = len(results.acknowledged) - matched
    print("nothing lost, nothing doubled" if lost == 0 else f"LOST: {lost}")
    print(f"form page + CSS + JS: {raw / 1024:.1f} KB raw, {compressed / 1024:.1f} KB gzip")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--window", type=float, default=60.0, help="arrival window, seconds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for kind in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        run(kind, args.phones, args.window, args.seed)


if __name__ == "__main__":
    main()
