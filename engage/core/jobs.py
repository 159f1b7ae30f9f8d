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
    if len(args) == 1 and isinstance(args[0], list):
        # A job over a list of ids (embed these answers) is queued once per commit, for all.
        for queued_name, queued_args in pending:
            if queued_name == name and len(queued_args) == 1 and isinstance(queued_args[0], list):
                queued_args[0].extend(i for i in args[0] if i not in queued_args[0])
                return
        args = (list(args[0]),)
    if (name, args) not in pending:
        pending.append((name, args))


def enqueue(name: str, *args: Any) -> None:
    """Put a job on the queue now (outside a transaction, e.g. from a command)."""
    JOBS[name](*args)


@event.listens_for(Session, "after_commit")
def _enqueue_pending(session: Session) -> None:
    # SQLAlchemy also calls this when a savepoint is released: wait for the real commit.
    if session.in_nested_transaction():
        return
    # The data is committed; a queue that is down must not turn that into an error page.
    # The worker's periodic sweep finds what was not queued (missing embeddings, new input).
    for name, args in session.info.pop(PENDING_KEY, []):
        try:
            enqueue(name, *args)
        except Exception:
            log.exception("could not queue job %s", name)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    if not session.in_nested_transaction():  # a savepoint rolled back keeps the rest
        session.info.pop(PENDING_KEY, None)
