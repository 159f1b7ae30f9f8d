"""Leader pages: projects and who works on them."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.auth import find_user
from engage.core import access
from engage.core.forms import ConfirmForm
from engage.extensions import db
from engage.models import LanguageForm, MemberRole, Membership, Project
from engage.review import project_data, services
from engage.review.forms import DeleteProjectForm, MemberForm, ProjectForm, line_list

bp = Blueprint("review", __name__)


@bp.before_request
@login_required
def require_login() -> None:
    """Every leader page needs a logged-in user."""


@bp.get("/")
def projects() -> str:
    return render_template(
        "review/projects.html",
        projects=access.visible_projects(current_user),
        can_create=access.can_create_projects(current_user),
    )


@bp.route("/projects/new", methods=["GET", "POST"])
def new_project() -> str | WerkzeugResponse:
    if not access.can_create_projects(current_user):
        abort(403)
    form = ProjectForm()
    if form.validate_on_submit():
        project = services.create_project(
            current_user,
            kommune=form.kommune.data,
            name=form.name.data,
            language_form=LanguageForm(form.language_form.data),
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
            description=form.description.data or "",
        )
        _apply_citizen_settings(project, form)
        db.session.commit()
        flash(_("The project is created."), "success")
        return redirect(url_for("review.project", project_id=project.id))
    return render_template("review/project_form.html", form=form, project=None)


@bp.get("/projects/<int:project_id>")
def project(project_id: int) -> str:
    project = access.get_project(project_id)
    return render_template(
        "review/project.html",
        project=project,
        can_edit=access.can_edit(current_user, project),
        response_counts=services.response_counts(project),
    )


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
def edit_project(project_id: int) -> str | WerkzeugResponse:
    project = access.get_project(project_id, write=True)
    form = ProjectForm(obj=project)
    if not form.is_submitted():
        form.language_form.data = project.language_form.value
        form.areas_text.data = "\n".join(project.areas or [])
    if form.validate_on_submit():
        for name in ("kommune", "name", "starts_on", "ends_on", "description"):
            setattr(project, name, getattr(form, name).data)
        project.language_form = LanguageForm(form.language_form.data)
        _apply_citizen_settings(project, form)
        db.session.commit()
        flash(_("The changes are saved."), "success")
        return redirect(url_for("review.project", project_id=project.id))
    return render_template("review/project_form.html", form=form, project=project)


@bp.get("/projects/<int:project_id>/everything.zip")
def export_everything(project_id: int) -> Response:
    """All rows of the project, for the kommune's archive before it is deleted."""
    project = access.get_project(project_id, write=True)
    body = project_data.project_archive(project)
    db.session.commit()
    return Response(
        body,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="engage-{project.slug}-all.zip"'},
    )


@bp.route("/projects/<int:project_id>/delete", methods=["GET", "POST"])
def delete_project(project_id: int) -> str | WerkzeugResponse | tuple[str, int]:
    project = access.get_project(project_id, write=True)
    form = DeleteProjectForm(project)
    if form.validate_on_submit():
        name = project.name
        project_data.delete_project(project)
        db.session.commit()
        flash(_("The project %(name)s and everything in it is deleted.", name=name), "success")
        return redirect(url_for("review.projects"))
    return render_template("review/delete_project.html", project=project, form=form), (
        422 if form.errors else 200
    )


def _apply_citizen_settings(project: Project, form: ProjectForm) -> None:
    project.areas = line_list(form.areas_text.data)
    project.privacy_contact = form.privacy_contact.data or ""
    project.privacy_text = form.privacy_text.data or ""
    project.accessibility_text = form.accessibility_text.data or ""
    project.retention_until = form.retention_until.data


@bp.route("/projects/<int:project_id>/members", methods=["GET", "POST"])
def members(project_id: int) -> str | WerkzeugResponse:
    project = access.get_project(project_id)
    can_edit = access.can_edit(current_user, project)
    form = MemberForm()
    if form.validate_on_submit():
        if not can_edit:
            abort(403)
        user = find_user(form.email.data)
        if user is None:
            form.email.errors = [_("There is no account with this e-mail address.")]
        else:
            services.add_member(project, user, MemberRole(form.role.data))
            db.session.commit()
            flash(_("%(email)s now has access.", email=user.email), "success")
            return redirect(url_for("review.members", project_id=project.id))
    return render_template(
        "review/members.html", project=project, form=form, can_edit=can_edit, confirm=ConfirmForm()
    )


@bp.post("/projects/<int:project_id>/members/<int:member_id>/remove")
def remove_member(project_id: int, member_id: int) -> WerkzeugResponse:
    project = access.get_project(project_id, write=True)
    member = db.session.get(Membership, member_id)
    if member is None or member.project_id != project.id:
        abort(404)
    leaders = [m for m in project.memberships if m.role is MemberRole.LEADER]
    if member.role is MemberRole.LEADER and len(leaders) == 1:
        flash(_("A project needs at least one project leader."), "error")
    elif ConfirmForm().validate_on_submit():
        db.session.delete(member)
        db.session.commit()
        flash(_("Access removed."), "success")
    return redirect(url_for("review.members", project_id=project.id))


from engage.review import activities, responses  # noqa: E402, F401  (routes on this blueprint)
