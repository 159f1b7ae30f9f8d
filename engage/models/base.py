"""Column helpers shared by the models."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlalchemy.orm


def utcnow() -> datetime:
    """Timezone-aware now, for created_at columns."""
    return datetime.now(UTC)


def utcnow_minute() -> datetime:
    """Now, cut to the minute."""
    return utcnow().replace(second=0, microsecond=0)


def enum_column(enum_cls: type[enum.Enum], length: int = 20) -> sa.Enum:
    """A portable enum stored as its value in a VARCHAR."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=length,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
    )


Timestamp = sa.DateTime(timezone=True)


def insert_new(session: sa.orm.Session, model: type, rows: list[dict]) -> int:
    """INSERT rows, skipping those a unique constraint already holds; returns how many went in.

    The conflict is settled by the database (ON CONFLICT DO NOTHING on SQLite and
    PostgreSQL), so two writers at once never fail and never store a row twice."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    added = 0
    for start in range(0, len(rows), 500):
        statement = (
            insert(model)
            .values(rows[start : start + 500])
            .on_conflict_do_nothing()
            .returning(*model.__table__.primary_key.columns)  # rowcount is -1 on psycopg
        )
        added += len(session.execute(statement).all())
    return added
