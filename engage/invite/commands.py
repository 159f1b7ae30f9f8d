"""flask commands for cron: send-invitations, send-reminders and send-vote-mails."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from engage.extensions import db
from engage.invite import sending
from engage.invite.contacts import project_contacts
from engage.invite.delivery import deliver
from engage.models import Activity, ActivityKind


def _survey(activity_id: int, kind: ActivityKind = ActivityKind.BUSINESS_SURVEY) -> Activity:
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.kind is not kind:
        what = "vote" if kind is ActivityKind.VOTE else "business survey"
        raise click.ClickException(f"No {what} with id {activity_id}")
    if not current_app.config["PUBLIC_BASE_URL"]:
        raise click.ClickException(
            "Set ENGAGE_PUBLIC_BASE_URL (e.g. https://engage.kommune.no): mails need full links."
        )
    return activity


def _report(label: str, queued: int, activity: Activity) -> None:
    result = deliver(
        activity, current_app.config, current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    )
    click.echo(
        f"{activity.title!r}: {queued} {label} queued, {result.sent} sent, "
        f"{result.failed} failed, {result.waiting} waiting for a retry"
    )
    for error in result.errors[:10]:
        click.echo(f"  error: {error}", err=True)


@click.command("send-invitations")
@with_appcontext
@click.argument("activity_id", type=int)
@click.option("--all-contacts", is_flag=True, help="Also queue every contact not invited yet.")
@click.option("--retry-failed", is_flag=True, help="Try mails that were given up again.")
def send_invitations_command(activity_id: int, all_contacts: bool, retry_failed: bool) -> None:
    """Send queued and due invitation mails of a business survey; safe to run again."""
    activity = _survey(activity_id)
    queued = 0
    if all_contacts and activity.is_open:
        queued = sending.queue_invitations(activity, project_contacts(activity.project))
    if retry_failed:
        sending.retry_failed(activity)
    db.session.commit()
    _report("invitations", queued, activity)


@click.command("send-reminders")
@with_appcontext
@click.argument("activity_id", type=int)
def send_reminders_command(activity_id: int) -> None:
    """Remind those who have not answered (not more often than configured); for cron."""
    activity = _survey(activity_id)
    if not activity.is_open:
        click.echo(f"{activity.title!r} is not open: no reminders.")
        return
    cfg = current_app.config
    reminders = sending.queue_reminders(
        activity, cfg["INVITE_REMINDER_MIN_DAYS"], cfg["INVITE_MAX_REMINDERS"]
    )
    db.session.commit()
    if reminders.skipped:
        click.echo(
            f"Left out: {reminders.too_recent} had a mail less than "
            f"{cfg['INVITE_REMINDER_MIN_DAYS']} days ago, {reminders.at_most} had the most "
            f"reminders, {reminders.in_queue} have a mail waiting, "
            f"{reminders.not_delivered} never got the invitation."
        )
    _report("reminders", reminders.queued, activity)


@click.command("send-vote-mails")
@with_appcontext
@click.argument("activity_id", type=int)
@click.option(
    "--to",
    "audience",
    type=click.Choice(["answered", "invited"]),
    help="First queue the vote for business contacts who answered a survey, or all invited.",
)
@click.option("--retry-failed", is_flag=True, help="Try mails that were given up again.")
def send_vote_mails_command(activity_id: int, audience: str | None, retry_failed: bool) -> None:
    """Send the mails that take an open vote to business contacts; safe to run again."""
    activity = _survey(activity_id, ActivityKind.VOTE)
    if not activity.is_open:
        click.echo(f"{activity.title!r} is not open: no mails.")
        return
    queued = 0
    if audience:
        queued = sending.queue_vote_mails(activity, answered_only=audience == "answered")
    if retry_failed:
        sending.retry_failed(activity)
    db.session.commit()
    _report("vote mails", queued, activity)


def init_app(app: Flask) -> None:
    app.cli.add_command(send_invitations_command)
    app.cli.add_command(send_reminders_command)
    app.cli.add_command(send_vote_mails_command)
