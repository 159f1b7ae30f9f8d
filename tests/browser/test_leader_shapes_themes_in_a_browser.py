"""The leader renames, merges and pins themes in a real browser; axe-core finds nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.themes.conftest import TEXTS, add_inputs

pytestmark = pytest.mark.browser


def test_rename_merge_and_pin(browser, live_server, make_user, make_project, make_activity, db):
    leader = make_user("leader")
    project_id = make_project(leader)
    add_inputs(db, make_activity(project_id), [t for texts in TEXTS.values() for t in texts])
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/auth/login")
    page.get_by_label("E-post").fill(leader.email)
    page.get_by_label("Passord").fill(leader.password)
    page.get_by_role("button", name="Logg inn").click()
    page.goto(f"{live_server}/manage/projects/{project_id}/themes")
    assert axe_violations(page) == []
    page.get_by_label("Fast antall").check()
    page.get_by_label("Nøyaktig").fill("4")
    page.get_by_role("button", name="Kjør analysen").click()
    expect(page.get_by_role("heading", name="Alle temaer")).to_be_visible()
    assert axe_violations(page) == []

    page.locator("table.themes tbody a").first.click()
    assert axe_violations(page) == []
    page.get_by_text("Gi nytt navn eller beskriv").click()
    page.get_by_label("Navn", exact=True).fill("Digital infrastruktur")
    page.get_by_label("Kort beskrivelse").fill("Bredbånd, fiber og mobildekning")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Digital infrastruktur")).to_be_visible()
    page.get_by_role("link", name="Temaer").first.click()

    boxes = page.locator("table.themes input[type=checkbox]")
    boxes.nth(2).check()
    boxes.nth(3).check()
    page.get_by_role("button", name="Slå sammen de valgte temaene").click()
    expect(page.get_by_text("Temaene er slått sammen")).to_be_visible()
    page.get_by_role("link", name="Temaer").first.click()
    expect(page.locator("table.themes tbody tr")).to_have_count(4)  # 3 themes + unassigned

    page.get_by_role("button", name=re.compile(r"^Velg\W+Digital infrastruktur$")).click()
    pinned = page.locator("ol.pinned li")
    expect(pinned).to_have_count(1)
    expect(pinned.first).to_contain_text("Digital infrastruktur")
    expect(page.get_by_text("Disse områdene dekker")).to_be_visible()
    assert axe_violations(page) == []
    context.close()
