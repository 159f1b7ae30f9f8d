"""The plan summary as a Word document (python-docx) that drops into the Omstillingsplan.

A4, a table of contents (a Word TOC field over the heading styles, with its entries already
written so a reader sees them before fields are updated), dates written out in the project's
language, a summary up front, then the Omstillingsplan's own headings — Bakgrunn; Visjon og mål;
Innsatsområder (each with a Handlingsplan table); Organisering; Ressursinnsats og finansiering;
Kommunikasjonsstrategi — with engage's content where it has some and a marked placeholder where
the plan's authors write. Appendices: answers per activity, method, questionnaires, all input."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from engage.report.charts import bar_chart, text_width_cm
from engage.report.summary import Summary
from engage.report.wording import (
    author_tasks,
    business_rate,
    firms_interviewed,
    gap_sentence,
    headings,
    long_date,
    method_sentences,
    value_names,
)

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21.0), Cm(29.7), Cm(2.5)
TEXT_WIDTH_CM = 21.0 - 2 * 2.5
# A cell's padding left and right together, in cm.
CELL_PAD_CM = 0.45
# Cells this short (a date, a count, a reference) are kept on one line.
SHORT_CELL = 18
# Table text in points: the first that lets every word fit its column.
TABLE_FONT_SIZES = (10, 9, 8)


def build_docx(summary: Summary, language: str | None = None) -> bytes:
    """The summary document in the project's language form (or `language`), as .docx bytes."""
    with force_locale(language or summary.project.language_form.value):
        document = Document()
        _setup(document, summary)
        names = value_names()
        _title(document, summary)
        toc = _toc_field(document)
        _summary(document, summary, names)
        _background(document, summary, names)
        _vision(document, summary)
        _areas(document, summary, names)
        _organisation(document)
        _resources(document)
        _communication(document, summary, names)
        _next(document, summary)
        _heard(document, summary)
        _method(document, summary)
        _questionnaires(document, summary)
        _all_input(document, summary)
        _toc_entries(document, toc)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


# -- page, styles, fields ---------------------------------------------------------------------


def _setup(document, summary: Summary) -> None:
    document.core_properties.title = summary.project.name
    document.core_properties.author = "engage"
    document.core_properties.language = str(summary.project.language_form.value)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Calibri", Pt(11)
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
    section = document.sections[0]
    project = summary.project
    header = section.header.paragraphs[0]
    header.text = f"{project.kommune} · {project.name} · {long_date(summary.generated_on)}"
    header.runs[0].font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(_("Page") + " ")
    _field(footer.add_run(), "PAGE")
    placeholder = document.styles.add_style("Placeholder", WD_STYLE_TYPE.PARAGRAPH)
    placeholder.base_style = style
    placeholder.font.italic = True
    placeholder.font.color.rgb = RGBColor(0x5A, 0x44, 0x00)
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "FFF2CC")):
        shading.set(qn(key), value)
    placeholder.element.get_or_add_pPr().append(shading)
    # Word offers to update the table of contents (page numbers) when the file is opened.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _fld_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _instr(text: str):
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


def _field(run, code: str) -> None:
    """A field Word fills in (PAGE)."""
    run._r.append(_fld_char("begin"))
    run._r.append(_instr(code))
    run._r.append(_fld_char("separate"))
    run._r.append(_fld_char("end"))


def _title(document, summary: Summary) -> None:
    project = summary.project
    document.add_heading(_("Input for the Omstillingsplan: %(name)s", name=project.name), 0)
    document.add_paragraph(f"{project.kommune} · {long_date(summary.generated_on)}")
    document.add_paragraph(
        _(
            "Prepared with engage from the input project's data. Sections marked in yellow are "
            "for the plan's authors to write."
        )
    )


def _toc_field(document):
    """The heading "Contents" and the paragraph that will hold the TOC field."""
    heading = document.add_paragraph()
    run = heading.add_run(_("Contents"))
    run.bold, run.font.size = True, Pt(14)
    return document.add_paragraph()


def _toc_entries(document, anchor) -> None:
    """A TOC field (headings 1–2) whose shown result is the list of headings, written now, so
    the entries are there before Word or LibreOffice updates the field with page numbers."""
    entries = [
        (p.text, 1 if p.style.name == "Heading 1" else 2)
        for p in document.paragraphs
        if p.style.name in ("Heading 1", "Heading 2")
    ]
    first = anchor.insert_paragraph_before()
    begin = first.add_run()
    begin._r.append(_fld_char("begin"))
    begin._r.append(_instr(' TOC \\o "1-2" \\h \\z \\u '))
    begin._r.append(_fld_char("separate"))
    for text, level in entries:
        paragraph = anchor.insert_paragraph_before()
        paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        paragraph.paragraph_format.space_after = Pt(2)
        run = paragraph.add_run(text)
        run.bold = level == 1
    anchor.add_run()._r.append(_fld_char("end"))
    anchor.paragraph_format.page_break_before = False
    anchor.add_run().add_break(_page_break())


def _page_break():
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def _placeholder(document, text: str) -> None:
    document.add_paragraph("[" + text + "]", style="Placeholder")


def _quote(document, ref: str, text: str) -> None:
    document.add_paragraph(f"«{text}» ({ref})", style="Quote")


# -- tables ---------------------------------------------------------------------------------


def column_widths_cm(
    headers: Sequence[str], rows: Sequence[Sequence[object]], total: float = TEXT_WIDTH_CM
) -> tuple[list[float], float]:
    """Column widths that fit the content, and the font size (pt) that lets them fit.

    Every column is at least as wide as its longest word as printed (bold in the header), so
    no normal word breaks inside; the rest of the page is shared by how much text each column
    has. When that does not fit, short cells (dates, counts) may wrap at their spaces; then the
    table's font steps down; only a table of very long words is squeezed alike.
    """
    columns = [[str(h)] for h in headers]
    for row in rows[:500]:
        for index, value in enumerate(row):
            columns[index].append("" if value is None else str(value))

    def width(column: list[str], size: float, whole) -> float:
        """The widest unbreakable piece of a column: words, or short cells kept whole."""
        head, *body = column
        pieces = [(w, True) for w in head.split()] + [(w, False) for t in body for w in t.split()]
        pieces += [(t, False) for t in body if whole and len(t) <= SHORT_CELL]
        return CELL_PAD_CM + max(
            (text_width_cm(text, size, bold) for text, bold in pieces), default=0.0
        )

    for size in TABLE_FONT_SIZES:
        for whole in (True, False):
            least = [width(c, size, whole) for c in columns]
            if sum(least) <= total:
                wanted = [
                    max(m, CELL_PAD_CM + max(text_width_cm(t, size) for t in c))
                    for m, c in zip(least, columns, strict=True)
                ]
                return _share(least, wanted, total), size
    return [w * total / sum(least) for w in least], size  # very long words: squeeze alike


def _share(least: list[float], wanted: list[float], total: float) -> list[float]:
    """Give every column its least width, then the spare width by how much more it wants."""
    if sum(wanted) <= total:
        spare = total - sum(wanted)
        return [w + spare * w / sum(wanted) for w in wanted]
    spare, extra = total - sum(least), [w - m for w, m in zip(wanted, least, strict=True)]
    return [m + spare * e / (sum(extra) or 1) for m, e in zip(least, extra, strict=True)]


def _table(document, headers: list[str], rows: list[list[object]]) -> None:
    widths, size = column_widths_cm(headers, rows)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    _fill(table.rows[0].cells, headers, widths, Pt(size), bold=True)
    _repeat_header(table.rows[0])
    for row in rows:
        _fill(table.add_row().cells, row, widths, Pt(size))


def _fill(cells, values, widths, size: Pt, bold: bool = False) -> None:
    for cell, value, width in zip(cells, values, widths, strict=True):
        cell.width = Cm(width)
        run = cell.paragraphs[0].add_run("" if value is None else str(value))
        run.font.size, run.bold = size, bold


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _chart(document, rows: list[tuple[str, int]], width: float = 14) -> None:
    document.add_picture(io.BytesIO(bar_chart(rows)), width=Cm(width))


def chart_rows(summary: Summary) -> list[list[tuple[str, int]]]:
    """Every chart the document draws, as its (label, count) rows (the font test reads these)."""
    names = value_names()
    p = summary.participation
    charts = [
        [(names[key].get(k, k) if key else k, n) for k, n in rows]
        for key, rows in _breakdowns(p)
        if rows
    ]
    charts += [q.distribution for q in summary.questions if q.distribution]
    charts += [_vote_rows(v)[0] for v in summary.votes if v.ballots]
    return charts


def _breakdowns(p) -> list[tuple[str | None, list[tuple[str, int]]]]:
    return [
        ("channel", p.by_channel),
        ("group", p.by_group),
        ("age", p.by_age),
        (None, p.by_area),
        ("sector", p.by_sector),
    ]


# -- sections -------------------------------------------------------------------------------


def _summary(document, summary: Summary, names) -> None:
    p = summary.participation
    document.add_heading(headings()["summary"], level=1)
    text = ngettext(
        "%(num)d response came in through %(a)d activities.",
        "%(num)d responses came in through %(a)d activities.",
        p.total,
        a=len(p.activities),
    )
    groups = ", ".join(f"{names['group'].get(k, k).lower()} {n}" for k, n in p.by_group)
    if groups:
        text += " " + _("Of those who said who they answer as: %(groups)s.", groups=groups)
    document.add_paragraph(text)
    for title, invited, answered, percent in p.business_rates:
        document.add_paragraph(business_rate(title, invited, answered, percent))
    if p.interviewed_firms:
        document.add_paragraph(firms_interviewed(p.interviewed_firms))
    if not summary.areas:
        document.add_paragraph(_("No innsatsområder are chosen in the theme workspace yet."))
        return
    document.add_paragraph(
        ngettext(
            "The input points to %(num)d candidate innsatsområde:",
            "The input points to %(num)d candidate innsatsområder:",
            len(summary.areas),
        )
    )
    dots = _dots_by_label(summary)
    for number, area in enumerate(summary.areas, start=1):
        line = _(
            "%(number)d. %(label)s – %(n)d inputs (%(pct)s %% of all input)",
            number=number,
            label=area.label,
            n=area.size,
            pct=round(100 * area.share),
        )
        if area.label in dots:
            line += ", " + ngettext(
                "%(num)d dot in the vote", "%(num)d dots in the vote", dots[area.label]
            )
        document.add_paragraph(line, style="List")  # numbered in the text, as the headings
    document.add_paragraph(
        _("Together the areas cover %(pct)s %% of all input.", pct=round(100 * summary.coverage))
    )


def _dots_by_label(summary: Summary) -> dict[str, int]:
    found: dict[str, int] = {}
    for vote in summary.votes:
        if vote.ballots:
            for r in vote.rows:
                found[r.option.label] = found.get(r.option.label, 0) + (
                    r.dots if vote.mode == "dots" else r.agree
                )
    return found


def _background(document, summary: Summary, names) -> None:
    project, p = summary.project, summary.participation
    document.add_heading(headings()["background"], level=1)
    document.add_heading(_("About the omstilling project"), level=2)
    if project.description:
        for paragraph in project.description.split("\n\n"):
            document.add_paragraph(paragraph.strip())
    if project.starts_on and project.ends_on:
        document.add_paragraph(
            _(
                "The input project ran from %(start)s to %(end)s.",
                start=long_date(project.starts_on),
                end=long_date(project.ends_on),
            )
        )
    _placeholder(document, author_tasks()["background"])
    document.add_heading(_("How the input was gathered"), level=2)
    document.add_paragraph(
        ngettext(
            "%(num)d response came in through %(a)d activities.",
            "%(num)d responses came in through %(a)d activities.",
            p.total,
            a=len(p.activities),
        )
    )
    _table(
        document,
        [_("Activity"), _("Kind"), _("Date"), _("Place"), _("Responses")],
        [
            [
                a.title,
                names["channel"].get(a.kind, a.kind),
                long_date(a.held_on),
                a.place,
                a.responses,
            ]
            for a in p.activities
        ],
    )
    for title, invited, answered, percent in p.business_rates:
        document.add_paragraph(business_rate(title, invited, answered, percent))
    if p.interviewed_firms:
        document.add_paragraph(firms_interviewed(p.interviewed_firms))
    document.add_heading(_("Who took part"), level=2)
    titles = {
        "channel": _("By channel"),
        "group": _("By group"),
        "age": _("By age band"),
        None: _("By area"),
        "sector": _("By sector"),
    }
    for key, rows in _breakdowns(p):
        if not rows:
            continue
        document.add_heading(titles[key], level=3)
        named = [(names[key].get(k, k) if key else k, n) for k, n in rows]
        _chart(document, named)
        _table(
            document,
            [_("Group"), _("Count"), _("Share")],
            [[k, n, f"{round(100 * n / p.total) if p.total else 0} %"] for k, n in named],
        )
    if p.gaps:
        document.add_heading(_("Who we have heard too little from"), level=3)
        for kind, values in p.gaps:
            document.add_paragraph(gap_sentence(kind, values), style="List Bullet")


def _vision(document, summary: Summary) -> None:
    document.add_heading(headings()["vision"], level=1)
    _placeholder(document, author_tasks()["vision"])
    if summary.areas:
        document.add_paragraph(_("What the participants' input gives the vision to build on:"))
        for area in summary.areas:
            text = area.label + (f": {area.description}" if area.description else "")
            document.add_paragraph(text, style="List Bullet")


def _areas(document, summary: Summary, names) -> None:
    document.add_heading(headings()["areas"], level=1)
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
            _quote(document, quote.ref, quote.text)
        document.add_paragraph(_("Measurable goals:"))
        _placeholder(document, _("For the plan's authors: measurable goals for this area."))
        indicators = [names["indicator"].get(i, i) for i in area.indicators]
        document.add_paragraph(
            _("Utviklingsanalyse indicators addressed:")
            + " "
            + (", ".join(indicators) or _("[to be chosen]"))
        )
        document.add_heading(_("Handlingsplan: %(label)s", label=area.label), level=3)
        blank = _("[to be filled in]")
        document.add_paragraph(
            _(
                "Ideas for tiltak from the input placed in this area. Strategies, responsibility "
                "and budget are for the plan's authors."
            )
        )
        _table(
            document,
            [_("Strategy"), _("Tiltak"), _("Responsible"), _("Budget"), _("Source")],
            [[blank, idea.text, blank, blank, idea.ref] for idea in area.ideas]
            or [[blank, blank, blank, blank, ""]],
        )
    _votes(document, summary, names)
    if summary.others:
        document.add_heading(_("Themes considered and not chosen"), level=2)
        _table(document, [_("Theme"), _("Inputs")], [[label, n] for label, n in summary.others])


def _vote_rows(vote) -> tuple[list[tuple[str, int]], list[str], list[list[object]]]:
    if vote.mode == "dots":
        rows = [
            [r.option.label, r.dots, len(vote.comments.get(r.option.id, []))] for r in vote.rows
        ]
        headers = [_("Area"), _("Dots"), _("Comments")]
    else:
        rows = [
            [
                r.option.label,
                r.agree,
                r.neutral,
                r.disagree,
                len(vote.comments.get(r.option.id, [])),
            ]
            for r in vote.rows
        ]
        headers = [_("Area"), _("Agree"), _("Neutral"), _("Disagree"), _("Comments")]
    return [(str(r[0]), int(r[1])) for r in rows], headers, rows


def _votes(document, summary: Summary, names) -> None:
    document.add_heading(_("Forankring: the vote on the areas"), level=2)
    if not any(v.ballots for v in summary.votes):
        document.add_paragraph(_("No voting round on the candidate areas has been held yet."))
    for vote in summary.votes:
        if not vote.ballots:
            continue
        document.add_heading(vote.title, level=3)
        document.add_paragraph(ngettext("%(num)d ballot.", "%(num)d ballots.", vote.ballots))
        chart, headers, rows = _vote_rows(vote)
        _chart(document, chart, 12)
        _table(document, headers, rows)
        document.add_paragraph(_("By group:"))
        _table(
            document,
            [_("Area"), _("Group"), _("Count")],
            [
                [r.option.label, names["group"].get(g, g) or _("not stated"), n]
                for r in vote.rows
                for g, n in r.by_group.items()
            ],
        )
        for r in vote.rows:
            comments = vote.comments.get(r.option.id, [])
            if comments:
                document.add_paragraph(_("Comments on «%(label)s»:", label=r.option.label))
                for quote in comments:
                    _quote(document, quote.ref, quote.text)


def _for_the_authors(document, heading: str, task: str, *notes: str) -> None:
    """A plan heading the authors write under: what to write, then what engage can tell."""
    document.add_heading(heading, level=1)
    _placeholder(document, task)
    for note in notes:
        document.add_paragraph(note)


def _organisation(document) -> None:
    _for_the_authors(document, headings()["organisation"], author_tasks()["organisation"])


def _resources(document) -> None:
    _for_the_authors(
        document,
        headings()["resources"],
        author_tasks()["resources"],
        _(
            "The Handlingsplan tables under each innsatsområde leave responsibility and budget "
            "blank."
        ),
    )


def _communication(document, summary: Summary, names) -> None:
    document.add_heading(headings()["communication"], level=1)
    channels = ", ".join(
        f"{names['channel'].get(k, k).lower()} ({n})" for k, n in summary.participation.by_channel
    )
    if channels:
        document.add_paragraph(_("People were reached through: %(channels)s.", channels=channels))
    published = summary.project.results_published_at
    if published:
        document.add_paragraph(
            _(
                "The results are on the public page «What you told us – what we will do», "
                "published on %(day)s.",
                day=long_date(published.date()),
            )
        )
    _placeholder(document, author_tasks()["communication"])


def _next(document, summary: Summary) -> None:
    document.add_heading(headings()["next"], level=1)
    text = summary.project.results_text
    if text:
        for paragraph in text.split("\n\n"):
            document.add_paragraph(paragraph.strip())
    else:
        document.add_paragraph(
            _(
                "The areas go into the omstilling plan, which the kommunestyre decides. You will "
                "be asked to vote on them first."
            )
        )
    _placeholder(document, author_tasks()["next"])


def _heard(document, summary: Summary) -> None:
    document.add_heading(headings()["heard"], level=1)
    current = None
    for q in summary.questions:
        if q.activity != current:
            current = q.activity
            document.add_heading(q.activity, level=2)
        document.add_heading(f"{q.number}. {q.prompt}", level=3)
        document.add_paragraph(ngettext("%(num)d answer.", "%(num)d answers.", q.answered))
        if q.distribution:
            _chart(document, q.distribution, 12)
            _table(document, [_("Answer"), _("Count")], [list(row) for row in q.distribution])
        if q.themes:
            document.add_paragraph(
                _("Main points:") + " " + "; ".join(f"{label} ({n})" for label, n in q.themes)
            )
        for quote in q.quotes:
            _quote(document, quote.ref, quote.text)


def _method(document, summary: Summary) -> None:
    document.add_heading(headings()["method"], level=1)
    for sentence in method_sentences(summary):
        document.add_paragraph(sentence)


def _questionnaires(document, summary: Summary) -> None:
    document.add_heading(headings()["questionnaires"], level=1)
    for activity, prompts in summary.questionnaires:
        if not prompts:
            continue
        document.add_heading(activity, level=2)
        for number, prompt in enumerate(prompts, start=1):
            document.add_paragraph(f"{number}. {prompt}")


def _all_input(document, summary: Summary) -> None:
    document.add_heading(headings()["all_input"], level=1)
    for label, quotes in summary.inputs_by_theme:
        document.add_heading(label or _("Not placed in a theme"), level=2)
        for quote in quotes:  # paragraphs, not a table: thousands of rows stay fast
            document.add_paragraph(f"{quote.ref}  {quote.text}")
