"""Every export of a project, by format: docx, xlsx, csv, md; in the project's language form
(or another language the leader asks for)."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from engage.core.tabular import Rows, to_csv, to_xlsx
from engage.core.text import scrub
from engage.models import Project
from engage.report.summary import Summary, build_summary
from engage.report.tables import response_rows
from engage.report.word import build_docx
from engage.report.wording import document_words, value_names

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def export_language(project: Project, language: str | None = None) -> str:
    """The language asked for if the app has it, else the project's language form."""
    if language and language in current_app.config["LANGUAGES"]:
        return language
    return project.language_form.value


def export(project: Project, fmt: str, language: str | None = None) -> tuple[bytes, str]:
    """The export's bytes and MIME type."""
    language = export_language(project, language)
    with force_locale(language):
        if fmt == "csv":
            return to_csv(*scrub(response_rows(project)), language=language), FORMATS[fmt]
        summary = scrub(build_summary(project))
        if fmt == "docx":
            return build_docx(summary, language), FORMATS[fmt]
        if fmt == "xlsx":
            return to_xlsx(scrub(workbook_sheets(project, summary))), FORMATS[fmt]
        return markdown(summary, language).encode("utf-8"), FORMATS[fmt]


def markdown(summary: Summary, language: str | None = None) -> str:
    """The summary as Markdown, in the project's language form."""
    with force_locale(language or summary.project.language_form.value):
        return render_template("report/summary.md", s=summary, **document_words(summary))


def workbook_sheets(project: Project, summary: Summary) -> dict[str, Rows]:
    """Responses, themes and participation tables, named in the active language."""
    p, names = summary.participation, value_names()
    participation = [
        [kind, names[key].get(value, value) if key else value, n]
        for kind, key, rows in (
            (_("Channel"), "channel", p.by_channel),
            (_("Group"), "group", p.by_group),
            (_("Age band"), "age", p.by_age),
            (_("Area"), None, p.by_area),
            (_("Sector"), "sector", p.by_sector),
            (_("Language"), "language", p.by_language),
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
            ", ".join(names["indicator"].get(i, i) for i in a.indicators),
        ]
        for n, a in enumerate(summary.areas)
    ]
    themes += [["", label, "", size, "", "", ""] for label, size in summary.others]
    return {
        _("Responses"): response_rows(project),
        _("Themes"): (
            [
                _("Innsatsområde no."),
                _("Theme"),
                _("Description"),
                _("Inputs"),
                _("Share %"),
                _("Key terms"),
                _("Indicators"),
            ],
            themes,
        ),
        _("Participation"): ([_("Breakdown"), _("Value"), _("Responses")], participation),
    }
