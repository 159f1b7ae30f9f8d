"""Leader pages for one business survey: the invitation text, sending, reminders, the
overview with non-responders, and erasure when the survey has closed. A vote reuses the
text, sending and batch pages to reach business contacts through their personal links."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale, ngettext
from flask_babel import gettext as _
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.core import access, audit
from engage.core.about import display_label
from engage.core.forms import ConfirmForm
from engage.core.jobs import later
from engage.core.links import public_base
from engage.core.tabular import to_csv
from engage.core.urls import parse_int
from engage.extensions import db
from engage.invite import contacts, overview, sending
from engage.invite.fields import size_label
from engage.invite.forms import MessageForm
from engage.invite.manage import bp
from engage.invite.messages import compose, default_message
from engage.models import (
    Activity,
    Contact,
    InvitationMessage,
    MailKind,
)

BASE = "/projects/<int:project_id>/activities/<int:activity_id>/invitations"
PREVIEW_TOKEN = "PERSONAL-LINK-EXAMPLE"  # noqa: S105  # nosec B105  # (not a secret: shown in previews)


def _survey(project_id: int, activity_id: int) -> Activity:
    activity = access.get_activity(project_id, activity_id, write=True)
    if not activity.kind.takes_invitations:
        abort(404)
    return activity


def _sender(project_id: int, activity_id: int) -> Activity:
    """An activity that sends mail: a business survey, or a vote sent to its contacts."""
    activity = access.get_activity(project_id, activity_id, write=True)
    if not (activity.kind.takes_invitations or activity.kind.is_ballot):
        abort(404)
    return activity


def _back(activity: Activity) -> WerkzeugResponse:
    if activity.kind.is_ballot:
        return redirect(
            url_for("review.activity", project_id=activity.project_id, activity_id=activity.id)
            + "#vote-mails"
        )
    return redirect(
        url_for("invites.survey", project_id=activity.project_id, activity_id=activity.id)
    )


def message_of(activity: Activity) -> InvitationMessage:
    stored = db.session.scalar(
        sa.select(InvitationMessage).where(InvitationMessage.activity_id == activity.id)
    )
    return stored or default_message(activity, activity.project.language_form.value)


@bp.get(BASE, endpoint="survey")
def survey_page(project_id: int, activity_id: int) -> str:
    activity = _survey(project_id, activity_id)
    invited = {i.contact_id for i in overview.invitations_of(activity)}
    project = activity.project
    return render_template(
        "invite/survey_overview.html",
        project=project,
        activity=activity,
        stats=overview.overview(activity),
        non_responders=overview.non_responders(activity),
        uninvited=[c for c in contacts.project_contacts(project) if c.id not in invited],
        sector_label=lambda v: display_label("sector", v) if v else _("Not given"),
        size_label=lambda v: size_label(v) if v else _("Not given"),
        confirm=ConfirmForm(),
    )


@bp.route(BASE + "/message", methods=["GET", "POST"])
def message(project_id: int, activity_id: int) -> str | WerkzeugResponse | tuple[str, int]:
    activity = _sender(project_id, activity_id)
    is_vote = activity.kind.is_ballot
    stored = message_of(activity)
    form = MessageForm(obj=stored)
    if form.validate_on_submit():
        if stored.id is None:
            db.session.add(stored)
        stored.language, stored.subject, stored.body = (
            form.language.data,
            form.subject.data,
            form.body.data,
        )
        db.session.commit()
        flash(_("The text is saved.") if is_vote else _("The invitation text is saved."), "success")
        return redirect(url_for("invites.message", project_id=project_id, activity_id=activity_id))
    sample = _preview_contact(activity)
    kind = MailKind.VOTE if is_vote else MailKind.INVITATION
    preview = compose(stored, activity, sample, kind, public_base(), PREVIEW_TOKEN)
    return render_template(
        "invite/message.html",
        project=activity.project,
        activity=activity,
        form=form,
        is_vote=is_vote,
        preview=preview,
        sample=sample,
        choices=contacts.project_contacts(activity.project)[:200],
    ), (422 if form.errors else 200)


def _preview_contact(activity: Activity) -> Contact:
    wanted = request.args.get("contact", type=int)
    contact = db.session.get(Contact, wanted) if wanted else None
    if contact is None or contact.project_id != activity.project_id or contact.erased_at:
        found = contacts.project_contacts(activity.project)
        contact = (
            found[0]
            if found
            else Contact(name="Kari Nordmann", company="Eksempel AS", email="kari@example.no")
        )
    return contact


@bp.post(BASE + "/send")
def send(project_id: int, activity_id: int) -> WerkzeugResponse:
    activity = _survey(project_id, activity_id)
    if not ConfirmForm().validate_on_submit():
        return _back(activity)
    if not activity.is_open:
        return _not_open(activity)
    chosen = {parse_int(v) for v in request.form.getlist("contact")[:10_000]} - {None}
    everyone = request.form.get("who") == "all"
    targets = [c for c in contacts.project_contacts(activity.project) if everyone or c.id in chosen]
    queued = sending.queue_invitations(activity, targets)
    db.session.commit()
    flash(ngettext("%(num)d invitation queued.", "%(num)d invitations queued.", queued), "success")
    return _deliver_now(activity)


@bp.post(BASE + "/send-vote")
def send_vote(project_id: int, activity_id: int) -> WerkzeugResponse:
    """Tell business contacts about an open vote, through the links they already have."""
    activity = access.get_activity(project_id, activity_id, write=True)
    if not activity.kind.is_ballot:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        return _back(activity)
    if not activity.is_open:
        return _not_open(activity)
    answered_only = request.form.get("who") != "invited"
    queued = sending.queue_vote_mails(activity, answered_only)
    db.session.commit()
    flash(ngettext("%(num)d mail queued.", "%(num)d mails queued.", queued), "success")
    return _deliver_now(activity)


@bp.post(BASE + "/remind")
def remind(project_id: int, activity_id: int) -> WerkzeugResponse:
    activity = _survey(project_id, activity_id)
    if ConfirmForm().validate_on_submit() and activity.is_open:
        cfg = current_app.config
        min_days, most = cfg["INVITE_REMINDER_MIN_DAYS"], cfg["INVITE_MAX_REMINDERS"]
        reminders = sending.queue_reminders(activity, min_days, most)
        db.session.commit()
        flash(
            " ".join(reminder_sentences(reminders, min_days, most)),
            "success" if reminders.queued else "info",
        )
        return _deliver_now(activity)
    return _back(activity)


def reminder_sentences(result: sending.Reminders, min_days: float, most: int) -> list[str]:
    """What the leader reads after "Send reminder": how many, and why anyone was left out."""
    days = int(min_days) if float(min_days).is_integer() else min_days
    next_date = format_date(result.next_at, "long") if result.next_at else ""
    if result.queued:
        lines = [ngettext("%(num)d reminder queued.", "%(num)d reminders queued.", result.queued)]
    elif result.too_recent and not (result.at_most or result.in_queue or result.not_delivered):
        return [
            ngettext(
                "No reminders sent: everyone who has not answered had an e-mail less than "
                "%(num)d day ago.",
                "No reminders sent: everyone who has not answered had an e-mail less than "
                "%(num)d days ago.",
                days,
            ),
            _("The next can be sent on %(date)s.", date=next_date),
        ]
    elif not result.skipped:
        return [
            _("No reminders sent: everyone invited has answered or unsubscribed.")
            if result.answered or result.unsubscribed
            else _("No reminders sent: nobody has been invited yet.")
        ]
    else:
        lines = [_("No reminders sent.")]
    if result.too_recent:
        lines.append(
            ngettext(
                "%(num)d had an e-mail less than %(days)s days ago (next on %(date)s).",
                "%(num)d had an e-mail less than %(days)s days ago (next on %(date)s).",
                result.too_recent,
                days=days,
                date=next_date,
            )
        )
    if result.at_most:
        lines.append(
            ngettext(
                "%(num)d has had %(most)d reminders already, the most allowed.",
                "%(num)d have had %(most)d reminders already, the most allowed.",
                result.at_most,
                most=most,
            )
        )
    if result.in_queue:
        lines.append(
            ngettext(
                "%(num)d still has a mail waiting to go out.",
                "%(num)d still have a mail waiting to go out.",
                result.in_queue,
            )
        )
    if result.not_delivered:
        lines.append(
            ngettext(
                "%(num)d never received the invitation (sending failed; retry it first).",
                "%(num)d never received the invitation (sending failed; retry it first).",
                result.not_delivered,
            )
        )
    return lines


@bp.post(BASE + "/deliver")
def deliver_next(project_id: int, activity_id: int) -> WerkzeugResponse:
    activity = _sender(project_id, activity_id)
    if ConfirmForm().validate_on_submit():
        if request.form.get("retry") == "failed":
            sending.retry_failed(activity)
            db.session.commit()
        return _deliver_now(activity)
    return _back(activity)


def _not_open(activity: Activity) -> WerkzeugResponse:
    """Mails wait while their survey or vote is not open: links to it would not work."""
    if activity.kind.is_ballot:
        flash(_("Open the vote before sending it, so the links work."), "error")
    else:
        flash(_("Open the survey before sending invitations, so the links work."), "error")
    return _back(activity)


def _deliver_now(activity: Activity) -> WerkzeugResponse:
    """Queue the due mails for the job worker, which claims, commits and sends them."""
    if not activity.is_open:
        return _not_open(activity)
    later("send_due_mails", public_base(), activity.id)
    db.session.commit()
    flash(
        _("The mails are being sent. Reload the page to see what is sent, waiting and failed."),
        "success",
    )
    return _back(activity)


@bp.get(BASE + "/non-responders.csv")
def non_responders_csv(project_id: int, activity_id: int) -> WerkzeugResponse:
    activity = _survey(project_id, activity_id)
    headers = [
        _("Name"),
        _("Company"),
        _("Org.nr"),
        _("Phone"),
        _("E-mail"),
        _("Sector"),
        _("Number of employees"),
        _("Area"),
    ]
    rows = [
        [
            c.name,
            c.company,
            c.org_number,
            c.phone,
            c.email,
            c.sector,
            size_label(c.company_size),
            c.area,
        ]
        for c in (i.contact for i in overview.non_responders(activity))
    ]
    response = WerkzeugResponse(
        to_csv(headers, rows, language=str(get_locale())),
        mimetype="text/csv; charset=utf-8",
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="non-responders-{activity.id}.csv"'
    )
    return response


@bp.post(BASE + "/erase")
def erase(project_id: int, activity_id: int) -> WerkzeugResponse:
    activity = _survey(project_id, activity_id)
    if ConfirmForm().validate_on_submit():
        if activity.is_open or activity.status.value == "draft":
            flash(_("Close the survey first; then the contact details can be erased."), "error")
            return _back(activity)
        erased, kept = contacts.erase_identities(activity)
        audit.record(audit.ERASE_CONTACTS, activity.project, activity_id=activity.id, erased=erased)
        db.session.commit()
        flash(
            ngettext(
                "%(num)d contact erased; the answers are kept.",
                "%(num)d contacts erased; the answers are kept.",
                erased,
            ),
            "success",
        )
        if kept:
            flash(
                ngettext(
                    "%(num)d contact is also invited to a survey still running and was kept.",
                    "%(num)d contacts are also invited to a survey still running and were kept.",
                    kept,
                ),
                "info",
            )
    return _back(activity)
