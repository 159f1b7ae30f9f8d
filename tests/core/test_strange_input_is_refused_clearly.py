"""Input that once gave server errors or broke the plan now gets a clear answer, on both
databases: non-characters, superscript digits, huge numbers, NUL bytes, markup in answers."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engage.models import Activity, Answer, Question, Response
from tests.conftest import CSRF_RE, post_form


def _form_page(client, code: str) -> tuple[str, dict[str, str]]:
    html = client.get(f"/j/{code}").get_data(as_text=True)
    hidden = {
        "csrf_token": CSRF_RE.search(html).group(1),
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', html).group(1),
    }
    return html, hidden


def _first_text_question(db, code: str) -> int:
    with db as session:
        activity = session.scalar(select(Activity).where(Activity.join_code == code))
        return next(q.id for q in activity.questions if q.kind.value == "text")


def _answers(db, code: str) -> dict[str, str]:
    """A valid answer to every question, so only the value under test can be wrong."""
    with db as session:
        activity = session.scalar(select(Activity).where(Activity.join_code == code))
        values = {"text": "Svar", "scale": "3"}
        return {f"q{q.id}": values.get(q.kind.value) or q.options[0] for q in activity.questions}


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\x00", "\x07"])
def test_a_character_no_document_can_hold_is_refused_with_the_text_kept(client, db, world, char):
    code = world.params["code"][0]
    question = _first_text_question(db, code)
    _html, hidden = _form_page(client, code)
    before = _count(db)
    sent = client.post(
        f"/j/{code}",
        data={**hidden, **_answers(db, code), f"q{question}": f"Kaiplass{char}ved fjorden"},
    )
    assert sent.status_code == 422
    page = sent.get_data(as_text=True)
    assert "characters that are not allowed" in page or "tegn som ikke er tillatt" in page
    assert "ved fjorden" in page
    assert _count(db) == before


def test_bidi_overrides_are_dropped_from_answers(client, db, world):
    code = world.params["code"][0]
    question = _first_text_question(db, code)
    _html, hidden = _form_page(client, code)
    sent = client.post(
        f"/j/{code}",
        data={**hidden, **_answers(db, code), f"q{question}": "Bedre \u202eferje\u202c nå"},
    )
    assert sent.status_code == 302
    with db as session:
        texts = session.scalars(select(Answer.text).where(Answer.question_id == question))
        assert "Bedre ferje nå" in list(texts)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv", "md"])
def test_a_stored_answer_with_a_non_character_does_not_break_any_export(client, db, world, fmt):
    with db as session:
        answer = session.scalar(select(Answer).order_by(Answer.id).limit(1))
        answer.text = "Ferje\ufffe hver time\uffff"
        session.commit()
    project = world.params["project_id"][0]
    download = client.get(f"/manage/projects/{project}/summary/summary.{fmt}")
    assert download.status_code == 200
    assert len(download.data) > 100


def test_markdown_in_an_answer_stays_text_in_the_summary(client, db, world):
    with db as session:
        for answer in session.scalars(select(Answer)):
            answer.text = (
                "Bra\n\n# Overskrift\n<img src=x onerror=alert(1)>\n"
                "[klikk](javascript:alert(1)) ![bilde](http://example.com/x.png)"
            )
        session.commit()
    project = world.params["project_id"][0]
    text = client.get(f"/manage/projects/{project}/summary/summary.md").get_data(as_text=True)
    assert "Overskrift" in text
    assert not any(line.startswith("# Overskrift") for line in text.splitlines())
    assert "<img" not in text
    assert "](javascript:" not in text and "![bilde](" not in text


@pytest.mark.parametrize("value", ["²", "9" * 5000, "-1", "99999999999999999999"])
def test_a_strange_number_on_a_ballot_gets_a_message(client, db, world, value):
    vote_code = world.ids["vote_code"]
    html = client.get(f"/j/{vote_code}").get_data(as_text=True)
    option = int(re.search(r'name="o(\d+)"', html).group(1))
    token = CSRF_RE.search(html).group(1)
    sent = client.post(f"/j/{vote_code}", data={"csrf_token": token, f"o{option}": value})
    assert sent.status_code == 422


@pytest.mark.parametrize("path", ["/p/%00/resultater", "/p/%00/personvern", "/j/%00", "/s/%00"])
def test_a_nul_byte_in_a_public_address_is_a_bad_request(client, path):
    assert client.get(path).status_code == 400


def test_leader_pages_answer_strange_numbers_and_nul_bytes_plainly(client, world):
    project = world.params["project_id"][0]
    responses = f"/manage/projects/{project}/responses"
    assert client.get(responses, query_string={"page": "²"}).status_code == 200
    assert client.get(responses, query_string={"page": "9" * 5000}).status_code == 200
    assert client.get(responses, query_string={"q": "fer\x00je"}).status_code == 400
    assert client.get(f"/manage/projects/{'9' * 20}/responses").status_code == 404
    assert client.get(f"/manage/projects/{project}/activities/{'9' * 20}").status_code == 404


def test_an_org_number_in_superscript_digits_gets_a_message(client, db, world):
    project = world.params["project_id"][0]
    interview = world.ids["interview"]
    with db as session:
        question = session.scalar(
            select(Question.id).where(Question.activity_id == interview).limit(1)
        )
    url = f"/manage/projects/{project}/activities/{interview}/entry"
    sent = post_form(client, url, {f"q{question}": "Notat", "org_number": "²²²²²²²²²"})
    assert sent.status_code == 422
    assert "org.nr" in sent.get_data(as_text=True).lower()


def _count(db) -> int:
    with db as session:
        return len(session.scalars(select(Response.id)).all())
