"""The one write path for input from every channel: store it once, queue what follows.

Workshop and survey forms, personal links, ballot comments, interview notes and post-it
walls all come through `record_response` (or `replace_answers` for a link answered again).
Both queue the follow-up work — embedding the texts, placing them into the current
themes — for the job worker once the request commits (`engage.core.jobs`).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from engage.core import jobs
from engage.extensions import db
from engage.inputs.submission import AnswerValue, Submission
from engage.models import Activity, ActivityStatus, Answer, Response, User
from engage.models.response import next_response_number


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
        **_about(activity, submission),
    )
    response.answers = _answers(submission.answers)
    try:
        with db.session.begin_nested():
            # The project's next number, taken in the same savepoint as the insert: a lost
            # race on the submission key gives the number back with the rollback.
            response.number = next_response_number(db.session.connection(), activity.project_id)
            db.session.add(response)
    except IntegrityError:
        # Another request with the same key won the race; that one is the response.
        existing = _by_key(submission_key) if submission_key else None
        if existing is None:
            raise
        return existing, False
    queue_follow_up(activity.project_id, [a.id for a in response.answers if a.text])
    return response, True


def replace_answers(response: Response, submission: Submission, *, language: str) -> None:
    """Put new answers in place of a response's old ones (a personal link answered again)."""
    response.answers.clear()
    db.session.flush()
    response.answers.extend(_answers(submission.answers))
    response.language = language
    db.session.flush()
    queue_follow_up(response.activity.project_id, [a.id for a in response.answers if a.text])


def queue_follow_up(project_id: int, text_answer_ids: list[int]) -> None:
    """After the commit: embed the new texts and place them into the project's themes (for
    input written another way, e.g. a ballot's comments replaced under the ballot's lock)."""
    if text_answer_ids:
        jobs.later("embed_answers", text_answer_ids)
        jobs.later("place_new_input", project_id)


def _about(activity: Activity, submission: Submission) -> dict[str, str]:
    """The about-you values; a business survey's answers count as business unless told."""
    about = dict(submission.about)
    default = activity.kind.traits.default_group
    if default and not about.get("stakeholder_group"):
        about["stakeholder_group"] = default
    return about


def _answers(values: list[AnswerValue]) -> list[Answer]:
    return [
        Answer(question=v.question, text=v.text, choices=v.choices, scale=v.scale) for v in values
    ]


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
