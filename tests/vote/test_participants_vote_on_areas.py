"""Forankring: participants prioritise the candidate areas by dots or agree/disagree."""

from __future__ import annotations

import re
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from sqlalchemy import func, select

from engage.models import Activity, Ballot, BallotMark, Response, VoteOption
from tests.conftest import log_in, post_form
from tests.themes.conftest import TEXTS, add_inputs

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def vote(client, make_user, make_project, make_activity, db):
    """A vote made from three pinned themes, opened, in dot mode with 3 dots."""
    leader = make_user("leader")
    project_id = make_project(leader)
    add_inputs(db, make_activity(project_id), [t for texts in TEXTS.values() for t in texts])
    log_in(client, leader)
    response = post_form(
        client,
        f"/manage/projects/{project_id}/themes/run",
        {"mode": "fixed", "n_themes": "3", "min_themes": "3", "max_themes": "8"},
    )
    run_id = int(re.search(r"/runs/(\d+)$", response.headers["Location"]).group(1))
    from engage.models import Theme

    with db as session:
        theme_ids = list(session.scalars(select(Theme.id).where(Theme.run_id == run_id)))
    for theme_id in theme_ids:
        post_form(
            client,
            f"/manage/projects/{project_id}/themes/runs/{run_id}/themes/{theme_id}/pin",
            {"action": "pin"},
        )
    made = post_form(client, f"/manage/projects/{project_id}/themes/runs/{run_id}/vote")
    activity_id = int(made.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    with db as session:
        activity = session.get(Activity, activity_id)
        activity.status = "open"
        session.commit()
        options = [
            o.id
            for o in session.scalars(
                select(VoteOption)
                .where(VoteOption.activity_id == activity_id)
                .order_by(VoteOption.position)
            )
        ]
        questions = [
            o.question_id
            for o in session.scalars(
                select(VoteOption)
                .where(VoteOption.activity_id == activity_id)
                .order_by(VoteOption.position)
            )
        ]
        code = activity.join_code
    return {
        "leader": leader,
        "project": project_id,
        "activity": activity_id,
        "code": code,
        "options": options,
        "questions": questions,
    }


def ballot_form(client, code):
    html = client.get(f"/j/{code}").get_data(as_text=True)
    return html, TOKEN.search(html).group(1)


def count(db, model):
    with db as session:
        return session.scalar(select(func.count()).select_from(model))


def close(db, vote) -> None:
    with db as session:
        session.get(Activity, vote["activity"]).status = "closed"
        session.commit()


def one_dot(vote, csrf: str, comment: str) -> dict:
    """Form data: one dot on the first area and a comment on the first question."""
    return {
        "csrf_token": csrf,
        f"o{vote['options'][0]}": "1",
        f"q{vote['questions'][0]}": comment,
    }


def test_vote_is_made_from_the_pinned_themes(client, vote, db):
    html = client.get(f"/manage/projects/{vote['project']}/activities/{vote['activity']}")
    assert "Områdene på stemmeseddelen" in html.get_data(as_text=True)
    assert len(vote["options"]) == 3


def test_citizen_spreads_dots_and_changes_the_vote(app, vote, db):
    phone = app.test_client()
    html, token = ballot_form(phone, vote["code"])
    assert "Du har 3 prikker" in html
    o1, o2, o3 = vote["options"]
    sent = phone.post(
        f"/j/{vote['code']}",
        data={
            "csrf_token": token,
            f"o{o1}": "2",
            f"o{o2}": "1",
            f"q{vote['questions'][0]}": "Viktigst for ungdommen",
            "about_age_band": "20-29",
        },
    )
    assert sent.status_code == 302
    assert "stemmen din er telt" in phone.get(sent.headers["Location"]).get_data(as_text=True)
    with db as session:
        marks = {m.option_id: m.dots for m in session.scalars(select(BallotMark))}
        assert marks == {o1: 2, o2: 1}
        ballot = session.scalar(select(Ballot))
        assert ballot.age_band == "20-29"
        comment = session.get(Response, ballot.response_id)
        assert comment.channel == "vote" and comment.answers[0].text == "Viktigst for ungdommen"
    html, token = ballot_form(phone, vote["code"])
    assert "Du har allerede stemt" in html and "Viktigst for ungdommen" in html
    phone.post(f"/j/{vote['code']}", data={"csrf_token": token, f"o{o3}": "3"})
    with db as session:
        assert {m.option_id: m.dots for m in session.scalars(select(BallotMark))} == {o3: 3}
    assert count(db, Ballot) == 1
    assert count(db, Response) == 18  # the comment was withdrawn with the new ballot


def test_too_many_dots_are_refused_and_kept(app, vote, db):
    phone = app.test_client()
    _html, token = ballot_form(phone, vote["code"])
    o1, o2, _o3 = vote["options"]
    response = phone.post(
        f"/j/{vote['code']}",
        data={
            "csrf_token": token,
            f"o{o1}": "3",
            f"o{o2}": "2",
            f"q{vote['questions'][1]}": "Min tekst",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Du ga 5 prikker, men du har 3" in html and "Min tekst" in html
    assert f'name="o{o1}" value="3" checked' in html
    nonsense = phone.post(f"/j/{vote['code']}", data={"csrf_token": token, f"o{o1}": "99"})
    assert nonsense.status_code == 422
    assert count(db, Ballot) == 0


def test_agree_mode(app, client, vote, db):
    post_form(
        client,
        f"/manage/projects/{vote['project']}/activities/{vote['activity']}/vote-settings",
        {"vote_mode": "agree", "vote_dots": "3"},
    )
    phone = app.test_client()
    html, token = ballot_form(phone, vote["code"])
    assert "Si for hvert område" in html
    o1, o2, o3 = vote["options"]
    phone.post(
        f"/j/{vote['code']}",
        data={"csrf_token": token, f"o{o1}": "agree", f"o{o2}": "disagree", f"o{o3}": "neutral"},
    )
    from engage.vote.services import results

    with db as session:
        rows, ballots = results(session.get(Activity, vote["activity"]))
    assert ballots == 1
    assert [(r.agree, r.neutral, r.disagree) for r in rows] == [(1, 0, 0), (0, 0, 1), (0, 1, 0)]
    locked = post_form(
        client,
        f"/manage/projects/{vote['project']}/activities/{vote['activity']}/vote-settings",
        {"vote_mode": "dots", "vote_dots": "3"},
        follow_redirects=True,
    )
    assert "Folk har allerede stemt" in locked.get_data(as_text=True)


def test_closed_vote_refuses_ballots_with_a_message(app, vote, db):
    phone = app.test_client()
    _html, token = ballot_form(phone, vote["code"])
    close(db, vote)
    response = phone.post(f"/j/{vote['code']}", data=one_dot(vote, token, "Satse på sjømat"))
    assert response.status_code == 409
    assert "stengt" in response.get_data(as_text=True)
    assert "Satse på sjømat" in response.get_data(as_text=True)  # what was typed is shown back
    assert count(db, Ballot) == 0


def test_double_and_simultaneous_submits_count_once(vote, db, live_server):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    html = opener.open(f"{live_server}/j/{vote['code']}").read().decode()
    data = urllib.parse.urlencode(
        {
            "csrf_token": TOKEN.search(html).group(1),
            f"o{vote['options'][0]}": "2",
            f"o{vote['options'][1]}": "1",
        }
    ).encode()
    barrier = threading.Barrier(10)
    statuses: list[int] = []

    def send() -> None:
        barrier.wait()
        with opener.open(f"{live_server}/j/{vote['code']}", data=data) as response:
            statuses.append(response.status)

    threads = [threading.Thread(target=send) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert statuses == [200] * 10
    assert count(db, Ballot) == 1
    with db as session:
        assert sorted(m.dots for m in session.scalars(select(BallotMark))) == [1, 2]


def test_live_results_and_summary(app, client, vote, db):
    o1, o2, _o3 = vote["options"]
    for group, dots in (("youth", {o1: 3}), ("business", {o1: 1, o2: 2})):
        phone = app.test_client()
        _html, token = ballot_form(phone, vote["code"])
        phone.post(
            f"/j/{vote['code']}",
            data={
                "csrf_token": token,
                "about_stakeholder_group": group,
                **{f"o{o}": str(n) for o, n in dots.items()},
            },
        )
    base = f"/manage/projects/{vote['project']}/activities/{vote['activity']}"
    screen = client.get(f"{base}/screen").get_data(as_text=True)
    assert '<span id="count">2</span>' in screen
    split = client.get(f"{base}/screen?split=group").get_data(as_text=True)
    assert "Ungdom eller elev" in split and "Næringsliv" in split
    text = client.get(f"/manage/projects/{vote['project']}/summary/summary.md").get_data(
        as_text=True
    )
    assert "2 stemmer." in text
