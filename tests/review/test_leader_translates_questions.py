"""The leader writes a question in bokmål and, beside it, in nynorsk, English and Polish."""

from __future__ import annotations

from sqlalchemy import select

from engage.models import Activity, Question
from tests.conftest import post_form


def new_question_url(project_id, activity_id):
    return f"/manage/projects/{project_id}/activities/{activity_id}/questions/new"


def test_editor_saves_and_shows_the_translations_again(
    client, login_as, make_project, make_activity, db
):
    leader = login_as("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id, with_questions=False)
    form = client.get(new_question_url(project_id, activity_id)).get_data(as_text=True)
    assert '<summary><span lang="pl">Polski</span>' in form
    assert 'lang="nb">Bokmål' not in form  # the project language is the main text, not a tab
    response = post_form(
        client,
        new_question_url(project_id, activity_id),
        {
            "kind": "single",
            "prompt": "Hvor jobber du?",
            "help_text": "Velg det som passer best.",
            "options": "Fiskebruket\nHavbruk\nAnnet",
            "prompt_pl": "Gdzie pracujesz?",
            "help_text_pl": "Wybierz to, co pasuje najlepiej.",
            "options_pl": "Przetwórnia ryb\nHodowla ryb\nInne",
            "prompt_en": "Where do you work?",
            "options_en": "The fish plant\nFish farming",
        },
    )
    assert response.status_code == 302
    with db as session:
        question = session.scalar(select(Question).where(Question.activity_id == activity_id))
        assert question.options == ["Fiskebruket", "Havbruk", "Annet"]
        assert question.translations["pl"] == {
            "prompt": "Gdzie pracujesz?",
            "help_text": "Wybierz to, co pasuje najlepiej.",
            "options": ["Przetwórnia ryb", "Hodowla ryb", "Inne"],
        }
        assert question.translations["en"]["options"] == ["The fish plant", "Fish farming"]
        assert "nn" not in question.translations
        # A missing English label falls back to the canonical option.
        assert question.text_in("en").options[2] == ("Annet", "Annet")
        question_id = question.id
    edit = client.get(
        f"/manage/projects/{project_id}/activities/{activity_id}/questions/{question_id}"
    ).get_data(as_text=True)
    assert 'value="Gdzie pracujesz?"' in edit
    assert "Przetwórnia ryb\nHodowla ryb\nInne" in edit
    activity_page = client.get(f"/manage/projects/{project_id}/activities/{activity_id}").get_data(
        as_text=True
    )
    assert "Også på: English, Polski" in activity_page


def test_over_long_or_mismatched_translations_are_refused_with_a_message(
    client, login_as, make_project, make_activity, db
):
    leader = login_as("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id, with_questions=False)
    page = post_form(
        client,
        new_question_url(project_id, activity_id),
        {
            "kind": "single",
            "prompt": "Hvor jobber du?",
            "options": "Fiskebruket\nHavbruk",
            "prompt_pl": "P" * 501,
            "options_en": "The fish plant\nFish farming\nSomething else",
            "help_text_nn": "Vel det som passar best.",
        },
    )
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Høyst 500 tegn. Gjør teksten kortere." in html
    assert "Én linje per svaralternativ, i samme rekkefølge: 2 linjer." in html
    assert "Skriv også selve spørsmålet på dette språket." in html
    assert "Vel det som passar best." in html  # nothing typed is lost
    assert html.count("<details open>") == 3  # the languages with a problem are open
    with db as session:
        assert session.scalar(select(Question).where(Question.activity_id == activity_id)) is None


def test_ready_made_questions_come_in_all_four_languages(
    make_user, make_project, make_activity, db
):
    project_id = make_project(make_user("leader"))
    activity_id = make_activity(project_id, kind="business_survey")
    with db as session:
        first = session.get(Activity, activity_id).questions[0]
        assert set(first.translations) == {"nn", "en", "pl"}
        assert first.translations["nn"]["prompt"] != first.prompt
        assert len(first.translations["pl"]["options"]) == len(first.options)
