"""Forankring: participants vote on the candidate innsatsområder, at a meeting or by link."""

from __future__ import annotations

from typing import Any

from flask import Flask

from engage.core import kinds
from engage.invite import vote_mails
from engage.models import Activity, ActivityKind
from engage.vote.services import link_ballots, results
from engage.vote.views import bp, link, open_vote_for_link, show_ballot, submit_ballot

__all__ = ["init_app", "open_vote_for_link", "results"]


def manage_context(activity: Activity, can_edit: bool) -> dict[str, Any]:
    """Results on the leader's vote page; mail counts only for editors, who send them."""
    vote_results, ballots = results(activity)
    mails = None
    if can_edit:
        mails = vote_mails(activity)
        mails.ballots = link_ballots(activity)
    return {"vote_results": vote_results, "ballots": ballots, "vote_mails": mails}


def init_app(app: Flask) -> None:
    """Ballot pages, the leader's set-up routes, and the vote kind's hooks."""
    app.register_blueprint(bp, url_prefix="/manage")
    app.register_blueprint(link)
    kinds.register(
        ActivityKind.VOTE,
        public_page=lambda activity: show_ballot(activity),
        public_submit=submit_ballot,
        manage_context=manage_context,
    )
    app.context_processor(lambda: {"link_vote": open_vote_for_link})
