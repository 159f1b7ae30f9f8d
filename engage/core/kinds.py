"""Per-kind behaviour of activities on web pages, registered by the feature that owns it.

The citizen side shows and takes `/j/<code>` for every kind; a kind with its own public page
(a ballot) registers it here. The leader's activity page adds what a kind's feature
contributes (vote results, mail counts). Features register in their `init_app`, so collect
and review never import the feature behind a kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engage.models import Activity, ActivityKind

PageHook = Callable[[Activity], Any]
ContextHook = Callable[[Activity, bool], dict[str, Any]]


@dataclass
class KindHooks:
    """What a feature adds for one activity kind."""

    public_page: PageHook | None = None  # GET /j/<code>
    public_submit: PageHook | None = None  # POST /j/<code>
    manage_context: ContextHook | None = None  # extra names for the leader's activity page


_HOOKS: dict[ActivityKind, KindHooks] = {}


def register(kind: ActivityKind, **hooks: Any) -> None:
    """Set hooks for a kind (public_page, public_submit, manage_context)."""
    entry = _HOOKS.setdefault(kind, KindHooks())
    for name, hook in hooks.items():
        if not hasattr(entry, name):
            raise TypeError(f"unknown kind hook {name!r}")
        setattr(entry, name, hook)


def hooks(kind: ActivityKind) -> KindHooks:
    """The hooks of a kind; empty when no feature registered any."""
    return _HOOKS.get(kind) or KindHooks()


def manage_context(activity: Activity, can_edit: bool) -> dict[str, Any]:
    """Extra template names for the leader's page of this activity."""
    hook = hooks(activity.kind).manage_context
    return hook(activity, can_edit) if hook else {}
