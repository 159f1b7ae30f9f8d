"""The citizen form, the projector (workshop and vote) and the theme workspace at a phone
(360×740), a small laptop or old projector (1024×768) and a common laptop (1366×768): no
sideways scrolling, the join code and address on one line, every vote area on the screen,
a header that leaves the phone screen to the form, and nothing axe-core objects to.

One browser for the whole run (the session fixture); each test makes its data once and
walks the three sizes in one context, resizing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

SIZES = [(360, 740), (1024, 768), (1366, 768)]
# Set ENGAGE_SCREENSHOTS=<folder> to keep a picture of every page at every size.
SHOTS = os.environ.get("ENGAGE_SCREENSHOTS", "")
PUBLIC = "https://innspill.testvik.kommune.no"
AREAS = [
    "Reiseliv og opplevelsesnæringer langs kysten",
    "Havbruk, fiskeri og sjømat",
    "Kompetanse, utdanning og rekruttering",
    "Digital infrastruktur og mobildekning",
    "Boliger og attraktive sentrum",
    "Grønn energi og industri",
]
TEXTS = [
    "Bredbånd og fiber til alle grendene",
    "Bedre mobildekning i bygda",
    "Flere turister om sommeren, satse på reiseliv",
    "Nye arbeidsplasser i havbruk og sjømat",
    "Flere lærlingplasser i industrien",
    "Billigere boliger for unge som vil flytte hjem",
    "Kaffe og møteplass i sentrum",
    "Fiber til hele kommunen så folk kan jobbe hjemmefra",
    "Satse på sjømat og foredling lokalt",
    "Flere boliger i sentrum",
]


def _overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def _shot(page, name: str, width: int, height: int) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}x{height}.png"))


def _lines(page, selector: str) -> list[int]:
    """For each element matched, on how many lines its text is laid out."""
    return page.eval_on_selector_all(
        selector,
        """els => els.map(el => {
             const r = document.createRange(); r.selectNodeContents(el);
             return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size;
           })""",
    )


def _log_in(page, base: str, account) -> None:
    page.goto(f"{base}/auth/login")
    page.get_by_label("E-post").fill(account.email)
    page.get_by_label("Passord").fill(account.password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{base}/manage/**")


def _add_answers(db, activity_id: int) -> None:
    from engage.inputs import AnswerValue, Submission, record_response
    from engage.models import Activity

    ages, sectors = ["70+", "20-29", "under 20", "40-49"], ["G", "A", "C", None]
    with db as session:
        activity = session.get(Activity, activity_id)
        question = next(q for q in activity.questions if q.kind.value == "text")
        for index, text in enumerate(TEXTS * 2):
            about = {"stakeholder_group": "business" if index % 3 == 0 else "citizen"}
            about["age_band"] = ages[index % 4]
            if sectors[index % 4]:
                about["sector"] = sectors[index % 4]
            record_response(
                activity, Submission([AnswerValue(question, text=text)], about=about), language="nb"
            )
        session.commit()


@pytest.fixture
def workshop(app, db, make_user, make_project, make_activity):
    from engage.models import Activity

    app.config["PUBLIC_BASE_URL"] = PUBLIC
    leader = make_user("leader")
    project_id = make_project(leader)
    activity_id = make_activity(
        project_id,
        title="Innspillsmøte om framtidas arbeidsplasser",
        description="Vi vil høre hva du mener.\nSvarene leses av prosjektgruppa.",
    )
    with db as session:
        activity = session.get(Activity, activity_id)
        activity.about_fields = ["stakeholder_group", "age_band", "area"]
        activity.join_code = "WMWMWM"  # the widest code the alphabet can make
        code = activity.join_code
        session.commit()
    _add_answers(db, activity_id)
    return {"leader": leader, "project": project_id, "activity": activity_id, "code": code}


def test_citizen_form_fits_a_phone_and_a_laptop(browser, live_server, workshop):
    context = browser.new_context(locale="nb-NO", device_scale_factor=1)
    page = context.new_page()
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server}/j/{workshop['code']}")
        _shot(page, "citizen-form", width, height)
        assert page.locator("#activity-description").inner_text().startswith("Vi vil høre")
        header = page.locator("header.top").bounding_box()
        switcher = page.locator("form.lang").bounding_box()
        assert switcher["height"] <= 0.15 * 740, (width, switcher)
        assert header["height"] <= 0.15 * 740, (width, header)
        buttons = page.locator("form.lang button")
        assert buttons.count() == 4
        for index in range(4):
            box = buttons.nth(index).bounding_box()
            assert box["height"] >= 24 and box["width"] >= 24
        assert buttons.nth(3).get_attribute("lang") == "pl"
        assert "Polski" in buttons.nth(3).inner_text() or buttons.nth(3).get_attribute("title")
        assert _overflow(page) <= 0, width
        assert axe_violations(page) == [], width
    context.close()


def test_the_language_switcher_works_without_javascript(browser, live_server, workshop):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server}/j/{workshop['code']}")
    page.get_by_role("button", name="nn Nynorsk").click()
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.locator('form.lang button[aria-current="true"]').get_attribute("value") == "nn"
    context.close()


def test_workshop_projector_keeps_the_address_whole(browser, live_server, workshop):
    context = browser.new_context(locale="nb-NO", device_scale_factor=1)
    page = context.new_page()
    _log_in(page, live_server, workshop["leader"])
    base = f"{live_server}/manage/projects/{workshop['project']}/activities/{workshop['activity']}"
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{base}/screen")
        _shot(page, "projector-workshop", width, height)
        assert page.locator("#join-call").inner_text() == "Skann for å svare"
        assert _lines(page, ".join .code strong") == [1], width
        assert _lines(page, ".join .url .nobreak") == [1, 1], width
        if width >= 1024:  # on a projector the whole address is one line
            assert _lines(page, ".join .url") == [1], width
            qr = page.locator(".join .qr").bounding_box()
            assert qr["y"] + qr["height"] <= height, width
        assert _overflow(page) <= 0, width
        assert axe_violations(page) == [], width
    context.close()


def test_live_themes_on_the_projector_fit_and_come_without_a_reload(
    browser, live_server, workshop, db
):
    context = browser.new_context(locale="nb-NO", device_scale_factor=1)
    page = context.new_page()
    _log_in(page, live_server, workshop["leader"])
    base = f"{live_server}/manage/projects/{workshop['project']}/activities/{workshop['activity']}"
    page.goto(f"{base}/screen?view=themes")
    page.get_by_role("button", name="Vis temaer live").click()  # the worker fits at commit
    page.wait_for_url("**/screen?view=themes")
    themes = page.locator("#themes > li")
    assert themes.count() >= 3
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{base}/screen?view=themes")
        _shot(page, "projector-live-themes", width, height)
        counts = [int(n) for n in page.locator("#themes .n").all_inner_texts()]
        assert counts == sorted(counts, reverse=True) and sum(counts) <= 20
        if width >= 1024:  # every theme on the screen without scrolling
            last = themes.last.bounding_box()
            assert last["y"] + last["height"] <= height, width
        assert _overflow(page) <= 0, width
        assert axe_violations(page) == [], width
    # Ten more answers: the worker places and fits them; the page shows them within seconds.
    from tests.themes.conftest import TEXTS, add_inputs

    add_inputs(db, workshop["activity"], [t for texts in TEXTS.values() for t in texts][:10])
    expect(page.locator("#count")).to_have_text("30", timeout=15_000)
    for _ in range(60):  # the feed is read every 4 s
        placed = sum(int(n) for n in page.locator("#themes .n").all_inner_texts())
        if placed > 20:
            break
        page.wait_for_timeout(250)
    assert placed > 20
    context.close()


@pytest.mark.parametrize("areas", [3, 6])
def test_vote_projector_shows_every_area(
    browser, live_server, app, db, make_user, make_project, make_activity, areas
):
    from engage.models import Activity, Ballot, BallotMark, VoteOption

    app.config["PUBLIC_BASE_URL"] = PUBLIC
    leader = make_user("leader")
    project_id = make_project(leader)
    vote_id = make_activity(
        project_id, kind="vote", title="Stem på innsatsområdene", with_questions=False
    )
    with db as session:
        options = [
            VoteOption(activity_id=vote_id, position=i, label=label)
            for i, label in enumerate(AREAS[:areas])
        ]
        session.add_all(options)
        session.flush()
        for voter in range(12):
            ballot = Ballot(activity_id=vote_id, voter_key=f"{voter:064d}")
            ballot.marks = [
                BallotMark(option_id=options[(voter + k) % areas].id, dots=1) for k in range(3)
            ]
            session.add(ballot)
        vote = session.get(Activity, vote_id)
        vote.vote_dots, vote.join_code = 3, "WMWMWM"  # the widest code: no luck of the draw
        session.commit()
    context = browser.new_context(locale="nb-NO", device_scale_factor=1)
    page = context.new_page()
    _log_in(page, live_server, leader)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server}/manage/projects/{project_id}/activities/{vote_id}/screen")
        _shot(page, f"projector-vote-{areas}", width, height)
        rows = page.locator("ol.live-results > li")
        assert rows.count() == areas
        if width >= 1024:  # the projector: all areas visible without scrolling
            for index in range(areas):
                box = rows.nth(index).bounding_box()
                assert box["y"] >= 0 and box["y"] + box["height"] <= height, (width, index, box)
        assert "prikker" in rows.first.locator(".num").inner_text()
        assert _lines(page, ".join .code strong") == [1], width
        assert _overflow(page) <= 0, width
        assert axe_violations(page) == [], width
    context.close()


def test_theme_workspace_and_theme_page_fit(browser, live_server, client, workshop, db):
    import re

    from tests.conftest import log_in, post_form

    log_in(client, workshop["leader"])
    started = post_form(
        client,
        f"/manage/projects/{workshop['project']}/themes/run",
        {"mode": "fixed", "n_themes": "3", "min_themes": "3", "max_themes": "8"},
    )
    run_id = int(re.search(r"/runs/(\d+)$", started.headers["Location"]).group(1))
    context = browser.new_context(locale="nb-NO", device_scale_factor=1)
    page = context.new_page()
    _log_in(page, live_server, workshop["leader"])
    workspace = f"{live_server}/manage/projects/{workshop['project']}/themes?run={run_id}"
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(workspace)
        _shot(page, "themes-workspace", width, height)
        sizes = [
            int(t)
            for t in page.locator("table.themes tbody tr td.num:nth-of-type(2)").all_inner_texts()
        ]
        themes = sizes[:-1]  # the last row is "unassigned"
        assert themes == sorted(themes, reverse=True), themes
        summary = page.locator("details.section > summary").first
        assert summary.is_visible()
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('details.section > summary')).display"
            )
            == "list-item"
        )
        assert _overflow(page) <= 0, width
        assert axe_violations(page) == [], width

        page.locator("table.themes tbody a").first.click()
        page.get_by_text("Gi nytt navn eller beskriv").click()
        page.locator(".breakdowns").scroll_into_view_if_needed()
        _shot(page, "themes-theme", width, height)
        assert page.get_by_label("Navn", exact=True).is_visible()
        boxes = page.eval_on_selector_all(
            ".breakdowns > table",
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return [r.left, r.top, r.right, r.bottom]; })",
        )
        assert len(boxes) == 6
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                assert apart, (width, a, b)
        text = page.locator(".breakdowns").inner_text()
        assert "Varehandel" in text and "\nG\n" not in text
        ages = page.locator(".breakdowns table").nth(2).locator("tbody th").all_inner_texts()
        canonical = ["Under 20", "20–29", "30–39", "40–49", "50–59", "60–69", "70 eller eldre"]
        known = [a for a in ages if a in canonical]
        assert len(known) >= 2 and known == sorted(known, key=canonical.index), ages
        assert _overflow(page) <= 0, width
        assert axe_violations(page) == [], width
    context.close()
