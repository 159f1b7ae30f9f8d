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
)
from engage.models.base import utcnow
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
