"""The leader imports a contact list, sees every bad row with its line and reason, and
confirms; duplicates by e-mail are merged and nothing is half-imported."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from sqlalchemy import func, select

from engage.models import Contact, ContactImport, Project
from tests.conftest import post_form

CSV = """navn;e-post;firma;orgnr;næring;ansatte;område;merknad
Kari Fisk;KARI@fisk.example;Fisk AS;923 609 016;03.110;12;Sentrum;x
Ola Bygg;ola@bygg;Bygg AS;;F;;;
Per Butikk;per@butikk.example;Butikken;123456789;G;3;;
Kari igjen;kari@fisk.example;Fisk AS;;A;;;
Anne Tre;anne@tre.example;Tre AS;;XX;;;

Eva Hav;eva@hav.example;Hav AS;;A;;Månen;
Siv Sag;siv@sag.example;Sag AS;974760673;16.1;1-4;nordbygda;
"""


def _project(db, login_as, make_project) -> int:
    project_id = make_project(login_as("leader"))
    with db as session:
        session.get(Project, project_id).areas = ["Sentrum", "Nordbygda"]
        session.commit()
    return project_id


def _upload(client, project_id, name: str, data: bytes):
    url = f"/manage/projects/{project_id}/contacts/import"
    return post_form(
        client, url, {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def test_preview_lists_every_bad_row_with_line_and_reason(client, db, login_as, make_project):
    project_id = _project(db, login_as, make_project)
    page = _upload(client, project_id, "kontakter.csv", CSV.encode())
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    problems = dict(re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]+)</td></tr>', html))
    assert set(problems) == {"3", "4", "5", "6", "8"}
    assert "e-postadresse" in problems["3"]
    assert "923" not in problems.get("2", "") and "123456789" in problems["4"]
    assert "linje 2" in problems["5"]
    assert "XX" in problems["6"] and "Månen" in problems["8"]
    assert "merknad" in html  # the unused column is named
    with db as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 0


def test_confirming_imports_the_good_rows_and_merges_by_email(client, db, login_as, make_project):
    project_id = _project(db, login_as, make_project)
    with db as session:
        session.add(Contact(project_id=project_id, email="siv@sag.example", name="Siv", phone="99"))
        session.commit()
    html = _upload(client, project_id, "kontakter.csv", CSV.encode()).get_data(as_text=True)
    confirm = re.search(r'action="([^"]+/confirm)"', html).group(1)
    assert post_form(client, confirm).status_code == 302
    assert post_form(client, confirm).status_code == 302  # twice is harmless
    with db as session:
        contacts = {c.email: c for c in session.scalars(select(Contact))}
        assert set(contacts) == {"kari@fisk.example", "siv@sag.example"}
        kari, siv = contacts["kari@fisk.example"], contacts["siv@sag.example"]
        assert (kari.org_number, kari.sector, kari.company_size, kari.area) == (
            "923609016",
            "A",
            "10-19",
            "Sentrum",
        )
        assert (siv.name, siv.phone, siv.sector, siv.area) == ("Siv Sag", "99", "C", "Nordbygda")
        assert session.scalar(select(func.count()).select_from(ContactImport)) == 0


def test_an_xlsx_file_is_read_like_a_csv(client, db, login_as, make_project):
    project_id = _project(db, login_as, make_project)
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email", "Company", "Org.nr", "Sector", "Employees"])
    sheet.append(["Kari", "kari@fisk.example", "Fisk AS", 923609016, "A", 250])
    sheet.append(["Bad", "=cmd|' /C calc'!A0", "X", None, None, None])
    data = io.BytesIO()
    book.save(data)
    html = _upload(client, project_id, "list.xlsx", data.getvalue()).get_data(as_text=True)
    assert "250" in html and "linje 3" not in html
    assert re.search(r'<td class="num">3</td><td>[^<]*e-postadresse', html)


def test_wrong_files_get_a_message_and_nothing_is_imported(client, db, login_as, make_project):
    project_id = _project(db, login_as, make_project)
    cases = [
        ("list.pdf", b"%PDF"),
        ("list.xlsx", b"not a workbook"),
        ("list.csv", b"navn;firma\nKari;Fisk AS\n"),
        ("list.csv", b""),
        ("list.csv", ("e-post\n" + "a@b.no\n" * 5001).encode()),
        ("list.csv", b'e-post\n"' + b"x" * 140_000),  # longer than any CSV field may be
    ]
    for name, data in cases:
        page = _upload(client, project_id, name, data)
        assert page.status_code == 422, name
        assert 'class="error"' in page.get_data(as_text=True)
    with db as session:
        assert session.scalar(select(func.count()).select_from(ContactImport)) == 0


def test_a_leader_of_another_project_cannot_import_or_confirm(
    client, db, login_as, make_project, make_user
):
    other = make_project(make_user("leader"))
    login_as("leader")
    assert _upload(client, other, "k.csv", CSV.encode()).status_code == 404
    assert (
        post_form(client, f"/manage/projects/{other}/contacts/import/1/confirm").status_code == 404
    )


def test_a_row_with_several_problems_shows_them_all(client, db, login_as, make_project):
    project_id = _project(db, login_as, make_project)
    data = "e-post;orgnr;næring;ansatte;område\nikke-epost;123456789;XX;mange;Månen\n"
    html = _upload(client, project_id, "kontakter.csv", data.encode()).get_data(as_text=True)
    row = re.search(r'<tr><td class="num">2</td><td>(.*?)</td></tr>', html, re.S)
    assert row, html
    reasons = re.findall(r"<li>([^<]+)</li>", row.group(1))
    assert len(reasons) == 5, reasons
    assert "ikke-epost" in reasons[0] and "123456789" in reasons[1] and "XX" in reasons[2]
    assert "mange" in reasons[3] and "Månen" in reasons[4]
