"""Leader accounts: login, users, roles."""

from __future__ import annotations

from flask import Flask

from engage.auth.passwords import MIN_PASSWORD_LENGTH, generate_password, hash_password
from engage.auth.services import AccountError, create_user, find_user, load_user
from engage.auth.views import bp
from engage.extensions import login

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "AccountError",
    "create_user",
    "find_user",
    "generate_password",
    "hash_password",
    "init_app",
]


def init_app(app: Flask) -> None:
    """Login pages, and the session loader for Flask-Login."""
    login.user_loader(load_user)
    app.register_blueprint(bp, url_prefix="/auth")
