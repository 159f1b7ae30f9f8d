"""A real SMTP server on loopback, a business survey with contacts, and mail helpers."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

LINK_RE = re.compile(r"https?://[^\s<>\"]+/s/([A-Za-z0-9_-]+)(?=[\s<\"])")


@dataclass
class Inbox:
    """What the SMTP server received, parsed."""

    messages: list[EmailMessage] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)  # type: ignore[arg-type]
        self.raw.append(envelope.original_content or envelope.content)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    """An aiosmtpd server on a fixed loopback port that can be stopped and started again."""

    def __init__(self) -> None:
        self.inbox, self.port = Inbox(), free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app_config(smtp: SmtpServer) -> dict[str, Any]:
    return {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp.port,
        "MAIL_FROM": "Omstilling Testvik <post@testvik.example>",
        "MAIL_RETRY_MINUTES": 0,
        "MAIL_TIMEOUT": 5,
        "INVITE_REMINDER_MIN_DAYS": 0,
        "PUBLIC_BASE_URL": "https://engage.testvik.example",
    }


def token_in(message: EmailMessage) -> str:
    """The personal token in a delivered mail's text part."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    match = LINK_RE.search(text)
    assert match, text
    return match.group(1)


@pytest.fixture
def survey(db, make_user, make_project, make_activity):
    """A leader, a project with areas, an open business survey and three contacts."""
    from engage.invite.contacts import save_contact
    from engage.models import Project

    leader = make_user("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id, kind="business_survey", title="Næringslivsundersøkelse")
    people = [
        ("Kari Fisk", "kari@fisk.example", "Fisk AS", "A", "10-19"),
        ("Ola Bygg", "ola@bygg.example", "Bygg AS", "F", "1-4"),
        ("Per Butikk", "per@butikk.example", "Butikken", "G", "5-9"),
    ]
    with db as session:
        project = session.get(Project, project_id)
        project.areas = ["Sentrum", "Nordbygda"]
        for name, address, company, sector, size in people:
            save_contact(
                project,
                {
                    "name": name,
                    "email": address,
                    "company": company,
                    "sector": sector,
                    "company_size": size,
                    "area": "Sentrum",
                },
            )
        session.commit()
    return {"leader": leader, "project_id": project_id, "activity_id": activity_id}


def survey_url(survey: dict[str, Any], tail: str = "") -> str:
    return (
        f"/manage/projects/{survey['project_id']}/activities/{survey['activity_id']}"
        f"/invitations{tail}"
    )
