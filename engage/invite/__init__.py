"""Business surveys by e-mail: contacts, personal links, sending, answering, erasure."""

from __future__ import annotations

from flask import Flask

from engage.invite.answering import find_mail
from engage.invite.display import bp as link_bp
from engage.invite.manage import bp as manage_bp
from engage.invite.overview import VoteMails, vote_mails
from engage.invite.overview import overview as survey_overview
from engage.invite.voters import link_voter_key, link_voter_keys

__all__ = [
    "VoteMails",
    "find_mail",
    "init_app",
    "link_voter_key",
    "link_voter_keys",
    "survey_overview",
    "vote_mails",
]


def init_app(app: Flask) -> None:
    """The personal-link pages and the leader's invitation pages."""
    app.register_blueprint(link_bp)
    app.register_blueprint(manage_bp, url_prefix="/manage")
