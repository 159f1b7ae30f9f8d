"""Column helpers shared by the models."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

import sqlalchemy as sa


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
