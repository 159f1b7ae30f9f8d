"""Pure builders of tabular data: the same rows feed CSV, XLSX and the Word summary."""

from __future__ import annotations

import io

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from engage.core.tabular import neutralise_cell
from engage.extensions import db
from engage.models import Activity, Answer, Project, Response
from engage.report.anonymise import mask

Rows = tuple[list[str], list[list[object]]]

META = [
    "response",
    "activity",
    "channel",
    "submitted",
    "language",
    "group",
    "age band",
    "area",
    "sector",
    "company size",
]


def response_rows(project: Project) -> Rows:
    """One row per visible response: metadata, then one column per question."""
    activities = list(project.activities)
    questions = [q for a in activities for q in a.questions]
    headers = META + [f"{q.activity.title}: {q.prompt}" for q in questions]
    column = {q.id: len(META) + n for n, q in enumerate(questions)}
    rows = []
    responses = db.session.scalars(
        select(Response)
        .join(Activity)
        .where(Activity.project_id == project.id, Response.is_hidden.is_(False))
        .options(selectinload(Response.answers), selectinload(Response.activity))
        .order_by(Response.id)
    )
    for r in responses:
        row: list[object] = [
            r.id,
            r.activity.title,
            r.channel,
            r.submitted_at.strftime("%Y-%m-%d %H:%M"),
            r.language,
            r.stakeholder_group or "",
            r.age_band or "",
            r.area or "",
            r.sector or "",
            r.company_size or "",
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


def to_xlsx(sheets: dict[str, Rows]) -> bytes:
    """A workbook with one sheet per table, formulas neutralised, header row frozen."""
    book = Workbook()
    book.remove(book.active)
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title[:31])
        sheet.append([neutralise_cell(h) for h in headers])
        for row in rows:
            sheet.append([neutralise_cell(v) for v in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
