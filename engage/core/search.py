"""Plain-text search in stored answers, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func

from engage.models import Answer


def text_contains(query: str) -> ColumnElement[bool]:
    """Answers whose text contains the query, ignoring case; % and _ match themselves."""
    escaped = query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(Answer.text).like(f"%{escaped}%", escape="\\")
