"""Voting pages: the citizen's ballot (reached through /j/<code>) and the leader's set-up."""

from __future__ import annotations

import secrets
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.core import access
from engage.core.about import FIELD_LABELS, about_choices
from engage.core.errors import render_error
from engage.core.forms import ConfirmForm
from engage.core.links import NO_STORE
from engage.core.submit import keeps_typed_input, submit, token_is_stale
from engage.core.urls import parse_int
from engage.extensions import db
from engage.inputs import typed_texts
from engage.invite import find_mail, link_voter_key
from engage.models import Activity, AnalysisRun, Invitation, MailKind
from engage.vote import services

bp = Blueprint("vote", __name__)


def _ballot_token(activity: Activity) -> str:
    """This browser session's random ballot token for the vote (made on first use)."""
    tokens = session.setdefault("ballots", {})
    if str(activity.id) not in tokens:
        tokens[str(activity.id)] = secrets.token_urlsafe(24)
        session.modified = True
    return tokens[str(activity.id)]


def show_ballot(
    activity: Activity,
    given: services.BallotInput | None = None,
    status: int = 200,
    key: str | None = None,
    action: str | None = None,
    link: Invitation | None = None,
) -> tuple[str, int]:
    """The ballot, filled in with this voter's earlier choices or what they just sent.

    `key`, `action` and `link` are given for a personal link; otherwise the browser session
    votes, anonymously.
    """
    key = key or services.voter_key(_ballot_token(activity))
    ballot = services.current_ballot(activity, key)
    if given is None:
        marks = {m.option_id: (m.dots, m.stance) for m in ballot.marks} if ballot else {}
        values = services.comment_values(activity, ballot)
        about = {
            n: getattr(ballot, n)
            for n in ("stakeholder_group", "age_band", "area")
            if ballot and getattr(ballot, n)
        }
        errors: dict[str, str] = {}
    else:
        marks, values, about, errors = given.marks, request.form, given.comments.about, given.errors
    return render_template(
        "vote/ballot.html",
        activity=activity,
        project=activity.project,
        options=services.options(activity),
        marks=marks,
        values=values,
        about=about,
        errors=errors,
        has_ballot=ballot is not None,
        action=action or url_for("collect.form", code=activity.join_code),
        about_choices={}
        if action
        else about_choices(activity.about_fields, activity.project.areas),
        about_labels=FIELD_LABELS,
        link_company=_company(link) if link else None,
    ), status


def _company(invitation: Invitation) -> str:
    contact = invitation.contact
    return contact.company or contact.name or _("your company")


def closed(activity: Activity) -> tuple[str, int]:
    """A ballot sent after the vote closed: say so and show the comments typed."""
    return render_template(
        "collect/closed.html",
        activity=activity,
        project=activity.project,
        values=typed_texts(activity, request.form),
    ), 409


class BallotForm:
    """A ballot, as the public submit pipeline runs it: by the browser session at a meeting
    (`/j/<code>`), or by a business contact's personal link (`link` given)."""

    def __init__(self, activity: Activity, link: Invitation | None = None) -> None:
        self.activity, self.invitation = activity, link
        self.limit_rate = link is None
        if link is None:
            self.key, self.action = services.voter_key(_ballot_token(activity)), None
        else:
            self.key = link_voter_key(link)
            self.action = url_for("vote_link.by_link", token=request.view_args["token"])

    def is_open(self) -> bool:
        return self.activity.is_open

    def closed(self) -> tuple[str, int]:
        return closed(self.activity)

    def read(self) -> services.BallotInput:
        given = services.read_ballot(self.activity, request.form)
        if self.invitation is not None:
            sector = self.invitation.contact.sector
            given.comments.about = {"stakeholder_group": "business", "sector": sector}
        return given

    def show(self, given: services.BallotInput, status: int) -> tuple[str, int]:
        return show_ballot(
            self.activity, given, status, key=self.key, action=self.action, link=self.invitation
        )

    def store(self, given: services.BallotInput) -> None:
        services.cast(self.activity, self.key, given, language=str(get_locale()))

    def done(self) -> WerkzeugResponse:
        if self.action:
            return redirect(f"{self.action}?sent=1")
        return redirect(url_for("collect.receipt", code=self.activity.join_code))


def submit_ballot(activity: Activity) -> Any:
    """Count a ballot once per session; a new one from the same session replaces it."""
    return submit(BallotForm(activity))


@bp.post("/projects/<int:project_id>/themes/runs/<int:run_id>/vote")
@login_required
def create_from_run(project_id: int, run_id: int) -> WerkzeugResponse:
    """Make a vote from the pinned themes of a run."""
    project = access.get_project(project_id, write=True)
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.project_id != project.id or not ConfirmForm().validate_on_submit():
        abort(404)
    if not run.is_adopted:
        # The areas people vote on are the plan's: those of the adopted run.
        flash(_("Adopt this analysis for the plan first; votes are made from it."), "error")
        return redirect(url_for("themes.workspace", project_id=project.id, run=run.id))
    if not any(t.is_pinned for t in run.themes):
        flash(_("Pin the candidate areas first; the vote is made from them."), "error")
        return redirect(url_for("themes.workspace", project_id=project.id, run=run.id))
    activity = services.create_vote(project, run, _("Vote on the candidate areas"))
    db.session.commit()
    flash(_("The vote is made as a draft. Choose how people vote, then open it."), "success")
    return redirect(url_for("review.activity", project_id=project.id, activity_id=activity.id))


@bp.post("/projects/<int:project_id>/activities/<int:activity_id>/vote-settings")
@login_required
def settings(project_id: int, activity_id: int) -> WerkzeugResponse:
    activity = access.get_activity(project_id, activity_id, write=True)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    mode = request.form.get("vote_mode", "")
    dots = request.form.get("vote_dots", "")
    count = parse_int(dots, low=1, high=services.MAX_DOTS)
    if mode not in services.MODES or count is None:
        flash(_("Choose a way to vote and from 1 to %(n)d dots.", n=services.MAX_DOTS), "error")
    elif services.results(activity)[1]:
        flash(_("People have voted already; the way to vote can no longer change."), "error")
    else:
        activity.vote_mode, activity.vote_dots = mode, count
        db.session.commit()
        flash(_("The changes are saved."), "success")
    return redirect(url_for("review.activity", project_id=project_id, activity_id=activity_id))


link = Blueprint("vote_link", __name__)


@link.after_request
def private_link_headers(response: WerkzeugResponse) -> WerkzeugResponse:
    """The token is in the address: never send it on as a referrer, never cache the page."""
    response.headers.update(NO_STORE)
    return response


def _link_vote(token: str) -> tuple[Activity, Invitation] | None:
    """The vote a business contact reaches through the personal link they already have: the
    one the mail announced, else the latest open one, else the latest (closed) one."""
    mail = find_mail(token)
    if mail is None or mail.invitation.contact.erased_at is not None:
        return None
    invitation = mail.invitation
    votes = [a for a in invitation.activity.project.activities if a.kind.is_ballot]
    announced = [a for a in votes if mail.kind is MailKind.VOTE and a.id == mail.round]
    chosen = announced if any(a.is_open for a in announced) else [a for a in votes if a.is_open]
    chosen = chosen or announced or votes
    return (chosen[-1], invitation) if chosen else None


def open_vote_for_link(token: str) -> Activity | None:
    """For the survey pages: the open vote a link holder can take part in, if any."""
    found = _link_vote(token)
    return found[0] if found and found[0].is_open else None


@link.route("/s/<token>/stem", methods=["GET", "POST"])
@keeps_typed_input
def by_link(token: str) -> Any:
    """One ballot per personal link; the ballot says "business" and the firm's sector."""
    found = _link_vote(token)
    if found is not None and not found[0].is_open and request.method == "POST":
        # The vote closed while the ballot was open: say so, as the workshop ballot does.
        g.project_locale = found[0].project.language_form.value
        return closed(found[0])
    if found is None or not found[0].is_open:
        if request.method == "POST" and token_is_stale():
            return render_error(400, _("The form had expired or was incomplete. Please try again."))
        abort(404)
    activity, invitation = found
    g.project_locale = activity.project.language_form.value
    form = BallotForm(activity, link=invitation)
    if request.method == "POST":
        return submit(form)
    if request.args.get("sent"):
        return render_template(
            "vote/link_receipt.html",
            activity=activity,
            project=activity.project,
            action=form.action,
            link_company=_company(invitation),
        ), 200
    return show_ballot(activity, key=form.key, action=form.action, link=invitation)
