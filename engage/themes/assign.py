"""Place input that arrived after a run into the themes as they are now, without refitting."""

from __future__ import annotations

from sqlalchemy import select

from engage.analysis import assign_to_groups
from engage.extensions import db
from engage.models import AnalysisRun, Answer, Project, ThemeMember
from engage.models.base import insert_new
from engage.themes.embeddings import load_vectors
from engage.themes.inputs import InputItem, select_input

# Below this similarity to every theme, new input stays unassigned for the leader to place.
MIN_SIMILARITY = {"embedding": 0.80, "tfidf": 0.05}


def new_input(run: AnalysisRun) -> list[InputItem]:
    """Input matching the run's selection that has no member row in the run yet."""
    items = select_input(db.session.get(Project, run.project_id), run.selection)
    known = set(
        db.session.scalars(select(ThemeMember.answer_id).where(ThemeMember.run_id == run.id))
    )
    return [i for i in items if i.answer_id not in known]


def assign_new_input(run: AnalysisRun) -> int:
    """Add a member row for every new answer matching the run's selection; returns how many
    were added. Safe when two placements run at once: the database skips rows that exist."""
    new = new_input(run)
    if not new:
        return 0
    placed = db.session.execute(
        select(ThemeMember.answer_id, ThemeMember.theme_id).where(
            ThemeMember.run_id == run.id,
            ThemeMember.theme_id.is_not(None),
            ThemeMember.is_excluded.is_(False),
        )
    ).all()
    labels = nearest_theme(
        run,
        [a for a, _ in placed],
        [t for _, t in placed],
        [i.answer_id for i in new],
        [i.text for i in new],
    )
    rows = [
        {
            "run_id": run.id,
            "answer_id": item.answer_id,
            "theme_id": theme_id,
            "is_excluded": False,
            "is_new": True,
            "source": "assigned",
        }
        for item, theme_id in zip(new, labels, strict=True)
    ]
    return insert_new(db.session, ThemeMember, rows)


def nearest_theme(run, placed_ids, placed_themes, new_ids, new_texts) -> list[int | None]:
    """For each new answer, the theme whose current members it is closest to (or None).

    Uses stored embeddings when every answer has one (the worker embeds first), else TF-IDF;
    the arithmetic is engage.analysis's, so the app and the library place alike."""
    if not placed_ids:
        return [None] * len(new_ids)
    old, fresh = load_vectors(placed_ids), load_vectors(new_ids)
    kind, texts = "embedding", {}
    if old is None or fresh is None:
        kind, old, fresh = "tfidf", None, None
        rows = select(Answer.id, Answer.text).where(Answer.id.in_(placed_ids))
        texts = dict(db.session.execute(rows).all())
    labels = assign_to_groups(
        old,
        placed_themes,
        fresh,
        member_texts=[texts.get(a) or "" for a in placed_ids] if texts else None,
        new_texts=list(new_texts) if texts else None,
        min_similarity=MIN_SIMILARITY[kind],
    )
    return [int(label) if label >= 0 else None for label in labels.tolist()]
