"""Leader downloads and preview of the plan summary; the public results page."""

from __future__ import annotations

import dataclasses

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from engage.core import access, audit
from engage.core.cache import TimedCache
from engage.core.forms import ConfirmForm
from engage.extensions import db, limiter
from engage.models import Project
from engage.models.base import utcnow
from engage.report import exports
from engage.report.summary import Summary, build_summary
from engage.report.wording import document_words, value_names

bp = Blueprint("report", __name__)
public = Blueprint("results", __name__)
# New input shows on the public page within a minute; a crowd opening it costs one build.
RESULTS_SECONDS = 60


@bp.before_request
@login_required
def require_login() -> None:
    """Reports hold everything people said: leader pages only."""


@bp.get("")
def preview(project_id: int) -> str:
    project = access.get_project(project_id)
    summary = build_summary(project)
    with force_locale(project.language_form.value):
        words = document_words(summary)
    return render_template(
        "report/preview.html",
        project=project,
        s=summary,
        can_edit=access.can_edit(current_user, project),
        **words,
    )


@bp.get("/summary.<fmt>")
def download(project_id: int, fmt: str) -> Response:
    project = access.get_project(project_id)
    if fmt not in exports.FORMATS:
        abort(404)
    language = exports.export_language(project, request.args.get("lang"))
    body, mimetype = exports.export(project, fmt, language)
    audit.record(audit.EXPORT, project, format=fmt)
    db.session.commit()
    name = f"engage-{project.slug}-{fmt_name(fmt)}.{fmt}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def fmt_name(fmt: str) -> str:
    return "responses" if fmt == "csv" else "summary"


@bp.post("/publish")
def publish(project_id: int) -> Response:
    project = access.get_project(project_id, write=True)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    text = request.form.get("results_text", "").strip()
    if len(text) > 5000:
        flash(_("At most %(max)d characters, please shorten it.", max=5000), "error")
        return redirect(url_for("report.preview", project_id=project.id))
    project.results_text = text
    publish_now = request.form.get("action") == "publish"
    project.results_published_at = utcnow() if publish_now else None
    audit.record(audit.PUBLISH_RESULTS if publish_now else audit.UNPUBLISH_RESULTS, project)
    db.session.commit()
    flash(
        _("The results page is published.")
        if publish_now
        else _("The results page is not public any more."),
        "success",
    )
    return redirect(url_for("report.preview", project_id=project.id))


@public.get("/p/<slug>/resultater")
@limiter.limit(lambda: current_app.config["RESULTS_LIMIT_PER_IP"])
def results(slug: str) -> Response:
    """ "Dette sa dere – dette gjør vi": public once the leader publishes it. Built at most
    once a minute per project and process, and cacheable for as long by a proxy."""
    project = db.session.scalar(select(Project).where(Project.slug == slug))
    if project is None or project.results_published_at is None:
        abort(404)
    g.project_locale = project.language_form.value
    key = (project.id, project.results_published_at, project.language_form.value)
    cache = current_app.extensions.setdefault("engage_results", TimedCache(RESULTS_SECONDS))
    summary = cache.get(key, lambda: _public_summary(project))
    page = render_template("report/results.html", project=project, s=summary, names=value_names())
    response = current_app.make_response(page)
    response.headers["Cache-Control"] = f"public, max-age={RESULTS_SECONDS}"
    return response


def _public_summary(project: Project) -> Summary:
    """What the public page shows, without the database objects of the request that built it
    (the page itself is not cached: it carries each visitor's own form token)."""
    return dataclasses.replace(build_summary(project), project=None, run=None, votes=[])
