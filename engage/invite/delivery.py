"""The sending job. Unlike a service it commits: every claim is committed before its mail
leaves, and every outcome right after, so an interrupted run resumes without doubles."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from engage.extensions import db
from engage.invite.mailer import Mailer, PermanentMailError, build_message
from engage.invite.messages import compose, default_message
from engage.invite.sending import CLAIM_TIMEOUT, Delivery, mails_of
from engage.invite.tokens import hash_token, new_token
from engage.models import (
    Activity,
    ActivityStatus,
    Contact,
    Invitation,
    InvitationMail,
    InvitationMessage,
    MailKind,
    MailStatus,
)
from engage.models.base import utcnow

MAX_ERROR_LENGTH = 500
MAX_FAILURES_IN_A_ROW = 3


def deliver(
    activity: Activity, config: dict[str, Any], base: str, limit: int | None = None
) -> Delivery:
    """Send the activity's due mails in batches (at most limit); commits as it goes.

    For a business survey these are its invitations and reminders; for a vote, the mails
    that announce it to business contacts."""
    result, mailer, started = Delivery(), Mailer(config), utcnow()
    scope = mails_of(activity)
    if not activity.is_open:  # links to a closed survey or vote would only disappoint
        result.waiting = count_waiting(scope)
        return result
    _release_stale_claims(scope)
    _drop_moot_mails(scope)
    db.session.commit()
    message = _message_of(activity)
    try:
        while not result.stopped and (limit is None or result.sent + result.failed < limit):
            size = int(config["MAIL_BATCH_SIZE"])
            if limit is not None:
                size = min(size, limit - result.sent - result.failed)
            batch = _claim_batch(scope, size, started)
            if not batch:
                break
            for mail_id, token in batch:
                if result.stopped:
                    _release(mail_id)
                else:
                    _send_one(mail_id, token, activity, message, mailer, config, base, result)
                db.session.commit()
    finally:
        mailer.close()
    result.waiting = count_waiting(scope)
    return result


def activities_with_due_mails() -> list[Activity]:
    """Open surveys and votes with mails due now (new, retries, or stale claims)."""
    due = sa.and_(
        InvitationMail.status.in_([MailStatus.QUEUED, MailStatus.SENDING]),
        InvitationMail.next_attempt_at <= utcnow(),
    )
    surveys = (
        sa.select(Invitation.activity_id)
        .join(InvitationMail)
        .where(due, InvitationMail.kind != MailKind.VOTE)
    )
    votes = sa.select(InvitationMail.round).where(due, InvitationMail.kind == MailKind.VOTE)
    return list(
        db.session.scalars(
            sa.select(Activity)
            .where(
                Activity.status == ActivityStatus.OPEN,
                sa.or_(Activity.id.in_(surveys), Activity.id.in_(votes)),
            )
            .order_by(Activity.id)
        )
    )


def count_waiting(scope: sa.ColumnElement[bool]) -> int:
    """Mails queued (due now or waiting for a retry)."""
    return (
        db.session.scalar(
            sa.select(sa.func.count()).where(InvitationMail.status == MailStatus.QUEUED, scope)
        )
        or 0
    )


def _message_of(activity: Activity) -> InvitationMessage:
    stored = db.session.scalar(
        sa.select(InvitationMessage).where(InvitationMessage.activity_id == activity.id)
    )
    return stored or default_message(activity, activity.project.language_form.value)


def _claim_batch(
    scope: sa.ColumnElement[bool], size: int, started: datetime
) -> list[tuple[int, str]]:
    """Claim up to size due mails not tried in this run; committed before sending."""
    now = utcnow()
    ids = db.session.scalars(
        sa.select(InvitationMail.id)
        .where(
            InvitationMail.status == MailStatus.QUEUED,
            InvitationMail.next_attempt_at <= now,
            sa.or_(InvitationMail.claimed_at.is_(None), InvitationMail.claimed_at < started),
            scope,
        )
        .order_by(InvitationMail.id)
        .limit(size)
    ).all()
    claimed = []
    for mail_id in ids:
        token = new_token()
        result = db.session.execute(
            sa.update(InvitationMail)
            .where(InvitationMail.id == mail_id, InvitationMail.status == MailStatus.QUEUED)
            .values(
                status=MailStatus.SENDING,
                claimed_at=now,
                token_hash=hash_token(token),
                attempts=InvitationMail.attempts + 1,
            )
        )
        if result.rowcount == 1:  # another run may have claimed it between select and update
            claimed.append((mail_id, token))
    db.session.commit()
    return claimed


def _send_one(
    mail_id: int,
    token: str,
    activity: Activity,
    message: InvitationMessage,
    mailer: Mailer,
    config: dict[str, Any],
    base: str,
    result: Delivery,
) -> None:
    mail = db.session.get(InvitationMail, mail_id)
    if mail is None:  # its contact was deleted after the mail was claimed: nobody to mail
        return
    invitation = mail.invitation
    contact = invitation.contact
    composed = compose(message, activity, contact, mail.kind, base, token)
    try:
        mailer.send(build_message(composed, config, contact.name, contact.email or ""))
    except PermanentMailError as error:
        _failed(mail, error, result, retry_in=None)
    except Exception as error:  # connection refused, timeouts, dropped connections
        _failed(mail, error, result, retry_in=_backoff(mail.attempts, config))
        result.in_a_row += 1
        # The server is down: leave the rest queued, untried, for the next run.
        result.stopped = result.in_a_row >= MAX_FAILURES_IN_A_ROW
    else:
        mail.status, mail.sent_at, mail.last_error = MailStatus.SENT, utcnow(), None
        result.sent, result.in_a_row = result.sent + 1, 0


def _release(mail_id: int) -> None:
    """Give back a claimed mail that this run did not try."""
    db.session.execute(
        sa.update(InvitationMail)
        .where(InvitationMail.id == mail_id)
        .values(
            status=MailStatus.QUEUED,
            token_hash=None,
            claimed_at=None,
            attempts=InvitationMail.attempts - 1,
        )
    )


def _backoff(attempts: int, config: dict[str, Any]) -> timedelta | None:
    if attempts >= int(config["MAIL_MAX_ATTEMPTS"]):
        return None
    return timedelta(minutes=float(config["MAIL_RETRY_MINUTES"]) * 2 ** (attempts - 1))


def _failed(
    mail: InvitationMail, error: Exception, result: Delivery, retry_in: timedelta | None
) -> None:
    mail.last_error = (f"{type(error).__name__}: {error}")[:MAX_ERROR_LENGTH]
    mail.token_hash = None  # this link never reached anyone
    if retry_in is None:
        mail.status = MailStatus.FAILED
    else:
        mail.status, mail.next_attempt_at = MailStatus.QUEUED, utcnow() + retry_in
    result.failed += 1
    result.errors.append(mail.last_error)


def _release_stale_claims(scope: sa.ColumnElement[bool]) -> None:
    """A claim left by an interrupted run: the mail may have left, so do not resend it."""
    db.session.execute(
        sa.update(InvitationMail)
        .where(
            InvitationMail.status == MailStatus.SENDING,
            InvitationMail.claimed_at < utcnow() - CLAIM_TIMEOUT,
            scope,
        )
        .values(
            status=MailStatus.FAILED,
            last_error="Interrupted while sending; not retried automatically.",
        )
    )


def _drop_moot_mails(scope: sa.ColumnElement[bool]) -> None:
    """Mails still queued for people who answered (reminders) or unsubscribed since."""
    gone = (
        sa.select(Invitation.id)
        .join(Contact)
        .where(sa.or_(Contact.is_unsubscribed.is_(True), Contact.email.is_(None)))
    )
    answered = sa.select(Invitation.id).where(Invitation.answered_at.is_not(None))
    db.session.execute(
        sa.delete(InvitationMail).where(
            InvitationMail.status == MailStatus.QUEUED,
            scope,
            sa.or_(
                InvitationMail.invitation_id.in_(gone),
                sa.and_(
                    InvitationMail.kind == MailKind.REMINDER,
                    InvitationMail.invitation_id.in_(answered),
                ),
            ),
        )
    )
