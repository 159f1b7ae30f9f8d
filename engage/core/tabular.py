"""The one CSV writer, the one XLSX writer and the one spreadsheet-cell neutraliser every export
uses (responses, the summary workbook, the non-responders list, the project archive)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from engage.core.text import UNSAFE_CHARS

# A cell starting with one of these is read as a formula by Excel or LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Column widths in characters: no narrower than a short word, no wider than a sentence.
MIN_WIDTH, MAX_WIDTH = 6, 60


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    bom: bool


# Excel in a Norwegian (or Polish) locale splits on semicolons and needs the BOM to read æøå
# as UTF-8; in English it splits on commas.
COMMA = CsvDialect(",", bom=False)
SEMICOLON = CsvDialect(";", bom=True)
CSV_DIALECTS = {"nb": SEMICOLON, "nn": SEMICOLON, "pl": SEMICOLON, "en": COMMA}

Rows = tuple[list[str], list[list[object]]]


def csv_dialect(language: str | None) -> CsvDialect:
    """The CSV dialect a spreadsheet program set to this language opens as columns."""
    return CSV_DIALECTS.get((language or "nb")[:2], SEMICOLON)


def neutralise_cell(value: object) -> object:
    """A spreadsheet cell that no program will read as a formula or control sequence."""
    if not isinstance(value, str) or not value:
        return value
    cleaned = UNSAFE_CHARS.sub(" ", value)
    if value.startswith(FORMULA_START) or value[0] < " ":
        return "'" + cleaned
    return cleaned


def to_csv(
    headers: Sequence[object], rows: Iterable[Sequence[object]], language: str | None = "nb"
) -> bytes:
    """UTF-8 CSV in the dialect of the language (semicolons and a BOM for nb/nn/pl, commas
    for en); every cell neutralised; None is empty."""
    dialect = csv_dialect(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter)
    writer.writerow([neutralise_cell(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else neutralise_cell(v) for v in row])
    return (("\ufeff" if dialect.bom else "") + buffer.getvalue()).encode("utf-8")


def column_widths(headers: Sequence[object], rows: Sequence[Sequence[object]]) -> list[float]:
    """Widths (in characters) that fit each column's header and its longest value, within
    bounds; long texts wrap instead of making a column a page wide."""
    widths = [max(MIN_WIDTH, len(str(h)) + 2) for h in headers]
    for row in rows[:2000]:  # enough to judge a column
        for index, value in enumerate(row[: len(widths)]):
            if value is not None and value != "":
                widths[index] = max(widths[index], len(str(value)) + 2)
    return [float(min(w, MAX_WIDTH)) for w in widths]


def to_xlsx(sheets: dict[str, Rows]) -> bytes:
    """A workbook with one sheet per table: formulas neutralised, header row bold and frozen,
    columns as wide as their content, long texts wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(_sheet_title(title))
        sheet.append([neutralise_cell(h) for h in headers])
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            sheet.append([neutralise_cell(v) for v in row])
        for index, width in enumerate(column_widths(headers, rows), start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = width
            if width >= MAX_WIDTH:
                for (cell,) in sheet.iter_rows(min_col=index, max_col=index, min_row=2):
                    cell.alignment = wrap
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()
    return (cleaned or "Ark")[:31]
