"""The Word file drops into the Omstillingsplan; every export cites an input by one reference."""

from __future__ import annotations

import csv
import io
import re

from docx import Document
from fontTools.ttLib import TTFont
from openpyxl import load_workbook
from sqlalchemy import select

from engage.inputs import Submission, record_response
from engage.models import Activity, ActivityKind, ActivityStatus, Project, Response
from engage.report import charts
from engage.report.summary import build_summary, is_internal
from engage.report.word import CELL_PAD_CM, chart_rows, column_widths_cm
from engage.review.services import create_activity
from tests.conftest import log_in
from tests.report.conftest import export_bytes


def test_every_chart_character_is_in_the_font(app, db, demo):
    cmap = TTFont(charts.font_path()).getBestCmap()
    with db as session, app.test_request_context():
        summary = build_summary(session.get(Project, demo["id"]))
        drawn = [charts.figure(rows) for rows in chart_rows(summary)]
        drawn.append(charts.figure([("Innspillsmøte «Łódź» 50–59", 3)]))
        texts = [t for fig in drawn for t in charts.texts(fig)]
    assert any("50–59" in t for t in texts)
    missing = {c for t in texts for c in t if c not in "\n" and ord(c) not in cmap}
    assert not missing


def test_word_file_is_a4_with_contents_and_norwegian_dates(app, db, demo):
    document = Document(io.BytesIO(export_bytes(db, demo["id"], "docx")))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    body = document.element.body.xml
    assert "TOC \\o" in body
    text = "\n".join(p.text for p in document.paragraphs)
    months = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    assert re.search(rf"\d{{1,2}}\. ({months}) \d{{4}}", text)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert "{'" not in text and "use_embeddings" not in text  # the method in plain words
    assert "Vedlegg: metode" in text and "tema" in text


def test_no_word_in_a_table_is_broken_inside(app, db, demo):
    """Every word of every table cell, measured in the printed font at the cell's size (bold
    in the header), fits the width its column was given."""
    document = Document(io.BytesIO(export_bytes(db, demo["id"], "docx")))
    assert document.tables
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                room = cell.width.cm - CELL_PAD_CM + 0.01
                for run in (r for p in cell.paragraphs for r in p.runs):
                    for word in run.text.split():
                        used = charts.text_width_cm(word, run.font.size.pt, bool(run.bold))
                        assert used <= room, (word, used, room)


def test_a_table_of_long_words_steps_its_type_down_before_squeezing():
    headers = ["Kompetansehevingsprogram", "Næringsutviklingsselskap", "Ansvar"]
    rows = [["Sjømatindustriklyngeprosjektet", "Reiselivsdestinasjonsselskapet", "Kommunen"]]
    columns = list(zip(headers, *rows, strict=True))
    sizes = []
    for total in (16.0, 14.0, 13.0):
        widths, size = column_widths_cm(headers, rows, total=total)
        sizes.append(size)
        assert abs(sum(widths) - total) < 1e-6
        for column, width in zip(columns, widths, strict=True):
            head, *body = column
            longest = max(
                [charts.text_width_cm(head, size, True)]
                + [charts.text_width_cm(w, size) for w in body]
            )
            assert longest <= width - CELL_PAD_CM + 1e-9, (total, column[0])
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    widths, size = column_widths_cm(headers, rows, total=6.0)  # no size fits: squeezed alike
    assert size == min(sizes) and abs(sum(widths) - 6.0) < 1e-6


def test_csv_dialect_follows_the_language(app, db, demo):
    nb = export_bytes(db, demo["id"], "csv")
    assert nb.startswith("\ufeff".encode()) and nb.decode("utf-8-sig").split("\n")[0].count(";") > 5
    en = export_bytes(db, demo["id"], "csv", "en")
    assert not en.startswith("\ufeff".encode())
    header = next(csv.reader(io.StringIO(en.decode())))
    assert header[:3] == ["Reference", "Activity", "Channel"]
    assert "Europe/Oslo" in header[3]


def test_sheets_are_translated_with_widths_and_frozen_header(app, db, demo):
    book = load_workbook(io.BytesIO(export_bytes(db, demo["id"], "xlsx", "en")))
    assert book.sheetnames == ["Responses", "Themes", "Participation"]
    sheet = book["Responses"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].value == "Reference"
    assert sheet.column_dimensions["B"].width > 10
    nb = load_workbook(io.BytesIO(export_bytes(db, demo["id"], "xlsx")))
    assert nb.sheetnames == ["Svar", "Temaer", "Deltakelse"]
    assert nb["Svar"]["A1"].value == "Referanse"


def test_one_reference_per_input_across_word_sheet_csv_and_public_page(app, db, client, demo):
    with db as session, app.test_request_context():
        summary = build_summary(session.get(Project, demo["id"]))
        quote = summary.areas[0].quotes[0]
        session.get(Project, demo["id"]).results_published_at = session.scalar(
            select(Response.submitted_at)
        )
        session.commit()
    word = Document(io.BytesIO(export_bytes(db, demo["id"], "docx")))
    assert f"({quote.ref})" in "\n".join(p.text for p in word.paragraphs)
    refs = [r[0] for r in load_workbook(io.BytesIO(export_bytes(db, demo["id"], "xlsx")))
            .worksheets[0].iter_rows(min_row=2, values_only=True)]  # fmt: skip
    assert quote.ref in refs and all(re.fullmatch(r"I-\d+", r) for r in refs)
    assert f"\n{quote.ref};" in export_bytes(db, demo["id"], "csv").decode("utf-8-sig")
    page = client.get("/p/demo-fjordvik/resultater").get_data(as_text=True)
    assert f"({quote.ref})" in page


def test_responses_search_finds_an_input_by_its_reference(app, db, client, demo):
    log_in(client, type("A", (), {"email": "leder@demo.example", "password": demo["password"]}))
    for q in ("I-7", "i7", "7"):
        page = client.get(f"/manage/projects/{demo['id']}/responses", query_string={"q": q})
        assert 'id="r' in page.get_data(as_text=True)
        assert "I-7 ·" in page.get_data(as_text=True)


def test_responses_are_numbered_per_project(app, db, demo, make_user, make_project):
    owner = make_user()
    other = make_project(owner, kommune="Fjordvik", name="Omstilling Fjordvik")
    with db as session:
        numbers = list(session.scalars(select(Response.number).order_by(Response.number)))
        assert numbers == list(range(1, len(numbers) + 1))  # the demo: 1, 2, 3 …
        project = session.get(Project, other)
        activity = create_activity(
            project, ActivityKind.SURVEY, "Spørsmål", status=ActivityStatus.OPEN
        )
        session.flush()
        first, _ = record_response(activity, Submission(answers=[], about={}), language="nb")
        second, _ = record_response(activity, Submission(answers=[], about={}), language="nb")
        session.commit()
        assert (first.number, second.number) == (1, 2) and first.ref == "I-1"
        assert (
            session.scalar(select(Activity.project_id).where(Activity.id == activity.id)) == other
        )


def test_internal_questions_are_never_quoted():
    class Plain:
        pass

    marked = Plain()
    marked.internal = True  # type: ignore[attr-defined]
    assert is_internal(marked) and not is_internal(Plain())
