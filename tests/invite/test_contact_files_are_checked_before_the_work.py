"""A contact file is checked against explicit limits before it is parsed: a zip bomb, a
sheet that claims a million columns or a UTF-16 file get a clear answer, and a file up to the
documented 2 MB is accepted (the general body limit does not cut it off first)."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook

from tests.conftest import post_form


def _upload(client, project_id: int, name: str, data: bytes):
    url = f"/manage/projects/{project_id}/contacts/import"
    return post_form(
        client, url, {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def _workbook(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(data: bytes, name: str, change) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            target.writestr(entry.filename, change(content) if entry.filename == name else content)
        if name not in source.namelist():
            target.writestr(name, change(b""))
    return out.getvalue()


def test_millions_of_shared_strings_are_refused_unread(client, login_as, make_project):
    project_id = make_project(login_as("leader"))
    strings = b"<si><t>a</t></si>" * 3_000_000
    bomb = _rewrite(
        _workbook([["navn", "e-post"], ["Kari", "kari@fisk.example"]]),
        "xl/sharedStrings.xml",
        lambda _xml: (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + strings
            + b"</sst>"
        ),
    )
    assert len(bomb) < 400_000
    page = _upload(client, project_id, "bombe.xlsx", bomb)
    assert page.status_code == 422
    assert "CSV" in page.get_data(as_text=True)


def test_a_sheet_claiming_a_million_columns_is_read_by_its_cells(client, login_as, make_project):
    project_id = make_project(login_as("leader"))
    claims = _rewrite(
        _workbook([["navn", "e-post"], ["Kari", "kari@fisk.example"]]),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    page = _upload(client, project_id, "stor.xlsx", claims)
    assert page.status_code == 200
    assert "kari@fisk.example" in page.get_data(as_text=True)


def test_a_file_near_the_documented_size_is_accepted(client, login_as, make_project):
    project_id = make_project(login_as("leader"))
    lines = ["navn;e-post;firma"] + [
        f"Person {n:04d};person{n}@bedrift.example;Bedrift nummer {n} med et langt navn AS"
        for n in range(4_999)
    ]
    data = ("\n".join(lines) + "\n").encode()
    assert 300 * 1024 < len(data) < 2 * 1024 * 1024
    page = _upload(client, project_id, "mange.csv", data)
    assert page.status_code == 200
    assert "4999" in page.get_data(as_text=True).replace("\xa0", "").replace(" ", "")


def test_a_utf16_file_from_excel_is_read(client, login_as, make_project):
    project_id = make_project(login_as("leader"))
    text = "navn\te-post\tfirma\nKåre Ødegård\tkare@fisk.example\tFisk AS\n"
    page = _upload(client, project_id, "unicode.txt", text.encode("utf-16"))
    assert page.status_code == 200
    assert "Kåre Ødegård" in page.get_data(as_text=True)
