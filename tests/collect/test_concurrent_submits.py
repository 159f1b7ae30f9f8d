"""Many taps of "Send" at once, from a shaky connection, still make one response."""

from __future__ import annotations

import re
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from sqlalchemy import func, select

from engage.models import Activity, Response


def test_simultaneous_resends_of_one_form_store_one_response(
    live_server, make_user, make_project, make_activity, db
):
    project_id = make_project(make_user("leader"))
    activity_id = make_activity(project_id)
    with db as session:
        activity = session.get(Activity, activity_id)
        code, question = activity.join_code, activity.questions[3].id
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    html = opener.open(f"{live_server}/j/{code}").read().decode()
    data = urllib.parse.urlencode(
        {
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', html).group(1),
            "submission_key": re.search(r'name="submission_key" value="([^"]+)"', html).group(1),
            f"q{question}": "Samme idé, sendt mange ganger",
        }
    ).encode()
    statuses: list[int] = []
    barrier = threading.Barrier(12)

    def send() -> None:
        barrier.wait()
        with opener.open(f"{live_server}/j/{code}", data=data) as response:
            statuses.append(response.status)

    threads = [threading.Thread(target=send) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert statuses == [200] * 12  # each followed the redirect to the receipt
    with db as session:
        assert session.scalar(select(func.count()).select_from(Response)) == 1
