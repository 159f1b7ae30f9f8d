"""The leader exports the summary for the Omstillingsplan: Word, spreadsheets, Markdown."""

from __future__ import annotations

import csv
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import func, select

from engage.core.tabular import neutralise_cell
from engage.models import Activity, Project, Response
from engage.report.anonymise import mask
from tests.conftest import log_in
from tests.report.conftest import add_answer
from tests.report.conftest import export_file as export

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\b\d{3} ?\d{2} ?\d{3}\b|\+47 ?\d{8}")


def test_word_document_follows_the_plan_headings_and_is_traceable(app, db, demo, tmp_path):
    document = Document(str(export(app, "demo-fjordvik", "docx", tmp_path)))
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert level1 == [
        "Sammendrag",
        "Bakgrunn",
        "Visjon og mål",
        "Innsatsområder",
        "Organisering",
        "Ressursinnsats og finansiering",
        "Kommunikasjonsstrategi",
        "Hva skjer videre",
        "Vedlegg: svar per aktivitet",
        "Vedlegg: metode",
        "Vedlegg: spørreskjemaer",
        "Vedlegg: alle innspill etter tema",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    tables = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    with db as session:
        total = session.scalar(
            select(func.count()).select_from(Response).where(Response.is_hidden.is_(False))
        )
    assert f"Det kom inn {total} svar" in text
    placeholders = [p.text for p in document.paragraphs if p.style.name == "Placeholder"]
    assert any("omstillingsstatus" in p for p in placeholders)  # Bakgrunn: authors write
    assert any("styringsgruppe" in p for p in placeholders)  # Organisering
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert sum(1 for h in level2 if re.match(r"^[1-4]\. ", h)) == 4  # four pinned areas
    numbered = [p for p in document.paragraphs if re.match(r"^[1-4]\. .* – \d+ innspill", p.text)]
    assert len(numbered) == 4 and {p.style.name for p in numbered} == {"List"}  # no "• 1."
    cited = set(re.findall(r"\((I-\d+)\)", text + tables))
    listed = set(re.findall(r"^(I-\d+) ", text, re.MULTILINE))
    assert cited and cited <= listed
    assert not EMAIL.search(text + tables) and not PHONE.search(text + tables)
    assert "[telefon]" in text and "[e-post]" in text
    assert "Side" in document.sections[0].footer.paragraphs[0].text
    assert document.inline_shapes  # charts as images
    assert "Innspillsmøte i samfunnshuset" in tables  # numbers also as tables


def test_nynorsk_project_gives_nynorsk_headings(app, db, demo, tmp_path):
    with db as session:
        session.get(Project, demo["id"]).language_form = "nn"
        session.commit()
    document = Document(str(export(app, demo["id"], "docx", tmp_path)))
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert level1[:4] == ["Samandrag", "Bakgrunn", "Visjon og mål", "Innsatsområde"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Innspel til omstillingsplanen" in text and "Det kom inn" in text


def test_spreadsheet_round_trip_and_formula_neutralisation(app, db, demo, tmp_path):
    with db as session:
        add_answer(
            session,
            session.scalar(select(Activity)),
            0,
            '=HYPERLINK("http://evil.example","klikk")',
        )
        session.commit()
        visible = session.scalar(
            select(func.count()).select_from(Response).where(Response.is_hidden.is_(False))
        )
    book = load_workbook(export(app, demo["id"], "xlsx", tmp_path))
    assert book.sheetnames == ["Svar", "Temaer", "Deltakelse"]
    rows = list(book["Svar"].iter_rows(values_only=True))
    assert len(rows) == visible + 1
    cells = [c for row in rows for c in row if isinstance(c, str)]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert '\'=HYPERLINK("http://evil.example","klikk")' in cells
    themes = list(book["Temaer"].iter_rows(values_only=True))
    assert [row[0] for row in themes[1:5]] == [1, 2, 3, 4]


def test_csv_of_responses(app, demo, tmp_path):
    raw = export(app, demo["id"], "csv", tmp_path).read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Referanse", "Aktivitet", "Kanal"]
    assert not any(EMAIL.search(c) for row in rows for c in row)


def test_markdown_and_html_preview(app, client, demo, tmp_path):
    text = export(app, demo["id"], "md", tmp_path).read_text()
    document = Document(str(export(app, demo["id"], "docx", tmp_path)))
    word = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    # The Markdown file and the preview page follow the Word document's headings and order.
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == word
    assert re.search(r"### Innspillsmøte i samfunnshuset – 1\. ", text)  # numbered per activity
    assert "> Skrives av planforfatterne: " in text
    log_in(client, type("A", (), {"email": "leder@demo.example", "password": demo["password"]}))
    page = client.get(f"/manage/projects/{demo['id']}/summary")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert re.findall(r"<h2>([^<]+)</h2>", html)[1:] == word[:-2]  # after "Public results page"
    english = client.get(f"/manage/projects/{demo['id']}/summary/summary.xlsx?lang=en")
    assert load_workbook(io.BytesIO(english.data)).sheetnames[0] == "Responses"
    for fmt in ("docx", "xlsx", "csv", "md"):
        download = client.get(f"/manage/projects/{demo['id']}/summary/summary.{fmt}")
        assert (
            download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
        )
    assert client.get(f"/manage/projects/{demo['id']}/summary/summary.exe").status_code == 404


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+47", "'+47"),
        ("-5", "'-5"),
        ("@x", "'@x"),
        ("ok", "ok"),
        ("\x01bad", "' bad"),
        (5, 5),
    ],
)
def test_cells_are_neutralised(value, expected):
    assert neutralise_cell(value) == expected


def test_masking_leaves_dates_and_counts():
    assert mask("Møte 2026-01-05, 12 000 innbyggere") == "Møte 2026-01-05, 12 000 innbyggere"
    assert mask("Tlf 98 76 54 32, +47 98765432, ola@x.no") == ("Tlf [telefon], [telefon], [e-post]")


def test_business_survey_response_rate_is_in_the_summary(app, db, demo, tmp_path):
    from engage.models import (
        ActivityKind,
        Contact,
        Invitation,
        InvitationMail,
        MailKind,
        MailStatus,
    )
    from engage.models.base import utcnow

    with db as session:
        survey = session.scalar(
            select(Activity).where(Activity.kind == ActivityKind.BUSINESS_SURVEY)
        )
        for n in range(4):
            contact = Contact(
                project_id=demo["id"],
                name=f"Firma {n}",
                email=f"post{n}@firma.example",
                company=f"Firma {n} AS",
            )
            invitation = Invitation(
                activity_id=survey.id, contact=contact, answered_at=utcnow() if n < 3 else None
            )
            invitation.mails = [
                InvitationMail(kind=MailKind.INVITATION, status=MailStatus.SENT, sent_at=utcnow())
            ]
            session.add(invitation)
        session.commit()
        title = survey.title
    text = export(app, demo["id"], "md", tmp_path).read_text()
    assert f"Næringslivsundersøkelsen «{title}»: 3 av 4 inviterte bedrifter svarte (75 %)" in text
    assert "firma.example" not in text
