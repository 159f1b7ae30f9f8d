"""Contacts: add, edit, merge by e-mail, and the privacy duties (export, delete, erase)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from engage.core.text import clean_name
from engage.extensions import db
from engage.invite.voters import delete_link_ballots
from engage.models import Activity, ActivityStatus, Contact, ContactImport, Invitation, Project
from engage.models.base import utcnow

CONTACT_FIELDS = (
    "name",
    "email",
    "phone",
    "company",
    "org_number",
    "sector",
    "company_size",
    "area",
)


def project_contacts(project: Project) -> list[Contact]:
    """The project's contacts that still have an identity, by company and name."""
    return list(
        db.session.scalars(
            sa.select(Contact)
            .where(Contact.project_id == project.id, Contact.erased_at.is_(None))
            .order_by(sa.func.lower(Contact.company), sa.func.lower(Contact.name), Contact.id)
        )
    )


def find_by_email(project: Project, email: str) -> Contact | None:
    return db.session.scalar(
        sa.select(Contact).where(Contact.project_id == project.id, Contact.email == email.lower())
    )


TEXT_FIELDS = ("name", "phone", "company")


def save_contact(
    project: Project, values: dict[str, Any], contact: Contact | None = None, merge: bool = False
) -> Contact:
    """Create or update a contact (the one given, or the one with the same e-mail). When
    merging, empty values keep what is stored."""
    contact = contact or find_by_email(project, values["email"]) or Contact(project_id=project.id)
    for name in CONTACT_FIELDS:
        value = values.get(name) or ""
        if name not in values or (merge and not value):
            continue
        if name in TEXT_FIELDS:
            value = clean_name(value)  # names go into mail headers and tables
        setattr(contact, name, value if value or name in TEXT_FIELDS else None)
    contact.email = values["email"].lower()
    db.session.add(contact)
    db.session.flush()
    return contact


def contact_data(contact: Contact) -> dict[str, Any]:
    """Everything stored about one contact, for a request for access."""
    return {
        "contact": {name: getattr(contact, name) for name in CONTACT_FIELDS}
        | {
            "is_unsubscribed": contact.is_unsubscribed,
            "created_at": contact.created_at.isoformat(),
        },
        "invitations": [_invitation_data(i) for i in contact.invitations],
    }


def _invitation_data(invitation: Invitation) -> dict[str, Any]:
    response = invitation.response
    return {
        "survey": invitation.activity.title,
        "mails": [
            {
                "kind": m.kind.value,
                "status": m.status.value,
                "sent_at": m.sent_at.isoformat() if m.sent_at else None,
            }
            for m in invitation.mails
        ],
        "answered_at": invitation.answered_at.isoformat() if invitation.answered_at else None,
        "answers": [
            {"question": a.question.prompt, "text": a.text, "choices": a.choices, "scale": a.scale}
            for a in (response.answers if response else [])
        ],
    }


def delete_contact(contact: Contact) -> None:
    """Delete a contact with their invitations and answers, on their request: their survey
    answers, and their ballots in votes with the comments on them."""
    delete_link_ballots(contact.invitations)
    for invitation in contact.invitations:
        if invitation.response is not None:
            db.session.delete(invitation.response)
    db.session.delete(contact)
    db.session.flush()


def erase_identities(activity: Activity) -> tuple[int, int]:
    """After a survey closes: forget who the contacts were, keep the answers with sector, size
    and area. Contacts also invited to a survey still running are kept; returns (erased, kept)."""
    if activity.status is not ActivityStatus.CLOSED:
        raise ValueError("the survey is not closed")
    erased = kept = 0
    for invitation in db.session.scalars(
        sa.select(Invitation).where(Invitation.activity_id == activity.id)
    ):
        if invitation.contact.erased_at is not None:
            continue
        if _in_running_survey(invitation.contact):
            kept += 1
            continue
        _erase(invitation.contact)
        erased += 1
    db.session.flush()
    return erased, kept


def _in_running_survey(contact: Contact) -> bool:
    return any(i.activity.status is not ActivityStatus.CLOSED for i in contact.invitations)


def _forget_pending_imports(contact: Contact) -> None:
    """Unconfirmed imports holding the contact's e-mail would bring the identity back."""
    email = (contact.email or "").lower()
    if not email:
        return
    for pending in db.session.scalars(
        sa.select(ContactImport).where(ContactImport.project_id == contact.project_id)
    ):
        if any((row.get("email") or "").lower() == email for row in pending.rows or []):
            db.session.delete(pending)


def _erase(contact: Contact) -> None:
    _forget_pending_imports(contact)
    contact.name = contact.phone = contact.company = ""
    contact.email = contact.org_number = None
    contact.erased_at = utcnow()
    for invitation in contact.invitations:
        invitation.draft = None
        if invitation.response is not None:
            invitation.response.company_name = invitation.response.org_number = None
        for mail in invitation.mails:
            mail.token_hash, mail.last_error = None, None
