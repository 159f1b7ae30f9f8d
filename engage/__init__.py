"""engage: input and engagement for Norwegian omstilling programmes.

Flask is imported inside ``create_app`` only, so ``engage.analysis`` stays importable
without the web stack.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

__version__ = "0.1.0"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, hooks."""
    from engage.factory import build_app

    return build_app(config)
