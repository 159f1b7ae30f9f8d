"""Analysis runs, the themes they propose, and what the leader makes of them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.models.base import Timestamp, enum_column, utcnow, utcnow_minute

if TYPE_CHECKING:
    from engage.models.response import Answer
    from engage.models.user import User


class RunStatus(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class AnswerEmbedding(db.Model):
    """A sentence embedding of one text answer, computed once after the answer is saved."""

    __tablename__ = "answer_embeddings"

    answer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(sa.String(80))
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)  # float32, little-endian
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow_minute)


def next_run_number(context: Any) -> int:
    """The next number within the run's project (1, 2, 3 …), for rows inserted without one.
    engage.themes.runs.create_run numbers runs itself, safely under concurrent creation."""
    project_id = context.get_current_parameters()["project_id"]
    table = AnalysisRun.__table__
    return (
        context.connection.scalar(
            sa.select(sa.func.coalesce(sa.func.max(table.c.number), 0)).where(
                table.c.project_id == project_id, table.c.number > 0
            )
        )
        + 1
    )


class AnalysisRun(db.Model):
    """One stored, reproducible run of the analysis over a project's input.

    A project has at most one adopted run: the one its plan summary, public results page,
    votes and exports use. Other finished runs are drafts to compare and shape."""

    __tablename__ = "analysis_runs"
    __table_args__ = (
        sa.UniqueConstraint("project_id", "number"),
        # At most one adopted run per project, kept by the database whatever the timing.
        sa.Index(
            "uq_analysis_runs_adopted",
            "project_id",
            unique=True,
            sqlite_where=sa.text("is_adopted"),
            postgresql_where=sa.text("is_adopted"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    # Run number within the project, shown wherever a run is named ("analyse nr. 2").
    number: Mapped[int] = mapped_column(default=next_run_number)
    is_adopted: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # When the run was last adopted (kept when another run is adopted later).
    adopted_at: Mapped[datetime | None] = mapped_column(Timestamp)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # A live run groups one workshop's answers for its projector while the room answers. It
    # is never adopted, listed or compared; it is numbered -1, -2 … so analyses stay 1, 2, 3.
    live_activity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[RunStatus] = mapped_column(enum_column(RunStatus), default=RunStatus.QUEUED)
    progress: Mapped[int] = mapped_column(default=0)
    # Which input went in and how the analysis was set up; enough to run it again.
    selection: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    version: Mapped[str] = mapped_column(sa.String(60), default="")
    input_count: Mapped[int] = mapped_column(default=0)
    # What the machine proposed, before anyone edited it.
    proposal: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    notes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    error: Mapped[str | None] = mapped_column(sa.Text)
    duration_ms: Mapped[int | None] = mapped_column()
    # Times a worker has started the run; a stuck run is started again while attempts allow.
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    # Last sign of life from the worker running it; the sweep finds stuck runs by it.
    heartbeat_at: Mapped[datetime | None] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(Timestamp)

    created_by: Mapped[User | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="Theme.position"
    )


class Theme(db.Model):
    """A candidate innsatsområde: proposed by a run, shaped by the leader."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    terms: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # Answer ids of the quotes the analysis found most representative.
    quotes: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)
    # Pinned themes are the candidate innsatsområder, in pin_order.
    pin_order: Mapped[int | None] = mapped_column()
    origin: Mapped[str] = mapped_column(sa.String(20), default="analysis")
    # Which Utviklingsanalyse indicators the area addresses (arbeidsplasser, robusthet,
    # utviklingsevne), chosen by the leader.
    indicators: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    run: Mapped[AnalysisRun] = relationship(back_populates="themes")

    @property
    def is_pinned(self) -> bool:
        return self.pin_order is not None


class ThemeMember(db.Model):
    """Where one text answer sits in a run: a theme, unassigned, or not relevant."""

    __tablename__ = "theme_members"
    __table_args__ = (sa.UniqueConstraint("run_id", "answer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True
    )
    answer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("answers.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="SET NULL"), index=True
    )
    is_excluded: Mapped[bool] = mapped_column(default=False)
    # Placed after the run (new input) and not yet looked at by the leader.
    is_new: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(sa.String(20), default="analysis")

    answer: Mapped[Answer] = relationship()


class ThemeEdit(db.Model):
    """One change a person made to a run's themes: who, when, what."""

    __tablename__ = "theme_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(sa.String(30))
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    user: Mapped[User | None] = relationship()
