"""Each answer's sentence embedding is computed once, after it is saved, and reused."""

from __future__ import annotations

import re

import numpy as np
from sqlalchemy import func, select

from engage.analysis import EMBEDDING_DIM, embed
from engage.models import AnswerEmbedding
from engage.themes.embeddings import catch_up, load_vectors, missing_answer_ids
from tests.themes.conftest import add_inputs


def count(db):
    with db as session:
        return session.scalar(select(func.count()).select_from(AnswerEmbedding))


def test_backlog_is_embedded_once_and_loaded_in_order(make_user, make_project, make_activity, db):
    activity_id = make_activity(make_project(make_user("leader")))
    add_inputs(
        db, activity_id, ["Bredbånd til alle", "Flere turister", "Boliger for unge"], run_jobs=False
    )
    with db:
        ids = missing_answer_ids()
        assert len(ids) == 3
        assert catch_up() == 3
        assert catch_up() == 0  # nothing twice
        vectors = load_vectors(list(reversed(ids)))
    assert vectors.shape == (3, EMBEDDING_DIM)
    direct = embed(["Boliger for unge"])
    assert np.allclose(vectors[0], direct[0], atol=1e-5)
    assert count(db) == 3


def test_embedding_times_are_kept_to_the_minute(make_user, make_project, make_activity, db):
    activity_id = make_activity(make_project(make_user("leader")))
    add_inputs(db, activity_id, ["Bredbånd til alle", "Flere turister"], run_jobs=False)
    with db as session:
        assert catch_up() == 2
        times = list(session.scalars(select(AnswerEmbedding.created_at)))
    assert len(times) == 2
    assert all((t.second, t.microsecond) == (0, 0) for t in times)


def test_vectors_are_none_until_every_answer_has_one(make_user, make_project, make_activity, db):
    activity_id = make_activity(make_project(make_user("leader")))
    add_inputs(db, activity_id, ["Fiber", "Ferje"], run_jobs=False)
    with db:
        ids = missing_answer_ids()
        assert load_vectors(ids) is None


def test_a_citizens_answer_is_embedded_by_the_queued_job(
    client, make_user, make_project, make_activity, db
):
    """Saving an answer queues embed_answers; in immediate mode it runs at commit."""
    activity_id = make_activity(make_project(make_user("leader")))
    from engage.models import Activity

    with db as session:
        activity = session.get(Activity, activity_id)
        code, question = activity.join_code, activity.questions[3].id
    html = client.get(f"/j/{code}").get_data(as_text=True)
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    client.post(
        f"/j/{code}",
        data={
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', html).group(1),
            "submission_key": key,
            f"q{question}": "Næringshage",
        },
    )
    assert count(db) == 1


def test_answers_to_internal_questions_are_never_embedded(
    make_user, make_project, make_activity, db
):
    from engage.models import Activity

    activity_id = make_activity(make_project(make_user("leader")))
    with db as session:
        session.get(Activity, activity_id).questions[3].internal = True
        session.commit()
    add_inputs(db, activity_id, ["Intern merknad om bedriften", "Følg opp i mars"])
    with db:
        assert missing_answer_ids() == []
        assert catch_up() == 0
    assert count(db) == 0
