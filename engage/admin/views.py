"""The audit log page: the latest events, filtered by project and action."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from engage.core import audit
from engage.core.urls import parse_int
from engage.extensions import db
from engage.models import AuditEvent, Project, Role

bp = Blueprint("admin", __name__)
LATEST = 500


@bp.before_request
@login_required
def require_admin() -> None:
    """Only admins; for everyone else the page does not exist."""
    if current_user.role is not Role.ADMIN:
        abort(404)


@bp.get("")
def audit_log() -> str:
    project_id = parse_int(request.args.get("project"))
    action = request.args.get("action", "")
    if action not in audit.ACTIONS:
        action = ""
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(LATEST)
    if project_id is not None:
        query = query.where(AuditEvent.project_id == project_id)
    if action:
        query = query.where(AuditEvent.action == action)
    return render_template(
        "admin/audit.html",
        events=list(db.session.scalars(query)),
        projects=list(db.session.scalars(select(Project).order_by(Project.name))),
        actions=audit.ACTIONS,
        action_labels=audit.action_labels(),
        selected_project=project_id,
        selected_action=action,
        latest=LATEST,
    )
