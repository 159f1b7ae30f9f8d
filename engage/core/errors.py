"""Friendly, translated error pages; never a stack trace."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InternalError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from engage.core.submit import rerun_with_stale_token
from engage.extensions import db

MESSAGES = {
    400: (_l("Something in the request was not right"), _l("Please go back and try again.")),
    403: (_l("Not allowed"), _l("You do not have access to do this.")),
    404: (_l("Page not found"), _l("The page does not exist, or it is not available to you.")),
    405: (_l("Not allowed"), _l("This page cannot be used that way.")),
    413: (
        _l("Too much at once"),
        _l("What you sent was larger than we accept. Please shorten it and try again."),
    ),
    429: (
        _l("Too many attempts"),
        _l("Please wait a little and try again."),
    ),
    500: (_l("Something went wrong"), _l("The error has been logged. Please try again later.")),
    503: (
        _l("Not available just now"),
        _l("The service cannot reach its database at the moment. Please try again in a minute."),
    ),
}


def render_error(code: int, detail: str | None = None) -> tuple[str, int]:
    title, text = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    if request.path == "/healthz" or request.accept_mimetypes.best == "application/json":
        return jsonify(error=str(title)), code  # type: ignore[return-value]
    return render_template("core/error.html", code=code, title=title, text=detail or text), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> Any:
        shown_again = rerun_with_stale_token()
        if shown_again is not None:
            return shown_again
        return render_error(
            400, str(_l("The form had expired or was incomplete. Please try again."))
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return render_error(error.code or 500)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InternalError)  # PostgreSQL in read-only mode (a standby after failover)
    def database_unavailable(_error: Exception) -> tuple[str, int]:
        # The database restarted, is read-only or full: a plain 503; the pool reconnects
        # (pool_pre_ping) when it is back, without restarting the app.
        db.session.rollback()
        return render_error(503)

    @app.errorhandler(InternalServerError)
    def server_error(_error: InternalServerError) -> tuple[str, int]:
        return render_error(500)
