"""The audit log: who did what to personal data, for the admin and the data protection officer.

`record` adds an event to the request's session and flushes; the view's one commit stores it
with the change it describes. Neither an IP address nor a user agent is kept."""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_babel import gettext as _
from flask_login import current_user

from engage.extensions import db
from engage.models import AuditEvent, Project, User

LOGIN = "login"
EXPORT = "export"
HIDE_RESPONSE = "hide_response"
DELETE_CONTACT = "delete_contact"
ERASE_CONTACTS = "erase_contacts"
PUBLISH_RESULTS = "publish_results"
UNPUBLISH_RESULTS = "unpublish_results"
EXPORT_PROJECT = "export_project"
DELETE_PROJECT = "delete_project"
PURGE = "purge"
ADOPT_RUN = "adopt_run"

ACTIONS = (
    LOGIN,
    EXPORT,
    HIDE_RESPONSE,
    DELETE_CONTACT,
    ERASE_CONTACTS,
    PUBLISH_RESULTS,
    UNPUBLISH_RESULTS,
    EXPORT_PROJECT,
    DELETE_PROJECT,
    PURGE,
    ADOPT_RUN,
)


def action_labels() -> dict[str, str]:
    """What each action is called on the audit page."""
    return {
        LOGIN: _("Logged in"),
        EXPORT: _("Downloaded an export"),
        HIDE_RESPONSE: _("Hid a response"),
        DELETE_CONTACT: _("Deleted a contact"),
        ERASE_CONTACTS: _("Erased contact details"),
        PUBLISH_RESULTS: _("Published the results page"),
        UNPUBLISH_RESULTS: _("Unpublished the results page"),
        EXPORT_PROJECT: _("Downloaded all data of a project"),
        DELETE_PROJECT: _("Deleted a project"),
        PURGE: _("Deleted input after the retention date"),
        ADOPT_RUN: _("Adopted an analysis for the plan"),
    }


def record(
    action: str, project: Project | None = None, user: User | None = None, **detail: Any
) -> AuditEvent:
    """Note an action; the user is the logged-in one unless given. Flushes, never commits."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user._get_current_object()
    event = AuditEvent(
        action=action,
        user_id=user.id if user is not None else None,
        project_id=project.id if project is not None else None,
        detail=detail,
    )
    db.session.add(event)
    db.session.flush()
    return event
