"""Queue and deliver invitation mails: batched, resumable, and never twice.

Each mail row is claimed with a conditional UPDATE and the claim is committed before the
mail goes out, so two senders never send the same row; it is marked sent right after."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engage.extensions import db
from engage.models import (
    Activity,
    ActivityKind,
    Contact,
    Invitation,
    InvitationMail,
    MailKind,
    MailStatus,
)
from engage.models.base import utcnow

# A claim older than this was interrupted (crash, killed job); we do not know if the mail left.
CLAIM_TIMEOUT = timedelta(minutes=30)


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0
    waiting: int = 0
    errors: list[str] = field(default_factory=list)
    in_a_row: int = 0  # transient failures since the last success
    stopped: bool = False  # gave up this run because the server seems down


def _added_once(row: object) -> bool:
    """Add a row in a savepoint; False when a unique constraint says it is there already
    (a second click or run queued the same mail at the same moment)."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except sa.exc.IntegrityError:
        return False
    return True


def queue_invitations(activity: Activity, contacts: Iterable[Contact]) -> int:
    """Queue one invitation mail per contact not invited yet; returns how many were queued."""
    invited = set(
        db.session.scalars(
            sa.select(Invitation.contact_id).where(Invitation.activity_id == activity.id)
        )
    )
    queued = 0
    for contact in contacts:
        if contact.id in invited or contact.is_unsubscribed or not contact.email:
            continue
        invitation = Invitation(activity_id=activity.id, contact_id=contact.id)
        invitation.mails.append(InvitationMail(kind=MailKind.INVITATION, round=0))
        if not _added_once(invitation):
            continue
        invited.add(contact.id)
        queued += 1
    return queued


@dataclass
class Reminders:
    """What one press of "Send reminder" did, and why each contact left out was left out."""

    queued: int = 0
    answered: int = 0
    unsubscribed: int = 0  # or erased: no address to write to
    in_queue: int = 0  # a mail to them is still waiting to go out
    not_delivered: int = 0  # the invitation never reached them (sending failed)
    too_recent: int = 0  # had a mail less than min_days ago
    at_most: int = 0  # had the most reminders allowed
    next_at: datetime | None = None  # when the first of the too_recent may be reminded

    @property
    def skipped(self) -> int:
        return self.in_queue + self.not_delivered + self.too_recent + self.at_most


def queue_reminders(activity: Activity, min_days: float, max_reminders: int) -> Reminders:
    """Queue a reminder for everyone invited who has not answered, not unsubscribed, and had
    no mail in the last min_days days; counts who was left out and why."""
    cutoff = utcnow() - timedelta(days=min_days)
    result = Reminders()
    for invitation in _invitations(activity):
        contact, mails = invitation.contact, invitation.mails
        if invitation.answered_at is not None:
            result.answered += 1
            continue
        if contact.is_unsubscribed or not contact.email:
            result.unsubscribed += 1
            continue
        last = max((_aware(m.sent_at) for m in mails if m.sent_at), default=None)
        rounds = [m.round for m in mails if m.kind is MailKind.REMINDER]
        if any(m.status in (MailStatus.QUEUED, MailStatus.SENDING) for m in mails):
            result.in_queue += 1
        elif last is None:
            result.not_delivered += 1
        elif len(rounds) >= max_reminders:
            result.at_most += 1
        elif last > cutoff:
            result.too_recent += 1
            due = last + timedelta(days=min_days)
            result.next_at = min(result.next_at or due, due)
        else:
            mail = InvitationMail(
                invitation_id=invitation.id,
                kind=MailKind.REMINDER,
                round=max(rounds, default=0) + 1,
            )
            result.queued += _added_once(mail)
    return result


def _invitations(activity: Activity) -> list[Invitation]:
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .where(Invitation.activity_id == activity.id)
            .options(selectinload(Invitation.mails), selectinload(Invitation.contact))
            .order_by(Invitation.id)
        )
    )


def vote_recipients(vote: Activity, answered_only: bool) -> list[Invitation]:
    """One invitation per contact who got a personal link to one of the project's business
    surveys (the one they answered, else the latest), still reachable by e-mail."""
    rows = db.session.scalars(
        sa.select(Invitation)
        .join(Contact)
        .join(Activity, Invitation.activity_id == Activity.id)
        .where(
            Activity.project_id == vote.project_id,
            Activity.kind == ActivityKind.BUSINESS_SURVEY,
            Contact.is_unsubscribed.is_(False),
            Contact.email.is_not(None),
            Contact.erased_at.is_(None),
            Invitation.id.in_(
                sa.select(InvitationMail.invitation_id).where(
                    InvitationMail.status == MailStatus.SENT
                )
            ),
        )
        .order_by(Invitation.id)
    )
    chosen: dict[int, Invitation] = {}
    for invitation in rows:
        earlier = chosen.get(invitation.contact_id)
        if earlier is None or earlier.answered_at is None or invitation.answered_at is not None:
            chosen[invitation.contact_id] = invitation
    return [i for i in chosen.values() if i.answered_at is not None or not answered_only]


def queue_vote_mails(vote: Activity, answered_only: bool) -> int:
    """Queue one mail about the vote per recipient not told yet; returns how many."""
    told = set(
        db.session.scalars(
            sa.select(Invitation.contact_id)
            .join(InvitationMail)
            .where(InvitationMail.kind == MailKind.VOTE, InvitationMail.round == vote.id)
        )
    )
    queued = 0
    for invitation in vote_recipients(vote, answered_only):
        if invitation.contact_id in told:
            continue
        mail = InvitationMail(invitation_id=invitation.id, kind=MailKind.VOTE, round=vote.id)
        if _added_once(mail):
            told.add(invitation.contact_id)
            queued += 1
    return queued


def retry_failed(activity: Activity) -> int:
    """Put failed mails back in the queue, due now; returns how many."""
    result = db.session.execute(
        sa.update(InvitationMail)
        .where(InvitationMail.status == MailStatus.FAILED, mails_of(activity))
        .values(status=MailStatus.QUEUED, next_attempt_at=utcnow(), attempts=0)
    )
    return result.rowcount or 0


def of_activity(activity_id: int) -> sa.ColumnElement[bool]:
    """Mails to people invited to this business survey (of every kind)."""
    return InvitationMail.invitation_id.in_(
        sa.select(Invitation.id).where(Invitation.activity_id == activity_id)
    )


def mails_of(activity: Activity) -> sa.ColumnElement[bool]:
    """The mails an activity sends: a survey its invitations and reminders, a vote the mails
    that announce it (they ride on the survey invitations, whose links they reuse)."""
    if activity.kind.is_ballot:
        return sa.and_(InvitationMail.kind == MailKind.VOTE, InvitationMail.round == activity.id)
    return sa.and_(of_activity(activity.id), InvitationMail.kind != MailKind.VOTE)


def _aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
