"""New input is placed by the job (or the leader's button), never by looking at the page,
and two placements at once never store an answer twice in a run."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from engage import tasks
from engage.extensions import db as _db
from engage.models import AnalysisRun, ThemeMember
from engage.themes import assign
from tests.conftest import log_in, recorded_statements, statement_kinds
from tests.themes.conftest import TEXTS, add_inputs
from tests.themes.test_leader_shapes_themes import run_analysis


def member_rows(db, run_id: int) -> tuple[int, int]:
    """(member rows of the run, distinct answers among them)."""
    with db as session:
        return session.execute(
            select(func.count(), func.count(ThemeMember.answer_id.distinct())).where(
                ThemeMember.run_id == run_id
            )
        ).one()


def test_two_placements_at_once_insert_each_answer_once(app, client, themed, db, monkeypatch):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    add_inputs(
        db, themed["activity"], ["Fiber og bredbånd", "Flere turister om vinteren"], run_jobs=False
    )
    both_chose = threading.Barrier(2, timeout=30)
    nearest = assign.nearest_theme

    def nearest_then_wait(*args):
        labels = nearest(*args)
        both_chose.wait()  # both have read the same new input before either writes
        return labels

    monkeypatch.setattr(assign, "nearest_theme", nearest_then_wait)
    added, errors = [], []

    def place() -> None:
        try:
            with app.app_context():
                added.append(assign.assign_new_input(_db.session.get(AnalysisRun, run_id)))
                _db.session.commit()
                _db.session.remove()
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=place) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(added) == [0, 2]
    assert member_rows(db, run_id) == (20, 20)


def test_the_job_places_new_input_and_running_it_again_adds_nothing(app, client, themed, db):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    add_inputs(db, themed["activity"], [TEXTS["housing"][0] + " i sentrum"], run_jobs=False)
    with app.app_context():
        assert tasks.place_new_input.call_local(themed["project"]) == 1
        assert tasks.place_new_input.call_local(themed["project"]) == 0
    assert member_rows(db, run_id) == (19, 19)


def test_opening_the_workspace_writes_nothing(app, client, themed, db):
    log_in(client, themed["leader"])
    run_id = run_analysis(client, themed)
    add_inputs(
        db, themed["activity"], ["Fiber og bredbånd", "Flere turister om vinteren"], run_jobs=False
    )
    with recorded_statements(app) as statements:
        page = client.get(f"{themed['base']}?run={run_id}")
    assert page.status_code == 200 and "2 nye innspill venter" in page.get_data(as_text=True)
    assert "SELECT" in statement_kinds(statements)
    assert not {"INSERT", "UPDATE", "DELETE"} & statement_kinds(statements)
    assert member_rows(db, run_id) == (18, 18)
