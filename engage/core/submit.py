"""One submit pipeline for every public form: workshop form, ballot, personal link.

Flask-WTF checks the CSRF token of every POST. A public form marks its view with
`keeps_typed_input`: when the token is stale or missing, the view runs anyway with
`token_is_stale()` true, and `submit` shows the form again with everything typed and a
message, instead of a bare error page that loses it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from flask import current_app, g, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import InternalError, OperationalError
from werkzeug.exceptions import HTTPException

from engage.core.ratelimits import allow_submission
from engage.extensions import db

STALE_MESSAGE = _l("The form had been open a long time. Nothing is lost: please send it again.")
TOO_MANY_MESSAGE = _l(
    "You have sent many answers in a short time. Wait a few minutes and send again."
)
NOT_SAVED_MESSAGE = _l(
    "Your answer could not be saved just now. Nothing you wrote is lost: please send it again "
    "in a moment."
)
View = TypeVar("View", bound=Callable[..., Any])
log = logging.getLogger(__name__)


class Given(Protocol):
    """What a form read from the request: its values and what is wrong with them."""

    errors: dict[str, str]


class PublicForm(Protocol):
    """The steps that differ between public forms; `submit` runs them in one order."""

    limit_rate: bool

    def is_open(self) -> bool: ...
    def closed(self) -> Any: ...
    def read(self) -> Given: ...
    def show(self, given: Any, status: int) -> Any: ...
    def store(self, given: Any) -> None: ...
    def done(self) -> Any: ...


def keeps_typed_input(view: View) -> View:
    """Mark a view whose form is shown again (not refused) when its CSRF token is stale."""
    view.keeps_typed_input = True  # type: ignore[attr-defined]
    return view


def token_is_stale() -> bool:
    """Whether this request's CSRF token was refused (only inside a `keeps_typed_input` view)."""
    return bool(g.get("csrf_stale"))


def rerun_with_stale_token() -> Any | None:
    """For the CSRF error handler: run a marked view again, with the token flagged stale."""
    view = current_app.view_functions.get(request.endpoint or "")
    if not getattr(view, "keeps_typed_input", False) or token_is_stale():
        return None
    g.csrf_stale = True
    try:
        return current_app.ensure_sync(view)(**(request.view_args or {}))
    except HTTPException as error:  # a 404 of the view is still a 404, not a 500
        return current_app.handle_http_exception(error)


def submit(form: PublicForm) -> Any:
    """Closed? stale token? wrong input? too many? Else store, commit once, and go on."""
    if not form.is_open():
        return form.closed()
    given = form.read()
    if token_is_stale():
        given.errors["form"] = str(STALE_MESSAGE)
        return form.show(given, 400)
    if given.errors:
        return form.show(given, 422)
    if form.limit_rate and not allow_submission():
        given.errors["form"] = str(TOO_MANY_MESSAGE)
        return form.show(given, 429)
    try:
        form.store(given)
        db.session.commit()
    except (OperationalError, InternalError):
        # The database is down, read-only or full: nothing was stored, so say so and keep
        # everything typed on the page. Never acknowledge what is not saved.
        db.session.rollback()
        log.exception("a public form could not be stored")
        given.errors["form"] = str(NOT_SAVED_MESSAGE)
        return form.show(given, 503)
    return form.done()
