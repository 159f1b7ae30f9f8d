"""The citizen side: join by code or QR, answer, receipt, privacy. Works without JavaScript."""

from __future__ import annotations

import secrets
from typing import Any

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
from engage.core import kinds
from engage.core.about import FIELD_LABELS, about_choices
from engage.core.ratelimits import browser_session_id
from engage.core.submit import keeps_typed_input, submit
from engage.extensions import db
from engage.inputs import Submission, error_labels, read_submission, record_response, typed_texts
from engage.models import Activity, Project

bp = Blueprint("collect", __name__)


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
@keeps_typed_input
def form(code: str) -> Any:
    activity = _activity_or_404(code)
    own = kinds.hooks(activity.kind)
    if request.method == "POST":
        if request.form.get("website"):  # honeypot: people never see this field
            return redirect(url_for("collect.receipt", code=activity.join_code))
        return own.public_submit(activity) if own.public_submit else submit(AnswerForm(activity))
    if not activity.is_open:
        return render_template("collect/closed.html", activity=activity, project=activity.project)
    if own.public_page:
        return own.public_page(activity)
    # About-you is filled in again only for "send another idea" from the receipt: at a
    # workshop one tablet passes round the room, and the next person starts blank.
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


@bp.get("/p/<slug>/tilgjengelighet")
def accessibility(slug: str) -> str:
    """The accessibility statement (tilgjengelighetserklæring) of the citizen pages."""
    project = db.session.scalar(select(Project).where(Project.slug == slug))
    if project is None:
        abort(404)
    g.project_locale = project.language_form.value
    return render_template("collect/accessibility.html", project=project)


def _activity_or_404(code: str) -> Activity:
    activity = services.find_activity_by_code(code)
    if activity is None:
        abort(404)
    g.project_locale = activity.project.language_form.value
    return activity


class AnswerForm:
    """The workshop and survey form, as the public submit pipeline runs it."""

    limit_rate = True

    def __init__(self, activity: Activity) -> None:
        self.activity = activity

    def is_open(self) -> bool:
        return self.activity.is_open

    def closed(self) -> tuple[str, int]:
        return render_template(
            "collect/closed.html",
            activity=self.activity,
            project=self.activity.project,
            values=typed_texts(self.activity, request.form),
        ), 409

    def read(self) -> Submission:
        return read_submission(self.activity, request.form)

    def show(self, submission: Submission, status: int) -> tuple[str, int]:
        return _render_form(self.activity, submission, request.form), status

    def store(self, submission: Submission) -> None:
        key = request.form.get("submission_key", "")
        record_response(
            self.activity,
            submission,
            language=str(get_locale()),
            submission_key=key if services.SUBMISSION_KEY.match(key) else None,
        )
        session["about"] = {str(self.activity.project_id): submission.about}

    def done(self) -> WerkzeugResponse:
        return redirect(url_for("collect.receipt", code=self.activity.join_code))


def _render_form(activity: Activity, submission: Submission, values: object) -> str:
    browser_session_id()
    return render_template(
        "collect/form.html",
        activity=activity,
        project=activity.project,
        submission=submission,
        values=values,
        about_choices=about_choices(activity.about_fields, activity.project.areas),
        about_labels=FIELD_LABELS,
        error_labels=error_labels(activity, str(get_locale())),
        submission_key=secrets.token_urlsafe(24),
    )


def _remembered_about(activity: Activity) -> dict[str, str]:
    if request.args.get("same") != "1":
        return {}
    return dict(session.get("about", {}).get(str(activity.project_id), {}))
