"""The leader's view of one business survey: counts, response rates, who to phone."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engage.core.about import in_order
from engage.extensions import db
from engage.invite.sending import vote_recipients
from engage.models import Activity, Contact, Invitation, InvitationMail, MailKind, MailStatus


@dataclass
class Rate:
    key: str
    invited: int = 0
    answered: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


@dataclass
class Overview:
    contacts: int = 0
    invited: int = 0
    waiting: int = 0
    failed: int = 0
    answered: int = 0
    unsubscribed: int = 0
    reminders: int = 0
    by_sector: list[Rate] = field(default_factory=list)
    by_size: list[Rate] = field(default_factory=list)
    failures: list[Invitation] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


def invitations_of(activity: Activity) -> list[Invitation]:
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .where(Invitation.activity_id == activity.id)
            .options(selectinload(Invitation.mails), selectinload(Invitation.contact))
            .order_by(Invitation.id)
        )
    )


def is_invited(invitation: Invitation) -> bool:
    return any(
        m.kind is MailKind.INVITATION and m.status is MailStatus.SENT for m in invitation.mails
    )


def overview(activity: Activity) -> Overview:
    """Counts for the survey's dashboard."""
    result = Overview()
    sectors: dict[str, Rate] = {}
    sizes: dict[str, Rate] = {}
    for invitation in invitations_of(activity):
        _count_mails(result, invitation)
        if is_invited(invitation):
            answered = invitation.answered_at is not None
            result.answered += answered
            _add(sectors, invitation.contact.sector, answered)
            _add(sizes, invitation.contact.company_size, answered)
    result.failed = len(result.failures)
    result.by_sector = in_order("sector", sectors.values(), code_of=_key)
    result.by_size = in_order("company_size", sizes.values(), code_of=_key)
    return result


def _count_mails(result: Overview, invitation: Invitation) -> None:
    first = invitation.mails[0] if invitation.mails else None
    if first is not None and first.status is MailStatus.SENT:
        result.invited += 1
    elif first is not None and first.status in (MailStatus.QUEUED, MailStatus.SENDING):
        result.waiting += 1
    if first is not None and first.last_error and first.status is not MailStatus.SENT:
        result.failures.append(invitation)
    result.reminders += sum(
        m.kind is MailKind.REMINDER and m.status is MailStatus.SENT for m in invitation.mails
    )
    result.unsubscribed += invitation.contact.is_unsubscribed


def _add(table: dict[str, Rate], key: str | None, answered: bool) -> None:
    rate = table.setdefault(key or "", Rate(key or ""))
    rate.invited += 1
    rate.answered += answered


def _key(rate: Rate) -> str:
    return rate.key


def non_responders(activity: Activity) -> list[Invitation]:
    """Invited, not answered, identity known: the list for phone follow-up."""
    return [
        i
        for i in invitations_of(activity)
        if is_invited(i) and i.answered_at is None and i.contact.erased_at is None
    ]


@dataclass
class VoteMails:
    """The business contacts a vote can reach through their personal links, and how far."""

    invited: int = 0  # contacts with a personal link, reachable by e-mail
    answered: int = 0  # of them, those who answered a business survey
    sent: int = 0
    waiting: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # who, last error
    ballots: int = 0  # ballots cast through personal links (the vote feature counts them)


def vote_mails(vote: Activity) -> VoteMails:
    """Counts for the vote page's "send to business contacts" section."""
    recipients = vote_recipients(vote, answered_only=False)
    result = VoteMails(
        invited=len(recipients), answered=sum(i.answered_at is not None for i in recipients)
    )
    mails = db.session.execute(
        sa.select(InvitationMail.status, InvitationMail.last_error, Contact.company, Contact.name)
        .join(Invitation, InvitationMail.invitation_id == Invitation.id)
        .join(Contact, Invitation.contact_id == Contact.id)
        .where(InvitationMail.kind == MailKind.VOTE, InvitationMail.round == vote.id)
        .order_by(InvitationMail.id)
    ).all()
    for status, error, company, name in mails:
        result.sent += status is MailStatus.SENT
        result.waiting += status in (MailStatus.QUEUED, MailStatus.SENDING)
        if error and status is not MailStatus.SENT:
            result.failures.append((company or name or "–", error))
    return result
