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

    @property
    def is_public(self) -> bool:
        """Anyone with the join code, QR or poster may answer; else only the leader enters."""
        return self.traits.is_public


@dataclass(frozen=True)
class KindTraits:
    """What an activity kind is, as data."""

    is_ballot: bool = False
    takes_invitations: bool = False
    has_questions: bool = True
    # Reached by join code, QR code and poster; an interview is typed in by the leader only.
    is_public: bool = True
    # Stakeholder group an answer counts as when the participant gave none.
    default_group: str | None = None


KIND_TRAITS = {
    ActivityKind.WORKSHOP: KindTraits(),
    ActivityKind.SURVEY: KindTraits(),
    ActivityKind.BUSINESS_SURVEY: KindTraits(takes_invitations=True, default_group="business"),
    ActivityKind.INTERVIEW: KindTraits(is_public=False),
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

    @property
    def public_questions(self) -> list[Question]:
        """The questions a participant sees: internal ones are for the project group only."""
        return [q for q in self.questions if not q.internal]

    def __repr__(self) -> str:
        return f"<Activity {self.id} {self.kind.value} {self.title!r}>"


# Languages a question can be shown in; the project's language form is the canonical text.
QUESTION_LANGUAGES = ("nb", "nn", "en", "pl")


@dataclass(frozen=True)
class QuestionText:
    """A question as one language shows it; `options` are (stored value, label) pairs."""

    language: str
    prompt: str
    help_text: str
    options: list[tuple[str, str]]
    is_fallback: bool  # no translation into the wanted language: the canonical text


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
    # Other languages: {"pl": {"prompt": ..., "help_text": ..., "options": [...]}}, options
    # in the order of `options`. Answers always store the canonical option.
    translations: Mapped[dict[str, dict]] = mapped_column(sa.JSON, default=dict)
    # Internal notes (interview background, follow-up): shown to the leader, never analysed,
    # quoted or published.
    internal: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    activity: Mapped[Activity] = relationship(back_populates="questions")

    def translated_languages(self) -> list[str]:
        """The languages besides the canonical one that have this question's prompt."""
        given = self.translations or {}
        return [code for code in QUESTION_LANGUAGES if (given.get(code) or {}).get("prompt")]

    def text_in(self, language: str) -> QuestionText:
        """The prompt, help text and option labels in a language, else the canonical ones."""
        canonical = self.activity.project.language_form.value if self.activity else language
        given = (self.translations or {}).get(language) or {}
        if language == canonical or not (given.get("prompt") or "").strip():
            return QuestionText(
                canonical,
                self.prompt,
                self.help_text,
                [(o, o) for o in self.options or []],
                is_fallback=language != canonical,
            )
        labels = list(given.get("options") or [])
        options = [
            (o, labels[n] if n < len(labels) and labels[n].strip() else o)
            for n, o in enumerate(self.options or [])
        ]
        return QuestionText(language, given["prompt"], given.get("help_text") or "", options, False)

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.kind.value} {self.prompt[:30]!r}>"
