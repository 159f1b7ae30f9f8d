"""The invitation text: defaults per language, placeholders, and the mail one contact gets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from engage.core.text import clean_name
from engage.models import Activity, Contact, InvitationMessage, MailKind

MAIL_LANGUAGES = ("nb", "nn", "en")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = ("name", "company", "kommune", "survey")


@dataclass
class Mail:
    subject: str
    text: str
    html: str
    link: str
    unsubscribe_link: str


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in the text that we do not fill in, e.g. ['{navn}']."""
    return [f"{{{m}}}" for m in PLACEHOLDER.findall(text) if m not in PLACEHOLDERS]


def fill(text: str, values: dict[str, str]) -> str:
    """Replace {name} and friends; nothing else in the text is interpreted."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def default_message(activity: Activity, language: str) -> InvitationMessage:
    """A ready-to-send text in the language given, for the leader to adapt: the survey
    invitation, or for a vote the mail that takes the candidate areas back to businesses."""
    kommune = activity.project.kommune
    with force_locale(language):
        if activity.kind.is_ballot:
            subject = _("Which areas should %(kommune)s prioritise?", kommune=kommune)
            body = _(
                "Dear {name},\n\nThank you for sharing your views. From what businesses and "
                "citizens told us, we have drawn up candidate areas for the omstilling programme "
                "in {kommune}. Do you recognise them, and which matter most to {company}?\n\n"
                "Give your priorities in the vote «{survey}». It takes a couple of minutes, and "
                "you can change your vote until it closes.\n\nBest regards,\nThe project group"
            )
        else:
            subject = _("Your input on the future of %(kommune)s", kommune=kommune)
            body = _(
                "Dear {name},\n\n{kommune} is preparing an omstilling programme for new jobs "
                "and a stronger business community. We would like to hear from {company}: what "
                "do you need, and where do you see opportunities?\n\nThe survey takes about ten "
                "minutes. You can save it and finish later, and change your answers until the "
                "survey closes.\n\nBest regards,\nThe project group"
            )
    return InvitationMessage(activity_id=activity.id, language=language, subject=subject, body=body)


def one_line(text: str) -> str:
    """Text fit for a mail header: one line, no bidi, zero-width or control characters."""
    return clean_name(text)


def placeholder_values(activity: Activity, contact: Contact) -> dict[str, str]:
    return {
        "name": contact.name or contact.company or "",
        "company": contact.company or contact.name or "",
        "kommune": activity.project.kommune,
        "survey": activity.title,
    }


def compose(
    message: InvitationMessage,
    activity: Activity,
    contact: Contact,
    kind: MailKind,
    base: str,
    token: str,
) -> Mail:
    """The mail one contact gets, as text and HTML, in the message's language."""
    values = placeholder_values(activity, contact)
    link, unsubscribe = f"{base}/s/{token}", f"{base}/s/{token}/unsubscribe"
    if kind is MailKind.VOTE:
        link = f"{base}/s/{token}/stem"
    with force_locale(message.language):
        subject = one_line(fill(message.subject, values))
        if kind is MailKind.REMINDER:
            subject = _("Reminder: %(subject)s", subject=subject)
        context = {
            "paragraphs": fill(message.body, values).replace("\r\n", "\n").split("\n\n"),
            "link": link,
            "unsubscribe": unsubscribe,
            "activity": activity,
            "is_reminder": kind is MailKind.REMINDER,
            "is_vote": kind is MailKind.VOTE,
            "language": message.language,
        }
        text = render_template("invite/mail.txt", **context)
        html = render_template("invite/mail.html", **context)
    return Mail(subject, text, html, link, unsubscribe)
