"""Thirty-two simultaneous submits of one personal link store exactly one response."""

from __future__ import annotations

import re
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from sqlalchemy import func, select

from engage.invite.contacts import project_contacts
from engage.invite.delivery import deliver
from engage.invite.sending import queue_invitations
from engage.models import Activity, Answer, Invitation, Response
from tests.invite.conftest import token_in

THREADS = 32


@pytest.fixture
def app_config(app_config, tmp_path):
    """As in production: follow-up jobs go to the queue for a worker, not into the request."""
    return {**app_config, "TASKS_IMMEDIATE": False, "TASK_QUEUE_URL": f"sqlite:///{tmp_path}/q"}


def test_thirty_two_simultaneous_submits_make_one_response(live_server, app, db, survey, smtp):
    with db as session:
        activity = session.get(Activity, survey["activity_id"])
        queue_invitations(activity, project_contacts(activity.project)[:1])
        session.commit()
        deliver(activity, app.config, live_server)
        question = activity.questions[1].id
    token = token_in(smtp.inbox.messages[0])
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    html = opener.open(f"{live_server}/s/{token}").read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    statuses: list[int] = []
    barrier = threading.Barrier(THREADS)

    def send(n: int) -> None:
        data = urllib.parse.urlencode(
            {"csrf_token": csrf, "action": "send", f"q{question}": f"Svar nummer {n}"}
        ).encode()
        barrier.wait()
        with opener.open(f"{live_server}/s/{token}", data=data) as response:
            statuses.append(response.status)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert statuses == [200] * THREADS  # each followed the redirect to the receipt
    with db as session:
        assert session.scalar(select(func.count()).select_from(Response)) == 1
        assert session.scalar(select(func.count()).select_from(Answer)) == 1
        invitation = session.scalars(select(Invitation)).one()
        assert invitation.response_id is not None and invitation.answered_at is not None
