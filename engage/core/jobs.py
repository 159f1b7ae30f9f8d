"""Background jobs: work queued once the current transaction commits, run by the job worker.

Services call ``later("embed_answers", [1, 2])``; nothing is queued unless the session
commits, so a rolled-back request never leaves a job behind. ``engage.tasks`` registers
the jobs by name, which keeps features and the input path free of the task module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from engage.extensions import db

log = logging.getLogger(__name__)
PENDING_KEY = "engage_jobs"
JOBS: dict[str, Callable[..., Any]] = {}


def register(name: str, enqueue: Callable[..., Any]) -> None:
    """Make a job known by name; `enqueue(*args)` puts it on the queue."""
    JOBS[name] = enqueue


def later(name: str, *args: Any) -> None:
    """Queue job `name` with these arguments after the current db session commits."""
    pending = db.session.info.setdefault(PENDING_KEY, [])
    if (name, args) not in pending:
        pending.append((name, args))


def enqueue(name: str, *args: Any) -> None:
    """Put a job on the queue now (outside a transaction, e.g. from a command)."""
    JOBS[name](*args)


@event.listens_for(Session, "after_commit")
def _enqueue_pending(session: Session) -> None:
    # The data is committed; a queue that is down must not turn that into an error page.
    # The worker's periodic sweep finds what was not queued (missing embeddings, new input).
    for name, args in session.info.pop(PENDING_KEY, []):
        try:
            enqueue(name, *args)
        except Exception:
            log.exception("could not queue job %s", name)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)
