"""Retention: after a project's `retention_until` day its personal input and contacts go.

What goes: responses with their answers, embeddings and theme placements; the analysis runs
(their proposals quote answers); contacts with their invitations and mails; pending contact
imports; ballots with their marks. What stays: the project, its activities, questions and
vote options, so the kommune still sees what was held. Each purge is an audit event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from engage.core import audit
from engage.extensions import db
from engage.models import (
    Activity,
    AnalysisRun,
    Answer,
    AnswerEmbedding,
    Ballot,
    Contact,
    ContactImport,
    Invitation,
    Project,
    Response,
)


@dataclass
class PurgePlan:
    """What a purge removes from one project, counted before anything is deleted."""

    project: Project
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _activity_ids(project: Project) -> sa.Select:
    return sa.select(Activity.id).where(Activity.project_id == project.id)


def _response_ids(project: Project) -> sa.Select:
    return sa.select(Response.id).where(Response.activity_id.in_(_activity_ids(project)))


def _count(model: type, *where: sa.ColumnElement[bool]) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0


def plan(project: Project) -> PurgePlan:
    """Count what would go, per kind of row."""
    answers = Answer.response_id.in_(_response_ids(project))
    answer_ids = sa.select(Answer.id).where(answers)
    return PurgePlan(
        project,
        {
            "responses": _count(Response, Response.activity_id.in_(_activity_ids(project))),
            "answers": _count(Answer, answers),
            "embeddings": _count(AnswerEmbedding, AnswerEmbedding.answer_id.in_(answer_ids)),
            "analysis_runs": _count(AnalysisRun, AnalysisRun.project_id == project.id),
            "contacts": _count(Contact, Contact.project_id == project.id),
            "invitations": _count(Invitation, Invitation.activity_id.in_(_activity_ids(project))),
            "pending_imports": _count(ContactImport, ContactImport.project_id == project.id),
            "ballots": _count(Ballot, Ballot.activity_id.in_(_activity_ids(project))),
        },
    )


def due_projects(today: date) -> list[Project]:
    """Projects whose retention day has passed."""
    return list(
        db.session.scalars(
            sa.select(Project)
            .where(Project.retention_until.is_not(None), Project.retention_until < today)
            .order_by(Project.id)
        )
    )


def purge(project: Project) -> PurgePlan:
    """Delete the personal input and contacts of a project; flushes, never commits.

    The database's ON DELETE CASCADE takes answers, embeddings, theme placements, mails and
    ballot marks along."""
    counted = plan(project)
    activities = _activity_ids(project)
    # Invitations point at responses (SET NULL); contacts own the invitations.
    for model, where in (
        (Invitation, Invitation.activity_id.in_(activities)),
        (Contact, Contact.project_id == project.id),
        (ContactImport, ContactImport.project_id == project.id),
        (Ballot, Ballot.activity_id.in_(activities)),
        (AnalysisRun, AnalysisRun.project_id == project.id),
        (Response, Response.activity_id.in_(activities)),
    ):
        db.session.execute(
            sa.delete(model).where(where).execution_options(synchronize_session=False)
        )
    db.session.expire_all()
    audit.record(
        audit.PURGE,
        project,
        retention_until=project.retention_until.isoformat() if project.retention_until else None,
        **counted.counts,
    )
    return counted
