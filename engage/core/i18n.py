"""Which language a page is shown in."""

from __future__ import annotations

from flask import current_app, g, session

LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English", "pl": "Polski"}


def select_locale() -> str:
    """The language chosen in this session, else the project's language form on citizen
    pages, else the default (bokmål)."""
    chosen = session.get("lang")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return g.get("project_locale") or current_app.config["BABEL_DEFAULT_LOCALE"]
