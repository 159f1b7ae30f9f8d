"""Benchmark: time to build the plan summary (Word, spreadsheet, Markdown, CSV) for the demo
project and for 5,000 responses.

    .venv/bin/python benchmarks/summary_build.py --db both

Each case uses a fresh database with a stored analysis (word-statistics path, so seeding is
quick) and four pinned themes. It prints measured figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from theme_workspace import database, make_app, seed

from engage.extensions import db


def measure(app, project_id: int) -> None:
    from engage.demo.seed import demo_analysis
    from engage.models import Project, User
    from engage.report.exports import export

    with app.app_context():
        project = db.session.get(Project, project_id)
        leader = db.session.scalar(sa.select(User).where(User.email == "leder@demo.example"))
        demo_analysis(project, leader, use_embeddings=False)
        for fmt in ("docx", "xlsx", "md", "csv"):
            started = time.perf_counter()
            body, _ = export(db.session.get(Project, project_id), fmt)
            elapsed = time.perf_counter() - started
            print(f"   {fmt:4}: {elapsed:6.2f} s, {len(body) / 1024:8.1f} KB")
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--large", type=int, default=5000)
    args = parser.parse_args()
    for kind in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        for label, extra in (
            ("demo project", 0),
            (f"demo + {args.large} responses", args.large),
        ):
            with tempfile.TemporaryDirectory() as tmp:
                url, drop = database(kind, tmp)
                try:
                    app = make_app(url)
                    print(f"== {kind}, {label}")
                    project_id, _email, _password = seed(app, extra, embeddings=False)
                    measure(app, project_id)
                finally:
                    if drop:
                        with drop[0].connect() as conn:
                            conn.execute(
                                sa.text(f'DROP DATABASE IF EXISTS "{drop[1]}" WITH (FORCE)')
                            )
                        drop[0].dispose()


if __name__ == "__main__":
    main()
