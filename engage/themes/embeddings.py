"""Sentence embeddings of text answers: computed once by the job worker, and stored.

Only the worker computes them (engage.tasks); web processes read stored vectors and never
load the model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy import select

from engage.analysis import EMBEDDING_DIM, EMBEDDING_MODEL, embed, embedding_available
from engage.extensions import db
from engage.models import Answer, AnswerEmbedding, Question, QuestionKind
from engage.models.base import insert_new, utcnow_minute

BATCH = 64


def missing_answer_ids(limit: int = BATCH, answer_ids: Sequence[int] | None = None) -> list[int]:
    """Text answers that have no stored embedding yet, oldest first. Answers to internal
    questions are never analysed, so they are never embedded either."""
    query = (
        select(Answer.id)
        .join(Question, Answer.question_id == Question.id)
        .outerjoin(AnswerEmbedding, AnswerEmbedding.answer_id == Answer.id)
        .where(
            AnswerEmbedding.answer_id.is_(None),
            Question.kind == QuestionKind.TEXT,
            Question.internal.is_(False),
            Answer.text.is_not(None),
        )
        .order_by(Answer.id)
    )
    if answer_ids is not None:
        query = query.where(Answer.id.in_(list(answer_ids)))
    return list(db.session.scalars(query.limit(limit)))


def embed_answers(answer_ids: Sequence[int]) -> int:
    """Compute and store embeddings for these answers (those still missing); returns how many
    were stored. Loads the model: call it from the job worker or a command only."""
    missing = missing_answer_ids(limit=len(answer_ids), answer_ids=answer_ids) if answer_ids else []
    if not missing or not embedding_available():
        return 0
    answers = list(db.session.scalars(select(Answer).where(Answer.id.in_(missing))))
    vectors = embed([a.text or "" for a in answers])
    if vectors is None:
        return 0
    rows = [
        {
            "answer_id": answer.id,
            "model": EMBEDDING_MODEL,
            "vector": np.asarray(vector, dtype="<f4").tobytes(),
            "created_at": utcnow_minute(),
        }
        for answer, vector in zip(answers, vectors, strict=True)
    ]
    return insert_new(db.session, AnswerEmbedding, rows)


def catch_up(max_batches: int = 1_000) -> int:
    """Embed the backlog in batches, committing each; returns how many were stored."""
    total = 0
    for _ in range(max_batches):
        ids = missing_answer_ids()
        if not ids or not embedding_available():
            break
        stored = embed_answers(ids)
        if not stored:
            break
        total += stored
        db.session.commit()
    return total


def load_vectors(answer_ids: Sequence[int]) -> np.ndarray | None:
    """Stored vectors in the given order, or None unless every answer has one (no model
    is loaded: web processes call this)."""
    if not answer_ids:
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
