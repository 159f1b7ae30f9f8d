"""The leader's view of one business survey: counts, response rates, who to phone."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engage.extensions import db
from engage.models import Activity, Invitation, MailKind, MailStatus

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n")


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
    statuses: Counter[str] = Counter()
    for invitation in invitations_of(activity):
        mail = invitation.mails[0] if invitation.mails else None
        statuses[mail.status.value if mail else "none"] += 1
        if mail is not None and mail.last_error and mail.status is not MailStatus.SENT:
            result.failures.append(invitation)
        result.reminders += sum(
            m.kind is MailKind.REMINDER and m.status is MailStatus.SENT for m in invitation.mails
        )
        result.unsubscribed += invitation.contact.is_unsubscribed
        if not is_invited(invitation):
            continue
        answered = invitation.answered_at is not None
        result.answered += answered
        for table, key in (
            (sectors, invitation.contact.sector or ""),
            (sizes, invitation.contact.company_size or ""),
        ):
            rate = table.setdefault(key, Rate(key))
            rate.invited += 1
            rate.answered += answered
    result.invited = statuses["sent"]
    result.waiting = statuses["queued"] + statuses["sending"]
    result.failed = len(result.failures)
    result.by_sector = sorted(sectors.values(), key=lambda r: (r.key == "", r.key))
    result.by_size = sorted(sizes.values(), key=lambda r: (r.key == "", r.key))
    return result


def non_responders(activity: Activity) -> list[Invitation]:
    """Invited, not answered, identity known: the list for phone follow-up."""
    return [
        i
        for i in invitations_of(activity)
        if is_invited(i) and i.answered_at is None and i.contact.erased_at is None
    ]


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(DANGEROUS_START) or (text and ord(text[0]) < 32):
        return "'" + text
    return text


def to_csv(headers: list[str], rows: list[list[object]]) -> str:
    """CSV with a BOM so Excel reads æøå; every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([[safe_cell(c) for c in row] for row in rows])
    return "\ufeff" + out.getvalue()
