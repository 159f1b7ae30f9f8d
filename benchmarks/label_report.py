"""Print every theme label with its size and terms, to read the labels as a leader would.

    .venv/bin/python benchmarks/label_report.py                 # demo, workshop sample, hdo
    .venv/bin/python benchmarks/label_report.py --sets demo,workshop --no-embed
    .venv/bin/python benchmarks/label_report.py --data ../shared/data --others

(a) The demo project's text answers (seeded into a throw-away SQLite database exactly as
`flask seed-demo` does, then selected as an analysis run selects them) and the hand-written
workshop sample (tests/analysis/workshop_answers.py), with and without embeddings, at the
demo's k = 6; (b) hdo_government_promises_no.csv at k = 13; with --others the other labelled
sets in the data folder (a sample each, k = their label count), labels in the describer's
form for the set (nb for Norwegian, en for English, and the others as they come: the describer
writes nb, nn or en headings only).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engage.analysis import ThemeModel, embed  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def demo_items() -> tuple[list[str], list[str]]:
    """Seed the demo into a temporary SQLite database; return its analysis input."""
    from flask_migrate import upgrade

    from engage import create_app
    from engage.demo.seed import seed_demo
    from engage.extensions import db
    from engage.themes.inputs import select_input

    with tempfile.TemporaryDirectory() as folder:
        settings = {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/demo.sqlite",
            "SECRET_KEY": "label-report-" + "x" * 30,
            "TESTING": True,
            "TASKS_IMMEDIATE": False,
        }
        app = create_app(settings)
        with app.app_context():
            upgrade()
            result = seed_demo()
            db.session.commit()
            items = select_input(result.project, {})
            out = [i.text for i in items], [i.language for i in items]
            db.session.remove()
            db.engine.dispose()
    return out


def workshop_items() -> tuple[list[str], list[str]]:
    sys.path.insert(0, str(ROOT / "tests" / "analysis"))
    from workshop_answers import texts_themes_languages

    texts, _themes, languages = texts_themes_languages()
    return texts, languages


def csv_texts(path: Path, max_rows: int) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if (r.get("text") or "").strip()]
    if len(rows) > max_rows:
        rows = random.Random(0).sample(rows, max_rows)
    return [r["text"] for r in rows], [r["label"] for r in rows]


def report(title: str, texts: list[str], k: int, form: str, use_embed: bool) -> None:
    started = time.perf_counter()
    vectors = embed(texts) if use_embed else None
    model = ThemeModel(
        n_themes=k, random_state=0, language_form=form, use_embeddings=use_embed
    ).fit(texts, embeddings=vectors)
    seconds = time.perf_counter() - started
    mode = "embeddings" if vectors is not None else "TF-IDF only"
    print(f"\n== {title} ({len(texts)} answers, k = {k}, {form}, {mode}, {seconds:.1f} s)")
    placed = max(1, int((model.labels_ >= 0).sum()))
    for theme in sorted(model.themes_, key=lambda t: -t.size):
        share = 100 * theme.size / placed
        print(
            f"  {theme.label:<42} {theme.size:>4} ({share:4.1f} %)   {', '.join(theme.terms[:6])}"
        )
        for index in theme.representative:
            print(f"      «{texts[index][:110]}»")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="demo,workshop,hdo")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-embed", action="store_true", help="TF-IDF only runs")
    parser.add_argument("--embed-only", action="store_true", help="runs with embeddings only")
    parser.add_argument("--others", action="store_true", help="also the other labelled sets")
    parser.add_argument("--max-rows", type=int, default=600)
    parser.add_argument("--form", default="nb", help="language form for demo/workshop/hdo")
    args = parser.parse_args()
    modes = [False] if args.no_embed else [True] if args.embed_only else [True, False]
    sets = args.sets.split(",")
    if "demo" in sets:
        texts, languages = demo_items()
        print(f"demo input languages: {dict(Counter(languages))}")
        for use in modes:
            report("demo project", texts, 6, args.form, use)
    if "workshop" in sets:
        texts, _ = workshop_items()
        for use in modes:
            report("workshop sample", texts, 6, args.form, use)
    if "hdo" in sets:
        path = args.data / "hdo_government_promises_no.csv"
        texts, _labels = csv_texts(path, 10_000)
        for use in modes:
            report(path.name, texts, 13, args.form, use)
    if args.others:
        forms = {"_en": "en"}
        for path in sorted(args.data.glob("*.csv")):
            if path.name.startswith("hdo_"):
                continue
            texts, labels = csv_texts(path, args.max_rows)
            form = next((f for tail, f in forms.items() if path.stem.endswith(tail)), "nb")
            report(path.name, texts, len(set(labels)), form, not args.no_embed)


if __name__ == "__main__":
    main()
