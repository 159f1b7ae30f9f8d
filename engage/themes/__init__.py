"""The leader's theme workspace: analysis runs, theme edits, the candidate innsatsområder."""

from __future__ import annotations

from flask import Flask

from engage.themes.adopt import adopted_run, placement_runs
from engage.themes.assign import assign_new_input, new_input
from engage.themes.edits import pinned_themes
from engage.themes.runs import Embedder, create_run, latest_run, note_text
from engage.themes.stats import summarise
from engage.themes.views import bp

__all__ = [
    "Embedder",
    "adopted_run",
    "assign_new_input",
    "create_run",
    "init_app",
    "latest_run",
    "new_input",
    "pinned_themes",
    "placement_runs",
    "summarise",
]


def init_app(app: Flask) -> None:
    """The workspace pages under a project."""
    app.register_blueprint(bp, url_prefix="/manage/projects/<int:project_id>/themes")
    app.add_template_global(note_text, "run_note")
