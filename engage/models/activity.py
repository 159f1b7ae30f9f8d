"""Ways of collecting input and their questions."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.models.base import Timestamp, enum_column, utcnow

if TYPE_CHECKING:
    from engage.models.project import Project
    from engage.models.response import Response


class ActivityKind(enum.Enum):
    """A way of collecting input. What differs per kind is read from its traits (below) and
    from the hooks features register in `engage.core.kinds`, never from if/else on the name."""

    WORKSHOP = "workshop"
    SURVEY = "survey"
    BUSINESS_SURVEY = "business_survey"
    INTERVIEW = "interview"
    VOTE = "vote"

    @property
    def traits(self) -> KindTraits:
        return KIND_TRAITS[self]

    @property
    def is_ballot(self) -> bool:
        """Participants mark candidate areas instead of answering questions."""
        return self.traits.is_ballot

    @property
    def takes_invitations(self) -> bool:
        """Known contacts are invited by e-mail with a personal link."""
        return self.traits.takes_invitations


@dataclass(frozen=True)
class KindTraits:
    """What an activity kind is, as data."""

    is_ballot: bool = False
    takes_invitations: bool = False
    has_questions: bool = True
    # Stakeholder group an answer counts as when the participant gave none.
    default_group: str | None = None


KIND_TRAITS = {
    ActivityKind.WORKSHOP: KindTraits(),
    ActivityKind.SURVEY: KindTraits(),
    ActivityKind.BUSINESS_SURVEY: KindTraits(takes_invitations=True, default_group="business"),
    ActivityKind.INTERVIEW: KindTraits(),
    ActivityKind.VOTE: KindTraits(is_ballot=True, has_questions=False),
}


class ActivityStatus(enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class QuestionKind(enum.Enum):
    TEXT = "text"
    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"

    @property
    def has_options(self) -> bool:
        return self in (QuestionKind.SINGLE, QuestionKind.MULTI)


class Activity(db.Model):
    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ActivityKind] = mapped_column(enum_column(ActivityKind))
    title: Mapped[str] = mapped_column(sa.String(200))
    held_on: Mapped[date | None] = mapped_column(sa.Date)
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[ActivityStatus] = mapped_column(
        enum_column(ActivityStatus), default=ActivityStatus.DRAFT
    )
    # Which optional "about you" fields the form shows, and which of them must be answered.
    about_fields: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    about_required: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # Votes only: "dots" (spread vote_dots dots) or "agree" (agree/disagree per area).
    vote_mode: Mapped[str] = mapped_column(sa.String(10), default="dots")
    vote_dots: Mapped[int] = mapped_column(default=3)
    # Short public code for joining by URL or QR; no look-alike characters.
    join_code: Mapped[str] = mapped_column(sa.String(8), unique=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    project: Mapped[Project] = relationship(back_populates="activities")
    questions: Mapped[list[Question]] = relationship(
        back_populates="activity",
        cascade="all, delete-orphan",
        order_by="Question.position",
    )
    responses: Mapped[list[Response]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_open(self) -> bool:
        return self.status is ActivityStatus.OPEN

    def __repr__(self) -> str:
        return f"<Activity {self.id} {self.kind.value} {self.title!r}>"


class Question(db.Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind))
    prompt: Mapped[str] = mapped_column(sa.String(500))
    help_text: Mapped[str] = mapped_column(sa.String(1000), default="")
    is_required: Mapped[bool] = mapped_column(default=False)
    options: Mapped[list[str]] = mapped_column(sa.JSON, default=list)

    activity: Mapped[Activity] = relationship(back_populates="questions")

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.kind.value} {self.prompt[:30]!r}>"
