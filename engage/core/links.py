"""Public addresses of activities, for QR codes, posters and printed links."""

from __future__ import annotations

from flask import current_app, request

from engage.models import Activity

# A private link carries its token in the address: never pass it on, never cache the page.
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def public_base() -> str:
    """The configured public address, else the address this request came to."""
    base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url
    return base.rstrip("/")


def public_url(activity: Activity) -> str:
    """The short join URL of an activity, e.g. https://engage.kommune.no/j/K7M3QA."""
    return f"{public_base()}/j/{activity.join_code}"
