"""Pages for admins only: the audit log."""

from __future__ import annotations

from flask import Flask

from engage.admin.views import bp

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    """The admin pages under /manage/audit."""
    app.register_blueprint(bp, url_prefix="/manage/audit")
