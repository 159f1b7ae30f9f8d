"""Security headers on every response."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, abort, current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

View = TypeVar("View", bound=Callable[..., Any])

# Control characters (tab and newline included), DEL and the non-characters U+FFFE/U+FFFF.
ADDRESS_UNSAFE = re.compile("[\x00-\x1f\x7f\ufffe\uffff]")

# Leader pages show personal data and unpublished input: never keep them in a cache.
PRIVATE_PREFIXES = ("/manage", "/auth")


def set_security_headers(response: Response) -> Response:
    """Add CSP, nosniff, referrer and caching headers."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.path.startswith(PRIVATE_PREFIXES):
        headers["Cache-Control"] = "no-store"
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def refuse_unusable_addresses() -> None:
    """A path or query with control characters (NUL, newline …) is a 400 before any view or
    database sees it: no person types them, PostgreSQL refuses NUL, and logs stay one line."""
    if ADDRESS_UNSAFE.search(request.path) or any(
        ADDRESS_UNSAFE.search(key) or ADDRESS_UNSAFE.search(value)
        for key, value in request.args.items(multi=True)
    ):
        abort(400)


def accepts_upload(limit: int) -> Callable[[View], View]:
    """Let a view take a body up to `limit` bytes (an upload) instead of MAX_CONTENT_LENGTH."""

    def mark(view: View) -> View:
        view.upload_limit = limit  # type: ignore[attr-defined]
        return view

    return mark


def apply_upload_limit() -> None:
    """Before anything reads the body (the CSRF check reads the form), set its limit."""
    view = current_app.view_functions.get(request.endpoint or "")
    limit = getattr(view, "upload_limit", None)
    if limit:
        request.max_content_length = limit


def init_app(app: Flask) -> None:
    app.before_request_funcs.setdefault(None, []).insert(0, apply_upload_limit)
    app.before_request(refuse_unusable_addresses)
    app.after_request(set_security_headers)
