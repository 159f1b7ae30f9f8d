"""The one CSV writer and the one spreadsheet-cell neutraliser every export uses."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from engage.core.text import UNSAFE_CHARS

# A cell starting with one of these is read as a formula by Excel or LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_cell(value: object) -> object:
    """A spreadsheet cell that no program will read as a formula or control sequence."""
    if not isinstance(value, str) or not value:
        return value
    cleaned = UNSAFE_CHARS.sub(" ", value)
    if value.startswith(FORMULA_START) or value[0] < " ":
        return "'" + cleaned
    return cleaned


def to_csv(
    headers: Sequence[object], rows: Iterable[Sequence[object]], delimiter: str = ","
) -> bytes:
    """UTF-8 CSV with a BOM (so Excel reads æøå), every cell neutralised; None is empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([neutralise_cell(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else neutralise_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
