"""The leader adds contacts by hand, writes the invitation with placeholders, previews it as
one recipient sees it, sends to a selection, and reminds non-responders."""

from __future__ import annotations

from sqlalchemy import select

from engage.models import Activity, ActivityStatus, Contact
from tests.conftest import log_in, post_form
from tests.invite.conftest import survey_url


def test_leader_adds_and_edits_a_contact_with_checks(client, survey, db):
    log_in(client, survey["leader"])
    url = f"/manage/projects/{survey['project_id']}/contacts/new"
    bad = post_form(client, url, {"email": "ikke-epost", "org_number": "123456789", "name": "Liv"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'id="email-error"' in html and 'id="org_number-error"' in html and 'value="Liv"' in html
    taken = post_form(client, url, {"email": "KARI@fisk.example"})
    assert taken.status_code == 422
    ok = post_form(
        client,
        url,
        {
            "email": "Liv@Sag.example",
            "name": "Liv",
            "org_number": "974 760 673",
            "sector": "C",
            "company_size": "20-49",
            "area": "Nordbygda",
        },
    )
    assert ok.status_code == 302
    with db as session:
        liv = session.scalar(select(Contact).where(Contact.email == "liv@sag.example"))
        assert (liv.org_number, liv.sector, liv.area) == ("974760673", "C", "Nordbygda")
        liv_id = liv.id
    edit = f"/manage/projects/{survey['project_id']}/contacts/{liv_id}/edit"
    assert (
        post_form(client, edit, {"email": "liv@sag.example", "name": "Liv Sag"}).status_code == 302
    )
    listing = client.get(f"/manage/projects/{survey['project_id']}/contacts").get_data(as_text=True)
    assert "Liv Sag" in listing and "Fisk AS" in listing


def test_invitation_text_with_placeholders_is_previewed_for_one_recipient(client, survey, smtp):
    log_in(client, survey["leader"])
    url = survey_url(survey, "/message")
    wrong = post_form(client, url, {"language": "nn", "subject": "Hei {navn}", "body": "Tekst"})
    assert wrong.status_code == 422 and "{navn}" in wrong.get_data(as_text=True)
    saved = post_form(
        client,
        url,
        {
            "language": "nn",
            "subject": "Innspel frå {company}",
            "body": "Hei {name},\n\nVi vil høyre frå {company} i {kommune}.",
        },
    )
    assert saved.status_code == 302
    page = client.get(url + "?contact=2").get_data(as_text=True)
    assert "Innspel frå Bygg AS" in page and "Hei Ola Bygg," in page and "Testvik" in page
    post_form(client, survey_url(survey, "/send"), {"who": "chosen", "contact": ["2", "3"]})
    assert len(smtp.inbox.messages) == 2
    mail = smtp.inbox.to("ola@bygg.example")[0]
    assert mail["Subject"] == "Innspel frå Bygg AS"
    assert "personleg" in mail.get_body(("plain",)).get_content()  # the footer in nynorsk


def test_invitations_wait_until_the_survey_is_open(client, survey, smtp, db):
    with db as session:
        session.get(Activity, survey["activity_id"]).status = ActivityStatus.DRAFT
        session.commit()
    log_in(client, survey["leader"])
    post_form(client, survey_url(survey, "/send"), {"who": "all"})
    assert smtp.inbox.messages == []


def test_reminders_go_only_to_those_who_have_not_answered_and_not_twice_a_day(
    app, client, survey, smtp, db
):
    log_in(client, survey["leader"])
    post_form(client, survey_url(survey, "/send"), {"who": "all"})
    post_form(client, survey_url(survey, "/remind"))
    reminders = smtp.inbox.messages[3:]
    assert len(reminders) == 3 and all(m["Subject"].startswith("Påminnelse") for m in reminders)
    app.config["INVITE_REMINDER_MIN_DAYS"] = 3
    post_form(client, survey_url(survey, "/remind"))
    assert len(smtp.inbox.messages) == 6


def test_a_viewer_and_another_leader_cannot_touch_invitations(client, survey, make_user, db):
    from tests.conftest import log_in as login

    login(client, make_user("leader"))
    assert client.get(survey_url(survey)).status_code == 404
    assert post_form(client, survey_url(survey, "/send"), {"who": "all"}).status_code == 404
    assert (
        client.get(f"/manage/projects/{survey['project_id']}/contacts/1/export").status_code == 404
    )


def test_no_reminder_says_why_and_when_the_next_can_go(app, client, survey, smtp, db):
    log_in(client, survey["leader"])
    post_form(client, survey_url(survey, "/send"), {"who": "all"})
    app.config["INVITE_REMINDER_MIN_DAYS"] = 3
    page = post_form(client, survey_url(survey, "/remind"), follow_redirects=True)
    html = page.get_data(as_text=True)
    assert len(smtp.inbox.messages) == 3
    assert (
        "Ingen påminnelser sendt: alle som ikke har svart, fikk en e-post for mindre enn "
        "3 dager siden."
    ) in html
    assert "Neste kan sendes" in html and "0 påminnelser" not in html
