"""The draft / adopted marking and the adopt preview in a real browser; axe-core finds nothing."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.conftest import log_in
from tests.themes.conftest import themed  # noqa: F401 (fixture)
from tests.themes.test_leader_adopts_a_run import shape
from tests.themes.test_leader_shapes_themes import run_analysis

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("ENGAGE_SHOTS", "")


def test_draft_marking_and_adopt_preview(browser, live_server, client, themed, db):  # noqa: F811
    log_in(client, themed["leader"])
    first = run_analysis(client, themed)
    shape(client, db, themed, first)
    second = run_analysis(client, themed)
    for width in (1366, 360):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
        page = context.new_page()
        page.goto(f"{live_server}/auth/login")
        page.get_by_label("E-post").fill(themed["leader"].email)
        page.get_by_label("Passord").fill(themed["leader"].password)
        page.get_by_role("button", name="Logg inn").click()
        page.goto(f"{live_server}{themed['base']}?run={second}")
        expect(page.locator("#run-state")).to_contain_text("Analyse nr. 2 er et utkast")
        assert axe_violations(page) == []
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/draft-{width}.png", full_page=True)
        page.get_by_role("link", name="Se hva som endres, og ta i bruk denne analysen").click()
        expect(page.get_by_role("heading", name="Ta i bruk analyse nr. 2 i planen")).to_be_visible()
        assert axe_violations(page) == []
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/preview-{width}.png", full_page=True)
        if width == 360:
            page.get_by_role("button", name="Ta i bruk analyse nr. 2").click()
            expect(page.locator("#run-state")).to_contain_text("Brukes i planen")
            assert axe_violations(page) == []
            if SHOTS:
                page.screenshot(path=f"{SHOTS}/adopted-{width}.png", full_page=True)
        context.close()
