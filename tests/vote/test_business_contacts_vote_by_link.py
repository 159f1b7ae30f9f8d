"""A business contact votes through the personal link they already have."""

from __future__ import annotations

import re

from sqlalchemy import select

from engage.invite.tokens import hash_token, new_token
from engage.models import (
    Activity,
    ActivityKind,
    Ballot,
    Contact,
    Invitation,
    InvitationMail,
    MailKind,
    MailStatus,
    Response,
)
from engage.models.base import utcnow
from tests.conftest import post_form
from tests.vote.test_participants_vote_on_areas import (  # noqa: F401  (vote: fixture)
    close,
    one_dot,
    vote,
)

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def personal_link(db, project_id: int) -> str:
    token = new_token()
    with db as session:
        survey = Activity(
            project_id=project_id,
            kind=ActivityKind.BUSINESS_SURVEY,
            title="Næringslivsundersøkelse",
            status="closed",
            join_code="KKKKKK",
        )
        contact = Contact(
            project_id=project_id,
            name="Kari",
            email="kari@fisk.example",
            company="Fisk AS",
            sector="C",
        )
        invitation = Invitation(activity=survey, contact=contact)
        invitation.mails = [
            InvitationMail(
                kind=MailKind.INVITATION,
                status=MailStatus.SENT,
                token_hash=hash_token(token),
                sent_at=utcnow(),
            )
        ]
        session.add_all([survey, invitation])
        session.commit()
    return token


def test_link_holder_votes_once_and_can_change(app, vote, db):  # noqa: F811
    token = personal_link(db, vote["project"])
    phone = app.test_client()
    page = phone.get(f"/s/{token}/stem")
    assert page.status_code == 200 and "Du har 3 prikker" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    csrf = TOKEN.search(page.get_data(as_text=True)).group(1)
    o1, o2, _o3 = vote["options"]
    sent = phone.post(f"/s/{token}/stem", data={"csrf_token": csrf, f"o{o1}": "3"})
    assert sent.status_code == 302
    assert "stemmen din er telt" in phone.get(sent.headers["Location"]).get_data(as_text=True)
    other_browser = app.test_client()
    csrf = TOKEN.search(other_browser.get(f"/s/{token}/stem").get_data(as_text=True)).group(1)
    other_browser.post(f"/s/{token}/stem", data={"csrf_token": csrf, f"o{o2}": "2"})
    with db as session:
        ballots = list(session.scalars(select(Ballot)))
        assert len(ballots) == 1  # one per personal link, whichever browser
        assert (ballots[0].stakeholder_group, ballots[0].sector) == ("business", "C")
        assert [(m.option_id, m.dots) for m in ballots[0].marks] == [(o2, 2)]


def test_wrong_link_or_no_open_vote_reveals_nothing(app, vote, db):  # noqa: F811
    token = personal_link(db, vote["project"])
    client = app.test_client()
    assert client.get(f"/s/{new_token()}/stem").status_code == 404
    close(db, vote)
    assert client.get(f"/s/{token}/stem").status_code == 404


def test_ballot_sent_after_the_vote_closed_says_so_and_keeps_the_comment(app, vote, db):  # noqa: F811
    token = personal_link(db, vote["project"])
    phone = app.test_client()
    csrf = TOKEN.search(phone.get(f"/s/{token}/stem").get_data(as_text=True)).group(1)
    close(db, vote)
    sent = phone.post(f"/s/{token}/stem", data=one_dot(vote, csrf, "Kaianlegget må utvides"))
    assert sent.status_code == 409
    html = sent.get_data(as_text=True)
    assert "stengt" in html and "Kaianlegget må utvides" in html
    assert sent.headers["Referrer-Policy"] == "no-referrer"
    with db as session:
        assert session.scalar(select(Ballot)) is None


def invite(db, survey_id: int, email: str, invitation_id: int | None = None) -> tuple[str, int]:
    """One more contact invited to the survey, with a delivered link; (token, contact id)."""
    token = new_token()
    with db as session:
        survey = session.get(Activity, survey_id)
        contact = Contact(project_id=survey.project_id, name=email, email=email, sector="C")
        invitation = Invitation(id=invitation_id, activity=survey, contact=contact)
        invitation.mails = [
            InvitationMail(
                kind=MailKind.INVITATION,
                status=MailStatus.SENT,
                token_hash=hash_token(token),
                sent_at=utcnow(),
            )
        ]
        session.add(invitation)
        session.commit()
        return token, contact.id


def test_deleted_contacts_ballot_goes_and_is_not_handed_on(app, client, vote, db):  # noqa: F811
    token_a = personal_link(db, vote["project"])
    with db as session:
        invitation_a = session.scalar(select(Invitation))
        survey_id, invitation_id = invitation_a.activity_id, invitation_a.id
        contact_a = invitation_a.contact_id
    phone = app.test_client()
    csrf = TOKEN.search(phone.get(f"/s/{token_a}/stem").get_data(as_text=True)).group(1)
    sent = phone.post(f"/s/{token_a}/stem", data=one_dot(vote, csrf, "Kari vil ha kaiplass"))
    assert sent.status_code == 302
    with db as session:
        comment_id = session.scalar(select(Ballot.response_id))
        assert comment_id is not None

    deleted = post_form(client, f"/manage/projects/{vote['project']}/contacts/{contact_a}/delete")
    assert deleted.status_code == 302
    with db as session:
        assert session.get(Contact, contact_a) is None
        assert session.scalars(select(Ballot)).all() == []
        assert session.get(Response, comment_id) is None

    # SQLite hands a freed id out again: the next contact gets Kari's old invitation id.
    token_b, _contact_b = invite(db, survey_id, "ola@bygg.example", invitation_id=invitation_id)
    other = app.test_client()
    html = other.get(f"/s/{token_b}/stem").get_data(as_text=True)
    assert "Kari vil ha kaiplass" not in html
    _o1, o2, _o3 = vote["options"]
    csrf = TOKEN.search(html).group(1)
    other.post(f"/s/{token_b}/stem", data={"csrf_token": csrf, f"o{o2}": "2"})
    with db as session:
        ballots = session.scalars(select(Ballot)).all()
        assert len(ballots) == 1
        assert [(m.option_id, m.dots) for m in ballots[0].marks] == [(o2, 2)]
        assert ballots[0].response_id is None
        assert session.scalars(select(Response).where(Response.channel == "vote")).all() == []
