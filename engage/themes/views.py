"""The leader's theme workspace: run the analysis, shape themes, pick the innsatsområder."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.core import access
from engage.core.about import FIELD_LABELS, STAKEHOLDER_GROUPS
from engage.core.forms import ConfirmForm
from engage.core.jobs import later
from engage.extensions import db
from engage.models import AnalysisRun, Project, RunStatus, Theme, ThemeEdit
from engage.models.labels import CHANNEL_LABELS, INDICATORS
from engage.themes import adopt, edits, runs, stats
from engage.themes.assign import assign_new_input, new_input
from engage.themes.forms import ACTION_LABELS, RunForm, read_ids, read_label

bp = Blueprint("themes", __name__)


@bp.before_request
@login_required
def require_login() -> None:
    """Every workspace page needs a logged-in user."""


def _run(project: Project, run_id: int) -> AnalysisRun:
    run = db.session.get(AnalysisRun, run_id)
    # A live run belongs to a workshop's projector, not to the workspace.
    if run is None or run.project_id != project.id or run.live_activity_id is not None:
        abort(404)
    return run


def _theme(run: AnalysisRun, theme_id: int) -> Theme:
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.run_id != run.id:
        abort(404)
    return theme


def _workspace_url(project: Project, run: AnalysisRun) -> str:
    return url_for("themes.workspace", project_id=project.id, run=run.id)


@bp.get("")
def workspace(project_id: int) -> str:
    """The themes of the chosen run; reads only (new input is placed by the job worker)."""
    project = access.get_project(project_id)
    can_edit = access.can_edit(current_user, project)
    run = _chosen_run(project)
    adopted = adopt.adopted_run(project)
    newest = adopt.latest_finished(project)
    return render_template(
        "themes/workspace.html",
        project=project,
        run=run,
        adopted=adopted,
        newer_draft=newest if newest and run and newest.number > run.number else None,
        can_edit=can_edit,
        waiting=len(new_input(run)) if run else 0,
        summary=stats.summarise(run) if run else None,
        form=RunForm(project),
        pinned=edits.pinned_themes(run) if run else [],
        history=list(
            db.session.scalars(
                select(AnalysisRun)
                .where(AnalysisRun.project_id == project.id, AnalysisRun.live_activity_id.is_(None))
                .order_by(AnalysisRun.id.desc())
                .limit(20)
            )
        ),
    )


def _chosen_run(project: Project) -> AnalysisRun | None:
    """The run asked for, else the adopted one (the plan's), else the newest finished."""
    chosen = request.args.get("run", "")
    if chosen.isdigit() and len(chosen) < 12:
        run = _run(project, int(chosen))
        return run if run.status is RunStatus.DONE else None
    return adopt.adopted_run(project) or runs.latest_run(project)


def _carry_choice(form) -> set[int]:
    return set(read_ids(form, "carry"))


@bp.get("/runs/<int:run_id>/adopt")
def adopt_preview(project_id: int, run_id: int) -> str | WerkzeugResponse:
    """What adopting this run would change, for the leader to confirm; reads only."""
    project = access.get_project(project_id, write=True)
    run = _run(project, run_id)
    if run.status is not RunStatus.DONE:
        abort(404)
    if run.is_adopted:
        flash(_("Analysis no. %(n)d is already the one the plan uses.", n=run.number), "success")
        return redirect(_workspace_url(project, run))
    return _adopt_page(project, adopt.preview(run))


def _adopt_page(project: Project, plan: adopt.Preview, status: int = 200) -> tuple[str, int]:
    return render_template(
        "themes/adopt.html", project=project, plan=plan, run=plan.run, form=ConfirmForm()
    ), status


@bp.post("/runs/<int:run_id>/adopt")
def adopt_run(project_id: int, run_id: int) -> str | WerkzeugResponse | tuple[str, int]:
    """Make this run the one the plan uses (action=adopt), or show the preview again with
    the carry-over ticks as chosen (action=preview, writes nothing)."""
    project, run = _writable(project_id, run_id)
    if run.status is not RunStatus.DONE:
        abort(404)
    chosen = _carry_choice(request.form)
    current = adopt.adopted_run(project)
    seen = request.form.get("current", "")
    if request.form.get("action") != "adopt":
        return _adopt_page(project, adopt.preview(run, chosen))
    if seen != (str(current.id) if current else ""):
        # Another leader adopted a run since this page was shown: show what changes now.
        flash(_("The plan's analysis changed while you looked. Check the changes again."), "error")
        return _adopt_page(project, adopt.preview(run, chosen), 409)
    if run.is_adopted:
        return redirect(_workspace_url(project, run))
    adopt.adopt(run, current_user, chosen)
    db.session.commit()
    flash(
        _(
            "Analysis no. %(n)d is now the one the plan uses: the summary, the results page, "
            "new votes and the exports build on it.",
            n=run.number,
        ),
        "success",
    )
    return redirect(_workspace_url(project, run))


@bp.post("/run")
def start_run(project_id: int) -> str | WerkzeugResponse | tuple[str, int]:
    project = access.get_project(project_id, write=True)
    form = RunForm(project)
    if not form.validate_on_submit():
        flash(_("Check the settings of the analysis."), "error")
        return redirect(url_for("themes.workspace", project_id=project.id))
    run = runs.create_run(project, current_user, form.selection(), form.params())
    later("execute_run", run.id)
    db.session.commit()
    return redirect(url_for("themes.run_status", project_id=project.id, run_id=run.id))


@bp.get("/runs/<int:run_id>")
def run_status(project_id: int, run_id: int) -> str | WerkzeugResponse:
    """Progress of a run; the page refreshes itself until the run is done or failed."""
    project = access.get_project(project_id)
    run = _run(project, run_id)
    if run.status is RunStatus.DONE:
        return redirect(_workspace_url(project, run))
    return render_template(
        "themes/run_status.html",
        project=project,
        run=run,
        message=runs.failure_message(run),
        can_edit=access.can_edit(current_user, project),
        form=ConfirmForm(),
    )


@bp.post("/runs/<int:run_id>/restart")
def restart_run(project_id: int, run_id: int) -> WerkzeugResponse:
    """Start a failed run again with the same input and settings."""
    project, run = _writable(project_id, run_id)
    if run.status is RunStatus.FAILED:
        runs.restart_run(run)
        later("execute_run", run.id)
        db.session.commit()
    return redirect(url_for("themes.run_status", project_id=project.id, run_id=run.id))


@bp.post("/runs/<int:run_id>/place")
def place_new(project_id: int, run_id: int) -> WerkzeugResponse:
    """Place new input in the run's themes now, if the job worker has not done it yet."""
    project, run = _writable(project_id, run_id)
    added = assign_new_input(run)
    db.session.commit()
    flash(
        ngettext(
            '%(num)d new input was placed in the themes and is marked "new" for review.',
            '%(num)d new inputs were placed in the themes and are marked "new" for review.',
            added,
        ),
        "success",
    )
    return redirect(_workspace_url(project, run))


@bp.get("/runs/<int:run_id>/themes/<int:theme_id>")
def theme(project_id: int, run_id: int, theme_id: int) -> str:
    project = access.get_project(project_id)
    run = _run(project, run_id)
    return _input_page(project, run, _theme(run, theme_id))


@bp.get("/runs/<int:run_id>/unassigned")
def unassigned(project_id: int, run_id: int) -> str:
    project = access.get_project(project_id)
    return _input_page(project, _run(project, run_id), None)


@bp.get("/runs/<int:run_id>/not-relevant")
def excluded(project_id: int, run_id: int) -> str:
    project = access.get_project(project_id)
    return _input_page(project, _run(project, run_id), None, excluded=True)


def _input_page(
    project: Project, run: AnalysisRun, theme: Theme | None, excluded: bool = False, **extra: object
) -> str:
    query = request.args.get("q", "").strip()[:200]
    page = (
        max(1, int(request.args.get("page", "1"))) if request.args.get("page", "1").isdigit() else 1
    )
    rows, total = stats.members(
        run, theme.id if theme else None, excluded=excluded, query=query, offset=(page - 1) * 200
    )
    return render_template(
        "themes/theme.html",
        project=project,
        run=run,
        theme=theme,
        excluded=excluded,
        rows=rows,
        total=total,
        query=query,
        page=page,
        summary=stats.summarise(run),
        quotes=stats.quotes(theme) if theme else [],
        breakdown=stats.breakdown(run, theme.id) if theme and not excluded else {},
        can_edit=access.can_edit(current_user, project),
        pinned=edits.pinned_themes(run),
        about_labels=FIELD_LABELS,
        group_labels={k: str(v) for k, v in STAKEHOLDER_GROUPS.items()},
        channel_labels={k: str(v) for k, v in CHANNEL_LABELS.items()},
        indicators={k: str(v) for k, v in INDICATORS.items()},
        **extra,
    )


@bp.post("/runs/<int:run_id>/themes/<int:theme_id>/rename")
def rename(project_id: int, run_id: int, theme_id: int) -> WerkzeugResponse | tuple[str, int]:
    project, run = _writable(project_id, run_id)
    theme = _theme(run, theme_id)
    label, description, error = read_label(request.form)
    if error:
        # Show the page again with what was typed, so nothing is lost.
        db.session.expunge(theme)
        theme.label, theme.description = label[:200], description
        flash(error, "error")
        return _input_page(project, run, theme, rename_error=True), 422
    indicators = [i for i in request.form.getlist("indicators") if i in INDICATORS]
    edits.rename(theme, current_user, label, description, indicators)
    db.session.commit()
    flash(_("The theme is renamed."), "success")
    return redirect(_theme_url(project, run, theme))


def _theme_url(project: Project, run: AnalysisRun, theme: Theme | None) -> str:
    if theme is None:
        return url_for("themes.unassigned", project_id=project.id, run_id=run.id)
    return url_for("themes.theme", project_id=project.id, run_id=run.id, theme_id=theme.id)


def _writable(project_id: int, run_id: int) -> tuple[Project, AnalysisRun]:
    project = access.get_project(project_id, write=True)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return project, _run(project, run_id)


@bp.post("/runs/<int:run_id>/themes/new")
def new_theme(project_id: int, run_id: int) -> WerkzeugResponse:
    project, run = _writable(project_id, run_id)
    label, _description, error = read_label(request.form)
    if error:
        flash(error, "error")
        return redirect(_workspace_url(project, run))
    theme = edits.create_theme(run, current_user, label)
    db.session.commit()
    flash(_("The theme is created. Move input into it from the other themes."), "success")
    return redirect(_theme_url(project, run, theme))


@bp.post("/runs/<int:run_id>/merge")
def merge(project_id: int, run_id: int) -> WerkzeugResponse:
    project, run = _writable(project_id, run_id)
    chosen = [_theme(run, i) for i in read_ids(request.form, "theme_ids")]
    if len(chosen) < 2:
        flash(_("Choose two or more themes to merge."), "error")
        return redirect(_workspace_url(project, run))
    target = edits.merge(run, current_user, chosen)
    db.session.commit()
    flash(_("The themes are merged into «%(label)s».", label=target.label), "success")
    return redirect(_theme_url(project, run, target))


@bp.post("/runs/<int:run_id>/themes/<int:theme_id>/split")
def split(project_id: int, run_id: int, theme_id: int) -> WerkzeugResponse:
    project, run = _writable(project_id, run_id)
    theme = _theme(run, theme_id)
    parts = request.form.get("parts", "2")
    try:
        new = edits.split(run, current_user, theme, int(parts) if parts.isdigit() else 2)
    except edits.EditError:
        flash(_("This theme has too little input to split."), "error")
        return redirect(_theme_url(project, run, theme))
    db.session.commit()
    flash(
        ngettext("The theme is split in %(num)d.", "The theme is split in %(num)d.", len(new)),
        "success",
    )
    return redirect(_workspace_url(project, run))


@bp.post("/runs/<int:run_id>/input")
def change_input(project_id: int, run_id: int) -> WerkzeugResponse:
    """Move, exclude, restore or mark as reviewed the input ticked on a theme page."""
    project, run = _writable(project_id, run_id)
    answer_ids = read_ids(request.form, "answer_ids")
    action = request.form.get("action", "")
    back = request.form.get("back", "")
    if not answer_ids:
        flash(_("Tick the input you want to change first."), "error")
    elif action == "move":
        target = request.form.get("target", "")
        theme = _theme(run, int(target)) if target.isdigit() else None
        count = edits.move(run, current_user, answer_ids, theme)
        flash(ngettext("%(num)d input moved.", "%(num)d inputs moved.", count), "success")
    elif action in ("exclude", "include"):
        count = edits.exclude(run, current_user, answer_ids, action == "exclude")
        flash(ngettext("%(num)d input changed.", "%(num)d inputs changed.", count), "success")
    elif action == "reviewed":
        edits.mark_reviewed(run, current_user, answer_ids)
    else:
        abort(400)
    db.session.commit()
    return redirect(back if back.startswith("/manage/") else _workspace_url(project, run))


@bp.post("/runs/<int:run_id>/themes/<int:theme_id>/pin")
def pin(project_id: int, run_id: int, theme_id: int) -> WerkzeugResponse:
    project, run = _writable(project_id, run_id)
    theme = _theme(run, theme_id)
    try:
        action = request.form.get("action", "")
        if action in ("up", "down"):
            edits.move_pin(run, current_user, theme, -1 if action == "up" else 1)
        else:
            edits.pin(run, current_user, theme, action == "pin")
    except edits.EditError:
        flash(_("At most four themes can be chosen as innsatsområder. Unpin one first."), "error")
    db.session.commit()
    return redirect(_workspace_url(project, run) + "#pinned")


@bp.get("/runs/<int:run_id>/history")
def history(project_id: int, run_id: int) -> str:
    project = access.get_project(project_id)
    run = _run(project, run_id)
    log = list(
        db.session.scalars(
            select(ThemeEdit)
            .where(ThemeEdit.run_id == run.id)
            .order_by(ThemeEdit.id.desc())
            .limit(500)
        )
    )
    return render_template(
        "themes/history.html",
        project=project,
        run=run,
        log=log,
        action_labels={k: str(v) for k, v in ACTION_LABELS.items()},
    )


@bp.get("/compare")
def compare(project_id: int) -> str:
    project = access.get_project(project_id)
    first = request.args.get("a", "")
    second = request.args.get("b", "")
    if not (first.isdigit() and second.isdigit()):
        abort(404)
    left, right = _run(project, int(first)), _run(project, int(second))
    return render_template(
        "themes/compare.html",
        project=project,
        left=left,
        right=right,
        overlap=stats.overlap(left, right),
        left_summary=stats.summarise(left),
        right_summary=stats.summarise(right),
    )
