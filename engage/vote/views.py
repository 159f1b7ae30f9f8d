"""Voting pages: the citizen's ballot (reached through /j/<code>) and the leader's set-up."""

from __future__ import annotations

import secrets

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

from engage.collect.about import FIELD_LABELS, field_choices
from engage.collect.answers import typed_texts
from engage.collect.ratelimits import allow_submission
from engage.core.errors import render_error
from engage.core.forms import csrf_token_valid
from engage.core.jobs import later
from engage.extensions import csrf, db
from engage.models import Activity, AnalysisRun, Ballot, Invitation
from engage.review import access
from engage.review.forms import ConfirmForm
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
) -> tuple[str, int]:
    """The ballot, filled in with this voter's earlier choices or what they just sent.

    `key` and `action` are given for a personal link; otherwise the browser session votes.
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
        else {
            n: field_choices(n, activity.project.areas or [])
            for n in activity.about_fields
            if n != "area" or activity.project.areas
        },
        about_labels=FIELD_LABELS,
    ), status


def closed(activity: Activity) -> tuple[str, int]:
    """A ballot sent after the vote closed: say so and show the comments typed."""
    return render_template(
        "collect/closed.html",
        activity=activity,
        project=activity.project,
        values=typed_texts(activity, request.form),
    ), 409


def submit_ballot(activity: Activity) -> WerkzeugResponse | tuple[str, int]:
    """Count a ballot once per session; a new one from the same session replaces it."""
    if not activity.is_open:
        return closed(activity)
    given = services.read_ballot(activity, request.form)
    if not csrf_token_valid():
        given.errors["form"] = _(
            "The form had been open a long time. Nothing is lost: please send it again."
        )
        return show_ballot(activity, given, 400)
    if given.errors:
        return show_ballot(activity, given, 422)
    if not allow_submission():
        given.errors["form"] = _(
            "You have sent many answers in a short time. Wait a few minutes and send again."
        )
        return show_ballot(activity, given, 429)
    key = services.voter_key(_ballot_token(activity))
    ballot = services.cast(activity, key, given, language=str(get_locale()))
    _queue_comment_jobs(activity, ballot)
    db.session.commit()
    return redirect(url_for("collect.receipt", code=activity.join_code))


def _queue_comment_jobs(activity: Activity, ballot: Ballot) -> None:
    """Comments are input: the worker embeds them and places them in the themes."""
    ids = services.comment_answer_ids(ballot)
    if ids:
        later("embed_answers", ids)
        later("place_new_input", activity.project_id)


@bp.post("/projects/<int:project_id>/themes/runs/<int:run_id>/vote")
@login_required
def create_from_run(project_id: int, run_id: int) -> WerkzeugResponse:
    """Make a vote from the pinned themes of a run."""
    project = access.get_project(project_id, write=True)
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.project_id != project.id or not ConfirmForm().validate_on_submit():
        abort(404)
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
    if mode not in services.MODES or not dots.isdigit() or not 1 <= int(dots) <= services.MAX_DOTS:
        flash(_("Choose a way to vote and from 1 to %(n)d dots.", n=services.MAX_DOTS), "error")
    elif services.results(activity)[1]:
        flash(_("People have voted already; the way to vote can no longer change."), "error")
    else:
        activity.vote_mode, activity.vote_dots = mode, int(dots)
        db.session.commit()
        flash(_("The changes are saved."), "success")
    return redirect(url_for("review.activity", project_id=project_id, activity_id=activity_id))


link = Blueprint("vote_link", __name__)
# Like the citizen form, the ballot checks its token itself so nothing typed is lost.
csrf.exempt(link)


@link.after_request
def private_link_headers(response: WerkzeugResponse) -> WerkzeugResponse:
    """The token is in the address: never send it on as a referrer, never cache the page."""
    from engage.invite.display import NO_STORE

    response.headers.update(NO_STORE)
    return response


def _link_vote(token: str) -> tuple[Activity, Invitation] | None:
    """The vote a business contact reaches through the personal link they already have: the
    one the mail announced, else the latest open one, else the latest (closed) one."""
    from engage.invite.answering import find_mail
    from engage.models import ActivityKind, MailKind

    mail = find_mail(token)
    if mail is None or mail.invitation.contact.erased_at is not None:
        return None
    invitation = mail.invitation
    votes = [a for a in invitation.activity.project.activities if a.kind is ActivityKind.VOTE]
    announced = [a for a in votes if mail.kind is MailKind.VOTE and a.id == mail.round]
    chosen = announced if any(a.is_open for a in announced) else [a for a in votes if a.is_open]
    chosen = chosen or announced or votes
    return (chosen[-1], invitation) if chosen else None


def open_vote_for_link(token: str) -> Activity | None:
    """For the survey pages: the open vote a link holder can take part in, if any."""
    found = _link_vote(token)
    return found[0] if found and found[0].is_open else None


@link.route("/s/<token>/stem", methods=["GET", "POST"])
def by_link(token: str) -> WerkzeugResponse | tuple[str, int]:
    """One ballot per personal link; the ballot says "business" and the firm's sector."""
    found = _link_vote(token)
    if found is not None and not found[0].is_open and request.method == "POST":
        # The vote closed while the ballot was open: say so, as the workshop ballot does.
        g.project_locale = found[0].project.language_form.value
        return closed(found[0])
    if found is None or not found[0].is_open:
        if request.method == "POST" and not csrf_token_valid():
            return render_error(400, _("The form had expired or was incomplete. Please try again."))
        abort(404)
    activity, invitation = found
    g.project_locale = activity.project.language_form.value
    key = services.link_voter_key(invitation.id)
    action = url_for("vote_link.by_link", token=token)
    if request.method == "GET":
        if request.args.get("sent"):
            return render_template(
                "vote/link_receipt.html", activity=activity, project=activity.project, action=action
            ), 200
        return show_ballot(activity, key=key, action=action)
    given = services.read_ballot(activity, request.form)
    given.comments.about = {"stakeholder_group": "business", "sector": invitation.contact.sector}
    if not csrf_token_valid():
        given.errors["form"] = _(
            "The form had been open a long time. Nothing is lost: please send it again."
        )
    if given.errors:
        return show_ballot(activity, given, 422, key=key, action=action)
    ballot = services.cast(activity, key, given, language=str(get_locale()))
    _queue_comment_jobs(activity, ballot)
    db.session.commit()
    return redirect(f"{action}?sent=1")
