"""The leader follows the survey: counts, response rates by sector and size, non-responders
to phone; after closing, contact identities are erased and the answers stay."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from engage.core.tabular import neutralise_cell
from engage.invite.contacts import save_contact
from engage.models import Activity, ActivityStatus, Contact, Invitation, Project, Response
from tests.conftest import log_in, post_form
from tests.invite.conftest import survey_url, token_in
from tests.invite.test_business_owner_answers_by_link import CSRF


def _send_and_answer(client, survey, smtp, db) -> None:
    log_in(client, survey["leader"])
    post_form(client, survey_url(survey, "/send"), {"who": "all"})
    token = token_in(smtp.inbox.to("kari@fisk.example")[0])
    page = client.get(f"/s/{token}").get_data(as_text=True)
    with db as session:
        question = session.get(Activity, survey["activity_id"]).questions[1].id
    form = {
        "csrf_token": CSRF.search(page).group(1),
        "action": "send",
        "sector": "A",
        "company_size": "10-19",
        "area": "Sentrum",
        "company_name": "Fisk AS",
        f"q{question}": "Kaiplass",
    }
    assert client.post(f"/s/{token}", data=form).status_code == 302


def test_overview_shows_counts_and_rates_by_sector_and_size(client, survey, smtp, db):
    with db as session:
        save_contact(
            session.get(Project, survey["project_id"]),
            {"email": "nei@x.example", "company": "Nei AS"},
        )
        session.get(Contact, 4).is_unsubscribed = True
        session.commit()
    _send_and_answer(client, survey, smtp, db)
    html = client.get(survey_url(survey)).get_data(as_text=True)
    stats = html[html.index('id="stats"') : html.index("</dl>")]
    assert "<dd>3</dd>" in stats and "<dd>1 (33 %)</dd>" in stats
    assert "100 %" in html and "0 %" in html  # sector A answered, F and G not yet
    assert "10–19" in html


def test_non_responders_are_exported_for_phone_follow_up(client, survey, smtp, db):
    with db as session:
        contact = session.scalar(select(Contact).where(Contact.email == "ola@bygg.example"))
        contact.phone, contact.name = "+47 900 00 000", '=HYPERLINK("http://x")'
        session.commit()
    _send_and_answer(client, survey, smtp, db)
    export = client.get(survey_url(survey, "/non-responders.csv"))
    assert export.status_code == 200 and export.mimetype == "text/csv"
    rows = list(
        csv.reader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    emails = {row[4] for row in rows[1:]}
    assert emails == {"ola@bygg.example", "per@butikk.example"}
    ola = next(row for row in rows if row[4] == "ola@bygg.example")
    assert ola[0].startswith("'=") and ola[3] == "'+47 900 00 000"


def test_cells_that_a_spreadsheet_would_run_are_neutralised():
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\x01x"):
        assert neutralise_cell(value).startswith("'")
    assert neutralise_cell("Fisk AS") == "Fisk AS"


def test_erasure_needs_a_closed_survey_and_keeps_answers_with_sector_size_area(
    client, survey, smtp, db
):
    _send_and_answer(client, survey, smtp, db)
    token = token_in(smtp.inbox.to("kari@fisk.example")[0])
    post_form(client, survey_url(survey, "/erase"))
    with db as session:
        assert session.scalar(select(Contact).where(Contact.email == "kari@fisk.example"))
        session.get(Activity, survey["activity_id"]).status = ActivityStatus.CLOSED
        session.commit()
    assert post_form(client, survey_url(survey, "/erase")).status_code == 302
    with db as session:
        contacts = session.scalars(select(Contact)).all()
        assert all(c.erased_at and not c.email and not c.name and not c.company for c in contacts)
        assert {c.sector for c in contacts} == {"A", "F", "G"}
        response = session.scalars(select(Response)).one()
        assert (response.sector, response.company_size, response.area) == ("A", "10-19", "Sentrum")
        assert response.company_name is None and response.org_number is None
        assert [a.text for a in response.answers] == ["Kaiplass"]
        assert session.scalars(select(Invitation)).first().contact_id is not None
    assert client.get(f"/s/{token}").status_code == 404
    html = client.get(survey_url(survey)).get_data(as_text=True)
    assert "kari@fisk.example" not in html and "1 (33 %)" in html


def test_a_contact_still_in_a_running_survey_is_kept(client, survey, smtp, db, make_activity):
    _send_and_answer(client, survey, smtp, db)
    other = make_activity(survey["project_id"], kind="business_survey", title="Runde 2")
    other_survey = {**survey, "activity_id": other}
    post_form(client, survey_url(other_survey, "/send"), {"who": "chosen", "contact": "1"})
    with db as session:
        session.get(Activity, survey["activity_id"]).status = ActivityStatus.CLOSED
        session.commit()
    post_form(client, survey_url(survey, "/erase"))
    with db as session:
        assert session.get(Contact, 1).email == "kari@fisk.example"
        assert session.get(Contact, 2).email is None


def test_one_contact_can_be_exported_and_deleted_on_request(client, survey, smtp, db):
    _send_and_answer(client, survey, smtp, db)
    base = f"/manage/projects/{survey['project_id']}/contacts/1"
    export = client.get(base + "/export")
    data = export.get_json()
    assert data["contact"]["email"] == "kari@fisk.example"
    assert data["invitations"][0]["answers"][0]["text"] == "Kaiplass"
    assert post_form(client, base + "/delete").status_code == 302
    with db as session:
        assert session.get(Contact, 1) is None
        assert session.scalars(select(Response)).all() == []
        assert len(session.scalars(select(Contact)).all()) == 2
