"""Security headers on every response."""

from __future__ import annotations

import re

from flask import Flask, Response, abort, request

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


def init_app(app: Flask) -> None:
    app.before_request(refuse_unusable_addresses)
    app.after_request(set_security_headers)
