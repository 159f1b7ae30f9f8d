"""A business owner gets the invitation by e-mail, opens the link, saves a draft, answers,
changes the answer, and unsubscribes from reminders."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from engage.models import Activity, Invitation, Response
from tests.conftest import log_in, post_form
from tests.invite.conftest import survey_url, token_in

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
NEXT = re.compile(r'name="next" value="[^"]*"')


def _invite_everyone(client, survey) -> None:
    log_in(client, survey["leader"])
    response = post_form(client, survey_url(survey, "/send"), {"who": "all"})
    assert response.status_code == 302
    client.post(
        "/auth/logout",
        data={"csrf_token": CSRF.search(client.get("/manage/").get_data(as_text=True)).group(1)},
    )


def _questions(db, survey) -> dict[str, int]:
    with db as session:
        activity = session.get(Activity, survey["activity_id"])
        return {q.kind.value + str(i): q.id for i, q in enumerate(activity.questions)}


def _answer(client, token: str, data: dict) -> object:
    page = client.get(f"/s/{token}").get_data(as_text=True)
    return client.post(f"/s/{token}", data={"csrf_token": CSRF.search(page).group(1), **data})


def test_each_contact_gets_one_mail_with_a_personal_link_and_unsubscribe_header(
    client, survey, smtp
):
    _invite_everyone(client, survey)
    inbox = smtp.inbox
    assert len(inbox.messages) == 3
    mail = inbox.to("kari@fisk.example")[0]
    assert mail["List-Unsubscribe"].startswith("<https://engage.testvik.example/s/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Kari Fisk" in mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "<img" not in html and token_in(mail) in html
    tokens = {token_in(m) for m in inbox.messages}
    assert len(tokens) == 3 and all(len(t) >= 43 for t in tokens)  # 256 random bits


def test_opening_the_link_shows_the_survey_with_the_company_filled_in(client, survey, smtp):
    _invite_everyone(client, survey)
    token = token_in(smtp.inbox.to("kari@fisk.example")[0])
    for _ in range(3):  # mail scanners open links; GET never uses the token up
        page = client.get(f"/s/{token}")
        assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'value="Fisk AS"' in html
    assert '<option value="A" selected>' in html
    assert '<option value="10-19" selected>' in html
    assert page.headers["Referrer-Policy"] == "no-referrer"


def test_owner_saves_a_draft_then_sends_then_changes_the_answer(client, survey, smtp, db):
    _invite_everyone(client, survey)
    token = token_in(smtp.inbox.to("ola@bygg.example")[0])
    q = _questions(db, survey)
    draft = _answer(client, token, {"action": "draft", f"q{q['text1']}": "Mangler lokaler"})
    assert draft.status_code == 302
    assert "Mangler lokaler" in client.get(f"/s/{token}").get_data(as_text=True)
    with db as session:
        assert session.scalar(select(func.count()).select_from(Response)) == 0

    sent = _answer(
        client,
        token,
        {
            "action": "send",
            f"q{q['text1']}": "Mangler lokaler",
            f"q{q['scale3']}": "4",
            "company_size": "5-9",
            "area": "Nordbygda",
        },
    )
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/takk")
    changed = _answer(
        client,
        token,
        {"action": "send", f"q{q['text2']}": "Sveisere", "sector": "F", "area": "Nordbygda"},
    )
    assert changed.status_code == 302
    with db as session:
        response = session.scalars(select(Response)).one()
        assert {a.text for a in response.answers} == {"Sveisere"}
        assert (response.channel, response.sector, response.area) == (
            "business_survey",
            "F",
            "Nordbygda",
        )
        assert response.company_name == "Bygg AS"
        invitation = session.scalars(
            select(Invitation).where(Invitation.response_id == response.id)
        ).one()
        assert invitation.answered_at is not None and invitation.draft is None
    assert "Sveisere" in client.get(f"/s/{token}").get_data(as_text=True)


def test_wrong_input_is_shown_next_to_the_field_and_nothing_is_lost(client, survey, smtp, db):
    _invite_everyone(client, survey)
    token = token_in(smtp.inbox.to("per@butikk.example")[0])
    q = _questions(db, survey)
    response = _answer(
        client,
        token,
        {"action": "send", f"q{q['text1']}": "Lange køer", f"q{q['scale3']}": "9", "sector": "ZZ"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert (
        "Lange køer" in html
        and 'id="sector-error"' in html
        and f'id="q{q["scale3"]}-error"' in html
    )


def test_wrong_closed_and_erased_links_get_the_same_neutral_page(client, survey, smtp, db):
    _invite_everyone(client, survey)
    token = token_in(smtp.inbox.to("kari@fisk.example")[0])
    client.get("/")  # shows the "logged out" message, so it is not on the pages below
    wrong = client.get("/s/" + "A" * 43)
    short = client.get("/s/abc")
    with db as session:
        from engage.models import ActivityStatus

        session.get(Activity, survey["activity_id"]).status = ActivityStatus.CLOSED
        session.commit()
    closed = client.get(f"/s/{token}")
    assert wrong.status_code == short.status_code == closed.status_code == 404
    pages = {NEXT.sub("", r.get_data(as_text=True)) for r in (wrong, short, closed)}
    assert len(pages) == 1  # the same page, apart from the address it was asked at
    assert "Fisk" not in closed.get_data(as_text=True)


def test_unsubscribe_asks_on_get_and_stops_reminders_on_post(client, survey, smtp, db):
    _invite_everyone(client, survey)
    token = token_in(smtp.inbox.to("kari@fisk.example")[0])
    page = client.get(f"/s/{token}/unsubscribe").get_data(as_text=True)
    one_click = client.post(f"/s/{token}/unsubscribe", data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200 and 'action="/s/' in page
    log_in(client, survey["leader"])
    post_form(client, survey_url(survey, "/remind"))
    reminded = {str(m["To"]) for m in smtp.inbox.messages[3:]}
    assert len(smtp.inbox.messages) == 5
    assert not any("kari@" in to for to in reminded)


def test_a_stale_form_is_shown_again_with_what_was_typed(client, survey, smtp, db):
    _invite_everyone(client, survey)
    token = token_in(smtp.inbox.to("kari@fisk.example")[0])
    q = _questions(db, survey)
    stale = client.post(f"/s/{token}", data={"csrf_token": "old", f"q{q['text1']}": "Kaiplass"})
    assert stale.status_code == 400
    assert "Kaiplass" in stale.get_data(as_text=True)
    with db as session:
        assert session.scalars(select(Response)).all() == []
    foreign = client.post("/s/" + "B" * 43, data={f"q{q['text1']}": "x"})
    assert foreign.status_code == 400 and "Kaiplass" not in foreign.get_data(as_text=True)


def test_the_privacy_page_explains_the_e_mail_survey(client, survey, db):
    from engage.models import Project

    with db as session:
        slug = session.get(Project, survey["project_id"]).slug
    html = client.get(f"/p/{slug}/personvern").get_data(as_text=True)
    assert "Næringslivsundersøkelse på e-post" in html


def test_answers_through_a_personal_link_count_as_business(client, survey, smtp, db):
    _invite_everyone(client, survey)
    token = token_in(smtp.inbox.to("kari@fisk.example")[0])
    q = _questions(db, survey)
    page = client.get(f"/s/{token}").get_data(as_text=True)
    csrf = CSRF.search(page).group(1)
    sent = client.post(
        f"/s/{token}", data={"csrf_token": csrf, "action": "send", f"q{q['text1']}": "Kaiplass"}
    )
    assert sent.status_code == 302
    with db as session:
        assert session.scalars(select(Response.stakeholder_group)).all() == ["business"]
