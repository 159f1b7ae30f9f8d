"""The public side: join by code or QR, answer the form, receipt, privacy page."""

from __future__ import annotations

from flask import Flask

from engage.collect.views import bp

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    """The citizen pages at /j/<code> and /p/<slug>/personvern."""
    app.register_blueprint(bp)
