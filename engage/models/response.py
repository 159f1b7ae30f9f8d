"""What one participant handed in, per question."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
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
    # The response's number within its project (1, 2, 3 …): the "I-<number>" people cite.
    number: Mapped[int] = mapped_column()
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

    @property
    def ref(self) -> str:
        """The one reference of this input, alike in the app, the Word file and the exports."""
        return response_ref(self.number)


def response_ref(number: int | None) -> str:
    """ "I-356" for the project's response number 356."""
    return f"I-{number}" if number is not None else "I-?"


class ResponseCounter(db.Model):
    """The last response number given out in a project. Taking the next number updates this
    row in the same transaction as the insert, so concurrent inserts queue on the row (PostgreSQL)
    or on the database's write lock (SQLite) and never share a number."""

    __tablename__ = "response_counters"

    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    last_number: Mapped[int] = mapped_column(default=0)


def next_response_number(connection: sa.Connection, project_id: int) -> int:
    """Take the project's next response number (an upsert on its counter row)."""
    table = ResponseCounter.__table__
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(table)
        .values(project_id=project_id, last_number=1)
        .on_conflict_do_update(
            index_elements=[table.c.project_id], set_={"last_number": table.c.last_number + 1}
        )
        .returning(table.c.last_number)
    )
    return int(connection.execute(statement).scalar_one())


def project_of_activity(connection: sa.Connection, activity_id: int) -> int:
    activities = db.metadata.tables["activities"]
    return int(
        connection.execute(
            sa.select(activities.c.project_id).where(activities.c.id == activity_id)
        ).scalar_one()
    )


@event.listens_for(Response, "before_insert")
def _number_new_response(_mapper: object, connection: sa.Connection, target: Response) -> None:
    """Every response gets its number, whichever code stores it (record_response sets it
    itself; seeds and imports that build a Response directly get it here)."""
    if target.number is None:
        activity_id = target.activity_id or target.activity.id
        target.number = next_response_number(
            connection, project_of_activity(connection, activity_id)
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
