"""The leader puts the QR code on the projector and the room watches input arrive."""

from __future__ import annotations

from engage.inputs import AnswerValue, Submission, record_response
from engage.live.words import top_words
from engage.models import Activity
from tests.conftest import log_in


def add_answers(db, activity_id, texts):
    with db as session:
        activity = session.get(Activity, activity_id)
        for text in texts:
            record_response(
                activity, Submission([AnswerValue(activity.questions[0], text=text)]), language="nb"
            )
        session.commit()


def setup(make_user, make_project, make_activity):
    leader = make_user("leader")
    project_id = make_project(leader)
    activity_id = make_activity(project_id, title="Kveldsmøte")
    return leader, f"/manage/projects/{project_id}/activities/{activity_id}", activity_id


def test_screen_shows_qr_url_code_and_count(client, make_user, make_project, make_activity, db):
    leader, base, activity_id = setup(make_user, make_project, make_activity)
    add_answers(db, activity_id, ["Bredbånd", "Turisme"])
    with db as session:
        code = session.get(Activity, activity_id).join_code
    log_in(client, leader)
    html = client.get(f"{base}/screen").get_data(as_text=True)
    assert "<svg" in html and f"localhost/j/{code}" in html and code in html
    assert '<span id="count">2</span>' in html and "Kveldsmøte" in html


def test_feed_counts_visible_answers_and_top_words(
    client, make_user, make_project, make_activity, db
):
    leader, base, activity_id = setup(make_user, make_project, make_activity)
    add_answers(
        db,
        activity_id,
        [
            "Vi må satse på turisme og bredbånd",
            "Bredbånd til alle, det er viktig",
            "Eg meiner breiband og turisme er viktigast",
            "Better broadband for the kommune",
        ],
    )
    log_in(client, leader)
    data = client.get(f"{base}/screen.json").get_json()
    assert data["count"] == 4 and data["status"] == "open"
    words = {w["word"]: w["count"] for w in data["words"]}
    assert words["bredbånd"] == 2 and words["turisme"] == 2
    for stop in ("vi", "må", "og", "eg", "meiner", "er", "the", "for", "viktig", "kommune"):
        assert stop not in words


def test_top_words_counts_each_answer_once():
    assert top_words(["fisk fisk fisk", "fisk og vei"]) == [("fisk", 2), ("vei", 1)]
    assert top_words([]) == []


def test_poster_and_qr_downloads(client, make_user, make_project, make_activity, db):
    leader, base, _activity_id = setup(make_user, make_project, make_activity)
    log_in(client, leader)
    poster = client.get(f"{base}/poster").get_data(as_text=True)
    assert "<svg" in poster and "Anonymt" in poster and "Kveldsmøte" in poster
    svg = client.get(f"{base}/qr.svg")
    assert svg.mimetype == "image/svg+xml" and svg.data.startswith(b"<svg")
    assert "attachment" in svg.headers["Content-Disposition"]
    png = client.get(f"{base}/qr.png")
    assert png.mimetype == "image/png" and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"{base}/qr.gif").status_code == 404


def test_public_base_url_is_used_when_configured(
    app, client, make_user, make_project, make_activity, db
):
    app.config["PUBLIC_BASE_URL"] = "https://engage.fjordvik.example/"
    leader, base, activity_id = setup(make_user, make_project, make_activity)
    with db as session:
        code = session.get(Activity, activity_id).join_code
    log_in(client, leader)
    assert f"engage.fjordvik.example/j/{code}" in client.get(f"{base}/poster").get_data(
        as_text=True
    )
