"""Jobs queued by a request reach the queue only when its transaction commits: not when a
savepoint inside it is released, and not at all when it rolls back."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from engage.core import jobs


@pytest.fixture
def seen(monkeypatch):
    calls: list[tuple] = []
    monkeypatch.setitem(jobs.JOBS, "probe", lambda *args: calls.append(args))
    return calls


def test_a_released_savepoint_queues_nothing_the_commit_queues_once(db, seen):
    with db as session:
        jobs.later("probe", [1])
        with session.begin_nested():
            jobs.later("probe", [2])
        assert seen == []
        with session.begin_nested():
            pass
        assert seen == []
        session.commit()
    assert seen == [([1, 2],)]


def test_a_rolled_back_savepoint_keeps_the_rest_a_rollback_drops_all(db, seen):
    with db as session:
        jobs.later("probe", [1])
        try:
            with session.begin_nested():
                raise RuntimeError("inner")
        except RuntimeError:
            pass
        session.commit()
        assert seen == [([1],)]
        session.execute(sa.text("SELECT 1"))  # work in a transaction, as a request does
        jobs.later("probe", [3])
        session.rollback()
        session.commit()
    assert seen == [([1],)]
