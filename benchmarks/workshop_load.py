"""Load benchmark: a 300-phone workshop burst from one IP address against gunicorn.

Starts gunicorn (2 workers) on a fresh database, loads the demo project, then simulates
phones that arrive within a time window, each loading the join form and sending once or
twice (some double-tap Send). Prints latency percentiles, errors, 429s, whether every
acknowledged submission is stored exactly once, and the form page's transfer size.

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


def start_server(database_url: str, port: int, ratelimit: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "RATELIMIT_STORAGE_URI": ratelimit,
        "FLASK_APP": "engage",
    }
    flask = str(VENV_BIN / "flask")
    subprocess.run([flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    seeded = subprocess.run(
        [flask, "seed-demo"], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    env["ENGAGE_DEMO_CODE"] = seeded.split("/j/")[1].split()[0]
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
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


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
        server = start_server(url, port, ratelimit)
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
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
        matched, unexpected = stored_keys(url, results.acknowledged)
        if drop:
            with drop[0].connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{drop[1]}" WITH (FORCE)'))
            drop[0].dispose()
    report(kind, phones, window, duration, results, matched, unexpected, raw, compressed, ratelimit)


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
