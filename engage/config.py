"""Settings: defaults, then instance/config.py, then ENGAGE_*/DATABASE_URL environment, then
the mapping given to create_app()."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

WEAK_KEYS = {"", "dev", "change-me", "changeme", "secret"}
MIN_SECRET_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """The settings are unsafe or incomplete; the app refuses to start."""


def defaults(instance_path: Path) -> dict[str, Any]:
    """Settings that make `flask run` work on a laptop with nothing configured."""
    return {
        "ENV_NAME": "development",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance_path / 'engage.sqlite'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "BABEL_DEFAULT_LOCALE": "nb",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Oslo",
        "LANGUAGES": ["nb", "nn", "en", "pl"],
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": False,
        "LOGIN_LIMIT_PER_ACCOUNT": "10 per 15 minutes",
        "LOGIN_LIMIT_PER_IP": "60 per 15 minutes",
        # A person sends a few ideas; a venue of 300 phones shares one address.
        "COLLECT_LIMIT_PER_SESSION": "30 per 10 minutes",
        "COLLECT_LIMIT_PER_IP": "3000 per 10 minutes",
        "PROXY_COUNT": 0,
        # Task queue: empty means a SQLite file in instance/ (jobs.sqlite); redis://… in production.
        "TASK_QUEUE_URL": "",
        # Run jobs at once, inside the process that queues them (tests).
        "TASKS_IMMEDIATE": False,
        # A running analysis without a heartbeat for this long is stuck (its worker died).
        "RUN_STALE_MINUTES": 10,
        # How often a run is started before a stuck one is marked failed.
        "RUN_MAX_ATTEMPTS": 2,
        # Test-only: seconds an analysis run sleeps once it is running.
        "RUN_DELAY_SECONDS": 0,
        # seed-demo analyses the demo input with sentence embeddings (about a minute).
        "DEMO_EMBEDDINGS": True,
        "PUBLIC_BASE_URL": "",
        # Outgoing mail for business survey invitations (SMTP).
        "MAIL_SERVER": "localhost",
        "MAIL_PORT": 25,
        "MAIL_USE_TLS": False,  # STARTTLS
        "MAIL_USE_SSL": False,  # TLS from the first byte (usually port 465)
        "MAIL_USERNAME": "",
        "MAIL_PASSWORD": "",
        "MAIL_FROM": "engage@localhost",
        "MAIL_TIMEOUT": 30,
        "MAIL_BATCH_SIZE": 50,
        "MAIL_MAX_ATTEMPTS": 5,
        # Minutes before the first retry; doubled for each further attempt.
        "MAIL_RETRY_MINUTES": 5,
        # Nobody gets a reminder sooner than this after their last mail.
        "INVITE_REMINDER_MIN_DAYS": 3,
        "INVITE_MAX_REMINDERS": 3,
    }


ENV_KEYS = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
    "ENGAGE_ENV": "ENV_NAME",
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "ENGAGE_PROXY_COUNT": "PROXY_COUNT",
    "ENGAGE_PUBLIC_BASE_URL": "PUBLIC_BASE_URL",
    "ENGAGE_DEMO_EMBEDDINGS": "DEMO_EMBEDDINGS",
    "ENGAGE_TASK_QUEUE_URL": "TASK_QUEUE_URL",
    "ENGAGE_TASKS_IMMEDIATE": "TASKS_IMMEDIATE",
    "ENGAGE_RUN_STALE_MINUTES": "RUN_STALE_MINUTES",
    "ENGAGE_RUN_DELAY_SECONDS": "RUN_DELAY_SECONDS",
    "ENGAGE_MAIL_SERVER": "MAIL_SERVER",
    "ENGAGE_MAIL_PORT": "MAIL_PORT",
    "ENGAGE_MAIL_USE_TLS": "MAIL_USE_TLS",
    "ENGAGE_MAIL_USE_SSL": "MAIL_USE_SSL",
    "ENGAGE_MAIL_USERNAME": "MAIL_USERNAME",
    "ENGAGE_MAIL_PASSWORD": "MAIL_PASSWORD",
    "ENGAGE_MAIL_FROM": "MAIL_FROM",
}
INT_SETTINGS = ("PROXY_COUNT", "MAIL_PORT")
FLOAT_SETTINGS = ("RUN_STALE_MINUTES", "RUN_DELAY_SECONDS")
BOOL_SETTINGS = ("MAIL_USE_TLS", "MAIL_USE_SSL", "DEMO_EMBEDDINGS", "TASKS_IMMEDIATE")


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Pick the settings we read from the environment."""
    found: dict[str, Any] = {}
    for env_key, setting in ENV_KEYS.items():
        if environ.get(env_key):
            found[setting] = environ[env_key]
    for name in INT_SETTINGS:
        if name in found:
            found[name] = int(found[name])
    for name in FLOAT_SETTINGS:
        if name in found:
            found[name] = float(found[name])
    for name in BOOL_SETTINGS:
        if name in found:
            found[name] = found[name].strip().lower() in {"1", "true", "yes", "on"}
    return found


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def development_secret(instance_path: Path) -> str:
    """A random key kept in instance/ so development sessions survive restarts."""
    path = instance_path / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def finalise(settings: dict[str, Any], instance_path: Path) -> None:
    """Derive dependent settings and refuse unsafe production settings."""
    settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        settings["SQLALCHEMY_DATABASE_URI"]
    )
    production = settings["ENV_NAME"] == "production"
    key = settings.get("SECRET_KEY") or ""
    if production:
        if key.lower() in WEAK_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
            raise ConfigError(
                "SECRET_KEY must be set to a random value of at least "
                f"{MIN_SECRET_KEY_LENGTH} characters in production "
                '(python -c "import secrets; print(secrets.token_urlsafe(48))")'
            )
        settings["SESSION_COOKIE_SECURE"] = True
        settings["REMEMBER_COOKIE_SECURE"] = True
    elif not key:
        settings["SECRET_KEY"] = development_secret(instance_path)


def load(instance_path: Path, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """All settings in order of precedence, checked."""
    settings = defaults(instance_path)
    instance_file = instance_path / "config.py"
    if instance_file.exists():
        namespace: dict[str, Any] = {}
        exec(compile(instance_file.read_text(), str(instance_file), "exec"), namespace)  # noqa: S102
        settings.update({k: v for k, v in namespace.items() if k.isupper()})
    settings.update(from_environment(os.environ))
    settings.update(overrides or {})
    finalise(settings, instance_path)
    return settings
