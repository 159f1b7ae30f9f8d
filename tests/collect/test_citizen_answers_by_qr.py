"""A citizen at a workshop joins by URL or code, answers on the phone, gets a receipt."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from engage.models import Activity, Answer, Response

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([^"]+)"')


@pytest.fixture
def workshop(make_user, make_project, make_activity, db):
    """An open workshop with the ready-made questions and every about-you field."""
    project_id = make_project(make_user("leader"), kommune="Fjordvik")
    activity_id = make_activity(project_id, title="Innspillsmøte på kaia")
    with db as session:
        activity = session.get(Activity, activity_id)
        activity.project.areas = ["Sentrum", "Nordvika"]
        activity.about_fields = ["stakeholder_group", "age_band", "area", "sector"]
        session.commit()
        return {
            "id": activity_id,
            "code": activity.join_code,
            "q": [q.id for q in activity.questions],
        }


def open_form(client, code):
    page = client.get(f"/j/{code}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return html, TOKEN.search(html).group(1), KEY.search(html).group(1)


def answer(client, workshop, text="Bygg en næringshage", **extra):
    _html, token, key = open_form(client, workshop["code"])
    data = {"csrf_token": token, "submission_key": key, f"q{workshop['q'][3]}": text, **extra}
    return client.post(f"/j/{workshop['code']}", data=data), data


def stored(db):
    with db as session:
        return session.scalar(select(func.count()).select_from(Response))


def test_citizen_answers_and_gets_a_receipt(client, workshop, db):
    html, _t, _k = open_form(client, workshop["code"])
    assert "Innspillsmøte på kaia" in html
    assert "Anonymt" in html and "/p/" in html  # who asks, anonymity, privacy link
    response, _ = answer(client, workshop, about_age_band="30-39", about_area="Nordvika")
    assert response.status_code == 302
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Takk" in receipt and "Send en idé til" in receipt
    with db as session:
        saved = session.scalar(select(Response))
        assert saved.channel == "workshop" and saved.language == "nb"
        assert (saved.age_band, saved.area) == ("30-39", "Nordvika")
        assert saved.submitted_at.second == 0 and saved.submitted_at.microsecond == 0
        assert [a.text for a in saved.answers] == ["Bygg en næringshage"]


def test_join_by_typed_code_in_any_case(client, workshop):
    response = client.get(f"/j?code= {workshop['code'].lower()[:3]}-{workshop['code'][3:]} ")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/j/{workshop['code']}"
    assert client.get(f"/j/{workshop['code'].lower()}").status_code == 200


def test_unknown_code_says_so_and_keeps_the_code(client, workshop):
    response = client.get("/j?code=QQQQQQ")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "QQQQQQ" in html and "Ingen aktivitet har koden" in html


def test_the_next_person_on_a_shared_tablet_sees_nothing_of_the_last(client, workshop):
    answer(client, workshop, about_stakeholder_group="youth", about_age_band="under 20")
    html, _t, _k = open_form(client, workshop["code"])
    assert "selected>" not in html
    assert "Bygg en næringshage" not in html
    receipt = client.get(f"/j/{workshop['code']}/takk").get_data(as_text=True)
    assert "Noen andre vil svare på denne telefonen" in receipt


def test_send_another_idea_keeps_about_you_but_not_the_answers(client, workshop):
    answer(client, workshop, about_stakeholder_group="youth", about_age_band="under 20")
    html = client.get(f"/j/{workshop['code']}?same=1").get_data(as_text=True)
    assert '<option value="youth" selected>' in html
    assert '<option value="under 20" selected>' in html
    assert "Bygg en næringshage" not in html


def test_double_submit_stores_one_response(client, workshop, db):
    first, data = answer(client, workshop)
    second = client.post(f"/j/{workshop['code']}", data=data)
    assert first.status_code == second.status_code == 302
    assert stored(db) == 1


@pytest.mark.parametrize("status", ["closed", "draft"])
def test_closed_or_draft_activity_shows_a_page_and_stores_nothing(client, workshop, db, status):
    _html, token, key = open_form(client, workshop["code"])
    with db as session:
        session.get(Activity, workshop["id"]).status = status
        session.commit()
    page = client.get(f"/j/{workshop['code']}").get_data(as_text=True)
    assert "<textarea" not in page
    assert ("stengt" in page) if status == "closed" else ("ikke åpnet" in page)
    response = client.post(
        f"/j/{workshop['code']}",
        data={
            "csrf_token": token,
            "submission_key": key,
            f"q{workshop['q'][3]}": "Min idé",
        },
    )
    assert response.status_code == 409
    assert "Min idé" in response.get_data(as_text=True)  # shown back so it is not lost
    assert stored(db) == 0


def test_required_question_missing_keeps_everything_typed(client, workshop, db):
    _html, token, key = open_form(client, workshop["code"])
    response = client.post(
        f"/j/{workshop['code']}",
        data={
            "csrf_token": token,
            "submission_key": key,
            f"q{workshop['q'][0]}": "Naturen og folka",
            "about_age_band": "40-49",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Svar på dette spørsmålet." in html
    assert "Naturen og folka" in html and '<option value="40-49" selected>' in html
    assert stored(db) == 0


@pytest.mark.parametrize(
    "text,message",
    [
        ("x" * 2001, "Høyst 2000 tegn"),
        ("Hei\x00du", "tegn som ikke er tillatt"),
        ("Hei\x1bdu", "tegn som ikke er tillatt"),
    ],
)
def test_bad_text_is_refused_with_a_message(client, workshop, db, text, message):
    response, _ = answer(client, workshop, text=text)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert stored(db) == 0


def test_unknown_about_option_is_refused(client, workshop, db):
    response, _ = answer(client, workshop, about_area="Atlantis", about_sector="ZZ")
    assert response.status_code == 422
    assert "Velg blant alternativene" in response.get_data(as_text=True)
    assert stored(db) == 0


def test_unknown_choice_and_bad_scale_are_refused(
    client, make_user, make_project, make_activity, db
):
    project_id = make_project(make_user("leader"))
    activity_id = make_activity(project_id, kind="survey")
    with db as session:
        activity = session.get(Activity, activity_id)
        scale, multi = activity.questions[0].id, activity.questions[1].id
        code = activity.join_code
    _html, token, key = open_form(client, code)
    response = client.post(
        f"/j/{code}",
        data={
            "csrf_token": token,
            "submission_key": key,
            f"q{scale}": "7",
            f"q{multi}": ["Reiseliv og opplevelser", "Gullgraving"],
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Velg et tall fra 1 til 5." in html and "Velg blant alternativene" in html
    assert 'value="Reiseliv og opplevelser" checked' in html
    assert stored(db) == 0


def test_survey_answers_of_every_kind_are_stored(
    client, make_user, make_project, make_activity, db
):
    project_id = make_project(make_user("leader"))
    activity_id = make_activity(project_id, kind="survey")
    with db as session:
        activity = session.get(Activity, activity_id)
        ids = [q.id for q in activity.questions]
        code = activity.join_code
    _html, token, key = open_form(client, code)
    response = client.post(
        f"/j/{code}",
        data={
            "csrf_token": token,
            "submission_key": key,
            f"q{ids[0]}": "4",
            f"q{ids[1]}": ["Reiseliv og opplevelser", "Havbruk og fiskeri"],
            f"q{ids[3]}": "Bredbånd til alle",
        },
    )
    assert response.status_code == 302
    with db as session:
        answers = {a.question_id: a for a in session.scalars(select(Answer))}
        assert answers[ids[0]].scale == 4
        assert answers[ids[1]].choices == ["Reiseliv og opplevelser", "Havbruk og fiskeri"]
        assert answers[ids[3]].text == "Bredbånd til alle"


def test_stale_csrf_token_reshows_the_form_with_the_text(client, workshop, db):
    _html, _token, key = open_form(client, workshop["code"])
    response = client.post(
        f"/j/{workshop['code']}",
        data={
            "csrf_token": "stale",
            "submission_key": key,
            f"q{workshop['q'][3]}": "Ikke mist meg",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Ikke mist meg" in html and "Ingenting er tapt" in html
    assert stored(db) == 0


def test_honeypot_filled_by_a_bot_is_not_stored(client, workshop, db):
    response, _ = answer(client, workshop, website="http://spam.example")
    assert response.status_code == 302
    assert stored(db) == 0


def test_empty_form_asks_for_an_answer(client, make_user, make_project, make_activity, db):
    project_id = make_project(make_user("leader"))
    activity_id = make_activity(project_id, kind="survey")
    with db as session:
        code = session.get(Activity, activity_id).join_code
        for q in session.get(Activity, activity_id).questions:
            q.is_required = False
        session.commit()
    _html, token, key = open_form(client, code)
    response = client.post(f"/j/{code}", data={"csrf_token": token, "submission_key": key})
    assert response.status_code == 422
    assert "minst ett svar" in response.get_data(as_text=True)


def test_too_many_submissions_from_one_session_are_slowed_down_without_loss(
    app, client, workshop, db
):
    app.config["COLLECT_LIMIT_PER_SESSION"] = "3 per 10 minutes"
    for n in range(3):
        assert answer(client, workshop, text=f"Idé {n}")[0].status_code == 302
    response, _ = answer(client, workshop, text="Idé nummer fire")
    assert response.status_code == 429
    assert "Idé nummer fire" in response.get_data(as_text=True)
    assert stored(db) == 3
    other_phone = app.test_client()
    assert answer(other_phone, workshop, text="Fra en annen telefon")[0].status_code == 302


def test_project_language_form_is_the_default_and_citizen_can_switch(
    client, make_user, make_project, make_activity, db
):
    project_id = make_project(make_user("leader"), language_form="nn")
    activity_id = make_activity(project_id)
    with db as session:
        code = session.get(Activity, activity_id).join_code
    html = client.get(f"/j/{code}").get_data(as_text=True)
    assert '<html lang="nn">' in html and "Kva er den største styrken" in html
    from tests.conftest import post_form

    post_form(
        client,
        "/language",
        {"lang": "pl", "next": f"/j/{code}"},
    )
    html = client.get(f"/j/{code}").get_data(as_text=True)
    assert '<html lang="pl">' in html and "Wyślij" in html
    _h, token, key = open_form(client, code)
    with db as session:
        q = session.get(Activity, activity_id).questions[3].id
    client.post(
        f"/j/{code}", data={"csrf_token": token, "submission_key": key, f"q{q}": "Więcej mieszkań"}
    )
    with db as session:
        assert session.scalar(select(Response.language)) == "pl"


def test_privacy_page_default_and_project_text(client, workshop, db):
    with db as session:
        project = session.get(Activity, workshop["id"]).project
        slug = project.slug
    html = client.get(f"/p/{slug}/personvern").get_data(as_text=True)
    assert "artikkel 6" in html and "IP-adresse" in html
    with db as session:
        session.get(Activity, workshop["id"]).project.privacy_text = "Egen tekst.\n\nAvsnitt to."
        session.commit()
    html = client.get(f"/p/{slug}/personvern").get_data(as_text=True)
    assert "<p>Egen tekst.</p>" in html and "<p>Avsnitt to.</p>" in html
    assert client.get("/p/nope/personvern").status_code == 404


def test_nothing_identifying_is_stored_with_a_response(app, client, workshop, db):
    answer(client, workshop, text="Idé", about_age_band="30-39")
    with db as session:
        row = session.execute(select(Response.__table__)).mappings().one()
    columns = " ".join(row.keys()).lower()
    assert "ip" not in columns.split() and "agent" not in columns
    values = " ".join(str(v) for v in row.values())
    assert "127.0.0.1" not in values and "werkzeug" not in values.lower()


def test_an_internal_question_is_never_on_the_public_form(client, workshop, db):
    """Internal questions are the project group's notes: a participant neither sees one nor
    can fill one in by posting it."""
    from engage.models import Question

    with db as session:
        question = session.get(Question, workshop["q"][0])
        question.prompt, question.internal = "Intern merknad fra prosjektgruppa", True
        session.commit()
    html, _t, _k = open_form(client, workshop["code"])
    assert "Intern merknad" not in html and f'name="q{workshop["q"][0]}"' not in html
    response, _ = answer(client, workshop, **{f"q{workshop['q'][0]}": "Sneaky"})
    assert response.status_code == 302
    with db as session:
        texts = [a.text for a in session.scalar(select(Response)).answers]
    assert texts == ["Bygg en næringshage"]
