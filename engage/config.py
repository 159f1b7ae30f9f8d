"""Settings, loaded by engage.factory.configure_settings with Flask's own loaders, in order:
the defaults here, instance/config.py, ENGAGE_* variables, DATABASE_URL, SECRET_KEY and
RATELIMIT_STORAGE_URI, the mapping given to create_app(); then finalise() checks them."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

WEAK_KEYS = {"", "dev", "change-me", "changeme", "secret"}
MIN_SECRET_KEY_LENGTH = 32


# An empty secret means "not configured": a random development key, no SMTP login.
NOT_SET = ""


class ConfigError(RuntimeError):
    """The settings are unsafe or incomplete; the app refuses to start."""


def defaults(instance_path: Path) -> dict[str, Any]:
    """Settings that make `flask run` work on a laptop with nothing configured."""
    return {
        "ENV_NAME": "development",
        # Empty: a random key kept in instance/secret_key (refused in production).
        "SECRET_KEY": NOT_SET,
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
        # The public results page is cached; this only stops one address from hammering it.
        "RESULTS_LIMIT_PER_IP": "600 per minute",
        "PROXY_COUNT": 0,
        # "json": one JSON object per log line (production); "text": Flask's default.
        "LOG_FORMAT": "text",
        # Task queue: empty means a SQLite file in instance/ (jobs.sqlite); redis://… in production.
        "TASK_QUEUE_URL": "",
        # Run jobs at once, inside the process that queues them (tests).
        "TASKS_IMMEDIATE": False,
        # A running analysis without a heartbeat for this long is stuck (its worker died).
        "RUN_STALE_MINUTES": 10.0,
        # How often a run is started before a stuck one is marked failed.
        "RUN_MAX_ATTEMPTS": 2,
        # Test-only: seconds an analysis run sleeps once it is running.
        "RUN_DELAY_SECONDS": 0.0,
        # seed-demo analyses the demo input with sentence embeddings (about a minute).
        "DEMO_EMBEDDINGS": True,
        "PUBLIC_BASE_URL": "",
        # Outgoing mail for business survey invitations (SMTP).
        "MAIL_SERVER": "localhost",
        "MAIL_PORT": 25,
        "MAIL_USE_TLS": False,  # STARTTLS
        "MAIL_USE_SSL": False,  # TLS from the first byte (usually port 465)
        "MAIL_USERNAME": "",
        "MAIL_PASSWORD": NOT_SET,
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


PREFIX = "ENGAGE"
# ENGAGE_<NAME> sets <NAME>, except these.
RENAMED = {"ENV": "ENV_NAME", "DATABASE_URL": "SQLALCHEMY_DATABASE_URI"}
# The usual unprefixed names, read after the ENGAGE_ ones.
UNPREFIXED = {"DATABASE_URL": "SQLALCHEMY_DATABASE_URI"} | {
    name: name for name in ("SECRET_KEY", "RATELIMIT_STORAGE_URI")
}
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def prefixed_environment(
    config: dict[str, Any],
    before: Mapping[str, Any],
    environ: Mapping[str, str],
    known: Mapping[str, Any],
) -> None:
    """Tidy what ``Config.from_prefixed_env`` loaded (``before`` is the config before it).

    from_prefixed_env JSON-parses each value. A setting with a default keeps the default's
    type, read from the raw text instead: booleans from 1/true/yes/on and 0/false/no/off,
    whole numbers, and strings as written (a password "123456" stays text). An empty
    variable counts as unset, ENGAGE_ENV sets ENV_NAME, and ENGAGE_DATABASE_URL the
    SQLAlchemy URL.
    """
    start = f"{PREFIX}_"
    for name, raw in environ.items():
        key = name[len(start) :]
        if not name.startswith(start) or not key or "__" in key:
            continue
        loaded = config.pop(key, None)  # what from_prefixed_env made of it
        if key in before:
            config[key] = before[key]
        if raw.strip():
            setting = RENAMED.get(key, key)
            config[setting] = _typed(name, raw, loaded, known.get(setting))


def _typed(name: str, raw: str, loaded: Any, default: Any) -> Any:
    if isinstance(default, bool):
        return _boolean(name, raw)
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if isinstance(default, str):
        return raw
    return loaded


def _boolean(name: str, raw: str) -> bool:
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name} must be one of 1/true/yes/on or 0/false/no/off, not {raw!r}")


def unprefixed_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """DATABASE_URL, SECRET_KEY and RATELIMIT_STORAGE_URI, when set and not empty."""
    return {setting: environ[name] for name, setting in UNPREFIXED.items() if environ.get(name)}


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
