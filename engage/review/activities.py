"""Leader pages: activities and their questions."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.core import access, kinds
from engage.core.forms import ConfirmForm
from engage.extensions import db
from engage.inputs import count_responses
from engage.models import Activity, ActivityKind, ActivityStatus, QuestionKind
from engage.review import services
from engage.review.forms import ActivityForm, QuestionForm
from engage.review.views import bp

DEFAULT_ABOUT_FIELDS = ("stakeholder_group", "age_band", "area")
STATUS_MESSAGES = {
    ActivityStatus.OPEN.value: _l("The activity is open: people can answer now."),
    ActivityStatus.CLOSED.value: _l("The activity is closed: no new answers are taken."),
}


def _activity_url(activity_id: int, project_id: int) -> str:
    return url_for("review.activity", project_id=project_id, activity_id=activity_id)


@bp.route("/projects/<int:project_id>/activities/new", methods=["GET", "POST"])
def new_activity(project_id: int) -> str | WerkzeugResponse:
    project = access.get_project(project_id, write=True)
    form = ActivityForm()
    if not form.is_submitted():
        form.about_fields.data = list(DEFAULT_ABOUT_FIELDS)
        if request.args.get("kind") in {k.value for k in ActivityKind}:
            form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        activity = services.create_activity(
            project,
            kind=ActivityKind(form.kind.data),
            title=form.title.data,
            held_on=form.held_on.data,
            place=form.place.data or "",
            status=ActivityStatus(form.status.data),
            description=form.description.data or "",
            with_questions=form.with_questions.data,
        )
        activity.about_fields = form.about_fields.data or []
        activity.about_required = form.about_required.data or []
        db.session.commit()
        flash(_("The activity is created."), "success")
        return redirect(_activity_url(activity.id, project.id))
    return render_template("review/activity_form.html", form=form, project=project, activity=None)


@bp.get("/projects/<int:project_id>/activities/<int:activity_id>")
def activity(project_id: int, activity_id: int) -> str:
    activity = access.get_activity(project_id, activity_id)
    can_edit = access.can_edit(current_user, activity.project)
    return render_template(
        "review/activity.html",
        project=activity.project,
        activity=activity,
        can_edit=can_edit,
        response_count=count_responses(activity),
        **kinds.manage_context(activity, can_edit),
    )


@bp.route("/projects/<int:project_id>/activities/<int:activity_id>/edit", methods=["GET", "POST"])
def edit_activity(project_id: int, activity_id: int) -> str | WerkzeugResponse:
    activity = access.get_activity(project_id, activity_id, write=True)
    form = ActivityForm(obj=activity)
    del form.with_questions
    if not form.is_submitted():
        form.kind.data, form.status.data = activity.kind.value, activity.status.value
    if form.validate_on_submit():
        activity.title, activity.held_on = form.title.data, form.held_on.data
        activity.place = form.place.data or ""
        activity.description = form.description.data or ""
        activity.about_fields = form.about_fields.data or []
        activity.about_required = form.about_required.data or []
        activity.kind = ActivityKind(form.kind.data)
        activity.status = ActivityStatus(form.status.data)
        db.session.commit()
        flash(_("The changes are saved."), "success")
        return redirect(_activity_url(activity.id, project_id))
    return render_template(
        "review/activity_form.html", form=form, project=activity.project, activity=activity
    )


@bp.post("/projects/<int:project_id>/activities/<int:activity_id>/status")
def set_status(project_id: int, activity_id: int) -> WerkzeugResponse:
    """Open or close an activity with one button, from its own page."""
    activity = access.get_activity(project_id, activity_id, write=True)
    wanted = request.form.get("status", "")
    if ConfirmForm().validate_on_submit() and wanted in STATUS_MESSAGES:
        activity.status = ActivityStatus(wanted)
        db.session.commit()
        flash(str(STATUS_MESSAGES[wanted]), "success")
    return redirect(_activity_url(activity.id, project_id))


@bp.route(
    "/projects/<int:project_id>/activities/<int:activity_id>/questions/new",
    methods=["GET", "POST"],
)
def new_question(project_id: int, activity_id: int) -> str | WerkzeugResponse:
    activity = access.get_activity(project_id, activity_id, write=True)
    form = QuestionForm()
    if form.validate_on_submit():
        if len(activity.questions) >= services.MAX_QUESTIONS:
            flash(_("An activity can have at most %(n)d questions.", n=services.MAX_QUESTIONS))
        else:
            services.add_question(activity, **_question_fields(form, activity))
            db.session.commit()
            flash(_("The question is added."), "success")
            return redirect(_activity_url(activity.id, project_id))
    return render_template(
        "review/question_form.html",
        form=form,
        project=activity.project,
        activity=activity,
        question=None,
    )


@bp.route(
    "/projects/<int:project_id>/activities/<int:activity_id>/questions/<int:question_id>",
    methods=["GET", "POST"],
)
def edit_question(project_id: int, activity_id: int, question_id: int) -> str | WerkzeugResponse:
    question = access.get_question(project_id, activity_id, question_id)
    form = QuestionForm(obj=question)
    if not form.is_submitted():
        form.kind.data = question.kind.value
        form.options.data = "\n".join(question.options or [])
        form.fill_translations(question.translations or {})
    if form.validate_on_submit():
        for name, value in _question_fields(form, question.activity).items():
            setattr(question, name, value)
        db.session.commit()
        flash(_("The changes are saved."), "success")
        return redirect(_activity_url(activity_id, project_id))
    return render_template(
        "review/question_form.html",
        form=form,
        project=question.activity.project,
        activity=question.activity,
        question=question,
    )


@bp.post("/projects/<int:project_id>/activities/<int:activity_id>/questions/<int:question_id>/move")
def move_question(project_id: int, activity_id: int, question_id: int) -> WerkzeugResponse:
    question = access.get_question(project_id, activity_id, question_id)
    if ConfirmForm().validate_on_submit():
        services.move_question(question, -1 if request.form.get("direction") == "up" else 1)
        db.session.commit()
    return redirect(_activity_url(activity_id, project_id) + f"#q{question.id}")


@bp.post(
    "/projects/<int:project_id>/activities/<int:activity_id>/questions/<int:question_id>/delete"
)
def delete_question(project_id: int, activity_id: int, question_id: int) -> WerkzeugResponse:
    question = access.get_question(project_id, activity_id, question_id)
    if ConfirmForm().validate_on_submit():
        services.delete_question(question)
        db.session.commit()
        flash(_("The question is removed."), "success")
    return redirect(_activity_url(activity_id, project_id))


def _question_fields(form: QuestionForm, activity: Activity) -> dict[str, object]:
    kind = QuestionKind(form.kind.data)
    return {
        "kind": kind,
        "prompt": form.prompt.data,
        "help_text": form.help_text.data or "",
        "is_required": form.is_required.data,
        "internal": form.internal.data,
        "options": form.option_list() if kind.has_options else [],
        "translations": form.translations(activity.project.language_form.value),
    }
