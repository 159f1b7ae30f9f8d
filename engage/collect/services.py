"""Store what a participant sent: once, whatever the network or a double tap does."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from engage.collect.answers import Submission
from engage.extensions import db
from engage.models import Activity, ActivityStatus, Answer, Response, User

SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
JOIN_CODE_CHARS = re.compile(r"[^A-Z0-9]")


def normalise_code(raw: str) -> str:
    """What a person typed as a join code, as stored: upper case, no spaces or dashes."""
    return JOIN_CODE_CHARS.sub("", (raw or "").upper())[:8]


def find_activity_by_code(raw: str) -> Activity | None:
    code = normalise_code(raw)
    if not code:
        return None
    return db.session.scalar(select(Activity).where(Activity.join_code == code))


def record_response(
    activity: Activity,
    submission: Submission,
    *,
    language: str,
    submission_key: str | None = None,
    channel: str | None = None,
    entered_by: User | None = None,
    company_name: str | None = None,
    org_number: str | None = None,
) -> tuple[Response, bool]:
    """Store a response; the same submission key returns the stored one (created=False)."""
    if activity.status is not ActivityStatus.OPEN and entered_by is None:
        raise ValueError("activity is not open")
    if submission_key:
        existing = _by_key(submission_key)
        if existing is not None:
            return existing, False
    response = Response(
        activity_id=activity.id,
        submission_key=submission_key,
        channel=channel or activity.kind.value,
        language=language,
        entered_by_id=entered_by.id if entered_by else None,
        company_name=company_name or None,
        org_number=org_number or None,
        **submission.about,
    )
    response.answers = [
        Answer(question=v.question, text=v.text, choices=v.choices, scale=v.scale)
        for v in submission.answers
    ]
    try:
        with db.session.begin_nested():
            db.session.add(response)
    except IntegrityError:
        # Another request with the same key won the race; that one is the response.
        existing = _by_key(submission_key) if submission_key else None
        if existing is None:
            raise
        return existing, False
    return response, True


def _by_key(key: str) -> Response | None:
    return db.session.scalar(select(Response).where(Response.submission_key == key))


def count_responses(activity: Activity) -> int:
    """Visible responses of an activity."""
    return (
        db.session.scalar(
            select(func.count()).where(
                Response.activity_id == activity.id, Response.is_hidden.is_(False)
            )
        )
        or 0
    )
