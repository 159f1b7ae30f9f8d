"""The adopted run: the one analysis run a project's plan uses, and how the leader changes it.

A new run is a draft. The plan summary, the public results page, new votes and the exports
read the adopted run until the leader adopts another. Adopting can carry what she made of
the old adopted run (names, descriptions, indicators, chosen areas) over to the themes of the
new one that hold the same input, matched one-to-one on their members."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select, update

from engage.core import audit
from engage.extensions import db
from engage.models import AnalysisRun, Project, RunStatus, Theme, ThemeMember, User
from engage.models.base import utcnow
from engage.themes.edits import MAX_PINNED, named_themes, pinned_themes, record, renumber_pins
from engage.themes.stats import summarise

# Two themes are "the same" when at least this share of their input is shared (Jaccard).
MATCH_THRESHOLD = 0.3


def adopted_run(project: Project) -> AnalysisRun | None:
    """The run the project's plan uses, or None before any run has finished."""
    return db.session.scalar(
        select(AnalysisRun).where(
            AnalysisRun.project_id == project.id, AnalysisRun.is_adopted.is_(True)
        )
    )


def latest_finished(project: Project) -> AnalysisRun | None:
    return db.session.scalar(
        select(AnalysisRun)
        .where(
            AnalysisRun.project_id == project.id,
            AnalysisRun.status == RunStatus.DONE,
            AnalysisRun.live_activity_id.is_(None),
        )
        .order_by(AnalysisRun.number.desc())
        .limit(1)
    )


def placement_runs(project: Project) -> list[AnalysisRun]:
    """Where new input is placed: the adopted run (the plan counts it), and the newest
    finished run when that is another one (the draft the leader is comparing and shaping)."""
    found = [run for run in (adopted_run(project), latest_finished(project)) if run is not None]
    return list({run.id: run for run in found}.values())


def _lock(project: Project) -> None:
    """Serialise adoption and run numbering within one project (PostgreSQL row lock; SQLite
    writes are serialised by the database itself)."""
    db.session.execute(select(Project.id).where(Project.id == project.id).with_for_update())


def match_themes(
    old: Mapping[int, Collection[int]],
    new: Mapping[int, Collection[int]],
    threshold: float = MATCH_THRESHOLD,
) -> list[tuple[int, int, float]]:
    """Best one-to-one pairs (old theme, new theme, Jaccard overlap of their answer ids) with
    an overlap of at least `threshold`, best first; ties go to the lower ids."""
    owners: dict[int, list[int]] = defaultdict(list)
    for theme_id, answers in new.items():
        for answer in answers:
            owners[answer].append(theme_id)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for old_id, answers in old.items():
        for answer in answers:
            for new_id in owners.get(answer, ()):
                shared[old_id, new_id] += 1
    scored = []
    for (old_id, new_id), common in shared.items():
        score = common / (len(old[old_id]) + len(new[new_id]) - common)
        if score >= threshold:
            scored.append((-score, old_id, new_id))
    pairs, used_old, used_new = [], set(), set()
    for negative, old_id, new_id in sorted(scored):
        if old_id not in used_old and new_id not in used_new:
            pairs.append((old_id, new_id, -negative))
            used_old.add(old_id)
            used_new.add(new_id)
    return pairs


def _members(run: AnalysisRun) -> dict[int, set[int]]:
    groups: dict[int, set[int]] = defaultdict(set)
    for answer_id, theme_id in db.session.execute(
        select(ThemeMember.answer_id, ThemeMember.theme_id).where(
            ThemeMember.run_id == run.id,
            ThemeMember.theme_id.is_not(None),
            ThemeMember.is_excluded.is_(False),
        )
    ):
        groups[theme_id].add(answer_id)
    return groups


@dataclass
class Carry:
    """What adopting can bring over from one theme of the adopted run to its match."""

    old: Theme
    new: Theme
    overlap: float
    label: str | None = None  # the leader's name for the old theme, if it would replace
    description: str | None = None
    indicators: list[str] | None = None
    pin_order: int | None = None  # the place among the innsatsområder it would get
    chosen: bool = True

    @property
    def changes(self) -> bool:
        return any(
            value is not None
            for value in (self.label, self.description, self.indicators, self.pin_order)
        )


@dataclass
class Area:
    """One innsatsområde before and/or after adopting."""

    change: str  # "kept", "renamed", "added" or "removed"
    before: str | None = None
    after: str | None = None
    size_before: int = 0
    size_after: int = 0


@dataclass
class Preview:
    """What adopting `run` would change, compared with the run adopted now."""

    run: AnalysisRun
    current: AnalysisRun | None
    carries: list[Carry] = field(default_factory=list)
    matched: int = 0
    own_pins: bool = False  # the run has chosen areas of its own; those are kept
    areas: list[Area] = field(default_factory=list)
    input_before: int = 0
    input_after: int = 0
    inside_before: int = 0
    inside_after: int = 0
    total_before: int = 0
    total_after: int = 0

    @property
    def unchanged(self) -> bool:
        return all(a.change == "kept" for a in self.areas)


def preview(run: AnalysisRun, chosen: Collection[int] | None = None) -> Preview:
    """The changes adopting `run` makes, carrying over to the new themes in `chosen` (ids of
    the run's themes; None: every theme something can be carried to). Reads only."""
    project = db.session.get(Project, run.project_id)
    current = adopted_run(project)
    result = Preview(run=run, current=current, input_after=run.input_count)
    after = summarise(run)
    result.total_after = after.total
    own_pinned = pinned_themes(run)
    result.own_pins = bool(own_pinned)
    if current is None or current.id == run.id:
        result.areas = [
            Area("kept", t.label, t.label, 0, after.sizes.get(t.id, 0)) for t in own_pinned
        ]
        result.inside_after = sum(a.size_after for a in result.areas)
        return result
    before = summarise(current)
    result.input_before, result.total_before = current.input_count, before.total
    pairs = match_themes(_members(current), _members(run))
    result.matched = len(pairs)
    old_themes = {t.id: t for t in current.themes}
    new_themes = {t.id: t for t in run.themes}
    named_old, named_new = named_themes(current), named_themes(run)
    for old_id, new_id, overlap in pairs:
        old, new = old_themes[old_id], new_themes[new_id]
        carry = Carry(old, new, overlap)
        if (old.id in named_old or old.origin == "manual") and new.id not in named_new:
            carry.label = old.label if old.label != new.label else None
        if old.description and not new.description:
            carry.description = old.description
        if old.indicators and not new.indicators:
            carry.indicators = list(old.indicators)
        if old.is_pinned and not own_pinned:
            carry.pin_order = old.pin_order
        carry.chosen = chosen is None or new.id in chosen
        if carry.changes:
            result.carries.append(carry)
    result.carries.sort(
        key=lambda c: (c.old.pin_order is None, c.old.pin_order or 0, c.old.position)
    )
    # The areas after adopting, as carrying over with these choices would leave them.
    taken = {c.new.id: c for c in result.carries if c.chosen}
    if own_pinned:
        pinned_after = own_pinned
    else:
        pinned_after = sorted(
            (new_themes[i] for i, c in taken.items() if c.pin_order is not None),
            key=lambda t: taken[t.id].pin_order,
        )[:MAX_PINNED]
    old_of = {new_id: old_id for old_id, new_id, _o in pairs}
    remaining = {t.id: t for t in pinned_themes(current)}
    for theme in pinned_after:
        carry = taken.get(theme.id)
        label = carry.label if carry and carry.label else theme.label
        size = after.sizes.get(theme.id, 0)
        old = remaining.pop(old_of.get(theme.id, -1), None)
        if old is None:
            result.areas.append(Area("added", None, label, 0, size))
        else:
            change = "kept" if old.label == label else "renamed"
            result.areas.append(Area(change, old.label, label, before.sizes.get(old.id, 0), size))
    for old in remaining.values():
        result.areas.append(Area("removed", old.label, None, before.sizes.get(old.id, 0), 0))
    result.inside_before = sum(before.sizes.get(t.id, 0) for t in pinned_themes(current))
    result.inside_after = sum(after.sizes.get(t.id, 0) for t in pinned_after)
    return result


def adopt(run: AnalysisRun, user: User | None, chosen: Collection[int] | None = None) -> Preview:
    """Make `run` the project's adopted run, carrying over to the themes in `chosen` what
    preview() shows. Records the edits and an audit event; flushes, never commits."""
    project = db.session.get(Project, run.project_id)
    _lock(project)
    plan = preview(run, chosen)
    previous = plan.current
    for carry in plan.carries:
        if carry.chosen:
            _carry(run, user, carry, previous)
    db.session.flush()
    renumber_pins(run)
    db.session.execute(
        update(AnalysisRun)
        .where(AnalysisRun.project_id == project.id, AnalysisRun.is_adopted.is_(True))
        .values(is_adopted=False)
    )
    db.session.flush()
    run.is_adopted, run.adopted_at = True, utcnow()
    db.session.flush()
    db.session.expire(run, ["themes"])
    if user is not None:  # the automatic first adoption is in the audit log only
        record(run, user, "adopt", previous=previous.number if previous else None)
    audit.record(
        audit.ADOPT_RUN,
        project,
        user,
        run=run.number,
        previous=previous.number if previous else None,
        carried=sum(1 for c in plan.carries if c.chosen),
    )
    return plan


def _carry(run: AnalysisRun, user: User | None, carry: Carry, previous: AnalysisRun) -> None:
    theme = carry.new
    if carry.label is not None or carry.description is not None or carry.indicators is not None:
        before = {
            "label": theme.label,
            "description": theme.description,
            "indicators": list(theme.indicators or []),
        }
        if carry.label is not None:
            theme.label = carry.label
        if carry.description is not None:
            theme.description = carry.description
        if carry.indicators is not None:
            theme.indicators = list(carry.indicators)
        after = {
            "label": theme.label,
            "description": theme.description,
            "indicators": list(theme.indicators or []),
        }
        # A "rename" edit: the carried name is the leader's, so later edits keep it.
        record(
            run,
            user,
            "rename",
            theme=theme.id,
            before=before,
            after=after,
            carried_from=previous.number,
        )
    if carry.pin_order is not None:
        theme.pin_order = carry.pin_order
        record(run, user, "pin", theme=theme.id, label=theme.label, carried_from=previous.number)


def adopt_first(run: AnalysisRun) -> bool:
    """Adopt a run that just finished when its project has no adopted run yet (nothing is
    lost); True when it was adopted. Flushes, never commits."""
    project = db.session.get(Project, run.project_id)
    _lock(project)
    if adopted_run(project) is not None:
        return False
    adopt(run, None, chosen=())
    return True
