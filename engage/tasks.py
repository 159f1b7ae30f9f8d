"""Background work for the job worker (`flask --app engage worker`), as Huey tasks.

Each task takes ids, loads what it needs in its own app context (so its own db session),
is safe to run twice, and commits its own work. State that must survive a killed worker
lives in the database (a run's status and heartbeat, missing embeddings, the mail outbox),
and the sweep every minute picks it up again. Web processes only queue these jobs, by
name, through engage.core.jobs.later(); they never run them or load the embedding model.
"""

from __future__ import annotations

import logging
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from flask import Flask, current_app
from huey import crontab
from huey.exceptions import TaskLockedException

from engage.analysis import embedding_available
from engage.core import jobs
from engage.extensions import db, huey
from engage.invite.delivery import activities_with_due_mails, deliver
from engage.invite.importing import purge_expired_imports
from engage.live.themes import keep_fresh as keep_live_themes_fresh
from engage.live.themes import live_activities
from engage.models import AnalysisRun, Project
from engage.themes import embeddings, placement_runs
from engage.themes.assign import assign_new_input, new_input
from engage.themes.embeddings import BATCH, missing_answer_ids
from engage.themes.runs import execute_run as run_analysis
from engage.themes.runs import recover_stuck_runs

log = logging.getLogger(__name__)
# One embedder at a time across all workers, so no answer is embedded twice: a lease in the
# queue's storage that expires, so a worker killed while holding it blocks nobody for long.
EMBED_LEASE = "engage.lease.embed-answers"
EMBED_LEASE_SECONDS = 120
EMBED_WAIT_SECONDS = 300
SWEEP_EMBED_LIMIT = 2_000
_worker_app: Flask | None = None


@contextmanager
def task_context() -> Iterator[None]:
    """A fresh app context, with its own db session, of the worker's app (or the current
    app when jobs run immediately, as in tests); rolled back on error, always removed."""
    app = _worker_app or current_app._get_current_object()
    with app.app_context():
        try:
            yield
        except Exception:
            db.session.rollback()
            raise
        finally:
            db.session.remove()


@contextmanager
def embedding_turn(wait: float = EMBED_WAIT_SECONDS) -> Iterator[None]:
    """Hold the embedding lease, waiting while another worker embeds."""
    deadline = time.monotonic() + wait
    mine = f"{time.time() + EMBED_LEASE_SECONDS}:{uuid.uuid4().hex}"
    while not _take_lease(mine):
        if time.monotonic() > deadline:
            raise TaskLockedException("the embedding lease stayed taken")
        time.sleep(0.2)
    try:
        yield
    finally:
        if huey.get(EMBED_LEASE, peek=True) == mine:
            huey.delete(EMBED_LEASE)


def _take_lease(mine: str) -> bool:
    """Take the lease if free or expired (its holder died); atomic through put_if_empty."""
    if huey.put_if_empty(EMBED_LEASE, mine):
        return True
    held = huey.get(EMBED_LEASE, peek=True)
    if held is not None and float(held.split(":")[0]) < time.time():
        huey.delete(EMBED_LEASE)
        return huey.put_if_empty(EMBED_LEASE, mine)
    return False


def embed_in_turn(answer_ids: Sequence[int]) -> int:
    """Embed and store the answers still missing a vector, holding the lock; commits.

    Under load many small jobs queue up, so the first one also takes a batch of the
    backlog and the later ones find their answers done."""
    with embedding_turn():
        missing = missing_answer_ids(limit=len(answer_ids), answer_ids=answer_ids)
        if 0 < len(missing) < BATCH:
            missing += [i for i in missing_answer_ids() if i not in missing]
        stored = embeddings.embed_answers(missing)
        db.session.commit()
    return stored


@huey.task(retries=2, retry_delay=30)
def embed_answers(answer_ids: list[int]) -> int:
    """Embed new answers; those already embedded are skipped."""
    with task_context():
        return embed_in_turn(answer_ids)


@huey.task()
def execute_run(run_id: int) -> None:
    """Execute a queued analysis run; a run already taken or finished is left alone."""
    with task_context():
        run = db.session.get(AnalysisRun, run_id)
        if run is not None:
            run_analysis(run, embed=embed_in_turn)


@huey.task(retries=2, retry_delay=10)
def place_new_input(project_id: int) -> int:
    """Place input that arrived after a run into its themes: in the adopted run (the plan
    counts it), in the newest draft when that is another run (the one being shaped), and in
    the live themes of a workshop's projector."""
    with task_context():
        project = db.session.get(Project, project_id)
        added = 0
        for run in placement_runs(project) if project is not None else []:
            new = new_input(run)
            if new:
                embed_in_turn([i.answer_id for i in new])
            added += assign_new_input(run) if new else 0
        # A workshop's live themes on its projector: placed too, fitted again when it pays.
        for activity in live_activities(project_id):
            added += keep_live_themes_fresh(activity, embed=embed_in_turn)
        db.session.commit()
        return added


@huey.task()
def send_due_mails(base: str | None = None, activity_id: int | None = None) -> int:
    """Send the outbox's due mails and retries: of one survey or vote, or of every open one."""
    with task_context():
        config = current_app.config
        due = activities_with_due_mails()
        chosen = [a for a in due if activity_id is None or a.id == activity_id]
        base = (base or config["PUBLIC_BASE_URL"]).rstrip("/")
        if chosen and not base:
            log.warning("mails wait: set ENGAGE_PUBLIC_BASE_URL so mails get full links")
            return 0
        return sum(deliver(a, config, base).sent for a in chosen)


@huey.periodic_task(crontab(minute="*"))
def sweep() -> None:
    """Every minute: drop expired contact imports, recover stuck runs, embed the backlog,
    send due mails."""
    purge_imports()
    recover_runs()
    embed_backlog()
    send_due_mails.call_local()


def purge_imports() -> int:
    """Delete unconfirmed contact imports past their lifetime (names, e-mails, phones)."""
    with task_context():
        purged = purge_expired_imports()
        db.session.commit()
    return purged


def recover_runs() -> None:
    """Queue again the runs whose worker died (or fail them when tried enough)."""
    with task_context():
        config = current_app.config
        queue, failed = recover_stuck_runs(
            float(config["RUN_STALE_MINUTES"]), int(config["RUN_MAX_ATTEMPTS"])
        )
        for run_id in queue:
            jobs.later("execute_run", run_id)
        db.session.commit()
    for run_id in failed:
        log.warning("analysis run %s stopped responding and is marked failed", run_id)


def embed_backlog(limit: int = SWEEP_EMBED_LIMIT) -> int:
    """Embed answers still missing a vector, a batch at a time; returns how many."""
    total = 0
    with task_context():
        while total < limit and embedding_available():
            stored = embed_in_turn(missing_answer_ids())
            if not stored:
                break
            total += stored
    return total


def run_worker(app: Flask, workers: int = 1, shutdown_timeout: float = 10) -> None:
    """Run Huey's consumer with this app until SIGINT or SIGTERM. SIGINT lets running tasks
    finish for up to shutdown_timeout seconds; what is cut short, the sweep picks up again."""
    global _worker_app
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if huey.immediate:
        raise RuntimeError("TASKS_IMMEDIATE is on: jobs run where they are queued, no worker")
    _worker_app = app
    _load_model_once()
    consumer = huey.create_consumer(
        workers=workers, worker_type="thread", shutdown_timeout=shutdown_timeout
    )
    consumer.run()


def _load_model_once() -> None:
    """Load the embedding model in this worker process before the first task needs it."""
    if embedding_available():
        log.info("embedding model loaded")
    else:
        log.info("no embedding model installed: analysis uses TF-IDF")


jobs.register("embed_answers", embed_answers)
jobs.register("execute_run", execute_run)
jobs.register("place_new_input", place_new_input)
jobs.register("send_due_mails", send_due_mails)
