"""Rate limits for public forms: per browser session, and per IP address only at a level that
300 phones behind one venue's NAT never reach."""

from __future__ import annotations

import secrets

from flask import current_app, request, session
from limits import parse

from engage.extensions import limiter


def browser_session_id() -> str:
    """A random id for this browser's session (not stored with any input)."""
    if "sid" not in session:
        session["sid"] = secrets.token_urlsafe(16)
    return session["sid"]


def allow_submission() -> bool:
    """Count one submission; False when this session or address has sent too many."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    strategy = limiter.limiter
    per_session = parse(current_app.config["COLLECT_LIMIT_PER_SESSION"])
    per_ip = parse(current_app.config["COLLECT_LIMIT_PER_IP"])
    ip = request.remote_addr or "unknown"
    return strategy.hit(per_session, "collect-session", browser_session_id()) and strategy.hit(
        per_ip, "collect-ip", ip
    )
