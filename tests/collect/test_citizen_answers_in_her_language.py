"""A Polish fish-plant worker opens the form, switches to Polski and answers in Polish."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engage.models import Activity, Question, QuestionKind, Response
from tests.conftest import csrf_token

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([^"]+)"')


@pytest.fixture
def survey(make_user, make_project, make_activity, db):
    """An open survey with the ready-made questions (translated) and one the leader added
    in bokmål only."""
    project_id = make_project(make_user("leader"), kommune="Fjordvik")
    activity_id = make_activity(project_id, kind="survey", title="Innbyggerundersøkelse")
    with db as session:
        activity = session.get(Activity, activity_id)
        activity.questions.append(
            Question(
                kind=QuestionKind.TEXT,
                prompt="Hva savner du mest i sentrum?",
                position=len(activity.questions),
            )
        )
        session.commit()
        return {
            "id": activity_id,
            "code": activity.join_code,
            "q": [q.id for q in activity.questions],
        }


def choose_language(client, lang, code):
    token = csrf_token(client, f"/j/{code}")
    client.post("/language", data={"csrf_token": token, "lang": lang, "next": f"/j/{code}"})


def test_polish_visitor_sees_polish_questions_and_stores_the_canonical_option(client, survey, db):
    choose_language(client, "pl", survey["code"])
    page = client.get(f"/j/{survey['code']}").get_data(as_text=True)
    assert "Które obszary są najważniejsze dla nowych miejsc pracy tutaj?" in page
    assert "W co gmina powinna zainwestować w pierwszej kolejności?" in page
    assert "Hva bør kommunen satse på først?" not in page
    # The Polish label is shown; the value sent is the bokmål option.
    assert re.search(r'value="Reiseliv og opplevelser"> <span>Turystyka i atrakcje</span>', page)
    multi, required = survey["q"][1], survey["q"][3]  # (scale, multi, text, text, own)
    data = {
        "csrf_token": TOKEN.search(page).group(1),
        "submission_key": KEY.search(page).group(1),
        f"q{multi}": ["Reiseliv og opplevelser", "Havbruk og fiskeri"],
        f"q{required}": "Mieszkania dla pracowników z zagranicy.",
    }
    assert client.post(f"/j/{survey['code']}", data=data).status_code == 302
    with db as session:
        response = session.scalar(select(Response))
        assert response.language == "pl"
        chosen = next(a for a in response.answers if a.question_id == multi)
        assert chosen.choices == ["Reiseliv og opplevelser", "Havbruk og fiskeri"]


def test_a_question_without_polish_is_shown_in_bokmaal_with_a_note(client, survey):
    choose_language(client, "pl", survey["code"])
    page = client.get(f"/j/{survey['code']}").get_data(as_text=True)
    own = survey["q"][4]
    assert '<span lang="nb">Hva savner du mest i sentrum?</span>' in page
    note = re.search(rf'<p class="hint translation-note" id="q{own}-lang">([^<]+)</p>', page)
    assert note and note.group(1) == "To pytanie nie jest jeszcze dostępne po polsku."
    # Only that one question carries the note.
    assert page.count("translation-note") == 1


def test_error_summary_names_the_question_in_polish(client, survey):
    choose_language(client, "pl", survey["code"])
    page = client.get(f"/j/{survey['code']}").get_data(as_text=True)
    data = {
        "csrf_token": TOKEN.search(page).group(1),
        "submission_key": KEY.search(page).group(1),
        f"q{survey['q'][2]}": "Coś napisałam, ale zapomniałam o pytaniu obowiązkowym.",
    }
    again = client.post(f"/j/{survey['code']}", data=data)
    assert again.status_code == 422
    html = again.get_data(as_text=True)
    assert "W co gmina powinna zainwestować w pierwszej kolejności?:" in html
    assert "Coś napisałam, ale zapomniałam o pytaniu obowiązkowym." in html


def test_bokmaal_visitor_sees_no_note(client, survey):
    page = client.get(f"/j/{survey['code']}").get_data(as_text=True)
    assert "Hva bør kommunen satse på først?" in page
    assert "translation-note" not in page


def test_a_nynorsk_project_shows_nynorsk_to_bokmaal_readers_with_a_bokmaal_note(
    make_user, make_project, make_activity, client, db
):
    project_id = make_project(make_user("leader"), kommune="Fjordvik", language_form="nn")
    activity_id = make_activity(project_id, kind="workshop", title="Ope møte")
    with db as session:
        activity = session.get(Activity, activity_id)
        code = activity.join_code
        first = activity.questions[0]
        assert first.translations["nb"]["prompt"]  # ready-made questions come translated
        first.translations = {}
        session.commit()
    choose_language(client, "nb", code)
    page = client.get(f"/j/{code}").get_data(as_text=True)
    assert "Dette spørsmålet finnes ikke på bokmål ennå." in page
    assert 'lang="nn"' in page
