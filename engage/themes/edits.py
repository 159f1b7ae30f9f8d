"""What the leader does to a run's themes. Every change is recorded as a ThemeEdit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update

from engage.analysis import ThemeModel, describe_groups
from engage.extensions import db
from engage.models import AnalysisRun, Answer, Project, Theme, ThemeEdit, ThemeMember, User
from engage.themes.embeddings import load_vectors

MAX_PINNED = 4


class EditError(ValueError):
    """An edit that cannot be made (the message says why, in English, for logs)."""


def record(run: AnalysisRun, user: User | None, action: str, **details: Any) -> None:
    db.session.add(
        ThemeEdit(run_id=run.id, user_id=user.id if user else None, action=action, details=details)
    )


def rename(
    theme: Theme,
    user: User,
    label: str,
    description: str,
    indicators: Sequence[str] | None = None,
) -> None:
    """Change a theme's label, description and the Utviklingsanalyse indicators it addresses."""
    before = {
        "label": theme.label,
        "description": theme.description,
        "indicators": list(theme.indicators or []),
    }
    theme.label, theme.description = label, description
    if indicators is not None:
        theme.indicators = list(indicators)
    after = {"label": label, "description": description, "indicators": list(theme.indicators or [])}
    record(theme.run, user, "rename", theme=theme.id, before=before, after=after)


def create_theme(run: AnalysisRun, user: User, label: str) -> Theme:
    """An empty theme the leader fills by moving input into it."""
    position = (
        db.session.scalar(
            select(func.coalesce(func.max(Theme.position), -1)).where(Theme.run_id == run.id)
        )
        + 1
    )
    theme = Theme(run_id=run.id, label=label, position=position, origin="manual")
    db.session.add(theme)
    db.session.flush()
    record(run, user, "create", theme=theme.id, label=label)
    return theme


def merge(run: AnalysisRun, user: User, themes: Sequence[Theme]) -> Theme:
    """Put the input of several themes into the first one; the others disappear."""
    if len(themes) < 2:
        raise EditError("merge needs two or more themes")
    target, others = themes[0], list(themes[1:])
    other_ids = [t.id for t in others]
    db.session.execute(
        update(ThemeMember).where(ThemeMember.theme_id.in_(other_ids)).values(theme_id=target.id)
    )
    if target.pin_order is None:
        target.pin_order = min((t.pin_order for t in others if t.is_pinned), default=None)
    record(
        run, user, "merge", into=target.id, merged=[{"id": t.id, "label": t.label} for t in others]
    )
    for theme in others:
        db.session.delete(theme)
    db.session.flush()
    renumber_pins(run)
    redescribe(run, [target])
    return target


def split(run: AnalysisRun, user: User, theme: Theme, parts: int) -> list[Theme]:
    """Re-analyse only this theme's input into 2–4 new themes."""
    members = list(
        db.session.scalars(
            select(ThemeMember)
            .where(ThemeMember.theme_id == theme.id, ThemeMember.is_excluded.is_(False))
            .order_by(ThemeMember.answer_id)
        )
    )
    if len(members) < 4:
        raise EditError("too little input to split")
    texts = [m.answer.text or "" for m in members]
    vectors = load_vectors([m.answer_id for m in members])
    # Stored vectors only: a web process never loads the embedding model (TF-IDF otherwise).
    model = ThemeModel(
        n_themes=max(2, min(4, parts)),
        random_state=0,
        use_embeddings=vectors is not None,
        language_form=db.session.get(Project, run.project_id).language_form.value,
    ).fit(texts, embeddings=vectors)
    if len(model.themes_) < 2:
        raise EditError("the input could not be split")
    new = []
    for index, proposed in enumerate(model.themes_):
        part = Theme(
            run_id=run.id,
            label=proposed.label[:200],
            terms=list(proposed.terms),
            quotes=[members[i].answer_id for i in proposed.representative],
            position=theme.position,
            origin="split",
        )
        db.session.add(part)
        db.session.flush()
        for member, label in zip(members, model.labels_.tolist(), strict=True):
            if label == index:
                member.theme_id = part.id
        new.append(part)
    for member, label in zip(members, model.labels_.tolist(), strict=True):
        if label < 0:
            member.theme_id = None
    record(run, user, "split", theme=theme.id, label=theme.label, into=[t.id for t in new])
    db.session.delete(theme)
    db.session.flush()
    renumber_pins(run)
    return new


def move(run: AnalysisRun, user: User, answer_ids: Sequence[int], target: Theme | None) -> int:
    """Move input to another theme (or to "unassigned"); returns how many moved."""
    members = _members(run, answer_ids)
    touched = {m.theme_id for m in members} | {target.id if target else None}
    for member in members:
        member.theme_id = target.id if target else None
        member.is_excluded, member.is_new, member.source = False, False, "moved"
    record(
        run, user, "move", answers=[m.answer_id for m in members], to=target.id if target else None
    )
    db.session.flush()
    redescribe(run, [t for t in run.themes if t.id in touched])
    return len(members)


def exclude(run: AnalysisRun, user: User, answer_ids: Sequence[int], excluded: bool) -> int:
    """Mark input as not relevant (kept, out of every theme), or bring it back."""
    members = _members(run, answer_ids)
    touched = {m.theme_id for m in members}
    for member in members:
        member.is_excluded, member.is_new = excluded, False
        if excluded:
            member.theme_id = None
    record(run, user, "exclude" if excluded else "include", answers=[m.answer_id for m in members])
    db.session.flush()
    redescribe(run, [t for t in run.themes if t.id in touched])
    return len(members)


def mark_reviewed(run: AnalysisRun, user: User, answer_ids: Sequence[int]) -> int:
    """The leader has looked at newly assigned input and keeps it where it is."""
    members = [m for m in _members(run, answer_ids) if m.is_new]
    for member in members:
        member.is_new = False
    record(run, user, "reviewed", answers=[m.answer_id for m in members])
    return len(members)


def _members(run: AnalysisRun, answer_ids: Sequence[int]) -> list[ThemeMember]:
    return list(
        db.session.scalars(
            select(ThemeMember).where(
                ThemeMember.run_id == run.id, ThemeMember.answer_id.in_(list(answer_ids)[:5_000])
            )
        )
    )


def pin(run: AnalysisRun, user: User, theme: Theme, pinned: bool) -> None:
    """Make a theme a candidate innsatsområde (at the end of the order), or not."""
    if pinned and not theme.is_pinned:
        if len(pinned_themes(run)) >= MAX_PINNED:
            raise EditError("at most four pinned themes")
        theme.pin_order = len(pinned_themes(run))
    elif not pinned:
        theme.pin_order = None
    db.session.flush()
    renumber_pins(run)
    record(run, user, "pin" if pinned else "unpin", theme=theme.id, label=theme.label)


def move_pin(run: AnalysisRun, user: User, theme: Theme, offset: int) -> None:
    """Move a pinned theme up (-1) or down (+1) in the order of innsatsområder."""
    pinned = pinned_themes(run)
    if theme not in pinned:
        raise EditError("theme is not pinned")
    index = pinned.index(theme)
    target = max(0, min(len(pinned) - 1, index + offset))
    pinned.insert(target, pinned.pop(index))
    for order, item in enumerate(pinned):
        item.pin_order = order
    record(run, user, "reorder", order=[t.id for t in pinned])


def pinned_themes(run: AnalysisRun) -> list[Theme]:
    return sorted((t for t in run.themes if t.is_pinned), key=lambda t: t.pin_order)


def renumber_pins(run: AnalysisRun) -> None:
    db.session.expire(run, ["themes"])
    for order, theme in enumerate(pinned_themes(run)):
        theme.pin_order = order


def redescribe(run: AnalysisRun, themes: Sequence[Theme]) -> None:
    """Key terms, quotes and — unless the leader named the theme — the label of these themes,
    from their current members, distinct against the run's other themes (engage.analysis)."""
    if not themes:
        return
    rows = db.session.execute(
        select(ThemeMember.answer_id, ThemeMember.theme_id, Answer.text)
        .join(Answer, Answer.id == ThemeMember.answer_id)
        .where(ThemeMember.run_id == run.id, ThemeMember.is_excluded.is_(False))
        .order_by(ThemeMember.answer_id)
    ).all()
    theme_ids = sorted({t for _a, t, _x in rows if t is not None})
    index = {theme_id: n for n, theme_id in enumerate(theme_ids)}
    groups = [index.get(t, -1) if t is not None else -1 for _a, t, _x in rows]
    ids = [a for a, _t, _x in rows]
    described = describe_groups(
        [x or "" for _a, _t, x in rows],
        groups,
        embeddings=load_vectors(ids),
        language_form=db.session.get(Project, run.project_id).language_form.value,
    )
    named = named_themes(run)
    for theme in themes:
        if theme.id not in index:
            theme.terms, theme.quotes = [], []
            continue
        found = described[index[theme.id]]
        theme.terms = list(found.terms)
        theme.quotes = [ids[i] for i in found.representative]
        if theme.id not in named and theme.origin != "manual":
            theme.label = found.label[:200]


def named_themes(run: AnalysisRun) -> set[int]:
    """Themes the leader has named (a rename edit, typed or carried over)."""
    edits = db.session.scalars(
        select(ThemeEdit.details).where(ThemeEdit.run_id == run.id, ThemeEdit.action == "rename")
    )
    return {d.get("theme") for d in edits if d}
