"""A participant votes on the candidate areas on a phone, with and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from engage.models import Ballot
from tests.browser.conftest import PHONE, axe_violations
from tests.vote.test_participants_vote_on_areas import vote  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False])
def test_dot_vote_at_phone_size(browser, live_server, vote, db, javascript):  # noqa: F811
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server}/j/{vote['code']}")
    expect(page.get_by_text("Du har 3 prikker")).to_be_visible()
    if javascript:
        assert axe_violations(page) == []
    fieldsets = page.locator("fieldset.vote-option")
    fieldsets.nth(0).get_by_label("3").check()
    fieldsets.nth(1).get_by_label("2").check()
    page.get_by_role("button", name="Send stemmen min").click()
    expect(page.get_by_text("Du ga 5 prikker, men du har 3")).to_be_visible()
    if javascript:
        assert axe_violations(page) == []
    page.locator("fieldset.vote-option").nth(1).get_by_label("0").check()
    page.get_by_role("button", name="Send stemmen min").click()
    expect(page.get_by_role("heading", name="Takk, stemmen din er telt!")).to_be_visible()
    if javascript:
        assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= PHONE["width"]
    with db as session:
        assert session.scalar(select(func.count()).select_from(Ballot)) == 1


def test_business_contact_agrees_and_comments_through_the_personal_link(
    browser,
    live_server,
    vote,  # noqa: F811
    db,
):
    from engage.models import Activity
    from tests.vote.test_business_contacts_vote_by_link import personal_link

    with db as session:
        session.get(Activity, vote["activity"]).vote_mode = "agree"
        session.commit()
    token = personal_link(db, vote["project"])
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server}/s/{token}/stem")
    first = page.locator("fieldset.vote-option").nth(0)
    expect(first.get_by_label("Enig", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    first.get_by_label("Enig", exact=True).check()
    page.locator("fieldset.vote-option").nth(1).get_by_label("Uenig").check()
    first.get_by_role("textbox").fill("Viktig for fiskeindustrien")
    page.get_by_role("button", name="Send stemmen min").click()
    expect(page.get_by_role("heading", name="Takk, stemmen din er telt!")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{live_server}/s/{token}/stem")  # back later: the vote is shown to change
    expect(
        page.locator("fieldset.vote-option").nth(0).get_by_label("Enig", exact=True)
    ).to_be_checked()
    expect(page.locator("fieldset.vote-option").nth(0).get_by_role("textbox")).to_have_value(
        "Viktig for fiskeindustrien"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= PHONE["width"]
    with db as session:
        ballot = session.scalar(select(Ballot))
        assert sorted((m.stance or "") for m in ballot.marks) == ["agree", "disagree"]
        assert ballot.stakeholder_group == "business"
