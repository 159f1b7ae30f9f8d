"""The send-invitations and send-reminders commands, as cron runs them."""

from __future__ import annotations

from sqlalchemy import select

from engage.models import InvitationMail, MailStatus


def test_send_invitations_queues_everyone_and_a_second_run_sends_nothing(app, survey, smtp, db):
    runner = app.test_cli_runner()
    activity = str(survey["activity_id"])
    first = runner.invoke(args=["send-invitations", activity, "--all-contacts"])
    assert first.exit_code == 0, first.output
    assert "3 invitations queued, 3 sent, 0 failed" in first.output
    second = runner.invoke(args=["send-invitations", activity, "--all-contacts"])
    assert "0 invitations queued, 0 sent" in second.output
    assert len(smtp.inbox.messages) == 3


def test_send_reminders_reminds_non_responders_and_reports_failures(app, survey, smtp, db):
    runner = app.test_cli_runner()
    activity = str(survey["activity_id"])
    runner.invoke(args=["send-invitations", activity, "--all-contacts"])
    smtp.stop()
    down = runner.invoke(args=["send-reminders", activity])
    assert "3 reminders queued, 0 sent, 3 failed, 3 waiting" in down.output
    assert "error:" in down.output
    smtp.start()
    up = runner.invoke(args=["send-invitations", activity])
    assert "0 invitations queued, 3 sent, 0 failed, 0 waiting" in up.output
    with db as session:
        assert {m.status for m in session.scalars(select(InvitationMail))} == {MailStatus.SENT}
    assert len(smtp.inbox.messages) == 6


def test_commands_refuse_unknown_surveys_and_missing_public_address(app, survey):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["send-invitations", "999"]).exit_code != 0
    app.config["PUBLIC_BASE_URL"] = ""
    result = runner.invoke(args=["send-reminders", str(survey["activity_id"])])
    assert result.exit_code != 0 and "ENGAGE_PUBLIC_BASE_URL" in result.output
