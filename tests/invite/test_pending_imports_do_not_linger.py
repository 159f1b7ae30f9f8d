"""Unconfirmed contact imports hold names, e-mails and phones: they go after a day, by the
worker's sweep, and at once when a contact they name is erased."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engage import tasks
from engage.invite.contacts import erase_identities, find_by_email
from engage.invite.importing import PENDING_LIFETIME, purge_expired_imports
from engage.models import Activity, ActivityStatus, ContactImport, Invitation
from engage.models.base import utcnow


def _pending(db, project_id: int, email: str, age: timedelta = timedelta(0)) -> int:
    with db as session:
        pending = ContactImport(
            project_id=project_id,
            filename="kontakter.csv",
            rows=[{"name": "Noen", "email": email, "phone": "99999999"}],
            created_at=utcnow() - age,
        )
        session.add(pending)
        session.commit()
        return pending.id


def _left(db) -> set[int]:
    with db as session:
        return set(session.scalars(select(ContactImport.id)))


def test_expired_imports_are_purged_in_every_project(db, survey):
    old = _pending(db, survey["project_id"], "a@x.example", PENDING_LIFETIME + timedelta(hours=1))
    fresh = _pending(db, survey["project_id"], "b@x.example", timedelta(hours=23))
    with db as session:
        assert purge_expired_imports() == 1
        session.commit()
    assert _left(db) == {fresh}
    assert old not in _left(db)


def test_the_workers_sweep_purges_expired_imports(app, db, survey, monkeypatch):
    monkeypatch.setattr(tasks, "embedding_available", lambda: False)
    _pending(db, survey["project_id"], "a@x.example", timedelta(days=2))
    fresh = _pending(db, survey["project_id"], "b@x.example")
    with app.app_context():
        tasks.sweep.call_local()
    assert _left(db) == {fresh}


def test_erasing_a_contact_drops_pending_imports_holding_their_email(db, survey):
    holding = _pending(db, survey["project_id"], "Kari@Fisk.example")
    other = _pending(db, survey["project_id"], "someone@else.example")
    with db as session:
        activity = session.get(Activity, survey["activity_id"])
        kari = find_by_email(activity.project, "kari@fisk.example")
        session.add(Invitation(activity=activity, contact=kari))
        activity.status = ActivityStatus.CLOSED
        session.flush()
        assert erase_identities(activity) == (1, 0)
        session.commit()
    assert _left(db) == {other}
    assert holding not in _left(db)
