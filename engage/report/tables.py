"""Pure builders of tabular data: the same rows feed CSV, XLSX and the Word summary.

Headers and values are in the language active when they are built (the exports run them under
`force_locale`); times are in the kommune's time zone, which the header names."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from engage.core.tabular import Rows
from engage.extensions import db
from engage.models import Activity, Answer, Project, Response
from engage.report.anonymise import mask
from engage.report.wording import value_names

__all__ = ["Rows", "answer_value", "local_time", "response_rows", "time_zone"]


def time_zone() -> str:
    """The kommune's time zone (Europe/Oslo unless configured otherwise)."""
    return str(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "Europe/Oslo")


def local_time(moment: datetime) -> datetime:
    """A stored time (UTC; SQLite gives it back without a zone) in the kommune's time zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(time_zone()))


def meta_headers() -> list[str]:
    return [
        _("Reference"),
        _("Activity"),
        _("Channel"),
        _("Submitted (%(zone)s)", zone=time_zone()),
        _("Language"),
        _("Group"),
        _("Age band"),
        _("Area"),
        _("Sector"),
        _("Company size"),
    ]


def response_rows(project: Project) -> Rows:
    """One row per visible response: its reference and metadata, then one column per question."""
    names = value_names()
    activities = list(project.activities)
    questions = [q for a in activities for q in a.questions]
    meta = meta_headers()
    headers = meta + [f"{q.activity.title}: {q.prompt}" for q in questions]
    column = {q.id: len(meta) + n for n, q in enumerate(questions)}
    rows = []
    responses = db.session.scalars(
        select(Response)
        .join(Activity)
        .where(Activity.project_id == project.id, Response.is_hidden.is_(False))
        .options(selectinload(Response.answers), selectinload(Response.activity))
        .order_by(Response.number)
    )
    for r in responses:
        row: list[object] = [
            r.ref,
            r.activity.title,
            names["channel"].get(r.channel, r.channel),
            local_time(r.submitted_at).strftime("%Y-%m-%d %H:%M"),
            names["language"].get(r.language, r.language),
            names["group"].get(r.stakeholder_group or "", r.stakeholder_group or ""),
            names["age"].get(r.age_band or "", r.age_band or ""),
            r.area or "",
            names["sector"].get(r.sector or "", r.sector or ""),
            (r.company_size or "").replace("-", "–"),
        ] + [""] * len(questions)
        for answer in r.answers:
            if answer.question_id in column:
                row[column[answer.question_id]] = answer_value(answer)
        rows.append(row)
    return headers, rows


def answer_value(answer: Answer) -> object:
    """One answer as a cell value, with personal data masked in free text."""
    if answer.text:
        return mask(answer.text)
    if answer.choices:
        return "; ".join(answer.choices)
    return answer.scale if answer.scale is not None else ""
