"""The business owner's side: the personal link, its receipt, and unsubscribing.
A wrong, expired or closed link always gets the same neutral page and status."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.collect.about import field_choices
from engage.collect.answers import Submission, error_labels, read_submission
from engage.core.errors import render_error
from engage.core.forms import csrf_token_valid
from engage.extensions import csrf, db
from engage.invite import answering
from engage.invite.fields import COMPANY_SIZES
from engage.models import Invitation

bp = Blueprint("invite", __name__)
# The views check the token themselves, so a stale form is shown again with what was typed.
csrf.exempt(bp)
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def neutral() -> tuple[str, int, dict[str, str]]:
    return render_template("invite/unavailable.html"), 404, NO_STORE


@bp.get("/s/<token>")
def survey(token: str) -> tuple[str, int, dict[str, str]]:
    invitation = answering.find_open_invitation(token)
    if invitation is None:
        return neutral()
    values = answering.stored_values(invitation)
    if values is None:
        values = MultiDict(answering.company_values(invitation))
    return _render(invitation, token, Submission(), values, 200)


@bp.post("/s/<token>")
def answer(token: str) -> WerkzeugResponse | tuple[str, int, dict[str, str]]:
    if not csrf_token_valid():
        invitation = answering.find_open_invitation(token)
        if invitation is None:
            return render_error(400, _("The form had expired or was incomplete. Please try again."))
        message = _("The form had been open a long time. Nothing is lost: please send it again.")
        return _render(invitation, token, Submission(errors={"form": message}), request.form, 400)
    invitation = answering.find_open_invitation(token)
    if invitation is None:
        return neutral()
    if request.form.get("action") == "draft":
        answering.save_draft(invitation, request.form)
        db.session.commit()
        return redirect(url_for("invite.survey", token=token, saved=1) + "#saved")
    return _submit(invitation, token)


def _submit(
    invitation: Invitation, token: str
) -> WerkzeugResponse | tuple[str, int, dict[str, str]]:
    activity = invitation.activity
    submission = read_submission(activity, request.form, about_fields=())
    company = answering.read_company(request.form, activity.project.areas or [])
    submission.errors.update(company.errors)
    if not submission.is_valid:
        return _render(invitation, token, submission, request.form, 422)
    answering.submit_answers(invitation, submission, company, language=str(get_locale()))
    db.session.commit()
    return redirect(url_for("invite.receipt", token=token))


@bp.get("/s/<token>/takk")
def receipt(token: str) -> tuple[str, int, dict[str, str]]:
    invitation = answering.find_open_invitation(token)
    if invitation is None or invitation.answered_at is None:
        return neutral()
    g.project_locale = answering.page_language(invitation)
    return (
        render_template(
            "invite/receipt.html",
            invitation=invitation,
            token=token,
            activity=invitation.activity,
            project=invitation.activity.project,
        ),
        200,
        NO_STORE,
    )


@bp.route("/s/<token>/unsubscribe", methods=["GET", "POST"])
def unsubscribe(token: str) -> tuple[str, int, dict[str, str]]:
    """GET asks (mail scanners open links); POST does it, also RFC 8058 one-click."""
    mail = answering.find_mail(token)
    if request.method == "POST":
        one_click = request.form.get("List-Unsubscribe") == "One-Click"
        if not one_click and not csrf_token_valid():
            return render_error(400, _("The form had expired or was incomplete. Please try again."))
    if mail is None or mail.invitation.contact.erased_at is not None:
        return neutral()
    project = mail.invitation.activity.project
    g.project_locale = answering.page_language(mail.invitation)
    done = mail.invitation.contact.is_unsubscribed
    if request.method == "POST":
        answering.unsubscribe(mail)
        db.session.commit()
        done = True
    return (
        render_template("invite/unsubscribe.html", token=token, project=project, done=done),
        200,
        NO_STORE,
    )


def _render(
    invitation: Invitation, token: str, submission: Submission, values: object, status: int
) -> tuple[str, int, dict[str, str]]:
    activity, project = invitation.activity, invitation.activity.project
    g.project_locale = answering.page_language(invitation)
    labels = error_labels(activity)
    labels.update(
        {
            "company_name": _("Company name"),
            "sector": _("Sector"),
            "company_size": _("Number of employees"),
            "area": _("Area"),
        }
    )
    return (
        render_template(
            "invite/survey.html",
            activity=activity,
            project=project,
            invitation=invitation,
            token=token,
            submission=submission,
            values=values,
            about_choices={},
            error_labels=labels,
            sectors=field_choices("sector", []),
            sizes=COMPANY_SIZES,
            areas=project.areas or [],
            saved=request.args.get("saved") == "1" and request.method == "GET",
        ),
        status,
        NO_STORE,
    )
