"""The project leader's pages: projects, activities, questions, responses, entry."""

from __future__ import annotations

from flask import Flask

from engage.review import retention
from engage.review.services import add_member, create_activity, create_project
from engage.review.views import bp

__all__ = ["add_member", "create_activity", "create_project", "init_app", "retention"]


def init_app(app: Flask) -> None:
    """The leader's set-up and review pages under /manage."""
    app.register_blueprint(bp, url_prefix="/manage")
