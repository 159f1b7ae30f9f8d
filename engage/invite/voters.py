"""The ballot key of a personal link: which ballot in a vote belongs to one invitation.

It is derived from the token hash of the invitation's first mail that carried a link: a
random 256-bit value unique to that invitation, which goes when the invitation is deleted
and when the contact is erased. (It used to be derived from the invitation's id, which
SQLite hands out again after a delete, so the next contact found the last one's ballot.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Activity, Ballot, Invitation, InvitationMail, Response


def _key(token_hash: str) -> str:
    return hashlib.sha256(f"link:{token_hash}".encode()).hexdigest()


def _legacy_key(invitation_id: int) -> str:
    """The key ballots cast by link had before: from the invitation id."""
    return hashlib.sha256(f"invitation:{invitation_id}".encode()).hexdigest()


def _first_link_hashes(invitations: sa.ColumnElement[bool]) -> sa.Select[tuple[str | None]]:
    """Per invitation matching the condition, the token hash of its first mail with a link."""
    first = (
        sa.select(sa.func.min(InvitationMail.id))
        .join(Invitation, InvitationMail.invitation_id == Invitation.id)
        .where(invitations, InvitationMail.token_hash.is_not(None))
        .group_by(InvitationMail.invitation_id)
    )
    return sa.select(InvitationMail.token_hash).where(InvitationMail.id.in_(first))


def link_voter_key(invitation: Invitation) -> str:
    """The voter key of the ballot cast through this invitation's personal link."""
    token_hash = db.session.scalar(_first_link_hashes(Invitation.id == invitation.id))
    if token_hash is None:  # it was reached by a link, so it has one
        raise LookupError(f"invitation {invitation.id} has no personal link")
    return _key(token_hash)


def link_voter_keys(project_id: int) -> list[str]:
    """The voter keys of every personal link in the project's business surveys."""
    in_project = Invitation.activity_id.in_(
        sa.select(Activity.id).where(Activity.project_id == project_id)
    )
    return [_key(h) for h in db.session.scalars(_first_link_hashes(in_project)) if h]


def delete_link_ballots(invitations: Iterable[Invitation]) -> None:
    """Delete the ballots cast through these invitations' links, with their comments."""
    invitations = list(invitations)
    if not invitations:
        return
    ids = [i.id for i in invitations]
    keys = [_legacy_key(i) for i in ids]
    keys += [_key(h) for h in db.session.scalars(_first_link_hashes(Invitation.id.in_(ids))) if h]
    project_id = invitations[0].activity.project_id
    ballots = db.session.scalars(
        sa.select(Ballot)
        .join(Activity, Ballot.activity_id == Activity.id)
        .where(Activity.project_id == project_id, Ballot.voter_key.in_(keys))
    ).all()
    for ballot in ballots:
        if ballot.response_id is not None:
            response = db.session.get(Response, ballot.response_id)
            if response is not None:
                db.session.delete(response)
        db.session.delete(ballot)
