"""The plan summary: Word, spreadsheets, CSV, and the public "Dette sa dere" page."""

from __future__ import annotations

from flask import Flask

from engage.core.text import markdown_inline
from engage.report.exports import export
from engage.report.views import bp, public
from engage.report.wording import gap_sentence

__all__ = ["export", "init_app"]


def init_app(app: Flask) -> None:
    """The leader's summary pages, the public results page, and their template names."""
    app.register_blueprint(bp, url_prefix="/manage/projects/<int:project_id>/summary")
    app.register_blueprint(public)
    app.context_processor(lambda: {"gap_sentence": gap_sentence})
    app.add_template_filter(markdown_inline, "md")
