"""The application factory, built from small configure_* steps."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from huey.storage import RedisStorage, SqliteStorage
from werkzeug.middleware.proxy_fix import ProxyFix

from engage import config as settings
from engage.extensions import babel, csrf, db, huey, limiter, login, migrate

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def build_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure an app; see engage.create_app."""
    app = Flask("engage", instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(settings.load(Path(app.instance_path), overrides))
    configure_database(app)
    configure_extensions(app)
    configure_queue(app)
    configure_proxy(app)
    register_blueprints(app)
    from engage import cli
    from engage.core import errors, security

    configure_templates(app)
    security.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    return app


def configure_database(app: Flask) -> None:
    """Bind SQLAlchemy; SQLite gets WAL, foreign keys and a busy timeout."""
    import engage.models  # noqa: F401  (register the tables)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            sa.event.listen(db.engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def configure_extensions(app: Flask) -> None:
    """CSRF, login, translations and rate limits."""
    from engage.auth.services import load_user
    from engage.core.i18n import select_locale

    csrf.init_app(app)
    login.init_app(app)
    login.user_loader(load_user)
    login.login_view = "auth.login"
    login.login_message = None
    login.session_protection = "basic"
    babel.init_app(app, locale_selector=select_locale, default_domain="messages")
    limiter.init_app(app)


def configure_queue(app: Flask) -> None:
    """Give the task queue its storage: immediate, Redis, or a SQLite file in instance/."""
    import engage.tasks  # noqa: F401  (register the jobs)

    huey.immediate = bool(app.config["TASKS_IMMEDIATE"])
    url = app.config["TASK_QUEUE_URL"] or f"sqlite:///{Path(app.instance_path) / 'jobs.sqlite'}"
    if url.startswith(("redis://", "rediss://", "unix://")):
        huey.storage_class, huey.storage_kwargs = RedisStorage, {"url": url}
    elif url.startswith("sqlite:///"):
        huey.storage_class = SqliteStorage
        huey.storage_kwargs = {"filename": url.removeprefix("sqlite:///"), "timeout": 10}
    else:
        raise settings.ConfigError(f"TASK_QUEUE_URL must be redis://… or sqlite:///…: {url!r}")
    huey.storage = huey.create_storage()  # immediate mode keeps jobs in memory


def configure_proxy(app: Flask) -> None:
    """Trust X-Forwarded-* only from as many proxies as configured."""
    count = int(app.config["PROXY_COUNT"])
    if count:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count
        )


def register_blueprints(app: Flask) -> None:
    """Each feature is a blueprint with its own URL prefix."""
    from engage.auth.views import bp as auth_bp
    from engage.collect.views import bp as collect_bp
    from engage.core.views import bp as core_bp
    from engage.invite.display import bp as invite_bp
    from engage.invite.manage import bp as invites_bp
    from engage.live.views import bp as live_bp
    from engage.report.views import bp as report_bp
    from engage.report.views import public as results_bp
    from engage.review.views import bp as review_bp
    from engage.themes.views import bp as themes_bp
    from engage.vote.views import bp as vote_bp
    from engage.vote.views import link as vote_link_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(collect_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(review_bp, url_prefix="/manage")
    app.register_blueprint(invite_bp)
    app.register_blueprint(invites_bp, url_prefix="/manage")
    app.register_blueprint(
        live_bp, url_prefix="/manage/projects/<int:project_id>/activities/<int:activity_id>"
    )
    app.register_blueprint(themes_bp, url_prefix="/manage/projects/<int:project_id>/themes")
    app.register_blueprint(report_bp, url_prefix="/manage/projects/<int:project_id>/summary")
    app.register_blueprint(results_bp)
    app.register_blueprint(vote_bp, url_prefix="/manage")
    app.register_blueprint(vote_link_bp)


def configure_templates(app: Flask) -> None:
    """Names every template may use."""
    from flask_babel import format_date, format_datetime, get_locale

    from engage.collect.links import public_url
    from engage.core.i18n import LANGUAGE_NAMES
    from engage.models.labels import label
    from engage.report.wording import gap_sentence
    from engage.vote.views import open_vote_for_link

    app.jinja_env.filters["format_date"] = format_date
    app.jinja_env.filters["format_datetime"] = format_datetime

    @app.context_processor
    def template_names() -> dict[str, Any]:
        return {
            "language_names": LANGUAGE_NAMES,
            "current_locale": lambda: str(get_locale() or "nb"),
            "label": label,
            "public_url": public_url,
            "gap_sentence": gap_sentence,
            "link_vote": open_vote_for_link,
        }
