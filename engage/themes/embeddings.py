"""Sentence embeddings of text answers: computed once, after the answer is saved, and stored."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

import numpy as np
from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from engage.analysis import EMBEDDING_DIM, EMBEDDING_MODEL, embed, embedding_available
from engage.extensions import db
from engage.models import Answer, AnswerEmbedding, Question, QuestionKind

log = logging.getLogger(__name__)
BATCH = 64


def missing_answer_ids(limit: int = BATCH, answer_ids: Sequence[int] | None = None) -> list[int]:
    """Text answers that have no stored embedding yet, oldest first."""
    query = (
        select(Answer.id)
        .join(Question, Answer.question_id == Question.id)
        .outerjoin(AnswerEmbedding, AnswerEmbedding.answer_id == Answer.id)
        .where(
            AnswerEmbedding.answer_id.is_(None),
            Question.kind == QuestionKind.TEXT,
            Answer.text.is_not(None),
        )
        .order_by(Answer.id)
    )
    if answer_ids is not None:
        query = query.where(Answer.id.in_(list(answer_ids)))
    return list(db.session.scalars(query.limit(limit)))


def embed_answers(answer_ids: Sequence[int]) -> int:
    """Compute and store embeddings for these answers; returns how many were stored."""
    if not answer_ids or not embedding_available():
        return 0
    answers = list(db.session.scalars(select(Answer).where(Answer.id.in_(list(answer_ids)))))
    vectors = embed([a.text or "" for a in answers])
    if vectors is None:
        return 0
    stored = 0
    for answer, vector in zip(answers, vectors, strict=True):
        try:
            with db.session.begin_nested():
                db.session.add(
                    AnswerEmbedding(
                        answer_id=answer.id,
                        model=EMBEDDING_MODEL,
                        vector=np.asarray(vector, dtype="<f4").tobytes(),
                    )
                )
            stored += 1
        except IntegrityError:  # another worker stored it first
            continue
    return stored


def catch_up(max_batches: int = 1_000) -> int:
    """Embed the backlog in batches, committing each; returns how many were stored."""
    total = 0
    for _ in range(max_batches):
        ids = missing_answer_ids()
        if not ids or not embedding_available():
            break
        total += embed_answers(ids)
        db.session.commit()
    return total


def load_vectors(answer_ids: Sequence[int]) -> np.ndarray | None:
    """Stored vectors in the given order, or None unless every answer has one."""
    if not answer_ids or not embedding_available():
        return None
    rows = {}
    ids = list(answer_ids)
    for start in range(0, len(ids), 5_000):
        chunk = ids[start : start + 5_000]
        rows.update(
            db.session.execute(
                select(AnswerEmbedding.answer_id, AnswerEmbedding.vector).where(
                    AnswerEmbedding.answer_id.in_(chunk), AnswerEmbedding.model == EMBEDDING_MODEL
                )
            ).all()
        )
    if len(rows) != len(ids):
        return None
    matrix = np.empty((len(ids), EMBEDDING_DIM), dtype=np.float32)
    for i, answer_id in enumerate(ids):
        matrix[i] = np.frombuffer(rows[answer_id], dtype="<f4")
    return matrix


class BackgroundEmbedder:
    """A daemon thread per process that embeds new answers soon after they are saved."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def notify(self) -> None:
        """Say that new answers were saved; starts the thread the first time."""
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._loop, daemon=True, name="engage-embedder"
                )
                self.thread.start()
        self.wake.set()

    def _loop(self) -> None:
        while True:
            self.wake.wait(timeout=60)
            self.wake.clear()
            with self.app.app_context():
                try:
                    catch_up()
                except Exception:  # keep the thread alive; the next wake retries
                    log.exception("embedding backlog failed")
                    db.session.rollback()
                finally:
                    db.session.remove()


def init_app(app: Flask) -> None:
    """Attach the background embedder when enabled (EMBED_IN_BACKGROUND)."""
    if app.config.get("EMBED_IN_BACKGROUND", True):
        app.extensions["engage_embedder"] = BackgroundEmbedder(app)


def notify_new_answers(app: Flask) -> None:
    """Called after a commit that saved answers; never blocks the request."""
    embedder = app.extensions.get("engage_embedder")
    if embedder is not None:
        embedder.notify()
