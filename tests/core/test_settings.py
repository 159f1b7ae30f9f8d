"""Settings come from defaults, instance/config.py, the environment and create_app's mapping,
in that order, with Flask's own loaders; unsafe production settings are refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask import Flask

from engage.config import ConfigError
from engage.factory import configure_settings

UNPREFIXED = ("DATABASE_URL", "SECRET_KEY", "RATELIMIT_STORAGE_URI")


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No settings from the environment the suite runs in."""
    for name in list(os.environ):
        if name.startswith("ENGAGE_") or name in UNPREFIXED:
            monkeypatch.delenv(name)
    return monkeypatch


def settings(instance: Path, overrides: dict | None = None) -> dict:
    app = Flask("engage", instance_path=str(instance), instance_relative_config=True)
    configure_settings(app, overrides)
    return app.config


def test_instance_file_then_prefixed_environment(tmp_path, environ):
    (tmp_path / "config.py").write_text(
        'MAIL_SERVER = "smtp.file.no"\n'
        'PUBLIC_BASE_URL = "https://file.kommune.no"\n'
        "MAIL_BATCH_SIZE = 10\n"
        "MAIL_PORT = 2525\n"
        "lowercase_is_ignored = 1\n"
    )
    environ.setenv("ENGAGE_PUBLIC_BASE_URL", "https://engage.kommune.no")
    environ.setenv("ENGAGE_PROXY_COUNT", "1")
    environ.setenv("ENGAGE_MAIL_USE_TLS", "yes")
    environ.setenv("ENGAGE_MAIL_USE_SSL", "off")
    environ.setenv("ENGAGE_MAIL_PASSWORD", "123456")
    environ.setenv("ENGAGE_MAIL_PORT", "")  # empty counts as unset
    environ.setenv("ENGAGE_INVITE_MAX_REMINDERS", "2")
    environ.setenv("ENGAGE_SESSION_COOKIE_NAME", "engage_session")  # any Flask setting
    environ.setenv("ENGAGE_SQLALCHEMY_ENGINE_OPTIONS__pool_size", "5")  # nested, JSON
    config = settings(tmp_path)

    assert config["MAIL_SERVER"] == "smtp.file.no"  # file only
    assert config["MAIL_BATCH_SIZE"] == 10
    assert config["MAIL_PORT"] == 2525
    assert "lowercase_is_ignored" not in config
    assert config["PUBLIC_BASE_URL"] == "https://engage.kommune.no"  # environment wins
    assert config["PROXY_COUNT"] == 1
    assert config["MAIL_USE_TLS"] is True and config["MAIL_USE_SSL"] is False
    assert config["MAIL_PASSWORD"] == "123456"
    assert config["INVITE_MAX_REMINDERS"] == 2
    assert config["SESSION_COOKIE_NAME"] == "engage_session"
    assert config["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_pre_ping": True, "pool_size": 5}
    assert config["ENV_NAME"] == "development"
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'engage.sqlite'}"
    assert len(config["SECRET_KEY"]) >= 32
    assert (tmp_path / "secret_key").read_text().strip() == config["SECRET_KEY"]


@pytest.mark.parametrize(
    "words,expected", [(("1", "true", "YES", "on"), True), (("0", "false", "No", "off"), False)]
)
def test_boolean_words(tmp_path, environ, words, expected):
    for word in words:
        environ.setenv("ENGAGE_TASKS_IMMEDIATE", word)
        assert settings(tmp_path)["TASKS_IMMEDIATE"] is expected, word


@pytest.mark.parametrize(
    "name,value", [("ENGAGE_MAIL_USE_TLS", "maybe"), ("ENGAGE_PROXY_COUNT", "one")]
)
def test_a_value_of_the_wrong_kind_is_refused(tmp_path, environ, name, value):
    environ.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        settings(tmp_path)


def test_production_from_the_usual_variables(tmp_path, environ):
    (tmp_path / "config.py").write_text('ENV_NAME = "development"\n')
    environ.setenv("ENGAGE_ENV", "production")
    environ.setenv("SECRET_KEY", "k" * 48)
    environ.setenv("DATABASE_URL", "postgres://engage:pw@db.internal/engage")
    environ.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    config = settings(tmp_path)

    assert config["ENV_NAME"] == "production" and "ENV" not in config
    assert config["SECRET_KEY"] == "k" * 48
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://engage:pw@db.internal/engage"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert config["SESSION_COOKIE_SECURE"] is True and config["REMEMBER_COOKIE_SECURE"] is True
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("key", ["", "change-me", "short-but-not-weak"])
def test_production_refuses_a_weak_or_missing_secret_key(tmp_path, environ, key):
    environ.setenv("ENGAGE_ENV", "production")
    environ.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        settings(tmp_path)


def test_a_prefixed_secret_key_of_digits_stays_text(tmp_path, environ):
    environ.setenv("ENGAGE_ENV", "production")
    environ.setenv("ENGAGE_SECRET_KEY", "1" * 40)
    assert settings(tmp_path)["SECRET_KEY"] == "1" * 40


def test_the_mapping_given_wins_over_the_environment(tmp_path, environ):
    environ.setenv("DATABASE_URL", "postgresql://engage@db.internal/engage")
    environ.setenv("ENGAGE_MAIL_SERVER", "smtp.env.no")
    config = settings(tmp_path, {"SQLALCHEMY_DATABASE_URI": "sqlite://", "MAIL_SERVER": "x"})
    assert (config["SQLALCHEMY_DATABASE_URI"], config["MAIL_SERVER"]) == ("sqlite://", "x")
