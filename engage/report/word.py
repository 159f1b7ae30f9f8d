"""The plan summary as a Word document (python-docx), under the Omstillingsplan headings."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from flask_babel import force_locale
from flask_babel import gettext as _

from engage.report.charts import bar_chart
from engage.report.summary import Summary
from engage.report.wording import gap_sentence, headings, value_names


def build_docx(summary: Summary) -> bytes:
    """The summary document in the project's language form, as .docx bytes."""
    with force_locale(summary.project.language_form.value):
        document = Document()
        _setup(document, summary)
        names, titles = value_names(), headings()
        document.add_heading(
            _("Input and participation: %(name)s", name=summary.project.name), level=0
        )
        _process(document, summary, titles["process"], names)
        _heard(document, summary, titles["heard"])
        _areas(document, summary, titles["areas"], names)
        _ideas(document, summary, titles["ideas"])
        _anchoring(document, summary, titles["anchoring"], names)
        _appendix(document, summary, titles["appendix"], names)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def _setup(document, summary: Summary) -> None:
    document.core_properties.title = summary.project.name
    document.core_properties.author = "engage"
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Calibri", Pt(11)
    section = document.sections[0]
    project, day = summary.project, summary.generated_on.isoformat()
    section.header.paragraphs[0].text = f"{project.kommune} · {project.name} · {day}"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(_("Page") + " ")
    _page_number(footer.add_run())


def _page_number(run) -> None:
    """A PAGE field Word fills in."""
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _table(document, headers: list[str], rows: list[list[object]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(text)
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)


def _counts(document, title: str, rows: list[tuple[str, int]], names: dict, total: int) -> None:
    if not rows:
        return
    document.add_heading(title, level=3)
    named = [(names.get(k, k), n) for k, n in rows]
    document.add_picture(io.BytesIO(bar_chart(named)), width=Cm(14))
    _table(
        document,
        [_("Group"), _("Count"), _("Share")],
        [[k, n, f"{round(100 * n / total) if total else 0} %"] for k, n in named],
    )


def _process(document, summary: Summary, title: str, names) -> None:
    p = summary.participation
    document.add_heading(title, level=1)
    document.add_paragraph(
        _("%(n)d responses came in through %(a)d activities.", n=p.total, a=len(p.activities))
    )
    _table(
        document,
        [_("Activity"), _("Kind"), _("Date"), _("Place"), _("Responses")],
        [
            [
                a.title,
                names["channel"].get(a.kind, a.kind),
                a.held_on.isoformat() if a.held_on else "",
                a.place,
                a.responses,
            ]
            for a in p.activities
        ],
    )
    for title, invited, answered, percent in p.business_rates:
        document.add_paragraph(
            _(
                "Business survey «%(title)s»: %(answered)d of %(invited)d invited "
                "businesses answered (%(percent)d %%).",
                title=title,
                answered=answered,
                invited=invited,
                percent=percent,
            )
        )
    _counts(document, _("By channel"), p.by_channel, names["channel"], p.total)
    _counts(document, _("By group"), p.by_group, names["group"], p.total)
    _counts(document, _("By age band"), p.by_age, names["age"], p.total)
    _counts(document, _("By area"), p.by_area, {}, p.total)
    _counts(document, _("By sector"), p.by_sector, names["sector"], p.total)
    if p.gaps:
        document.add_heading(_("Who we have heard too little from"), level=3)
        for kind, values in p.gaps:
            document.add_paragraph(gap_sentence(kind, values), style="List Bullet")


def _heard(document, summary: Summary, title: str) -> None:
    document.add_heading(title, level=1)
    for q in summary.questions:
        document.add_heading(q.prompt, level=2)
        document.add_paragraph(_("%(activity)s: %(n)d answers.", activity=q.activity, n=q.answered))
        if q.distribution:
            document.add_picture(io.BytesIO(bar_chart(q.distribution)), width=Cm(12))
            _table(document, [_("Answer"), _("Count")], [list(row) for row in q.distribution])
        if q.themes:
            document.add_paragraph(
                _("Main points:") + " " + "; ".join(f"{label} ({n})" for label, n in q.themes)
            )
        for quote in q.quotes:
            document.add_paragraph(f"«{quote.text}» ({quote.ref})", style="Quote")


def _areas(document, summary: Summary, title: str, names) -> None:
    document.add_heading(title, level=1)
    if not summary.areas:
        document.add_paragraph(_("No innsatsområder are chosen in the theme workspace yet."))
    else:
        document.add_paragraph(
            _("The chosen areas cover %(pct)s %% of all input.", pct=round(100 * summary.coverage))
        )
    for number, area in enumerate(summary.areas, start=1):
        document.add_heading(f"{number}. {area.label}", level=2)
        if area.description:
            document.add_paragraph(area.description)
        document.add_paragraph(
            _(
                "Supported by %(n)d inputs (%(pct)s %% of all input).",
                n=area.size,
                pct=round(100 * area.share),
            )
        )
        who = ", ".join(f"{names['group'].get(k, k)}: {n}" for k, n in area.by_group)
        if who:
            document.add_paragraph(_("From:") + " " + who)
        for quote in area.quotes:
            document.add_paragraph(f"«{quote.text}» ({quote.ref})", style="Quote")
        if area.ideas:
            document.add_paragraph(_("Ideas for tiltak from the input:"))
            for idea in area.ideas[:5]:
                document.add_paragraph(f"{idea.text} ({idea.ref})", style="List Bullet")
        document.add_paragraph(_("Measurable goals: [to be filled in]"))
        indicators = [names["indicator"].get(i, i) for i in area.indicators]
        document.add_paragraph(
            _("Utviklingsanalyse indicators addressed:")
            + " "
            + (", ".join(indicators) or _("[to be chosen]"))
        )
    if summary.others:
        document.add_heading(_("Themes considered and not chosen"), level=2)
        _table(document, [_("Theme"), _("Inputs")], [[label, n] for label, n in summary.others])


def _ideas(document, summary: Summary, title: str) -> None:
    document.add_heading(title, level=1)
    for area in summary.areas:
        document.add_heading(area.label, level=2)
        _table(
            document,
            [_("Strategy"), _("Tiltak"), _("Responsible"), _("Budget"), _("Source")],
            [["", idea.text, "", "", idea.ref] for idea in area.ideas] or [["", "", "", "", ""]],
        )


def _anchoring(document, summary: Summary, title: str, names) -> None:
    document.add_heading(title, level=1)
    if not any(v.ballots for v in summary.votes):
        document.add_paragraph(_("No voting round on the candidate areas has been held yet."))
    for vote in summary.votes:
        if not vote.ballots:
            continue
        document.add_heading(vote.title, level=2)
        document.add_paragraph(_("%(n)d ballots.", n=vote.ballots))
        if vote.mode == "dots":
            rows = [[r.option.label, r.dots] for r in vote.rows]
            headers = [_("Area"), _("Dots")]
        else:
            rows = [[r.option.label, r.agree, r.neutral, r.disagree] for r in vote.rows]
            headers = [_("Area"), _("Agree"), _("Neutral"), _("Disagree")]
        document.add_picture(io.BytesIO(bar_chart([(r[0], r[1]) for r in rows])), width=Cm(12))
        _table(document, headers, rows)
        document.add_heading(_("By group"), level=3)
        _table(
            document,
            [_("Area"), _("Group"), _("Count")],
            [
                [r.option.label, names["group"].get(g, g) or _("not stated"), n]
                for r in vote.rows
                for g, n in r.by_group.items()
            ],
        )


def _appendix(document, summary: Summary, title: str, names) -> None:
    document.add_heading(title, level=1)
    document.add_heading(_("Method"), level=2)
    run = summary.run
    if run:
        document.add_paragraph(
            _(
                "The text answers were grouped by engage's text analysis (%(version)s; parameters "
                "%(params)s; sentence embeddings: %(model)s). The analysis ran on %(when)s over "
                "%(n)d inputs. People then shaped the result:",
                version=run.version,
                params={k: v for k, v in run.params.items() if k != "embedding_model"},
                model=run.params.get("embedding_model") or _("none (word statistics only)"),
                when=run.created_at.date().isoformat(),
                n=run.input_count,
            )
        )
        for action, count in summary.edits:
            document.add_paragraph(f"{action}: {count}", style="List Bullet")
    else:
        document.add_paragraph(_("No analysis has been run."))
    document.add_heading(_("Questionnaires"), level=2)
    for activity, prompts in summary.questionnaires:
        document.add_heading(activity, level=3)
        for prompt in prompts:
            document.add_paragraph(prompt, style="List Number")
    document.add_heading(_("All input by theme"), level=2)
    for label, quotes in summary.inputs_by_theme:
        document.add_heading(label or _("Not placed in a theme"), level=3)
        for quote in quotes:  # paragraphs, not a table: thousands of rows stay fast
            document.add_paragraph(f"{quote.ref}  {quote.text}")
