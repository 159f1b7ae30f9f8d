"""Leader pages: the responses table, hiding, interview notes and post-it walls."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.core import access, audit
from engage.core.about import (
    ABOUT_FIELDS,
    FIELD_LABELS,
    about_choices,
    about_wording,
    field_choices,
)
from engage.core.forms import ConfirmForm
from engage.core.i18n import LANGUAGE_NAMES
from engage.core.urls import safe_next
from engage.extensions import db
from engage.inputs import Submission, error_labels, read_submission, record_response
from engage.models import Response
from engage.models.labels import CHANNEL_LABELS
from engage.review import entry
from engage.review.forms import HIDE_REASONS, HideForm, PostItForm
from engage.review.response_search import (
    CHANNELS,
    LANGUAGE_CODES,
    ResponseFilter,
    search_responses,
)
from engage.review.views import bp


@bp.get("/projects/<int:project_id>/responses")
def responses(project_id: int) -> str:
    project = access.get_project(project_id)
    chosen = ResponseFilter.from_args(request.args)
    activities = [a for a in project.activities if not chosen.activity or a.id == chosen.activity]
    return render_template(
        "review/responses.html",
        project=project,
        chosen=chosen,
        result=search_responses(project, chosen),
        can_edit=access.can_edit(current_user, project),
        choices={name: field_choices(name, project.areas or []) for name in ABOUT_FIELDS},
        about_labels=FIELD_LABELS,
        activity_options=[(a.id, a.title) for a in project.activities],
        question_options=[(q.id, q.prompt[:60]) for a in activities for q in a.questions],
        channel_options=[(c, str(CHANNEL_LABELS[c])) for c in CHANNELS],
        channel_names={c: str(label) for c, label in CHANNEL_LABELS.items()},
        language_options=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_CODES],
        hide_reasons={k: str(v) for k, v in HIDE_REASONS.items()},
    )


@bp.get("/projects/<int:project_id>/responses/<int:response_id>")
def response(project_id: int, response_id: int) -> str:
    """One whole response with its metadata (quotes in the workspace link here)."""
    project = access.get_project(project_id)
    item = db.session.get(Response, response_id)
    if item is None or item.activity.project_id != project.id:
        abort(404)
    return render_template(
        "review/response.html",
        project=project,
        r=item,
        choices={name: field_choices(name, project.areas or []) for name in ABOUT_FIELDS},
        about_labels=FIELD_LABELS,
        channel_names={c: str(label) for c, label in CHANNEL_LABELS.items()},
        hide_reasons={k: str(v) for k, v in HIDE_REASONS.items()},
    )


def _response(project_id: int, response_id: int) -> Response:
    project = access.get_project(project_id, write=True)
    response = db.session.get(Response, response_id)
    if response is None or response.activity.project_id != project.id:
        abort(404)
    return response


@bp.post("/projects/<int:project_id>/responses/<int:response_id>/hide")
def hide_response(project_id: int, response_id: int) -> WerkzeugResponse:
    response = _response(project_id, response_id)
    form = HideForm()
    if form.validate_on_submit():
        entry.hide(response, current_user, form.reason.data)
        audit.record(
            audit.HIDE_RESPONSE,
            response.activity.project,
            response_id=response.id,
            reason=form.reason.data,
        )
        db.session.commit()
        flash(_("The response is hidden. It is kept and can be restored."), "success")
    else:
        flash(_("Choose a reason for hiding the response."), "error")
    default = url_for("review.responses", project_id=project_id)
    return redirect(safe_next(request.form.get("back"), default=default))


@bp.post("/projects/<int:project_id>/responses/<int:response_id>/restore")
def restore_response(project_id: int, response_id: int) -> WerkzeugResponse:
    response = _response(project_id, response_id)
    if ConfirmForm().validate_on_submit():
        entry.restore(response)
        db.session.commit()
        flash(_("The response is visible again."), "success")
    return redirect(url_for("review.responses", project_id=project_id, show="hidden"))


@bp.route("/projects/<int:project_id>/activities/<int:activity_id>/entry", methods=["GET", "POST"])
def enter_response(project_id: int, activity_id: int) -> str | WerkzeugResponse:
    """Interview notes: the leader types input on behalf of a person or a company."""
    activity = access.get_activity(project_id, activity_id, write=True)
    submission, company = Submission(), entry.CompanyFields()
    wording = about_wording(activity.kind, entered_by_leader=True)
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        submission = read_submission(activity, request.form, about_fields=ABOUT_FIELDS, staff=True)
        company = entry.read_company(request.form, submission)
        language = request.form.get("language", "")
        if language not in LANGUAGE_CODES:
            language = activity.project.language_form.value
        if submission.is_valid:
            record_response(
                activity,
                submission,
                language=language,
                channel="interview",
                entered_by=current_user,
                company_name=company.name,
                org_number=company.org_number,
            )
            db.session.commit()
            flash(_("The input is saved. You can enter the next one."), "success")
            return redirect(
                url_for("review.enter_response", project_id=project_id, activity_id=activity_id)
            )
    return render_template(
        "review/entry.html",
        project=activity.project,
        activity=activity,
        submission=submission,
        company=company,
        values=request.form or None,
        about_choices=about_choices(ABOUT_FIELDS, activity.project.areas),
        about_wording=wording,
        about_labels=wording.labels,
        languages=LANGUAGE_CODES,
        error_labels={
            **error_labels(activity),
            **{f"about_{name}": str(label) for name, label in wording.labels.items()},
            "company_name": _("Company (optional)"),
            "org_number": _("Org.nr (optional)"),
        },
    ), (422 if submission.errors else 200)


@bp.route(
    "/projects/<int:project_id>/activities/<int:activity_id>/postits", methods=["GET", "POST"]
)
def post_its(project_id: int, activity_id: int) -> str | WerkzeugResponse:
    """Post-it walls: one response per pasted line."""
    activity = access.get_activity(project_id, activity_id, write=True)
    form = PostItForm(activity)
    if form.validate_on_submit():
        added = entry.add_post_its(
            activity, form.question_id(), form.lines(), current_user, group=form.group.data or None
        )
        count = len(added)
        db.session.commit()
        flash(ngettext("%(num)d post-it saved.", "%(num)d post-its saved.", count), "success")
        return redirect(
            url_for(
                "review.responses", project_id=project_id, activity=activity_id, channel="postit"
            )
        )
    return render_template(
        "review/postits.html", project=activity.project, activity=activity, form=form
    ), (422 if form.errors else 200)
