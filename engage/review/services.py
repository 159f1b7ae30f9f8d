"""Projects, activities, questions and memberships: the leader's set-up work."""

from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import date

from sqlalchemy import func, select

from engage.extensions import db
from engage.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    LanguageForm,
    MemberRole,
    Membership,
    Project,
    Question,
    QuestionKind,
    Response,
    User,
)
from engage.review.question_sets import QUESTION_SETS

# No look-alikes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 6
MAX_QUESTIONS = 40
MAX_OPTIONS = 20


def slugify(text: str) -> str:
    """A URL-friendly slug; æ/ø/å spelt out the Norwegian way."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "prosjekt"


def unique_slug(base: str) -> str:
    slug, n = base, 2
    while db.session.scalar(select(func.count()).where(Project.slug == slug)):
        slug, n = f"{base}-{n}", n + 1
    return slug


def new_join_code() -> str:
    """A random join code that no activity uses yet."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not db.session.scalar(select(func.count()).where(Activity.join_code == code)):
            return code


def create_project(
    owner: User,
    kommune: str,
    name: str,
    language_form: LanguageForm = LanguageForm.BOKMAAL,
    starts_on: date | None = None,
    ends_on: date | None = None,
    description: str = "",
    slug: str | None = None,
) -> Project:
    """A new project with its creator as leader member."""
    project = Project(
        slug=slug or unique_slug(slugify(f"{kommune} {name}")),
        kommune=kommune,
        name=name,
        language_form=language_form,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
    )
    project.memberships.append(Membership(user=owner, role=MemberRole.LEADER))
    db.session.add(project)
    db.session.flush()
    return project


def create_activity(
    project: Project,
    kind: ActivityKind,
    title: str,
    held_on: date | None = None,
    place: str = "",
    status: ActivityStatus = ActivityStatus.DRAFT,
    description: str = "",
    with_questions: bool = True,
) -> Activity:
    """A new activity, optionally with the ready-made questions for its kind."""
    activity = Activity(
        project=project,
        kind=kind,
        title=title,
        held_on=held_on,
        place=place,
        status=status,
        description=description,
        join_code=new_join_code(),
    )
    db.session.add(activity)
    if with_questions:
        add_question_set(activity)
    db.session.flush()
    return activity


def add_question_set(activity: Activity) -> None:
    """Append the ready-made questions, written in the project's language form and
    translated into the other languages."""
    canonical = activity.project.language_form.value
    for template in QUESTION_SETS[activity.kind]:
        activity.questions.append(template.build(canonical, len(activity.questions)))


def add_question(activity: Activity, kind: QuestionKind, prompt: str, **fields: object) -> Question:
    """Append a question at the end of the list."""
    question = Question(kind=kind, prompt=prompt, position=len(activity.questions), **fields)
    activity.questions.append(question)
    db.session.flush()
    return question


def move_question(question: Question, offset: int) -> None:
    """Move a question up (-1) or down (+1); positions stay 0..n-1."""
    questions = list(question.activity.questions)
    index = questions.index(question)
    target = max(0, min(len(questions) - 1, index + offset))
    questions.insert(target, questions.pop(index))
    renumber(questions)


def delete_question(question: Question) -> None:
    """Remove a question and close the gap."""
    activity = question.activity
    activity.questions.remove(question)
    renumber(activity.questions)


def renumber(questions: list[Question]) -> None:
    for position, question in enumerate(questions):
        question.position = position
    db.session.flush()


def add_member(project: Project, user: User, role: MemberRole) -> Membership:
    """Give a user access to a project, or change the role they have."""
    for member in project.memberships:
        if member.user_id == user.id:
            member.role = role
            db.session.flush()
            return member
    member = Membership(user=user, role=role)
    project.memberships.append(member)
    db.session.flush()
    return member


def response_counts(project: Project) -> dict[int, int]:
    """Number of visible responses per activity of the project."""
    rows = db.session.execute(
        select(Response.activity_id, func.count())
        .join(Activity)
        .where(Activity.project_id == project.id, Response.is_hidden.is_(False))
        .group_by(Response.activity_id)
    )
    return {activity_id: count for activity_id, count in rows}
