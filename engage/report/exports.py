"""Every export of a project, by format: docx, xlsx, csv, md."""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale

from engage.core.tabular import to_csv
from engage.core.text import scrub
from engage.models import Project
from engage.report.summary import Summary, build_summary
from engage.report.tables import Rows, response_rows, to_xlsx
from engage.report.word import build_docx
from engage.report.wording import headings, value_names

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def export(project: Project, fmt: str) -> tuple[bytes, str]:
    """The export's bytes and MIME type."""
    if fmt == "csv":
        return to_csv(*scrub(response_rows(project))), FORMATS[fmt]
    summary = scrub(build_summary(project))
    if fmt == "docx":
        return build_docx(summary), FORMATS[fmt]
    if fmt == "xlsx":
        return to_xlsx(scrub(workbook_sheets(project, summary))), FORMATS[fmt]
    return markdown(summary).encode("utf-8"), FORMATS[fmt]


def markdown(summary: Summary) -> str:
    """The summary as Markdown, in the project's language form."""
    with force_locale(summary.project.language_form.value):
        return render_template(
            "report/summary.md", s=summary, titles=headings(), names=value_names()
        )


def workbook_sheets(project: Project, summary: Summary) -> dict[str, Rows]:
    """Responses, themes and participation tables."""
    p = summary.participation
    participation = [
        [kind, value, n]
        for kind, rows in (
            ("channel", p.by_channel),
            ("group", p.by_group),
            ("age band", p.by_age),
            ("area", p.by_area),
            ("sector", p.by_sector),
            ("language", p.by_language),
        )
        for value, n in rows
    ]
    themes = [
        [
            n + 1,
            a.label,
            a.description,
            a.size,
            round(100 * a.share, 1),
            ", ".join(a.terms),
            ", ".join(a.indicators),
        ]
        for n, a in enumerate(summary.areas)
    ]
    themes += [["", label, "", size, "", "", ""] for label, size in summary.others]
    return {
        "responses": response_rows(project),
        "themes": (
            [
                "innsatsområde",
                "theme",
                "description",
                "inputs",
                "share %",
                "key terms",
                "indicators",
            ],
            themes,
        ),
        "participation": (["breakdown", "value", "responses"], participation),
    }
