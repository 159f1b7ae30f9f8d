"""The projector: join screen with QR, live words, themes and vote bars."""

from __future__ import annotations

from flask import Flask

from engage.live.views import bp

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    """The screen of one activity, under the leader's pages."""
    app.register_blueprint(
        bp, url_prefix="/manage/projects/<int:project_id>/activities/<int:activity_id>"
    )
