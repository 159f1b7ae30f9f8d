"""A kommune's omstilling programme and who may work on it."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.models.base import Timestamp, enum_column, utcnow

if TYPE_CHECKING:
    from engage.models.activity import Activity
    from engage.models.user import User


class LanguageForm(enum.Enum):
    BOKMAAL = "nb"
    NYNORSK = "nn"


class MemberRole(enum.Enum):
    LEADER = "leader"
    VIEWER = "viewer"


class Project(db.Model):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    kommune: Mapped[str] = mapped_column(sa.String(120))
    name: Mapped[str] = mapped_column(sa.String(200))
    language_form: Mapped[LanguageForm] = mapped_column(
        enum_column(LanguageForm, 2), default=LanguageForm.BOKMAAL
    )
    starts_on: Mapped[date | None] = mapped_column(sa.Date)
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # Shown on the privacy page; empty means the standard text.
    privacy_text: Mapped[str] = mapped_column(sa.Text, default="")
    privacy_contact: Mapped[str] = mapped_column(sa.String(200), default="")
    # The kommune's tilgjengelighetserklæring; empty means the standard text.
    accessibility_text: Mapped[str] = mapped_column(sa.Text, default="")
    # After this day `flask purge` deletes the personal input and the contacts.
    retention_until: Mapped[date | None] = mapped_column(sa.Date)
    # The project's own list of bygder/grender for the "area" question.
    areas: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    is_demo: Mapped[bool] = mapped_column(default=False)
    # The public "Dette sa dere – dette gjør vi" page: shown only once published.
    results_published_at: Mapped[datetime | None] = mapped_column(Timestamp)
    results_text: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )
    activities: Mapped[list[Activity]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Activity.id"
    )

    def __repr__(self) -> str:
        return f"<Project {self.slug}>"


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("project_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole), default=MemberRole.LEADER)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    project: Mapped[Project] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()
