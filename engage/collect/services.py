"""Finding an activity by the code a participant typed or scanned."""

from __future__ import annotations

import re

from sqlalchemy import select

from engage.extensions import db
from engage.models import Activity

SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
JOIN_CODE_CHARS = re.compile(r"[^A-Z0-9]")


def normalise_code(raw: str) -> str:
    """What a person typed as a join code, as stored: upper case, no spaces or dashes."""
    return JOIN_CODE_CHARS.sub("", (raw or "").upper())[:8]


def find_activity_by_code(raw: str) -> Activity | None:
    """The public activity with this join code; an interview is never found (leader only)."""
    code = normalise_code(raw)
    if not code:
        return None
    activity = db.session.scalar(select(Activity).where(Activity.join_code == code))
    return activity if activity is not None and activity.kind.is_public else None
