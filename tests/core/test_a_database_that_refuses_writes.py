"""When the database refuses writes (read-only, full disk, restarting), a citizen's answer is
not acknowledged: the form comes back with everything typed and a translated message, and
sending again works once the database takes writes again — without restarting the app."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy import func, select

from engage.extensions import db as _db
from engage.models import Activity, Response
from tests.conftest import CSRF_RE


def _read_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    if "sqlite" in type(dbapi_connection).__module__:
        cursor.execute("PRAGMA query_only = ON")
    else:
        cursor.execute("SET SESSION default_transaction_read_only = on")
        dbapi_connection.commit()  # a SET in PostgreSQL lasts only if its transaction commits
    cursor.close()


def _responses(db) -> int:
    with db as session:
        return session.scalar(select(func.count()).select_from(Response))


def test_an_answer_that_cannot_be_stored_comes_back_unacknowledged(app, client, db, world):
    code = world.params["code"][0]
    with db as session:
        activity = session.scalar(select(Activity).where(Activity.join_code == code))
        values = {"text": "Svar", "scale": "3"}
        answers = {f"q{q.id}": values.get(q.kind.value) or q.options[0] for q in activity.questions}
    text_field = next(k for k, v in answers.items() if v == "Svar")
    answers[text_field] = "Kaia må rustes opp før sommeren"
    before = _responses(db)
    with app.app_context():
        engine = _db.engine
    engine.dispose()
    sa.event.listen(engine, "connect", _read_only)
    try:
        html = client.get(f"/j/{code}").get_data(as_text=True)
        form = {
            "csrf_token": CSRF_RE.search(html).group(1),
            "submission_key": re.search(r'name="submission_key" value="([^"]+)"', html).group(1),
            **answers,
        }
        refused = client.post(f"/j/{code}", data=form)
        page = refused.get_data(as_text=True)
    finally:
        sa.event.remove(engine, "connect", _read_only)
        engine.dispose()
    assert refused.status_code == 503
    assert "Kaia må rustes opp før sommeren" in page
    assert "kunne ikke lagres" in page
    assert _responses(db) == before
    again = client.post(f"/j/{code}", data=form)
    assert again.status_code == 302
    assert _responses(db) == before + 1
