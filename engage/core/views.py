"""Start page, language switch and health check."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy import text
from werkzeug.wrappers import Response as WerkzeugResponse

from engage.core.urls import safe_next
from engage.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/")
def index() -> str | WerkzeugResponse:
    if current_user.is_authenticated:
        return redirect(url_for("review.projects"))
    return render_template("core/index.html")


@bp.post("/language")
def set_language() -> WerkzeugResponse:
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(safe_next(request.form.get("next"), default="/"))


@bp.get("/healthz")
def healthz() -> tuple[WerkzeugResponse, int]:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"
        db.session.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok"), 200
