"""A business owner follows the e-mail link on a phone, saves, comes back, sends, changes the
answer and unsubscribes; every page passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from engage.invite.contacts import project_contacts
from engage.invite.delivery import deliver
from engage.invite.sending import queue_invitations
from engage.models import Activity, Contact, Response
from tests.browser.conftest import axe_violations
from tests.invite import conftest as invite_fixtures
from tests.invite.conftest import LINK_RE

# The SMTP server and the business survey of the invite tests.
app_config = invite_fixtures.app_config
smtp = invite_fixtures.smtp
survey = invite_fixtures.survey

pytestmark = pytest.mark.browser


@pytest.fixture
def link(app, live_server, survey, smtp, db) -> str:
    with db as session:
        activity = session.get(Activity, survey["activity_id"])
        queue_invitations(activity, project_contacts(activity.project)[:1])
        session.commit()
        deliver(activity, app.config, live_server)
    text = smtp.inbox.messages[0].get_body(("plain",)).get_content()
    return f"{live_server}/s/{LINK_RE.search(text).group(1)}"


def test_owner_answers_changes_and_unsubscribes_on_a_phone(phone, link, db):
    page = phone
    page.goto(link)
    expect(page.get_by_role("heading", name="Næringslivsundersøkelse")).to_be_visible()
    expect(page.get_by_label("Firmanavn")).to_have_value("Butikken")
    assert axe_violations(page) == []

    page.get_by_label("Hva hindrer vekst i bedriften din?").fill("Lokaler")
    page.get_by_role("button", name="Lagre og gjør ferdig senere").click()
    expect(page.get_by_role("status").filter(has_text="Lagret")).to_be_visible()
    page.goto(link)
    expect(page.get_by_label("Hva hindrer vekst i bedriften din?")).to_have_value("Lokaler")

    page.get_by_role("button", name="Send svarene").click()
    expect(page.get_by_role("heading", name="Takk for svarene dine")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Se eller endre svarene dine").click()
    page.get_by_label("Hva hindrer vekst i bedriften din?").fill("Lokaler og folk")
    page.get_by_role("button", name="Send svarene").click()
    with db as session:
        response = session.scalars(select(Response)).one()
        assert [a.text for a in response.answers] == ["Lokaler og folk"]

    page.goto(link + "/unsubscribe")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, meld meg av").click()
    expect(page.get_by_text("Du får ikke flere e-poster")).to_be_visible()
    with db as session:
        assert session.scalars(select(Contact).where(Contact.is_unsubscribed)).one()

    page.goto(link[:-4] + "AAAA")
    expect(page.get_by_role("heading", name="Denne lenken kan ikke brukes")).to_be_visible()
    assert axe_violations(page) == []
