"""Forankring: participants prioritise the candidate innsatsområder."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.models.base import Timestamp, utcnow_minute

if TYPE_CHECKING:
    from engage.models.activity import Activity, Question


class VoteOption(db.Model):
    """One candidate area on a ballot, copied from a pinned theme when the vote was made."""

    __tablename__ = "vote_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    theme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("themes.id", ondelete="SET NULL"))
    # The optional comment on this area is an answer to this (free-text) question.
    question_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("questions.id", ondelete="SET NULL")
    )

    activity: Mapped[Activity] = relationship()
    question: Mapped[Question | None] = relationship()


class Ballot(db.Model):
    """One person's ballot; a browser session or a personal link has at most one per vote."""

    __tablename__ = "ballots"
    __table_args__ = (sa.UniqueConstraint("activity_id", "voter_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    # sha256 of a random token kept in the voter's session; says nothing about the person.
    voter_key: Mapped[str] = mapped_column(sa.String(64))
    language: Mapped[str] = mapped_column(sa.String(8), default="nb")
    stakeholder_group: Mapped[str | None] = mapped_column(sa.String(40))
    age_band: Mapped[str | None] = mapped_column(sa.String(20))
    area: Mapped[str | None] = mapped_column(sa.String(120))
    sector: Mapped[str | None] = mapped_column(sa.String(2))
    response_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="SET NULL")
    )
    cast_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow_minute)

    marks: Mapped[list[BallotMark]] = relationship(
        back_populates="ballot", cascade="all, delete-orphan"
    )


class BallotMark(db.Model):
    """Dots given to one area, or agree / neutral / disagree."""

    __tablename__ = "ballot_marks"
    __table_args__ = (sa.UniqueConstraint("ballot_id", "option_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ballots.id", ondelete="CASCADE"), index=True
    )
    option_id: Mapped[int] = mapped_column(
        sa.ForeignKey("vote_options.id", ondelete="CASCADE"), index=True
    )
    dots: Mapped[int] = mapped_column(default=0)
    stance: Mapped[str | None] = mapped_column(sa.String(10))

    ballot: Mapped[Ballot] = relationship(back_populates="marks")
