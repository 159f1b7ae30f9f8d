"""Everything of one project: as a ZIP for the kommune's archive, and deleted for good.

The ZIP holds project.json (every row, table by table) and one CSV per table (semicolons,
UTF-8 with a BOM, formulas neutralised). Secrets stay out: mail token hashes, ballot voter
keys and the embedding vectors (numbers derived from the answers, which are in the file)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from engage.core import audit
from engage.core.tabular import to_csv
from engage.extensions import db
from engage.models import (
    Activity,
    AnalysisRun,
    Answer,
    Ballot,
    BallotMark,
    Contact,
    ContactImport,
    Invitation,
    InvitationMail,
    InvitationMessage,
    Membership,
    Project,
    Question,
    Response,
    Theme,
    ThemeEdit,
    ThemeMember,
    VoteOption,
)

LEFT_OUT = {"token_hash", "voter_key"}


def _tables(project: Project) -> list[tuple[type, sa.ColumnElement[bool]]]:
    activities = sa.select(Activity.id).where(Activity.project_id == project.id)
    responses = sa.select(Response.id).where(Response.activity_id.in_(activities))
    runs = sa.select(AnalysisRun.id).where(AnalysisRun.project_id == project.id)
    invitations = sa.select(Invitation.id).where(Invitation.activity_id.in_(activities))
    ballots = sa.select(Ballot.id).where(Ballot.activity_id.in_(activities))
    return [
        (Project, Project.id == project.id),
        (Membership, Membership.project_id == project.id),
        (Activity, Activity.project_id == project.id),
        (Question, Question.activity_id.in_(activities)),
        (Response, Response.activity_id.in_(activities)),
        (Answer, Answer.response_id.in_(responses)),
        (Contact, Contact.project_id == project.id),
        (Invitation, Invitation.id.in_(invitations)),
        (InvitationMail, InvitationMail.invitation_id.in_(invitations)),
        (InvitationMessage, InvitationMessage.activity_id.in_(activities)),
        (ContactImport, ContactImport.project_id == project.id),
        (AnalysisRun, AnalysisRun.id.in_(runs)),
        (Theme, Theme.run_id.in_(runs)),
        (ThemeMember, ThemeMember.run_id.in_(runs)),
        (ThemeEdit, ThemeEdit.run_id.in_(runs)),
        (VoteOption, VoteOption.activity_id.in_(activities)),
        (Ballot, Ballot.id.in_(ballots)),
        (BallotMark, BallotMark.ballot_id.in_(ballots)),
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, int | str):  # enums
        return value.value
    return value


def project_rows(project: Project) -> dict[str, list[dict[str, Any]]]:
    """Every row of the project, table by table, as plain data."""
    data: dict[str, list[dict[str, Any]]] = {}
    for model, where in _tables(project):
        table = model.__table__
        columns = [c for c in table.columns if c.name not in LEFT_OUT]
        rows = db.session.execute(sa.select(*columns).where(where).order_by(*table.primary_key))
        data[table.name] = [
            {name: _plain(value) for name, value in row._mapping.items()} for row in rows
        ]
    return data


def _cell(value: Any) -> object:
    """Lists and dicts (JSON columns) as JSON text; the CSV writer neutralises the rest."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def _csv(model: type, rows: list[dict[str, Any]], language: str) -> bytes:
    headers = [c.name for c in model.__table__.columns if c.name not in LEFT_OUT]
    return to_csv(headers, ([_cell(row[name]) for name in headers] for row in rows), language)


def project_archive(project: Project) -> bytes:
    """The ZIP of everything stored about the project; records an audit event."""
    data = project_rows(project)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "project.json", json.dumps(data, ensure_ascii=False, indent=2, default=str)
        )
        for model, _where in _tables(project):
            name = model.__table__.name
            archive.writestr(f"{name}.csv", _csv(model, data[name], project.language_form.value))
    audit.record(audit.EXPORT_PROJECT, project)
    return buffer.getvalue()


def delete_project(project: Project) -> None:
    """Delete the project and everything under it; the database's ON DELETE CASCADE does the
    rows below. The audit event keeps the name (its project link becomes empty). Flushes."""
    audit.record(
        audit.DELETE_PROJECT,
        project_id=project.id,
        project_name=project.name,
        kommune=project.kommune,
    )
    db.session.execute(
        sa.delete(Project)
        .where(Project.id == project.id)
        .execution_options(synchronize_session=False)
    )
    db.session.expire_all()
