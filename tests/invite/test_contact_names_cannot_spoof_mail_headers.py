"""Names from a contact list go into mail headers and tables: bidi overrides, zero-width and
control characters are dropped when the contact is saved and again when the mail is made."""

from __future__ import annotations

from engage.invite.contacts import save_contact
from engage.invite.messages import one_line
from engage.models import Project


def test_spoofing_characters_are_dropped_from_contact_names(db, make_user, make_project):
    project_id = make_project(make_user("leader"))
    with db as session:
        contact = save_contact(
            session.get(Project, project_id),
            {
                "email": "Kari@Fisk.example",
                "name": "Kari \u202egnaB\u202c Fisk\u200b",
                "company": "Fisk\u00ad AS\x07",
            },
        )
        session.commit()
        assert contact.name == "Kari gnaB Fisk"
        assert contact.company == "Fisk AS"


def test_a_mail_header_name_is_one_clean_line():
    header = one_line("Kari\r\nBcc: x@y.example \u2066Fisk\u2069\u200d")
    assert header == "Kari Bcc: x@y.example Fisk"
