"""Object-level access: who may read or change a project."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from engage.extensions import db
from engage.models import Activity, MemberRole, Membership, Project, Question, Role, User


def membership_of(user: User, project: Project) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(Membership.project_id == project.id, Membership.user_id == user.id)
    )


def can_edit(user: User, project: Project) -> bool:
    """Admins edit everything; leaders edit projects where they are a leader member."""
    if user.role is Role.ADMIN:
        return True
    if user.role is Role.VIEWER:
        return False
    member = membership_of(user, project)
    return member is not None and member.role is MemberRole.LEADER


def can_create_projects(user: User) -> bool:
    return user.role in (Role.ADMIN, Role.LEADER)


def visible_projects(user: User) -> list[Project]:
    """Projects the user may open, newest first."""
    query = select(Project).order_by(Project.created_at.desc(), Project.id.desc())
    if user.role is not Role.ADMIN:
        query = query.join(Membership).where(Membership.user_id == user.id)
    return list(db.session.scalars(query))


def get_project(project_id: int, write: bool = False) -> Project:
    """The project if the current user may see it (404 otherwise); 403 if only read access."""
    project = db.session.get(Project, project_id)
    if project is None:
        abort(404)
    if current_user.role is not Role.ADMIN and membership_of(current_user, project) is None:
        abort(404)
    if write and not can_edit(current_user, project):
        abort(403)
    return project


def get_activity(project_id: int, activity_id: int, write: bool = False) -> Activity:
    """An activity of a project the user may see; ids must belong together."""
    project = get_project(project_id, write=write)
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.project_id != project.id:
        abort(404)
    return activity


def get_question(project_id: int, activity_id: int, question_id: int) -> Question:
    """A question of an activity the user may edit."""
    activity = get_activity(project_id, activity_id, write=True)
    question = db.session.get(Question, question_id)
    if question is None or question.activity_id != activity.id:
        abort(404)
    return question
