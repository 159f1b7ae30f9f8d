"""Answering through a personal link: find it, keep a draft, store one response per link."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from engage.core.about import NACE_SECTIONS
from engage.extensions import db
from engage.inputs import Submission, clean_text, record_response, replace_answers
from engage.invite.fields import COMPANY_SIZES
from engage.invite.tokens import hash_token, looks_like_token
from engage.models import (
    Invitation,
    InvitationMail,
    InvitationMessage,
    MailStatus,
    Response,
)
from engage.models.base import utcnow

MAX_DRAFT_FIELDS = 200
MAX_DRAFT_VALUE = 4000


@dataclass
class CompanyFields:
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def find_mail(token: str) -> InvitationMail | None:
    """The mail whose link carries this token, if any."""
    if not looks_like_token(token):
        return None
    return db.session.scalar(
        sa.select(InvitationMail).where(
            InvitationMail.token_hash == hash_token(token),
            InvitationMail.status.in_((MailStatus.SENT, MailStatus.SENDING)),
        )
    )


def find_open_invitation(token: str) -> Invitation | None:
    """The invitation behind a link while its survey is open; None for anything else."""
    mail = find_mail(token)
    if mail is None:
        return None
    invitation = mail.invitation
    if not invitation.activity.is_open or invitation.contact.erased_at is not None:
        return None
    return invitation


def page_language(invitation: Invitation) -> str:
    """The survey page speaks the language the invitation was written in."""
    message = db.session.scalar(
        sa.select(InvitationMessage).where(InvitationMessage.activity_id == invitation.activity_id)
    )
    return message.language if message else invitation.activity.project.language_form.value


def company_values(invitation: Invitation) -> dict[str, str]:
    """The company details to show: as last answered, else as the contact list has them."""
    source = invitation.response or invitation.contact
    contact = invitation.contact
    return {
        "company_name": (invitation.response.company_name if invitation.response else None)
        or contact.company,
        "sector": source.sector or "",
        "company_size": source.company_size or "",
        "area": source.area or "",
    }


def read_company(form: MultiDict, areas: list[str]) -> CompanyFields:
    """The company fields of the survey form, checked."""
    result = CompanyFields()
    try:
        result.values["company_name"] = clean_text(form.get("company_name", ""))[:200]
    except ValueError as error:
        result.errors["company_name"] = str(error)
    allowed = {"sector": NACE_SECTIONS, "company_size": COMPANY_SIZES, "area": areas}
    for name, options in allowed.items():
        value = form.get(name, "").strip()
        if value and value not in options:
            result.errors[name] = str(_l("Choose among the options shown."))
        else:
            result.values[name] = value
    return result


def stored_values(invitation: Invitation) -> MultiDict | None:
    """The form as the person left it: the draft, else the sent answers, else nothing."""
    if invitation.draft:
        return MultiDict([(k, v) for k, values in invitation.draft.items() for v in values])
    if invitation.response is None:
        return None
    pairs: list[tuple[str, str]] = []
    for answer in invitation.response.answers:
        name = f"q{answer.question_id}"
        if answer.text is not None:
            pairs.append((name, answer.text))
        elif answer.scale is not None:
            pairs.append((name, str(answer.scale)))
        pairs.extend((name, choice) for choice in answer.choices or [])
    pairs.extend(company_values(invitation).items())
    return MultiDict(pairs)


def _lock(invitation: Invitation) -> None:
    """Write to the invitation first, so simultaneous changes to it wait for each other."""
    db.session.execute(
        sa.update(Invitation).where(Invitation.id == invitation.id).values(changed_at=utcnow())
    )
    db.session.refresh(invitation)


def save_draft(invitation: Invitation, form: MultiDict) -> None:
    """Keep what was typed so far, without sending it."""
    _lock(invitation)
    keep = {
        k
        for k in form
        if k.startswith("q") or k in ("company_name", "sector", "company_size", "area")
    }
    invitation.draft = {
        key: [value[:MAX_DRAFT_VALUE] for value in form.getlist(key)][:20]
        for key in sorted(keep)[:MAX_DRAFT_FIELDS]
    }
    invitation.draft_saved_at = utcnow()


def submit_answers(
    invitation: Invitation, submission: Submission, company: CompanyFields, language: str
) -> Response:
    """Store the answers: the first time as a new response, later in place of the old ones."""
    _lock(invitation)
    response = invitation.response
    if response is None:
        response, _created = record_response(
            invitation.activity,
            submission,
            language=language,
            submission_key=f"invitation-{invitation.id}",
            channel="business_survey",
        )
        db.session.flush()
        invitation.response_id = response.id
    else:
        replace_answers(response, submission, language=language)
    _apply_company(invitation, response, company)
    invitation.answered_at = invitation.answered_at or utcnow()
    invitation.draft, invitation.draft_saved_at = None, None
    return response


def _apply_company(invitation: Invitation, response: Response, company: CompanyFields) -> None:
    contact, values = invitation.contact, company.values
    response.company_name = values.get("company_name") or contact.company or None
    response.org_number = contact.org_number
    for name in ("sector", "company_size", "area"):
        setattr(response, name, values.get(name) or None)
        setattr(contact, name, values.get(name) or getattr(contact, name))


def unsubscribe(mail: InvitationMail) -> None:
    """No more mails to this contact; queued ones are dropped."""
    contact = mail.invitation.contact
    contact.is_unsubscribed = True
    invitation_ids = sa.select(Invitation.id).where(Invitation.contact_id == contact.id)
    db.session.execute(
        sa.delete(InvitationMail).where(
            InvitationMail.invitation_id.in_(invitation_ids),
            InvitationMail.status == MailStatus.QUEUED,
        )
    )
