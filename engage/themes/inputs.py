"""Which input goes into an analysis: text answers of a project, filtered by the leader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engage.extensions import db
from engage.models import Activity, Answer, Project, Question, QuestionKind, Response

SELECTION_KEYS = ("activities", "questions", "channels", "groups")


@dataclass(frozen=True)
class InputItem:
    """One text answer as the analysis sees it."""

    answer_id: int
    text: str
    language: str
    response_id: int


def clean_selection(raw: dict[str, Any]) -> dict[str, list]:
    """Keep only known filter keys with list values (ids as ints, codes as strings)."""
    selection: dict[str, list] = {}
    for key in SELECTION_KEYS:
        values = raw.get(key) or []
        if key in ("activities", "questions"):
            values = [int(v) for v in values if str(v).isdigit()]
        else:
            values = [str(v)[:40] for v in values]
        if values:
            selection[key] = sorted(set(values))
    return selection


def input_query(project: Project, selection: dict[str, list]):
    """Text answers of visible responses matching the selection, oldest first."""
    query = (
        select(Answer)
        .join(Response, Answer.response_id == Response.id)
        .join(Activity, Response.activity_id == Activity.id)
        .join(Question, Answer.question_id == Question.id)
        .where(
            Activity.project_id == project.id,
            Response.is_hidden.is_(False),
            Question.kind == QuestionKind.TEXT,
            Question.internal.is_(False),  # interview background and follow-up notes
            Answer.text.is_not(None),
            Answer.text != "",
        )
        .order_by(Answer.id)
    )
    if selection.get("activities"):
        query = query.where(Activity.id.in_(selection["activities"]))
    if selection.get("questions"):
        query = query.where(Question.id.in_(selection["questions"]))
    if selection.get("channels"):
        query = query.where(Response.channel.in_(selection["channels"]))
    if selection.get("groups"):
        query = query.where(Response.stakeholder_group.in_(selection["groups"]))
    return query


def select_input(project: Project, selection: dict[str, list]) -> list[InputItem]:
    """The analysis input, in a stable order (by answer id)."""
    answers = db.session.scalars(
        input_query(project, selection).options(joinedload(Answer.response))
    )
    return [InputItem(a.id, a.text or "", a.response.language, a.response_id) for a in answers]
