"""A leader imports contacts, writes the invitation and sends it, in a real browser at phone
size; axe-core finds no WCAG 2.1 A/AA issue on the invitation pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD
from tests.invite import conftest as invite_fixtures

pytestmark = pytest.mark.browser

app_config = invite_fixtures.app_config
smtp = invite_fixtures.smtp

CONTACTS = (
    "e-post;navn;firma;orgnr;næring;ansatte\n"
    "kari@fisk.example;Kari;Fisk AS;923609016;A;12\n"
    "ola@bygg;Ola;Bygg AS;;F;3\n"
)


def test_leader_imports_writes_and_sends(
    live_server, phone, make_user, make_project, make_activity, smtp, tmp_path
):
    account = make_user("leader")
    project_id = make_project(account)
    activity_id = make_activity(project_id, kind="business_survey", title="Næringsliv 2026")
    page = phone
    page.goto(f"{live_server}/auth/login")
    page.get_by_label("E-post").fill(account.email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()

    page.goto(f"{live_server}/manage/projects/{project_id}")
    page.get_by_role("link", name="Kontakter").click()
    page.get_by_role("link", name="Importer fra CSV eller XLSX").click()
    assert axe_violations(page) == []
    file = tmp_path / "kontakter.csv"
    file.write_text(CONTACTS)
    page.get_by_label("CSV- eller XLSX-fil").set_input_files(str(file))
    page.get_by_role("button", name="Kontroller filen").click()
    expect(page.get_by_text("ikke en gyldig e-postadresse: ola@bygg")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Importer 1 kontakt").click()
    expect(page.get_by_text("1 kontakt importert.")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"{live_server}/manage/projects/{project_id}/activities/{activity_id}")
    page.get_by_role("link", name="Invitasjoner").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Skriv og forhåndsvis invitasjonen").click()
    page.get_by_label("Emne").fill("Hei {navn}")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Ukjent plassholder {navn}").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Emne").fill("Innspill fra {company}")
    page.get_by_role("button", name="Lagre").click()
    assert page.locator("#preview-subject").inner_text() == "Innspill fra Fisk AS"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Invitasjoner · Næringsliv 2026").click()
    page.get_by_role("button", name="Send til alle som ikke er invitert ennå").click()
    expect(page.get_by_text("E-postene sendes nå.", exact=False)).to_be_visible()
    assert axe_violations(page) == []
    assert [m["Subject"] for m in smtp.inbox.messages] == ["Innspill fra Fisk AS"]
