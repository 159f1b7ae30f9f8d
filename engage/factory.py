"""The application factory, built from small configure_* steps."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask_babel import format_date, format_datetime, get_locale
from huey.storage import RedisStorage, SqliteStorage
from werkzeug.middleware.proxy_fix import ProxyFix

from engage import (
    admin,
    auth,
    cli,
    collect,
    invite,
    live,
    report,
    review,
    tasks,  # noqa: F401  (importing it registers the jobs by name)
    themes,
    vote,
)
from engage import config as settings
from engage.core import errors, logs, security
from engage.core import views as core_views
from engage.core.about import display_label, display_labels, in_order
from engage.core.i18n import LANGUAGE_NAMES, select_locale
from engage.core.links import public_url
from engage.core.urls import IdConverter
from engage.extensions import babel, csrf, db, huey, limiter, login, migrate
from engage.models.labels import label

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent


def resource_dir(name: str) -> Path:
    """templates/, static/ or migrations/: at the top of a source checkout (editable install,
    tests), else inside the installed package, where the wheel puts them."""
    checkout = SOURCE_ROOT / name
    if (SOURCE_ROOT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return PACKAGE_DIR / name


MIGRATIONS_DIR = resource_dir("migrations")


def build_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure an app; see engage.create_app."""
    app = Flask(
        "engage",
        instance_relative_config=True,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    configure_settings(app, overrides)
    configure_database(app)
    configure_extensions(app)
    configure_queue(app)
    configure_proxy(app)
    app.url_map.converters["int"] = IdConverter
    register_features(app)
    configure_templates(app)
    security.init_app(app)
    errors.init_app(app)
    logs.init_app(app)
    cli.init_app(app)
    return app


def configure_settings(app: Flask, overrides: Mapping[str, Any] | None = None) -> None:
    """Defaults, instance/config.py, the environment, the mapping given; then the checks."""
    instance = Path(app.instance_path)
    defaults = settings.defaults(instance)
    app.config.from_mapping(defaults)
    app.config.from_pyfile("config.py", silent=True)
    before = dict(app.config)
    app.config.from_prefixed_env(settings.PREFIX)
    settings.prefixed_environment(app.config, before, os.environ, defaults)
    app.config.from_mapping(settings.unprefixed_environment(os.environ))
    app.config.from_mapping(overrides or {})
    settings.finalise(app.config, instance)


def configure_database(app: Flask) -> None:
    """Bind SQLAlchemy; SQLite gets WAL, foreign keys and a busy timeout."""
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
    csrf.init_app(app)
    login.init_app(app)
    login.login_view = "auth.login"
    login.login_message = None
    login.session_protection = "basic"
    babel.init_app(app, locale_selector=select_locale, default_domain="messages")
    limiter.init_app(app)


def configure_queue(app: Flask) -> None:
    """Give the task queue its storage: immediate, Redis, or a SQLite file in instance/."""
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


def register_features(app: Flask) -> None:
    """Each feature registers its blueprints, kind hooks and template names."""
    for feature in (auth, collect, review, invite, admin, live, themes, report, vote):
        feature.init_app(app)
    app.register_blueprint(core_views.bp)


def configure_templates(app: Flask) -> None:
    """Names every template may use."""

    app.jinja_env.filters["format_date"] = format_date
    app.jinja_env.filters["format_datetime"] = format_datetime

    @app.context_processor
    def template_names() -> dict[str, Any]:
        return {
            "language_names": LANGUAGE_NAMES,
            "current_locale": lambda: str(get_locale() or "nb"),
            "label": label,
            "about_label": display_label,
            "about_labels_of": display_labels,
            "about_order": in_order,
            "public_url": public_url,
        }
