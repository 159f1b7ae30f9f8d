"""Live themes: the room's answers grouped and named on the projector while a workshop runs.

The leader starts them once (a POST); from then on every new answer is placed in the live
run's themes by the job worker, and the worker fits the room's answers again when that pays:
when the room has grown by half since the last fit, or many new answers fit no theme. The
projector only reads (its page and JSON feed never write).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from engage.core import jobs
from engage.extensions import db
from engage.models import Activity, ActivityStatus, AnalysisRun, RunStatus, User
from engage.themes import Embedder, assign_new_input, create_run, new_input, summarise

# Themes for a room of 15–60 people: few enough to read from the back row.
LIVE_PARAMS = {"min_themes": 3, "max_themes": 6}
# The first fit that names themes waits for this many answers.
FIRST_FIT = 8
# Fit again when the room has grown by this factor since the last fit …
GROWTH = 1.5
# … or when at least this share of the answers since (and at least MIN_UNPLACED) fit no theme.
UNPLACED_SHARE, MIN_UNPLACED = 0.3, 3
SHOWN = 6


@dataclass(frozen=True)
class LiveTheme:
    label: str
    count: int
    terms: tuple[str, ...]


@dataclass(frozen=True)
class LiveView:
    """What the projector's theme view shows."""

    started: bool  # the leader has started live themes for this activity
    fitting: bool  # a fit is queued or running
    themes: list[LiveTheme]
    waiting: int  # answers in no theme (yet)


def refit_pays(fitted: int, now: int, unplaced_since: int) -> bool:
    """Whether a new fit of the room's answers is worth it, from the number of answers the
    last fit saw, the number now, and how many of those since fit no theme."""
    if now < FIRST_FIT or now <= fitted:
        return False
    if fitted < FIRST_FIT:
        return True
    since = now - fitted
    return now >= GROWTH * fitted or (
        unplaced_since >= MIN_UNPLACED and unplaced_since >= UNPLACED_SHARE * since
    )


def _newest_live_run(activity: Activity, *statuses: RunStatus) -> AnalysisRun | None:
    return db.session.scalar(
        select(AnalysisRun)
        .where(AnalysisRun.live_activity_id == activity.id, AnalysisRun.status.in_(statuses))
        .order_by(AnalysisRun.id.desc())
        .limit(1)
    )


def current_run(activity: Activity) -> AnalysisRun | None:
    """The newest finished live run of the activity."""
    return _newest_live_run(activity, RunStatus.DONE)


def is_fitting(activity: Activity) -> bool:
    return _newest_live_run(activity, RunStatus.QUEUED, RunStatus.RUNNING) is not None


def start(activity: Activity, user: User | None) -> AnalysisRun | None:
    """Start live themes for a workshop (or fit again now); None while a fit is under way.
    Flushes; the fit is queued when the caller commits."""
    if is_fitting(activity):
        return None
    run = create_run(
        activity.project,
        user,
        {"activities": [activity.id]},
        dict(LIVE_PARAMS),
        live_activity_id=activity.id,
    )
    jobs.later("execute_run", run.id)
    return run


def keep_fresh(activity: Activity, embed: Embedder | None = None) -> int:
    """Place the room's new answers in the live themes (embedded first by `embed`), and
    queue a new fit when it pays. Returns how many were placed. Flushes; the caller commits."""
    run = current_run(activity)
    if run is None or is_fitting(activity):
        return 0
    new = new_input(run)
    if new and embed is not None:
        embed([i.answer_id for i in new])
    placed = assign_new_input(run) if new else 0
    counts = summarise(run)
    answers = counts.total + counts.excluded
    unplaced_new = counts.new - sum(counts.new_by_theme.values())
    if refit_pays(run.input_count, answers, unplaced_new):
        start(activity, None)
    return placed


def live_activities(project_id: int) -> list[Activity]:
    """The project's open activities with live themes started."""
    return list(
        db.session.scalars(
            select(Activity)
            .where(
                Activity.project_id == project_id,
                Activity.status == ActivityStatus.OPEN,
                Activity.id.in_(
                    select(AnalysisRun.live_activity_id).where(
                        AnalysisRun.live_activity_id.is_not(None)
                    )
                ),
            )
            .order_by(Activity.id)
        )
    )


def view(activity: Activity) -> LiveView:
    """The projector's theme view: the largest themes of the room's answers, with sizes."""
    run = current_run(activity)
    fitting = is_fitting(activity)
    if run is None:
        return LiveView(started=fitting, fitting=fitting, themes=[], waiting=0)
    summary = summarise(run)
    sizes = summary.sizes
    ordered = sorted(run.themes, key=lambda t: (-sizes.get(t.id, 0), t.position))
    shown = [
        LiveTheme(t.label, sizes.get(t.id, 0), tuple(t.terms[:3]))
        for t in ordered[:SHOWN]
        if sizes.get(t.id, 0)
    ]
    return LiveView(True, fitting, shown, summary.unassigned)
