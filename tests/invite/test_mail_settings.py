"""An operator configures SMTP through ENGAGE_MAIL_* environment variables."""

from __future__ import annotations

from flask import Flask

from engage.factory import configure_settings


def test_mail_settings_come_from_the_environment_with_types(tmp_path, monkeypatch):
    for name, value in {
        "ENGAGE_MAIL_SERVER": "smtp.kommune.no",
        "ENGAGE_MAIL_PORT": "587",
        "ENGAGE_MAIL_USE_TLS": "true",
        "ENGAGE_MAIL_USE_SSL": "0",
        "ENGAGE_MAIL_USERNAME": "engage",
        "ENGAGE_MAIL_PASSWORD": "s3cret",
        "ENGAGE_MAIL_FROM": "Omstilling <omstilling@kommune.no>",
    }.items():
        monkeypatch.setenv(name, value)
    app = Flask("engage", instance_path=str(tmp_path), instance_relative_config=True)
    configure_settings(app)
    found = app.config
    assert found["MAIL_SERVER"] == "smtp.kommune.no"
    assert found["MAIL_PORT"] == 587
    assert found["MAIL_USE_TLS"] is True and found["MAIL_USE_SSL"] is False
    assert (found["MAIL_USERNAME"], found["MAIL_PASSWORD"]) == ("engage", "s3cret")
    assert found["MAIL_FROM"].endswith("<omstilling@kommune.no>")
