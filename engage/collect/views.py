"""The citizen side: join by code or QR, answer, receipt, privacy. Works without JavaScript."""

from __future__ import annotations

import secrets

from flask import (
    Blueprint,
    abort,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.collect import services
from engage.collect.about import FIELD_LABELS, field_choices
from engage.collect.answers import Submission, error_labels, read_submission, typed_texts
from engage.collect.ratelimits import allow_submission, browser_session_id
from engage.core.forms import csrf_token_valid
from engage.core.jobs import later
from engage.extensions import csrf, db
from engage.models import Activity, ActivityKind, Project
from engage.vote import views as vote_views

bp = Blueprint("collect", __name__)
# The form checks its token itself, so a stale token re-shows the form instead of losing it.
csrf.exempt(bp)


@bp.get("/j")
def join() -> str | WerkzeugResponse:
    raw = request.args.get("code", "")
    activity = services.find_activity_by_code(raw)
    if activity is not None:
        return redirect(url_for("collect.form", code=activity.join_code))
    error = _("No activity has the code %(code)s. Check the code on the screen.", code=raw[:12])
    return render_template(
        "collect/start.html", error=error if raw.strip() else None, code=raw[:12]
    ), 404 if raw.strip() else 200


@bp.route("/j/<code>", methods=["GET", "POST"])
def form(code: str) -> str | WerkzeugResponse | tuple[str, int]:
    activity = _activity_or_404(code)
    if request.method == "POST":
        if request.form.get("website"):  # honeypot: people never see this field
            return redirect(url_for("collect.receipt", code=activity.join_code))
        if activity.kind is ActivityKind.VOTE:
            return vote_views.submit_ballot(activity)
        return _submit(activity)
    if not activity.is_open:
        return render_template("collect/closed.html", activity=activity, project=activity.project)
    if activity.kind is ActivityKind.VOTE:
        return vote_views.show_ballot(activity)
    return _render_form(activity, Submission(about=_remembered_about(activity)), values=None)


@bp.get("/j/<code>/takk")
def receipt(code: str) -> str:
    activity = _activity_or_404(code)
    return render_template("collect/receipt.html", activity=activity, project=activity.project)


@bp.get("/p/<slug>/personvern")
def privacy(slug: str) -> str:
    project = db.session.scalar(select(Project).where(Project.slug == slug))
    if project is None:
        abort(404)
    g.project_locale = project.language_form.value
    return render_template("collect/privacy.html", project=project)


def _activity_or_404(code: str) -> Activity:
    activity = services.find_activity_by_code(code)
    if activity is None:
        abort(404)
    g.project_locale = activity.project.language_form.value
    return activity


def _submit(activity: Activity) -> str | WerkzeugResponse | tuple[str, int]:
    values = request.form
    if not activity.is_open:
        return render_template(
            "collect/closed.html",
            activity=activity,
            project=activity.project,
            values=typed_texts(activity, values),
        ), 409
    if not csrf_token_valid():
        message = _("The form had been open a long time. Nothing is lost: please send it again.")
        return _render_form(activity, Submission(errors={"form": message}), values), 400
    submission = read_submission(activity, values)
    if not submission.is_valid:
        return _render_form(activity, submission, values), 422
    if not allow_submission():
        message = _(
            "You have sent many answers in a short time. Wait a few minutes and send again."
        )
        return _render_form(activity, Submission(errors={"form": message}), values), 429
    key = values.get("submission_key", "")
    response, created = services.record_response(
        activity,
        submission,
        language=str(get_locale()),
        submission_key=key if services.SUBMISSION_KEY.match(key) else None,
    )
    if created:
        later("embed_answers", [a.id for a in response.answers])
        later("place_new_input", activity.project_id)
    db.session.commit()
    session.setdefault("about", {})[str(activity.project_id)] = submission.about
    session.modified = True
    return redirect(url_for("collect.receipt", code=activity.join_code))


def _render_form(activity: Activity, submission: Submission, values: object) -> str:
    browser_session_id()
    about_choices = {
        name: field_choices(name, activity.project.areas or [])
        for name in activity.about_fields
        if name != "area" or activity.project.areas
    }
    return render_template(
        "collect/form.html",
        activity=activity,
        project=activity.project,
        submission=submission,
        values=values,
        about_choices=about_choices,
        about_labels=FIELD_LABELS,
        error_labels=error_labels(activity),
        submission_key=secrets.token_urlsafe(24),
    )


def _remembered_about(activity: Activity) -> dict[str, str]:
    return dict(session.get("about", {}).get(str(activity.project_id), {}))
