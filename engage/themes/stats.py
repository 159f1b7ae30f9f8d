"""Numbers the workspace shows: sizes, shares, coverage of the chosen areas, who said what."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from engage.core.search import text_contains
from engage.extensions import db
from engage.models import AnalysisRun, Answer, Response, Theme, ThemeMember

BREAKDOWNS = ("stakeholder_group", "sector", "age_band", "area", "channel", "language")


@dataclass
class RunSummary:
    total: int  # input in the run that is not marked "not relevant"
    unassigned: int
    excluded: int
    new: int
    sizes: dict[int, int] = field(default_factory=dict)
    new_by_theme: dict[int, int] = field(default_factory=dict)

    def share(self, count: int) -> float:
        return count / self.total if self.total else 0.0

    def in_order(self, themes: list[Theme]) -> list[Theme]:
        """The chosen areas in their order first, then the rest from largest to smallest."""
        return sorted(
            themes,
            key=lambda t: (
                not t.is_pinned,
                t.pin_order if t.is_pinned and t.pin_order is not None else 0,
                -self.sizes.get(t.id, 0),
                t.id,
            ),
        )

    def coverage(self, themes: list[Theme]) -> float:
        """Share of all relevant input inside these themes."""
        return self.share(sum(self.sizes.get(t.id, 0) for t in themes))


def summarise(run: AnalysisRun) -> RunSummary:
    """Counts for a run in one pass over its member rows."""
    rows = db.session.execute(
        select(ThemeMember.theme_id, ThemeMember.is_excluded, ThemeMember.is_new, func.count())
        .where(ThemeMember.run_id == run.id)
        .group_by(ThemeMember.theme_id, ThemeMember.is_excluded, ThemeMember.is_new)
    ).all()
    summary = RunSummary(total=0, unassigned=0, excluded=0, new=0)
    for theme_id, excluded, new, count in rows:
        if excluded:
            summary.excluded += count
            continue
        summary.total += count
        summary.new += count if new else 0
        if theme_id is None:
            summary.unassigned += count
        else:
            summary.sizes[theme_id] = summary.sizes.get(theme_id, 0) + count
            if new:
                summary.new_by_theme[theme_id] = summary.new_by_theme.get(theme_id, 0) + count
    return summary


def breakdown(run: AnalysisRun, theme_id: int | None) -> dict[str, list[tuple[str, int]]]:
    """Who said it: counts by group, sector, age band, area, channel and language."""
    columns = [getattr(Response, name) for name in BREAKDOWNS]
    rows = db.session.execute(
        select(*columns)
        .select_from(ThemeMember)
        .join(Answer, ThemeMember.answer_id == Answer.id)
        .join(Response, Answer.response_id == Response.id)
        .where(
            ThemeMember.run_id == run.id,
            ThemeMember.is_excluded.is_(False),
            ThemeMember.theme_id == theme_id if theme_id else ThemeMember.theme_id.is_(None),
        )
    ).all()
    result = {}
    for index, name in enumerate(BREAKDOWNS):
        counts = Counter(row[index] or "" for row in rows)
        result[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return result


def members(
    run: AnalysisRun,
    theme_id: int | None,
    *,
    excluded: bool = False,
    query: str = "",
    limit: int = 200,
    offset: int = 0,
) -> tuple[list[ThemeMember], int]:
    """Input in a theme (or unassigned, or not relevant), optionally searched; with the total."""
    where = [ThemeMember.run_id == run.id, ThemeMember.is_excluded.is_(excluded)]
    if not excluded:
        where.append(
            ThemeMember.theme_id == theme_id if theme_id else ThemeMember.theme_id.is_(None)
        )
    base = select(ThemeMember).join(Answer, ThemeMember.answer_id == Answer.id).where(*where)
    if query:
        base = base.where(text_contains(query))
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = db.session.scalars(
        base.options(contains_eager(ThemeMember.answer).joinedload(Answer.response))
        .order_by(ThemeMember.is_new.desc(), Answer.id)
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total


def quotes(theme: Theme) -> list[Answer]:
    """The representative answers of a theme that are still in it."""
    if not theme.quotes:
        return []
    still_in = set(
        db.session.scalars(
            select(ThemeMember.answer_id).where(
                ThemeMember.run_id == theme.run_id,
                ThemeMember.theme_id == theme.id,
                ThemeMember.answer_id.in_(theme.quotes),
            )
        )
    )
    found = {
        a.id: a
        for a in db.session.scalars(
            select(Answer).options(joinedload(Answer.response)).where(Answer.id.in_(still_in))
        )
    }
    return [found[i] for i in theme.quotes if i in found]


def overlap(left: AnalysisRun, right: AnalysisRun) -> dict[tuple[int | None, int | None], int]:
    """How much input two runs put in each pair of themes (for side-by-side comparison)."""
    a = dict(
        db.session.execute(
            select(ThemeMember.answer_id, ThemeMember.theme_id).where(
                ThemeMember.run_id == left.id, ThemeMember.is_excluded.is_(False)
            )
        ).all()
    )
    b = dict(
        db.session.execute(
            select(ThemeMember.answer_id, ThemeMember.theme_id).where(
                ThemeMember.run_id == right.id, ThemeMember.is_excluded.is_(False)
            )
        ).all()
    )
    return dict(Counter((a[i], b[i]) for i in a.keys() & b.keys()))
