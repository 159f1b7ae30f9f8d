"""Sending survives a mail server that goes away mid-batch: failures are recorded, a rerun
sends only what is missing, and nobody gets two copies."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from engage.invite.contacts import save_contact
from engage.invite.delivery import deliver
from engage.invite.sending import queue_invitations
from engage.models import Activity, ActivityStatus, InvitationMail, MailStatus, Project

BASE = "https://engage.testvik.example"


def _many_contacts(db, survey, count: int) -> None:
    with db as session:
        project = session.get(Project, survey["project_id"])
        for n in range(count):
            save_contact(project, {"email": f"firma{n}@example.no", "company": f"Firma {n}"})
        session.commit()


def _queue_all(session, survey) -> Activity:
    activity = session.get(Activity, survey["activity_id"])
    from engage.invite.contacts import project_contacts

    queue_invitations(activity, project_contacts(activity.project))
    session.commit()
    return activity


def _recipients(smtp) -> Counter:
    return Counter(str(m["To"]).split("<")[-1].rstrip(">") for m in smtp.inbox.messages)


class DropOnce:
    """The server hangs up once, when the client starts its message number n + 1."""

    def __init__(self, smtp, n: int) -> None:
        self.dropped = False
        inbox = smtp.inbox

        async def handle_mail(server, session, envelope, address, mail_options):
            if len(inbox.messages) == n and not self.dropped:
                self.dropped = True
                server.transport.close()
                return "421 Closing connection"
            envelope.mail_from = address
            return "250 OK"

        inbox.handle_MAIL = handle_mail


def test_running_the_sender_twice_sends_each_mail_once(app, db, survey, smtp):
    _many_contacts(db, survey, 7)
    with db as session:
        activity = _queue_all(session, survey)
        first = deliver(activity, app.config, BASE)
        second = deliver(activity, app.config, BASE)
        assert (first.sent, second.sent, second.waiting) == (10, 0, 0)
        assert queue_invitations(activity, activity.project and []) == 0
    counts = _recipients(smtp)
    assert len(counts) == 10 and set(counts.values()) == {1}


def test_smtp_down_records_failures_keeps_the_rest_queued_and_a_rerun_sends_them(
    app, db, survey, smtp
):
    _many_contacts(db, survey, 7)
    with db as session:
        activity = _queue_all(session, survey)
        smtp.stop()
        down = deliver(activity, app.config, BASE)
        assert (down.sent, down.failed, down.waiting) == (0, 3, 10)  # stops trying after 3
        mails = session.scalars(select(InvitationMail).order_by(InvitationMail.id)).all()
        assert {m.status for m in mails} == {MailStatus.QUEUED}
        assert [m.attempts for m in mails] == [1, 1, 1] + [0] * 7
        assert all("Connection refused" in m.last_error for m in mails[:3])
    smtp.start()
    with db as session:
        up = deliver(session.get(Activity, survey["activity_id"]), app.config, BASE)
        assert (up.sent, up.failed, up.waiting) == (10, 0, 0)
    counts = _recipients(smtp)
    assert len(counts) == 10 and set(counts.values()) == {1}


def test_a_server_that_drops_the_connection_loses_no_mail_and_doubles_none(app, db, survey, smtp):
    _many_contacts(db, survey, 7)
    DropOnce(smtp, 4)
    with db as session:
        activity = _queue_all(session, survey)
        first = deliver(activity, app.config, BASE)
        assert (first.sent, first.failed, first.waiting) == (9, 1, 1)
    with db as session:
        errors = [m.last_error for m in session.scalars(select(InvitationMail)) if m.last_error]
        assert errors, "the failure is recorded for the leader"
    with db as session:
        rerun = deliver(session.get(Activity, survey["activity_id"]), app.config, BASE)
        assert (rerun.sent, rerun.failed, rerun.waiting) == (1, 0, 0)
        assert {m.status for m in session.scalars(select(InvitationMail))} == {MailStatus.SENT}
    counts = _recipients(smtp)
    assert len(counts) == 10 and set(counts.values()) == {1}


def test_a_claimed_mail_is_never_sent_by_a_second_run(app, db, survey, smtp):
    with db as session:
        activity = _queue_all(session, survey)
        mail = session.scalars(select(InvitationMail)).first()
        mail.status = MailStatus.SENDING  # another run is sending it right now
        session.commit()
        result = deliver(activity, app.config, BASE)
        assert result.sent == 2
    assert len(smtp.inbox.messages) == 2


def test_a_refused_recipient_is_not_retried(app, db, survey, smtp):
    handler = smtp.inbox

    async def refuse(server, session, envelope, address, rcpt_options):
        if address.startswith("ola@"):
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    handler.handle_RCPT = refuse
    with db as session:
        activity = _queue_all(session, survey)
        result = deliver(activity, app.config, BASE)
        assert (result.sent, result.failed, result.waiting) == (2, 1, 0)
        statuses = {
            m.invitation.contact.email: m.status for m in session.scalars(select(InvitationMail))
        }
        assert statuses["ola@bygg.example"] is MailStatus.FAILED


def test_queued_mails_wait_while_the_survey_is_closed(app, db, survey, smtp):
    with db as session:
        activity = _queue_all(session, survey)
        activity.status = ActivityStatus.CLOSED
        session.commit()
        closed = deliver(activity, app.config, BASE)
        assert (closed.sent, closed.waiting) == (0, 3)
    assert smtp.inbox.messages == []
