"""Contact lists from CSV or XLSX: read, check every row, show, then import all at once."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.core.forms import CONTROL_CHARS
from engage.core.validators import clean_org_number, is_valid_org_number
from engage.extensions import db
from engage.invite.contacts import find_by_email, save_contact
from engage.invite.fields import clean_email, sector_from, size_from
from engage.models import ContactImport, Project, User
from engage.models.base import utcnow

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
MAX_CELL = 200
MAX_COLUMNS = 40
# An XLSX is a zip archive: checked before any XML is parsed.
MAX_XLSX_ENTRIES = 100
MAX_XLSX_UNPACKED = 25 * 1024 * 1024
MAX_XLSX_RATIO = 100  # text XML packs 5-20 times; a bomb packs thousands of times
PENDING_LIFETIME = timedelta(days=1)
# Column headings we recognise, in Norwegian and English, compared in lower case.
HEADINGS = {
    "name": ("name", "navn", "kontaktperson", "contact", "kontakt"),
    "email": ("email", "e-mail", "e-post", "epost", "mail", "e-postadresse"),
    "phone": ("phone", "telefon", "tlf", "mobil", "mobile"),
    "company": ("company", "firma", "bedrift", "virksomhet", "verksemd", "foretak"),
    "org_number": ("org_number", "orgnr", "org.nr", "org.nr.", "organisasjonsnummer", "org nr"),
    "sector": ("sector", "næring", "naering", "nace", "bransje", "næringskode", "sektor"),
    "company_size": (
        "size",
        "company_size",
        "størrelse",
        "storleik",
        "ansatte",
        "tilsette",
        "employees",
    ),
    "area": ("area", "område", "omrade", "sted", "bygd", "grend"),
}


class ImportFileError(ValueError):
    """The file as a whole cannot be read."""


@dataclass
class RowProblem:
    """Everything wrong with one row, so the leader fixes it in one go."""

    line: int
    reasons: list[str]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass
class ImportCheck:
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    merges: int = 0
    ignored_columns: list[str] = field(default_factory=list)


def read_table(filename: str, data: bytes) -> list[list[str]]:
    """The cells of a CSV or XLSX file as text, first row the headings."""
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    if filename.lower().endswith((".csv", ".txt")):
        return _read_csv(data)
    raise ImportFileError(_("Choose a CSV or XLSX file."))


def _read_csv(data: bytes) -> list[list[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("The file could not be read as CSV.")) from error
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    delimiter = max((";", ",", "\t"), key=text[:4096].count)
    try:
        return list(
            csv.reader(io.StringIO(text.replace("\0", ""), newline=""), delimiter=delimiter)
        )
    except csv.Error as error:
        raise ImportFileError(_("The file could not be read as CSV.")) from error


def _read_xlsx(data: bytes) -> list[list[str]]:
    """The first sheet's cells, read only after the archive's declared sizes are checked, with
    the sheet's own dimension ignored (a file may claim a million columns) and columns capped."""
    from openpyxl import load_workbook

    check_xlsx_archive(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        rows = []
        for count, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)):
            if count > MAX_IMPORT_ROWS + 1:
                break
            rows.append(["" if cell is None else _cell_text(cell) for cell in row])
        book.close()
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(_("The file could not be read as an XLSX workbook.")) from error
    return rows


def check_xlsx_archive(data: bytes) -> None:
    """Refuse a workbook whose zip entries are too many, too large or too compressed."""
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportFileError(_("The file could not be read as an XLSX workbook.")) from error
    total = sum(entry.file_size for entry in entries)
    too_packed = any(
        entry.file_size > MAX_XLSX_RATIO * max(entry.compress_size, 1) and entry.file_size > 65536
        for entry in entries
    )
    if len(entries) > MAX_XLSX_ENTRIES or total > MAX_XLSX_UNPACKED or too_packed:
        raise ImportFileError(
            _(
                "The workbook is larger inside than a contact list can be. Save the sheet "
                "with the contacts alone as CSV or XLSX and try again."
            )
        )


def _cell_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def check_rows(project: Project, table: list[list[str]]) -> ImportCheck:
    """Every row checked; problems with their line numbers (line 1 is the headings)."""
    if not table:
        raise ImportFileError(_("The file is empty."))
    if len(table) - 1 > MAX_IMPORT_ROWS:
        raise ImportFileError(
            _(
                "The file has more than %(max)d rows. Split it into smaller files.",
                max=MAX_IMPORT_ROWS,
            )
        )
    columns, check = _columns(table[0]), ImportCheck()
    if "email" not in columns.values():
        raise ImportFileError(
            _(
                "The first row must name the columns, and one of them must be the e-mail "
                "address (e.g. “e-post”)."
            )
        )
    check.ignored_columns = [h for i, h in enumerate(table[0]) if i not in columns and h.strip()]
    seen: dict[str, int] = {}
    for line, cells in enumerate(table[1:], start=2):
        raw = {name: (cells[i] if i < len(cells) else "").strip() for i, name in columns.items()}
        if not any(raw.values()):
            continue
        row, reasons = _check_row(project, raw)
        if row.get("email") in seen:
            reasons.append(
                _("duplicate: the same e-mail address as line %(line)d", line=seen[row["email"]])
            )
        if reasons:
            check.problems.append(RowProblem(line, reasons))
            continue
        seen[row["email"]] = line
        check.rows.append(row)
        check.lines.append(line)
        check.merges += find_by_email(project, row["email"]) is not None
    return check


def _columns(headings: list[str]) -> dict[int, str]:
    known = {alias: name for name, aliases in HEADINGS.items() for alias in aliases}
    found: dict[int, str] = {}
    for index, heading in enumerate(headings):
        name = known.get(heading.strip().lower())
        if name and name not in found.values():
            found[index] = name
    return found


def _check_row(project: Project, raw: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The cleaned row and every problem found in it (empty when the row is good)."""
    bad_cells = [v for v in raw.values() if CONTROL_CHARS.search(v) or len(v) > MAX_CELL]
    if bad_cells:  # the other checks would only quote the bad cell back
        return {}, [_("a cell is too long or contains characters that are not allowed")]
    problems: list[str] = []
    email = clean_email(raw.get("email", ""))
    if email is None:
        value = raw.get("email", "")[:80] or "–"
        problems.append(_("not a valid e-mail address: %(value)s", value=value))
    row = {k: raw.get(k, "") for k in ("name", "phone", "company")} | {"email": email or ""}
    org = raw.get("org_number", "")
    if org and not is_valid_org_number(org):
        problems.append(_("org.nr %(value)s fails the check digit (modulus 11)", value=org[:20]))
    row["org_number"] = clean_org_number(org) if org else ""
    sector = raw.get("sector", "")
    row["sector"] = (sector_from(sector) or "") if sector else ""
    if sector and not row["sector"]:
        problems.append(
            _(
                "unknown sector: %(value)s (use a NACE section letter A–U or a NACE code)",
                value=sector[:20],
            )
        )
    size = raw.get("company_size", "")
    row["company_size"] = (size_from(size) or "") if size else ""
    if size and not row["company_size"]:
        problems.append(
            _(
                "unknown size: %(value)s (use a number of employees or a band such as 10-19)",
                value=size[:20],
            )
        )
    area = raw.get("area", "")
    matches = [a for a in project.areas or [] if a.lower() == area.lower()]
    if area and project.areas and not matches:
        problems.append(_("unknown area: %(value)s", value=area[:40]))
    row["area"] = matches[0] if matches else area[:120]
    return row, problems


def store_check(project: Project, user: User, filename: str, check: ImportCheck) -> ContactImport:
    """Keep the good rows until the leader confirms; earlier unconfirmed checks of this
    leader, and any older than a day, are dropped so no contact list lingers."""
    db.session.execute(
        sa.delete(ContactImport).where(
            ContactImport.project_id == project.id,
            sa.or_(
                ContactImport.created_by_id == user.id,
                ContactImport.created_at < utcnow() - PENDING_LIFETIME,
            ),
        )
    )
    pending = ContactImport(
        project_id=project.id, created_by_id=user.id, filename=filename[:200], rows=check.rows
    )
    db.session.add(pending)
    db.session.flush()
    return pending


def purge_expired_imports() -> int:
    """Drop unconfirmed imports older than PENDING_LIFETIME, in every project; the job
    worker's sweep calls this, so no contact list lingers when nobody imports again."""
    result = db.session.execute(
        sa.delete(ContactImport).where(ContactImport.created_at < utcnow() - PENDING_LIFETIME)
    )
    return result.rowcount or 0


def apply_import(pending: ContactImport) -> int:
    """Add or merge every row of a confirmed import; returns how many rows."""
    project = db.session.get(Project, pending.project_id)
    if project is None:  # cannot happen while the row exists: it goes with its project
        raise LookupError(f"contact import {pending.id} has no project")
    for row in pending.rows:
        save_contact(project, row, merge=True)
    count = len(pending.rows)
    db.session.delete(pending)
    db.session.flush()
    return count
