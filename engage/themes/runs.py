"""Run the analysis over a project's input and store what it proposes."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from engage.analysis import ANALYSIS_VERSION, ThemeModel, embedding_available
from engage.extensions import db
from engage.models import AnalysisRun, Project, RunStatus, Theme, ThemeMember, User
from engage.models.base import utcnow
from engage.themes.adopt import adopt_first
from engage.themes.embeddings import embed_answers, load_vectors, missing_answer_ids
from engage.themes.inputs import InputItem, clean_selection, select_input

log = logging.getLogger(__name__)
# run.error of a run that stopped responding; the leader reads STALE_MESSAGE instead.
STALE_ERROR = "stale: the worker stopped sending a heartbeat"
STALE_MESSAGE = _l(
    "The analysis stopped: the job worker running it stopped responding, and it was tried "
    "again without success. Start it again, or ask your administrator to check the job worker."
)
Embedder = Callable[[Sequence[int]], int]
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


def create_run(
    project: Project,
    user: User | None,
    selection: dict,
    params: dict,
    live_activity_id: int | None = None,
) -> AnalysisRun:
    """A queued run with its input count; execute_run() does the work. A live run (of one
    workshop, for its projector) is numbered -1, -2 … apart from the leader's analyses."""
    selection = clean_selection(selection)
    items = select_input(project, selection)
    # Numbered within the project by the INSERT itself, under a lock on the project row
    # (PostgreSQL; SQLite serialises writers), so runs made at once never share a number.
    db.session.execute(select(Project.id).where(Project.id == project.id).with_for_update())
    if live_activity_id is None:
        number, same_kind = sa.func.max(AnalysisRun.number) + 1, AnalysisRun.number > 0
    else:
        number, same_kind = sa.func.min(AnalysisRun.number) - 1, AnalysisRun.number < 0
    run = AnalysisRun(
        project_id=project.id,
        number=select(sa.func.coalesce(number, 1 if live_activity_id is None else -1))
        .where(AnalysisRun.project_id == project.id, same_kind)
        .scalar_subquery(),
        live_activity_id=live_activity_id,
        created_by_id=user.id if user else None,
        selection=selection,
        params={**clean_params(params), "responses": len({i.response_id for i in items})},
        version=ANALYSIS_VERSION,
        input_count=len(items),
    )
    db.session.add(run)
    db.session.flush()
    return run


def claim_run(run_id: int) -> bool:
    """Mark a queued run as running by this worker; False when another worker has it or
    it is finished. Committed, so the claim outlives a crash."""
    claimed = db.session.execute(
        sa.update(AnalysisRun)
        .where(AnalysisRun.id == run_id, AnalysisRun.status == RunStatus.QUEUED)
        .values(
            status=RunStatus.RUNNING,
            progress=1,
            attempts=AnalysisRun.attempts + 1,
            heartbeat_at=utcnow(),
            error=None,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def execute_run(run: AnalysisRun, embed: Embedder = embed_answers) -> AnalysisRun:
    """Claim the queued run, embed what is missing, fit the model, store themes and members;
    commits progress with a heartbeat. A run held by another worker is returned as it is."""
    if not claim_run(run.id):
        db.session.refresh(run)
        return run
    db.session.refresh(run)
    started = time.perf_counter()
    try:
        _pause_for_tests(run)
        _clear(run)
        project = db.session.get(Project, run.project_id)
        items = select_input(project, run.selection)
        run.input_count = len(items)
        use = run.params.get("use_embeddings", True)
        vectors = _embeddings(run, items, embed) if use else None
        params = {key: run.params[key] for key in MODEL_PARAMS}
        # Labels are written in the kommune's language form, whatever the input's mix.
        model = ThemeModel(**params, language_form=project.language_form.value).fit(
            [i.text for i in items], languages=None, embeddings=vectors
        )
        _store(run, items, model)
        run.notes = [model.reason_] if model.reason_ else []  # a code; the page translates
        run.params = {**run.params, "embedding_model": model.params.get("embedding_model")}
        run.status, run.progress = RunStatus.DONE, 100
        db.session.flush()
        if run.live_activity_id is None:
            adopt_first(run)  # a project's first finished run is the plan's until another is
        else:
            _retire_older_live_runs(run)
    except Exception as error:  # the run records why it failed; the worker stays up
        db.session.rollback()
        log.exception("analysis run %s failed", run.id)
        run = db.session.get(AnalysisRun, run.id)
        run.status, run.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"[:2000]
    run.duration_ms = int((time.perf_counter() - started) * 1000)
    run.finished_at = utcnow()
    db.session.commit()
    return run


def _retire_older_live_runs(run: AnalysisRun) -> None:
    """A live run that finished replaces the ones before it on the projector: they go."""
    db.session.execute(
        sa.delete(AnalysisRun).where(
            AnalysisRun.live_activity_id == run.live_activity_id,
            AnalysisRun.id < run.id,
            AnalysisRun.status.in_([RunStatus.DONE, RunStatus.FAILED]),
        )
    )


def _beat(run: AnalysisRun, progress: int) -> None:
    """Record progress and a heartbeat, committed so the sweep sees the run is alive."""
    run.progress, run.heartbeat_at = progress, utcnow()
    db.session.commit()


def _pause_for_tests(run: AnalysisRun) -> None:
    """RUN_DELAY_SECONDS (tests only) keeps a run RUNNING long enough to kill its worker."""
    delay = float(current_app.config.get("RUN_DELAY_SECONDS") or 0)
    if delay:
        time.sleep(delay)
        _beat(run, run.progress)


def _clear(run: AnalysisRun) -> None:
    """Drop what an interrupted attempt may have left, so a retry starts clean."""
    db.session.execute(sa.delete(ThemeMember).where(ThemeMember.run_id == run.id))
    db.session.execute(sa.delete(Theme).where(Theme.run_id == run.id))


def _embeddings(run: AnalysisRun, items: list[InputItem], embed: Embedder):
    """Stored vectors for every item, computing the missing ones (progress up to 80 %)."""
    ids = [i.answer_id for i in items]
    missing = _all_missing(ids) if embedding_available() else []
    for start in range(0, len(missing), 64):
        embed(missing[start : start + 64])
        _beat(run, 1 + int(79 * min(1.0, (start + 64) / len(missing))))
    _beat(run, 80)
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


def restart_run(run: AnalysisRun) -> None:
    """Put a failed run back in the queue as if new; the caller queues execute_run."""
    run.status, run.progress, run.error = RunStatus.QUEUED, 0, None
    run.attempts, run.heartbeat_at, run.finished_at = 0, None, None
    db.session.flush()


def failure_message(run: AnalysisRun) -> str | None:
    """What the leader reads about a failed run (the stored error may be technical)."""
    if run.status is not RunStatus.FAILED:
        return None
    return str(STALE_MESSAGE) if run.error == STALE_ERROR else None


def recover_stuck_runs(stale_minutes: float, max_attempts: int) -> tuple[list[int], list[int]]:
    """Runs without a heartbeat for stale_minutes: queued again while attempts allow, else
    failed. Returns (ids to queue, ids failed); flushes, the caller commits and queues."""
    cutoff = utcnow() - timedelta(minutes=stale_minutes)
    last_sign = sa.func.coalesce(AnalysisRun.heartbeat_at, AnalysisRun.created_at)
    stale = sa.and_(
        last_sign < cutoff, AnalysisRun.status.in_([RunStatus.QUEUED, RunStatus.RUNNING])
    )
    queue, failed = [], []
    for run_id, status, attempts in db.session.execute(
        select(AnalysisRun.id, AnalysisRun.status, AnalysisRun.attempts).where(stale)
    ).all():
        if status is RunStatus.QUEUED or attempts < max_attempts:
            values = {"status": RunStatus.QUEUED, "heartbeat_at": utcnow()}
            target = queue
        else:
            values = {"status": RunStatus.FAILED, "error": STALE_ERROR, "finished_at": utcnow()}
            target = failed
        changed = db.session.execute(
            sa.update(AnalysisRun)
            .where(AnalysisRun.id == run_id, stale)
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount
        if changed:
            target.append(run_id)
    return queue, failed


def latest_run(project: Project) -> AnalysisRun | None:
    """The newest finished run of the project (adopted or a draft); the plan uses
    engage.themes.adopt.adopted_run instead."""
    return db.session.scalar(
        select(AnalysisRun)
        .where(
            AnalysisRun.project_id == project.id,
            AnalysisRun.status == RunStatus.DONE,
            AnalysisRun.live_activity_id.is_(None),
        )
        .order_by(AnalysisRun.id.desc())
        .limit(1)
    )


REASONS = {
    "no_texts": _l("There was no written input to analyse."),
    "no_content": _l("The input had no words or numbers to analyse."),
    "too_few_texts": _l(
        "Too few different answers to form themes (at least four are needed): every answer is "
        "listed as not placed."
    ),
    "no_seeds": _l("No theme names were given to sort the input by."),
    "fewer_texts_than_themes": _l(
        "There are fewer different answers than themes asked for, so fewer themes were made."
    ),
}


def note_text(note: str) -> str:
    """A run's note (a reason code from engage.analysis) as a sentence in the page's language."""
    return str(REASONS.get(note, _l("The analysis made fewer themes than asked for.")))
