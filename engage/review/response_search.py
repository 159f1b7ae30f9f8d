"""Find a project's responses by activity, question, respondent group, language, channel, text."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from engage.core.search import text_contains
from engage.core.urls import parse_int
from engage.extensions import db
from engage.models import Activity, Answer, Project, Response

PAGE_SIZE = 50
CHANNELS = ("workshop", "survey", "business_survey", "interview", "postit", "vote")
LANGUAGE_CODES = ("nb", "nn", "en", "pl")
VISIBILITY = ("visible", "hidden", "all")
# "I-356", "i356", "#356" or "356": the reference the app, the Word file and exports print.
REFERENCE = re.compile(r"^\s*(?:i\s*-?\s*|#)?(\d{1,9})\s*$", re.IGNORECASE)


@dataclass
class ResponseFilter:
    activity: int | None = None
    question: int | None = None
    group: str = ""
    age: str = ""
    area: str = ""
    sector: str = ""
    language: str = ""
    channel: str = ""
    q: str = ""
    show: str = "visible"
    page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict) -> ResponseFilter:
        """Read filters from the query string; values that make no sense are dropped."""
        found: dict[str, Any] = {}
        for f in fields(cls):
            raw = (args.get(f.name) or "").strip()[:200]
            if not raw:
                continue
            if f.type in ("int | None", "int"):
                number = parse_int(raw)
                if number is not None:
                    found[f.name] = number
            else:
                found[f.name] = raw
        chosen = cls(**found)
        chosen.page = max(1, chosen.page)
        if chosen.show not in VISIBILITY:
            chosen.show = "visible"
        return chosen

    def query_args(self, **changes: Any) -> dict[str, Any]:
        """The filter as query-string arguments, with some values changed (for links)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        defaults = {"show": "visible", "page": 1}
        return {k: v for k, v in values.items() if v not in (None, "") and defaults.get(k) != v}


@dataclass
class ResponsePage:
    responses: list[Response]
    total: int
    pages: int
    by_group: list[tuple[str | None, int]]


def search_responses(project: Project, chosen: ResponseFilter) -> ResponsePage:
    """One page of responses matching the filter, with the total and counts by group."""
    query = _filtered(project, chosen)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    ids = query.with_only_columns(Response.id)
    counts = db.session.execute(
        select(Response.stakeholder_group, func.count())
        .where(Response.id.in_(ids))
        .group_by(Response.stakeholder_group)
    ).all()
    # Named groups first, "not stated" last.
    by_group = sorted(((g, n) for g, n in counts), key=lambda gn: (gn[0] is None, gn[0] or ""))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(chosen.page, pages)
    rows = db.session.scalars(
        query.options(selectinload(Response.answers).selectinload(Answer.question))
        .order_by(Response.submitted_at.desc(), Response.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    return ResponsePage(list(rows), total, pages, by_group)


def _filtered(project: Project, chosen: ResponseFilter) -> Select:
    query = select(Response).join(Activity).where(Activity.project_id == project.id)
    if chosen.activity:
        query = query.where(Response.activity_id == chosen.activity)
    if chosen.show != "all":
        query = query.where(Response.is_hidden.is_(chosen.show == "hidden"))
    simple = {
        Response.stakeholder_group: chosen.group,
        Response.age_band: chosen.age,
        Response.area: chosen.area,
        Response.sector: chosen.sector,
        Response.language: chosen.language,
        Response.channel: chosen.channel,
    }
    for column, value in simple.items():
        if value:
            query = query.where(column == value)
    if chosen.question:
        query = query.where(
            Response.id.in_(select(Answer.response_id).where(Answer.question_id == chosen.question))
        )
    if chosen.q:
        in_text = Response.id.in_(select(Answer.response_id).where(text_contains(chosen.q)))
        reference = REFERENCE.match(chosen.q)
        if reference:
            in_text = or_(Response.number == int(reference.group(1)), in_text)
        query = query.where(in_text)
    return query
