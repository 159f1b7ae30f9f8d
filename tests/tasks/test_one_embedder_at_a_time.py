"""Only one worker embeds at a time (a lease in the queue's storage), and a lease left by
a worker that was killed expires instead of blocking embeddings for good."""

from __future__ import annotations

import time

import pytest
from huey.exceptions import TaskLockedException

from engage import tasks
from engage.extensions import huey


def test_a_held_lease_keeps_others_out_until_released(app):
    with (
        tasks.embedding_turn(wait=1),
        pytest.raises(TaskLockedException),
        tasks.embedding_turn(wait=0),
    ):
        pass
    assert huey.get(tasks.EMBED_LEASE, peek=True) is None
    with tasks.embedding_turn(wait=0):
        pass


def test_the_expired_lease_of_a_killed_worker_is_taken_over(app):
    huey.put_if_empty(tasks.EMBED_LEASE, f"{time.time() - 1}:killed-worker")
    with tasks.embedding_turn(wait=1):
        assert not huey.get(tasks.EMBED_LEASE, peek=True).endswith(":killed-worker")
    assert huey.get(tasks.EMBED_LEASE, peek=True) is None
