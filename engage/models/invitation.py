"""Known business contacts, their personal survey links and the mails that carry them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.models.base import Timestamp, enum_column, utcnow

if TYPE_CHECKING:
    from engage.models.activity import Activity
    from engage.models.project import Project
    from engage.models.response import Response


class MailKind(enum.Enum):
    INVITATION = "invitation"
    REMINDER = "reminder"
    VOTE = "vote"  # announces a vote on the candidate areas; round = the vote's activity id


class MailStatus(enum.Enum):
    QUEUED = "queued"  # waiting, possibly for a retry after a failure (see last_error)
    SENDING = "sending"  # claimed by one sender; nobody else touches it
    SENT = "sent"
    FAILED = "failed"  # given up: permanent refusal, too many attempts, or interrupted


class Contact(db.Model):
    """A person at a company the project may invite; identity fields can be erased."""

    __tablename__ = "contacts"
    __table_args__ = (sa.UniqueConstraint("project_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    # Lower case; NULL once erased.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    company: Mapped[str] = mapped_column(sa.String(200), default="")
    org_number: Mapped[str | None] = mapped_column(sa.String(9))
    sector: Mapped[str | None] = mapped_column(sa.String(2))
    company_size: Mapped[str | None] = mapped_column(sa.String(20))
    area: Mapped[str | None] = mapped_column(sa.String(120))
    is_unsubscribed: Mapped[bool] = mapped_column(default=False)
    erased_at: Mapped[datetime | None] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    project: Mapped[Project] = relationship()
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", passive_deletes=True
    )


class Invitation(db.Model):
    """One contact asked to answer one business survey; at most one response."""

    __tablename__ = "invitations"
    __table_args__ = (sa.UniqueConstraint("activity_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(
        sa.ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    response_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="SET NULL"), unique=True
    )
    # Form values kept by "save and finish later"; cleared when the answer is sent.
    draft: Mapped[dict[str, list[str]] | None] = mapped_column(sa.JSON)
    draft_saved_at: Mapped[datetime | None] = mapped_column(Timestamp)
    answered_at: Mapped[datetime | None] = mapped_column(Timestamp)
    # Touched first in every change from the link, so changes to one invitation queue up.
    changed_at: Mapped[datetime | None] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    activity: Mapped[Activity] = relationship()
    contact: Mapped[Contact] = relationship(back_populates="invitations")
    response: Mapped[Response | None] = relationship()
    mails: Mapped[list[InvitationMail]] = relationship(
        back_populates="invitation",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="InvitationMail.id",
    )


class InvitationMail(db.Model):
    """One e-mail to send once: the invitation or a reminder round, with its own link."""

    __tablename__ = "invitation_mails"
    __table_args__ = (sa.UniqueConstraint("invitation_id", "kind", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("invitations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[MailKind] = mapped_column(enum_column(MailKind))
    round: Mapped[int] = mapped_column(default=0)
    status: Mapped[MailStatus] = mapped_column(
        enum_column(MailStatus), default=MailStatus.QUEUED, index=True
    )
    # sha256 of the link's random token; the token itself is only in the mail.
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    next_attempt_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(Timestamp)
    sent_at: Mapped[datetime | None] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    invitation: Mapped[Invitation] = relationship(back_populates="mails")


class InvitationMessage(db.Model):
    """The text of a survey's invitation, written by the leader."""

    __tablename__ = "invitation_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), unique=True
    )
    language: Mapped[str] = mapped_column(sa.String(8), default="nb")
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)


class ContactImport(db.Model):
    """Checked rows of an uploaded file, waiting for the leader to confirm."""

    __tablename__ = "contact_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(sa.String(200), default="")
    rows: Mapped[list[dict[str, str]]] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
