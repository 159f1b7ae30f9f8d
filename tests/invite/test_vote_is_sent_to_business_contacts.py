"""A vote on the candidate areas goes by e-mail to business contacts, through the personal
links they already have: once per contact, separate from the survey's own mails."""

from __future__ import annotations

import re

from sqlalchemy import select

from engage.models import Activity, Ballot, Contact, Invitation, InvitationMail, VoteOption
from engage.models.base import utcnow
from tests.conftest import log_in, post_form
from tests.invite.conftest import survey_url

VOTE_LINK = re.compile(r"https://engage\.testvik\.example/s/([A-Za-z0-9_-]+)/stem\b")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _make_vote(db, make_activity, project_id: int, status: str = "open") -> dict:
    vote_id = make_activity(
        project_id, kind="vote", title="Stem på områdene", status=status, with_questions=False
    )
    with db as session:
        session.add_all(
            VoteOption(activity_id=vote_id, position=i, label=label)
            for i, label in enumerate(["Reiseliv", "Havbruk", "Kompetanse"])
        )
        session.commit()
        options = list(
            session.scalars(select(VoteOption.id).where(VoteOption.activity_id == vote_id))
        )
    return {"id": vote_id, "options": options}


def _invite_everyone_and_kari_answers(client, survey, db) -> None:
    log_in(client, survey["leader"])
    assert post_form(client, survey_url(survey, "/send"), {"who": "all"}).status_code == 302
    with db as session:  # Kari answered the survey
        invitation = session.scalar(
            select(Invitation).join(Contact).where(Contact.email == "kari@fisk.example")
        )
        invitation.answered_at = utcnow()
        session.commit()


def _vote_url(survey, vote, tail: str) -> str:
    return f"/manage/projects/{survey['project_id']}/activities/{vote['id']}/invitations{tail}"


def _vote_mails(inbox) -> list:
    return [m for m in inbox.messages if "/stem" in m.get_body(("plain",)).get_content()]


def test_the_vote_reaches_those_who_answered_first_then_the_rest_once(
    client, survey, smtp, db, make_activity, app
):
    vote = _make_vote(db, make_activity, survey["project_id"])
    _invite_everyone_and_kari_answers(client, survey, db)
    assert len(smtp.inbox.messages) == 3  # the survey invitations

    preview = client.get(_vote_url(survey, vote, "/message")).get_data(as_text=True)
    assert "Hvilke områder bør" in preview and "/s/PERSONAL-LINK-EXAMPLE/stem" in preview
    saved = post_form(
        client,
        _vote_url(survey, vote, "/message"),
        {"language": "nb", "subject": "Stem, {name}!", "body": "Hei {name}, stem på {survey}."},
    )
    assert saved.status_code == 302

    sent = post_form(client, _vote_url(survey, vote, "/send-vote"), {"who": "answered"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("#vote-mails")
    mails = _vote_mails(smtp.inbox)
    assert [str(m["To"]) for m in mails] == ["Kari Fisk <kari@fisk.example>"]
    mail = mails[0]
    text = mail.get_body(("plain",)).get_content()
    assert mail["Subject"] == "Stem, Kari Fisk!"
    assert "Hei Kari Fisk, stem på Stem på områdene." in text  # the leader's text, filled in
    assert mail["List-Unsubscribe"].startswith("<https://engage.testvik.example/s/")
    token = VOTE_LINK.search(text).group(1)
    assert token in mail.get_body(("html",)).get_content()

    phone = app.test_client()
    page = phone.get(f"/s/{token}/stem")
    assert page.status_code == 200 and "Reiseliv" in page.get_data(as_text=True)
    csrf = CSRF.search(page.get_data(as_text=True)).group(1)
    assert (
        phone.post(
            f"/s/{token}/stem", data={"csrf_token": csrf, f"o{vote['options'][1]}": "3"}
        ).status_code
        == 302
    )
    with db as session:
        ballot = session.scalar(select(Ballot).where(Ballot.activity_id == vote["id"]))
        assert (ballot.stakeholder_group, ballot.sector) == ("business", "A")

    overview = client.get(f"/manage/projects/{survey['project_id']}/activities/{vote['id']}")
    html = overview.get_data(as_text=True)
    assert 'id="vote-mails"' in html
    assert re.search(r"1\D+0\D+0\D+1\.", html.split('id="vote-mails"')[1])  # sent … ballots

    post_form(client, _vote_url(survey, vote, "/send-vote"), {"who": "invited"})
    post_form(client, _vote_url(survey, vote, "/send-vote"), {"who": "invited"})
    recipients = sorted(str(m["To"]) for m in _vote_mails(smtp.inbox))
    assert recipients == [
        "Kari Fisk <kari@fisk.example>",
        "Ola Bygg <ola@bygg.example>",
        "Per Butikk <per@butikk.example>",
    ]  # Kari once, the two others once each, however often the leader clicks


def test_a_vote_not_open_sends_nothing_and_says_why(client, survey, smtp, db, make_activity):
    vote = _make_vote(db, make_activity, survey["project_id"], status="draft")
    _invite_everyone_and_kari_answers(client, survey, db)
    response = post_form(
        client, _vote_url(survey, vote, "/send-vote"), {"who": "invited"}, follow_redirects=True
    )
    assert "Åpne avstemningen" in response.get_data(as_text=True)
    batch = post_form(client, _vote_url(survey, vote, "/deliver"), follow_redirects=True)
    assert "Åpne avstemningen" in batch.get_data(as_text=True)  # not "0 mails sent"
    assert _vote_mails(smtp.inbox) == []
    with db as session:
        assert (
            session.scalar(select(InvitationMail).where(InvitationMail.round == vote["id"])) is None
        )


def test_unsubscribed_contacts_get_nothing_and_survey_runs_never_send_vote_mails(
    client, survey, smtp, db, make_activity, app
):
    vote = _make_vote(db, make_activity, survey["project_id"])
    _invite_everyone_and_kari_answers(client, survey, db)
    with db as session:
        session.scalar(
            select(Contact).where(Contact.email == "per@butikk.example")
        ).is_unsubscribed = True
        session.commit()
    smtp.stop()  # the server is down when the vote goes out
    post_form(client, _vote_url(survey, vote, "/send-vote"), {"who": "invited"})
    assert _vote_mails(smtp.inbox) == []
    smtp.start()
    post_form(client, survey_url(survey, "/deliver"), {"retry": "failed"})  # the survey's page
    assert _vote_mails(smtp.inbox) == []  # the survey's batches leave the vote's mails alone
    page = client.get(f"/manage/projects/{survey['project_id']}/activities/{vote['id']}")
    assert "Prøv de som feilet på nytt nå" in page.get_data(as_text=True)
    post_form(client, _vote_url(survey, vote, "/deliver"), {"retry": "failed"})
    recipients = sorted(str(m["To"]) for m in _vote_mails(smtp.inbox))
    assert recipients == ["Kari Fisk <kari@fisk.example>", "Ola Bygg <ola@bygg.example>"]


def test_cron_command_queues_and_sends_once(client, survey, smtp, db, make_activity, app):
    vote = _make_vote(db, make_activity, survey["project_id"])
    _invite_everyone_and_kari_answers(client, survey, db)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["send-vote-mails", str(vote["id"]), "--to", "answered"])
    assert first.exit_code == 0, first.output
    assert "1 vote mails queued, 1 sent" in first.output
    again = runner.invoke(args=["send-vote-mails", str(vote["id"]), "--to", "answered"])
    assert "0 vote mails queued, 0 sent" in again.output
    assert len(_vote_mails(smtp.inbox)) == 1
    wrong = runner.invoke(args=["send-vote-mails", str(survey["activity_id"])])
    assert wrong.exit_code != 0 and "No vote" in wrong.output
    with db as session:
        session.get(Activity, vote["id"]).status = "closed"
        session.commit()
    closed = runner.invoke(args=["send-vote-mails", str(vote["id"]), "--to", "invited"])
    assert "not open" in closed.output and len(_vote_mails(smtp.inbox)) == 1


def test_viewer_and_other_leaders_cannot_send_the_vote(
    client, survey, smtp, db, make_activity, make_user
):
    vote = _make_vote(db, make_activity, survey["project_id"])
    _invite_everyone_and_kari_answers(client, survey, db)
    client.post(
        "/auth/logout",
        data={"csrf_token": CSRF.search(client.get("/manage/").get_data(as_text=True)).group(1)},
    )
    log_in(client, make_user("leader"))
    assert (
        post_form(client, _vote_url(survey, vote, "/send-vote"), {"who": "invited"}).status_code
        == 404
    )
    assert client.get(_vote_url(survey, vote, "/message")).status_code == 404
    assert _vote_mails(smtp.inbox) == []


def test_the_survey_asks_for_the_vote_only_after_the_questions(
    client, survey, smtp, db, make_activity
):
    from tests.invite.conftest import token_in

    _make_vote(db, make_activity, survey["project_id"])
    log_in(client, survey["leader"])
    post_form(client, survey_url(survey, "/send"), {"who": "all"})
    token = token_in(smtp.inbox.to("ola@bygg.example")[0])
    page = client.get(f"/s/{token}").get_data(as_text=True)
    assert page.index('id="vote-invitation"') > page.index("</form>")
    assert f"/s/{token}/stem" in page
    with db as session:  # Ola answered the survey
        invitation = session.scalar(
            select(Invitation).join(Contact).where(Contact.email == "ola@bygg.example")
        )
        invitation.answered_at = utcnow()
        session.commit()
    receipt = client.get(f"/s/{token}/takk").get_data(as_text=True)
    assert receipt.index('id="vote-invitation"') > receipt.index("</h1>")
    assert f"/s/{token}/stem" in receipt


def test_a_link_ballot_says_it_is_tied_to_the_company_not_anonymous(
    client, survey, smtp, db, make_activity
):
    from tests.invite.conftest import token_in

    _make_vote(db, make_activity, survey["project_id"])
    log_in(client, survey["leader"])
    post_form(client, survey_url(survey, "/send"), {"who": "all"})
    token = token_in(smtp.inbox.to("ola@bygg.example")[0])
    ballot = client.get(f"/s/{token}/stem").get_data(as_text=True)
    assert "Anonymt" not in ballot and "vi lagrer ikke hvem du er" not in ballot
    assert "knyttet til den personlige lenken for Bygg AS" in ballot
