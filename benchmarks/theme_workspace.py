"""Benchmark: time from "Run the analysis" to themes shown, for the demo project and for
5,000 responses, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/theme_workspace.py --db both

Each case uses a fresh database. Embeddings are stored beforehand, as the background embedder
does in production after each answer is saved (for the 5,000 case, identical texts share one
computed vector); the timed part is the leader's POST to run the analysis plus the GET of the
workspace that shows the themes. It prints measured figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engage import create_app
from engage.analysis import EMBEDDING_MODEL, embed, embedding_available
from engage.extensions import db


def make_app(url: str):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": uuid.uuid4().hex * 2,
            "TASKS_IMMEDIATE": True,
            "RATELIMIT_ENABLED": False,
        }
    )
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
    return app


def seed(app, extra: int, embeddings: bool = True) -> tuple[int, str, str]:
    """Demo project (+ extra synthetic responses); returns project id, e-mail, password."""
    from engage.demo import texts
    from engage.demo.seed import seed_demo
    from engage.models import Activity, Answer, AnswerEmbedding, Response

    with app.app_context():
        result = seed_demo(reset_password=True)
        db.session.commit()
        project_id, email, password = result.project.id, result.leader.email, result.password
        activity = db.session.get(Activity, result.open_workshop.id)
        question = activity.questions[3]
        rng = random.Random(5)
        ideas = [(lang, idea) for theme in texts.IDEAS.values() for lang, idea in theme]
        for n in range(extra):
            lang, idea = rng.choice(ideas)
            suffix = rng.choice(["", "", " nå", " snart", " i hele kommunen", " for alle"])
            db.session.add(
                Response(
                    activity_id=activity.id,
                    channel="workshop",
                    language=lang,
                    answers=[Answer(question_id=question.id, text=idea + suffix)],
                    stakeholder_group=rng.choice(texts.GROUPS),
                )
            )
            if n % 1000 == 999:
                db.session.flush()
        db.session.commit()
        if embeddings and embedding_available():
            rows = db.session.execute(
                sa.select(Answer.id, Answer.text).where(Answer.text.is_not(None))
            ).all()
            unique = sorted({t for _, t in rows})
            started = time.perf_counter()
            vectors = dict(zip(unique, embed(unique), strict=True))
            print(
                f"   (embedded {len(unique)} distinct texts for {len(rows)} answers in "
                f"{time.perf_counter() - started:.1f} s, untimed)"
            )
            db.session.add_all(
                AnswerEmbedding(
                    answer_id=i,
                    model=EMBEDDING_MODEL,
                    vector=np.asarray(vectors[t], "<f4").tobytes(),
                )
                for i, t in rows
            )
            db.session.commit()
    return project_id, email, password


def timed_run(app, project_id: int, email: str, password: str) -> None:
    client = app.test_client()
    token = re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/auth/login").get_data(as_text=True)
    ).group(1)
    client.post("/auth/login", data={"csrf_token": token, "email": email, "password": password})
    base = f"/manage/projects/{project_id}/themes"
    page = client.get(base).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    for mode in (
        {"mode": "auto", "min_themes": "3", "max_themes": "8"},
        {"mode": "fixed", "n_themes": "6", "min_themes": "3", "max_themes": "8"},
    ):
        started = time.perf_counter()
        response = client.post(f"{base}/run", data={"csrf_token": token, **mode})
        location = response.headers["Location"]
        background = "/runs/" in location
        for _ in range(1200):  # a large run: follow the progress page until done
            if "/runs/" not in location:
                break
            time.sleep(0.5)
            polled = client.get(location)
            if polled.status_code == 302:
                location = polled.headers["Location"]
            elif b"<progress" not in polled.data:
                break  # failed
        shown = client.get(location)
        elapsed = time.perf_counter() - started
        response.headers["Location"] = location
        run_id = re.search(r"run=(\d+)", response.headers["Location"])
        with app.app_context():
            from engage.models import AnalysisRun

            run = db.session.get(AnalysisRun, int(run_id.group(1))) if run_id else None
            detail = (
                f"run {run.duration_ms} ms, {run.params.get('responses')} responses, "
                f"{run.input_count} text answers, "
                f"{len(run.themes)} themes, embeddings: {run.params.get('embedding_model')}"
                if run
                else f"status {response.status_code}"
            )
        print(
            f"   {mode['mode']:5}: run → themes shown {elapsed:6.2f} s "
            f"({'in the background' if background else 'while waiting'}; "
            f"HTTP {shown.status_code}; {detail})"
        )


def database(kind: str, tmp: str):
    if kind == "sqlite":
        return f"sqlite:///{tmp}/themes-{uuid.uuid4().hex[:6]}.sqlite", None
    server = os.environ.get(
        "ENGAGE_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
    )
    admin = sa.create_engine(
        server.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    name = f"engage_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    return server.rsplit("/", 1)[0] + "/" + name, (admin, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--large", type=int, default=5000, help="responses in the large case")
    args = parser.parse_args()
    for kind in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        for label, extra in (("demo project", 0), (f"{args.large} responses", None)):
            with tempfile.TemporaryDirectory() as tmp:
                url, drop = database(kind, tmp)
                try:
                    app = make_app(url)
                    if extra is None:
                        extra = args.large
                    print(f"== {kind}, {label}")
                    timed_run(app, *seed(app, extra))
                    with app.app_context():
                        db.engine.dispose()
                finally:
                    if drop:
                        with drop[0].connect() as conn:
                            conn.execute(
                                sa.text(f'DROP DATABASE IF EXISTS "{drop[1]}" WITH (FORCE)')
                            )
                        drop[0].dispose()


if __name__ == "__main__":
    main()
