"""What one participant handed in, per question."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.models.base import Timestamp, utcnow_minute

if TYPE_CHECKING:
    from engage.models.activity import Activity, Question
    from engage.models.user import User


class Response(db.Model):
    """One hand-in. Respondent metadata is optional and never identifies a person;
    no IP address or user agent is stored."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    # Random per-form value; a resent form with the same key is the same response.
    submission_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # workshop, survey, business_survey, interview, postit, vote
    channel: Mapped[str] = mapped_column(sa.String(20), index=True)
    language: Mapped[str] = mapped_column(sa.String(8), default="nb")
    stakeholder_group: Mapped[str | None] = mapped_column(sa.String(40))
    age_band: Mapped[str | None] = mapped_column(sa.String(20))
    area: Mapped[str | None] = mapped_column(sa.String(120))
    sector: Mapped[str | None] = mapped_column(sa.String(2))
    company_size: Mapped[str | None] = mapped_column(sa.String(20))
    # Entered by the leader for a company (interview notes); never for citizens.
    company_name: Mapped[str | None] = mapped_column(sa.String(200))
    org_number: Mapped[str | None] = mapped_column(sa.String(9))
    entered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    is_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str | None] = mapped_column(sa.String(200))
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    hidden_at: Mapped[datetime | None] = mapped_column(Timestamp)
    # To the minute only: a precise time could single a person out in a small room.
    submitted_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow_minute, index=True)

    activity: Mapped[Activity] = relationship(back_populates="responses")
    hidden_by: Mapped[User | None] = relationship(foreign_keys=[hidden_by_id])
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )


class Answer(db.Model):
    __tablename__ = "answers"
    __table_args__ = (sa.UniqueConstraint("response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str | None] = mapped_column(sa.Text)
    choices: Mapped[list[str] | None] = mapped_column(sa.JSON)
    scale: Mapped[int | None] = mapped_column(sa.SmallInteger)

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
