"""A leader uses engage in a real browser at phone size; axe-core finds no WCAG 2.1 A/AA issue."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_leader_logs_in_creates_an_activity_and_edits_questions(
    live_server, phone, make_user, make_project
):
    account = make_user("leader")
    project_id = make_project(account, name="Nettleserprøve")
    page = phone
    page.goto(f"{live_server}/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Logg inn som prosjektleder").click()
    assert axe_violations(page) == []
    page.get_by_label("E-post").fill(account.email)
    page.get_by_label("Passord").fill("wrong password!")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_text("Feil e-postadresse eller passord.").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Passord").fill(account.password)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("link", name="Testvik: Nettleserprøve").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ny aktivitet").click()
    page.get_by_label("Tittel").fill("Innspillsmøte på kaia")
    page.get_by_label("Status").select_option("open")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Innspillsmøte på kaia")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Flytt ned").first.click()
    first = page.locator(".questions > li .prompt").first.inner_text()
    assert first.startswith("Hva er den største utfordringen")
    page.get_by_role("link", name="Legg til spørsmål").click()
    page.get_by_label("Spørsmål", exact=True).fill("")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Skriv spørsmålet.").first).to_be_visible()
    assert axe_violations(page) == []
    assert f"/manage/projects/{project_id}/" in page.url


def test_pages_fit_a_320_pixel_screen(live_server, browser, login_as, make_user, make_project):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server}/auth/login")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


def test_language_switch_works_without_javascript(live_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/")
    page.get_by_role("button", name="Nynorsk").click()
    expect(page.get_by_role("link", name="Logg inn som prosjektleiar")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("link", name="Log in as project leader")).to_be_visible()
    context.close()


def test_the_accessibility_check_itself_finds_a_known_problem(phone):
    phone.set_content(
        '<html lang="nb"><head><title>x</title></head><body><main>'
        '<img src="data:,"><input type="text"></main></body></html>'
    )
    found = {v["id"] for v in axe_violations(phone)}
    assert {"image-alt", "label"} <= found
