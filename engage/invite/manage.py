"""Leader pages for contacts: list, add, edit, import, export and delete on request."""

from __future__ import annotations

import json

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.core import access, audit
from engage.core.forms import ConfirmForm
from engage.core.security import accepts_upload
from engage.extensions import db
from engage.invite import contacts, importing
from engage.invite.fields import size_label
from engage.invite.forms import ContactForm, ImportForm
from engage.models import Contact, ContactImport, Project

bp = Blueprint("invites", __name__)


@bp.before_request
@login_required
def require_login() -> None:
    """Every page here needs a logged-in user."""


def _contact(project_id: int, contact_id: int) -> Contact:
    project = access.get_project(project_id, write=True)
    contact = db.session.get(Contact, contact_id)
    if contact is None or contact.project_id != project.id or contact.erased_at is not None:
        abort(404)
    return contact


def _list_url(project: Project) -> str:
    return url_for("invites.contacts", project_id=project.id)


@bp.get("/projects/<int:project_id>/contacts", endpoint="contacts")
def contacts_page(project_id: int) -> str:
    project = access.get_project(project_id, write=True)
    return render_template(
        "invite/contacts.html",
        project=project,
        contacts=contacts.project_contacts(project),
        size_label=size_label,
        confirm=ConfirmForm(),
    )


@bp.route("/projects/<int:project_id>/contacts/new", methods=["GET", "POST"])
def new_contact(project_id: int) -> str | WerkzeugResponse | tuple[str, int]:
    project = access.get_project(project_id, write=True)
    return _edit(project, None)


@bp.route("/projects/<int:project_id>/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
def edit_contact(project_id: int, contact_id: int) -> str | WerkzeugResponse | tuple[str, int]:
    contact = _contact(project_id, contact_id)
    return _edit(contact.project, contact)


def _edit(project: Project, contact: Contact | None) -> str | WerkzeugResponse | tuple[str, int]:
    form = ContactForm(project.areas or [], obj=contact)
    if form.validate_on_submit():
        same = contacts.find_by_email(project, form.values()["email"])
        if same is not None and same is not contact:
            form.email.errors = [_("Another contact already has this e-mail address.")]
        else:
            contacts.save_contact(project, form.values(), contact)
            db.session.commit()
            flash(_("The contact is saved."), "success")
            return redirect(_list_url(project))
    return render_template(
        "invite/contact_form.html", form=form, project=project, contact=contact
    ), (422 if form.errors else 200)


@bp.get("/projects/<int:project_id>/contacts/<int:contact_id>/export")
def export_contact(project_id: int, contact_id: int) -> WerkzeugResponse:
    """Everything stored about one contact, as a file for a request for access."""
    contact = _contact(project_id, contact_id)
    body = json.dumps(contacts.contact_data(contact), ensure_ascii=False, indent=2)
    response = WerkzeugResponse(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="contact-{contact.id}.json"'
    return response


@bp.post("/projects/<int:project_id>/contacts/<int:contact_id>/delete")
def delete_contact(project_id: int, contact_id: int) -> WerkzeugResponse:
    contact = _contact(project_id, contact_id)
    project = contact.project
    if ConfirmForm().validate_on_submit():
        contact_id = contact.id
        contacts.delete_contact(contact)
        audit.record(audit.DELETE_CONTACT, project, contact_id=contact_id)
        db.session.commit()
        flash(_("The contact and their answers are deleted."), "success")
    return redirect(_list_url(project))


@bp.route("/projects/<int:project_id>/contacts/import", methods=["GET", "POST"])
@accepts_upload(importing.MAX_IMPORT_BYTES + 64 * 1024)
def import_contacts(project_id: int) -> str | tuple[str, int]:
    project = access.get_project(project_id, write=True)
    form, error = ImportForm(), None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            if not upload or not upload.filename:
                raise importing.ImportFileError(_("Choose a CSV or XLSX file."))
            data = upload.read(importing.MAX_IMPORT_BYTES + 1)
            if len(data) > importing.MAX_IMPORT_BYTES:
                raise importing.ImportFileError(_("The file is larger than 2 MB."))
            check = importing.check_rows(project, importing.read_table(upload.filename, data))
        except importing.ImportFileError as problem:
            error = str(problem)
        else:
            pending = importing.store_check(project, current_user, upload.filename, check)
            db.session.commit()
            return render_template(
                "invite/import_preview.html",
                project=project,
                check=check,
                pending=pending,
                confirm=ConfirmForm(),
                size_label=size_label,
            )
    return render_template(
        "invite/import.html",
        project=project,
        form=form,
        error=error,
        max_rows=importing.MAX_IMPORT_ROWS,
    ), (422 if error else 200)


@bp.post("/projects/<int:project_id>/contacts/import/<int:import_id>/confirm")
def confirm_import(project_id: int, import_id: int) -> WerkzeugResponse:
    project = access.get_project(project_id, write=True)
    pending = db.session.get(ContactImport, import_id)
    if pending is None or pending.project_id != project.id:
        flash(_("This import was already done or cancelled. Upload the file again."), "error")
        return redirect(_list_url(project))
    if ConfirmForm().validate_on_submit():
        try:
            count = importing.apply_import(pending)
            db.session.commit()
        except IntegrityError:  # the same import confirmed twice at once
            db.session.rollback()
            flash(_("This import was already done or cancelled. Upload the file again."), "error")
            return redirect(_list_url(project))
        flash(ngettext("%(num)d contact imported.", "%(num)d contacts imported.", count), "success")
    return redirect(_list_url(project))


from engage.invite import manage_survey  # noqa: E402, F401  (routes on this blueprint)
