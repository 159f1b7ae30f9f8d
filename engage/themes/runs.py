"""Run the analysis over a project's input and store what it proposes."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from flask import Flask
from sqlalchemy import select

from engage.analysis import ANALYSIS_VERSION, ThemeModel
from engage.extensions import db
from engage.models import AnalysisRun, Project, RunStatus, Theme, ThemeMember, User
from engage.models.base import utcnow
from engage.themes.embeddings import embed_answers, load_vectors, missing_answer_ids
from engage.themes.inputs import InputItem, clean_selection, select_input

log = logging.getLogger(__name__)
# Up to this many responses a run finishes while the leader waits; more run in the background.
WAIT_LIMIT = 5_000
MODEL_PARAMS = ("n_themes", "min_themes", "max_themes", "random_state", "use_embeddings")
MAX_THEMES_LIMIT = 12


def clean_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Number of themes: fixed (n_themes) or automatic within [min_themes, max_themes]."""
    low = _bounded(raw.get("min_themes"), 3)
    high = max(low, _bounded(raw.get("max_themes"), 8))
    fixed = raw.get("n_themes")
    return {
        "n_themes": _bounded(fixed, 4) if fixed not in (None, "", 0) else None,
        "min_themes": low,
        "max_themes": high,
        "random_state": int(raw.get("random_state") or 0),
        "use_embeddings": raw.get("use_embeddings", True) is not False,
    }


def _bounded(value: Any, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return max(2, min(MAX_THEMES_LIMIT, number))


def create_run(project: Project, user: User | None, selection: dict, params: dict) -> AnalysisRun:
    """A queued run with its input count; execute_run() does the work."""
    selection = clean_selection(selection)
    items = select_input(project, selection)
    run = AnalysisRun(
        project_id=project.id,
        created_by_id=user.id if user else None,
        selection=selection,
        params={**clean_params(params), "responses": len({i.response_id for i in items})},
        version=ANALYSIS_VERSION,
        input_count=len(items),
    )
    db.session.add(run)
    db.session.flush()
    return run


def runs_while_waiting(run: AnalysisRun) -> bool:
    """Small enough to finish while the leader waits for the page."""
    return run.params.get("responses", run.input_count) <= WAIT_LIMIT


def execute_run(run: AnalysisRun) -> AnalysisRun:
    """Embed what is missing, fit the model, store themes and members; commits progress."""
    started = time.perf_counter()
    run.status, run.progress = RunStatus.RUNNING, 1
    db.session.commit()
    try:
        items = select_input(db.session.get(Project, run.project_id), run.selection)
        run.input_count = len(items)
        vectors = _embeddings(run, items) if run.params.get("use_embeddings", True) else None
        model = ThemeModel(**{key: run.params[key] for key in MODEL_PARAMS}).fit(
            [i.text for i in items], languages=None, embeddings=vectors
        )
        _store(run, items, model)
        run.notes = list(model.notes_)
        run.params = {**run.params, "embedding_model": model.params.get("embedding_model")}
        run.status, run.progress = RunStatus.DONE, 100
    except Exception as error:  # the run records why it failed; the app stays up
        db.session.rollback()
        log.exception("analysis run %s failed", run.id)
        run = db.session.get(AnalysisRun, run.id)
        run.status, run.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"[:2000]
    run.duration_ms = int((time.perf_counter() - started) * 1000)
    run.finished_at = utcnow()
    db.session.commit()
    return run


def _embeddings(run: AnalysisRun, items: list[InputItem]):
    """Stored vectors for every item, computing the missing ones (progress up to 80 %)."""
    ids = [i.answer_id for i in items]
    missing = _all_missing(ids)
    for start in range(0, len(missing), 64):
        if not embed_answers(missing[start : start + 64]):
            break  # no model installed: the TF-IDF path is used
        run.progress = 1 + int(79 * min(1.0, (start + 64) / len(missing)))
        db.session.commit()
    run.progress = 80
    db.session.commit()
    return load_vectors(ids)


def _all_missing(ids: list[int]) -> list[int]:
    missing: list[int] = []
    for start in range(0, len(ids), 5_000):
        chunk = ids[start : start + 5_000]
        missing.extend(missing_answer_ids(limit=len(chunk), answer_ids=chunk))
    return missing


def _store(run: AnalysisRun, items: list[InputItem], model: ThemeModel) -> None:
    """Themes as proposed (also kept unedited in run.proposal) and one member row per item."""
    themes = []
    for position, proposed in enumerate(model.themes_):
        theme = Theme(
            run_id=run.id,
            label=proposed.label[:200],
            terms=list(proposed.terms),
            quotes=[items[i].answer_id for i in proposed.representative],
            position=position,
        )
        db.session.add(theme)
        themes.append(theme)
    db.session.flush()
    run.proposal = [
        {**t.to_dict(), "theme_id": theme.id, "quotes": theme.quotes}
        for t, theme in zip(model.themes_, themes, strict=True)
    ]
    db.session.bulk_insert_mappings(
        ThemeMember,
        [
            {
                "run_id": run.id,
                "answer_id": item.answer_id,
                "theme_id": themes[label].id if label >= 0 else None,
                "is_excluded": False,
                "is_new": False,
                "source": "analysis",
            }
            for item, label in zip(items, model.labels_.tolist(), strict=True)
        ],
    )
    run.progress = 95


def run_in_background(app: Flask, run_id: int) -> threading.Thread:
    """Execute a run in a daemon thread of this process (for large inputs)."""

    def work() -> None:
        with app.app_context():
            try:
                execute_run(db.session.get(AnalysisRun, run_id))
            finally:
                db.session.remove()

    thread = threading.Thread(target=work, daemon=True, name=f"engage-run-{run_id}")
    thread.start()
    return thread


def latest_run(project: Project) -> AnalysisRun | None:
    """The newest finished run of the project: the one the workspace shows."""
    return db.session.scalar(
        select(AnalysisRun)
        .where(AnalysisRun.project_id == project.id, AnalysisRun.status == RunStatus.DONE)
        .order_by(AnalysisRun.id.desc())
        .limit(1)
    )
