"""A citizen scans the QR code and answers on a phone, with and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from engage.models import Activity, Response
from tests.browser.conftest import PHONE, axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def code(make_user, make_project, make_activity, db):
    project_id = make_project(make_user("leader"), kommune="Fjordvik")
    activity_id = make_activity(project_id, title="Innspillsmøte i hallen")
    with db as session:
        activity = session.get(Activity, activity_id)
        activity.project.areas = ["Sentrum", "Nordvika"]
        activity.about_fields = ["stakeholder_group", "age_band", "area"]
        session.commit()
        return activity.join_code


def count(db):
    with db as session:
        return session.scalar(select(func.count()).select_from(Response))


@pytest.mark.parametrize("javascript", [True, False])
def test_citizen_answers_and_sees_the_receipt(browser, live_server, code, db, javascript):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server}/")
    page.get_by_label("Koden fra skjermen").fill(code.lower())
    page.get_by_role("button", name="Gå til skjemaet").click()
    expect(page.get_by_role("heading", name="Innspillsmøte i hallen")).to_be_visible()
    assert axe_violations(page) == [] if javascript else True

    page.get_by_label("Hva er den største utfordringen vi må løse?").fill("For få jobber")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Se over svarene dine")).to_be_visible()
    expect(page.get_by_label("Hva er den største utfordringen vi må løse?")).to_have_value(
        "For få jobber"
    )
    if javascript:
        assert axe_violations(page) == []

    page.get_by_label("Hva bør kommunen satse på først?").fill("Næringshage på kaia")
    page.get_by_label("Hvor bor du?").select_option("Nordvika")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Takk, innspillet ditt er mottatt!")).to_be_visible()
    if javascript:
        assert axe_violations(page) == []
    assert count(db) == 1

    page.get_by_role("link", name="Send en idé til").click()
    expect(page.get_by_label("Hvor bor du?")).to_have_value("Nordvika")
    page.get_by_role("link", name="Slik behandler vi innspill (personvern)").click()
    expect(page.get_by_role("heading", name="Slik behandler vi innspillet ditt")).to_be_visible()
    if javascript:
        assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= PHONE["width"]


def test_draft_survives_a_reload_with_javascript(browser, live_server, code):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/j/{code}")
    field = page.get_by_label("Hva bør kommunen satse på først?")
    field.fill("Et utkast jeg ikke vil miste")
    expect(page.locator(".counter").last).to_have_text("28 / 2000")
    page.reload()
    expect(page.get_by_label("Hva bør kommunen satse på først?")).to_have_value(
        "Et utkast jeg ikke vil miste"
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Takk, innspillet ditt er mottatt!")).to_be_visible()
    page.wait_for_load_state("load")  # the receipt's script forgets the draft as it loads
    page.goto(f"{live_server}/j/{code}")
    expect(page.get_by_label("Hva bør kommunen satse på først?")).to_have_value("")
    context.close()


def test_closed_page_and_unknown_code_are_accessible(browser, live_server, code, db):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/j?code=ZZZZZZ")
    expect(page.get_by_text("Ingen aktivitet har koden ZZZZZZ")).to_be_visible()
    assert axe_violations(page) == []
    with db as session:
        session.scalar(select(Activity)).status = "closed"
        session.commit()
    page.goto(f"{live_server}/j/{code}")
    expect(page.get_by_text("stengt")).to_be_visible()
    assert axe_violations(page) == []
    context.close()


def test_form_page_is_small(live_server, code):
    """HTML, CSS and script of the first load together stay under 30 KB (uncompressed here)."""
    import urllib.request

    total = 0
    for path in (f"/j/{code}", "/static/engage.css", "/static/collect.js"):
        with urllib.request.urlopen(live_server + path) as response:  # noqa: S310 (loopback)
            total += len(response.read())
    assert total < 30 * 1024


def test_public_results_page_is_accessible(browser, live_server, app, db):
    from engage.models import Project
    from engage.models.base import utcnow

    app.test_cli_runner().invoke(args=["seed-demo"])
    with db as session:
        project = session.scalar(select(Project))
        project.results_published_at = utcnow()
        slug = project.slug
        session.commit()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/p/{slug}/resultater")
    expect(page.get_by_role("heading", name="Dette sa dere – dette gjør vi")).to_be_visible()
    assert axe_violations(page) == []
    context.close()
