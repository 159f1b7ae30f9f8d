"""Accounts: create, authenticate, load from the session, change password."""

from __future__ import annotations

from sqlalchemy import func, select

from engage.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from engage.core.urls import parse_int
from engage.extensions import db
from engage.models import Role, User
from engage.models.base import utcnow


class AccountError(ValueError):
    """A request about an account that cannot be carried out."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """The account with this e-mail address, in any letter case."""
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def create_user(email: str, password: str, role: Role = Role.LEADER, name: str = "") -> User:
    """Add an account; the e-mail must be new and the password long enough."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError("invalid e-mail address")
    if find_user(email):
        raise AccountError("an account with this e-mail address exists")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    user = User(email=email, name=name, password_hash=hash_password(password), role=role)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None; same work either way."""
    user = find_user(email) if email else None
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.is_active:
        return None
    user.last_login_at = utcnow()
    return user


def load_user(session_id: str) -> User | None:
    """Flask-Login loader: the id and the current session token must both match."""
    user_id, _, token = session_id.partition(":")
    number = parse_int(user_id)
    if number is None or not token:
        return None
    user = db.session.get(User, number)
    if user is None or not user.is_active or user.session_token != token:
        return None
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password and end every existing session of the user."""
    if not verify_password(user.password_hash, current):
        raise AccountError("current password is wrong")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise AccountError("password too short")
    user.password_hash = hash_password(new)
    user.revoke_sessions()
    db.session.flush()
