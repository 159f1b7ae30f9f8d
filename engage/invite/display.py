"""The business owner's side: the personal link, its receipt, and unsubscribing.
A wrong, expired or closed link always gets the same neutral page and status."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.core.about import field_choices
from engage.core.errors import render_error
from engage.core.links import NO_STORE
from engage.core.submit import keeps_typed_input, submit, token_is_stale
from engage.extensions import db
from engage.inputs import Submission, error_labels, read_submission
from engage.invite import answering
from engage.invite.fields import COMPANY_SIZES
from engage.models import Invitation

bp = Blueprint("invite", __name__)


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
@keeps_typed_input
def answer(token: str) -> Any:
    invitation = answering.find_open_invitation(token)
    if invitation is not None and request.form.get("action") == "draft" and not token_is_stale():
        answering.save_draft(invitation, request.form)
        db.session.commit()
        return redirect(url_for("invite.survey", token=token, saved=1) + "#saved")
    return submit(SurveyForm(invitation, token))


class SurveyForm:
    """The business survey behind a personal link, as the public submit pipeline runs it."""

    limit_rate = False  # one response per link; sending again replaces it

    def __init__(self, invitation: Invitation | None, token: str) -> None:
        self.invitation, self.token = invitation, token

    def is_open(self) -> bool:
        return self.invitation is not None

    def closed(self) -> Any:
        if token_is_stale():  # the same answer as for a live link: nobody learns which exist
            return render_error(400, _("The form had expired or was incomplete. Please try again."))
        return neutral()

    def read(self) -> Submission:
        activity = self.invitation.activity
        submission = read_submission(activity, request.form, about_fields=())
        self.company = answering.read_company(request.form, activity.project.areas or [])
        submission.errors.update(self.company.errors)
        return submission

    def show(self, submission: Submission, status: int) -> tuple[str, int, dict[str, str]]:
        return _render(self.invitation, self.token, submission, request.form, status)

    def store(self, submission: Submission) -> None:
        answering.submit_answers(
            self.invitation, submission, self.company, language=str(get_locale())
        )

    def done(self) -> WerkzeugResponse:
        return redirect(url_for("invite.receipt", token=self.token))


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
@keeps_typed_input
def unsubscribe(token: str) -> tuple[str, int, dict[str, str]]:
    """GET asks (mail scanners open links); POST does it, also RFC 8058 one-click."""
    mail = answering.find_mail(token)
    if request.method == "POST":
        one_click = request.form.get("List-Unsubscribe") == "One-Click"
        if not one_click and token_is_stale():
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
    labels = error_labels(activity, str(get_locale()))
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
