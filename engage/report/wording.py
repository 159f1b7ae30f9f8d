"""Headings and value names of the summary, in the project's language form."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from engage.core.about import AGE_BANDS, NACE_SECTIONS, STAKEHOLDER_GROUPS
from engage.core.i18n import LANGUAGE_NAMES
from engage.models.labels import CHANNEL_LABELS, INDICATORS
from engage.report.summary import Summary


def headings() -> dict[str, str]:
    """The document's first-level headings in order: the Omstillingsplan's, then the
    appendices. The Word file, the Markdown file and the preview page all use these."""
    return {
        "summary": _("Summary"),
        "background": _("Background"),
        "vision": _("Vision and goals"),
        "areas": _("Innsatsområder"),
        "organisation": _("Organisation"),
        "resources": _("Resources and funding"),
        "communication": _("Communication strategy"),
        "next": _("What happens next"),
        "heard": _("Appendix: answers per activity"),
        "method": _("Appendix: method"),
        "questionnaires": _("Appendix: questionnaires"),
        "all_input": _("Appendix: all input by theme"),
    }


def author_tasks() -> dict[str, str]:
    """What the plan's authors write under a heading engage cannot fill from the input."""
    return {
        "background": _(
            "For the plan's authors: why the kommune has omstillingsstatus, the loss of jobs "
            "behind it, and the main findings of the Utviklingsanalyse."
        ),
        "vision": _(
            "For the plan's authors: the vision for the omstilling period and the main goals "
            "(for example the number of new jobs), agreed with the styringsgruppe."
        ),
        "organisation": _(
            "For the plan's authors: owner, styringsgruppe, project leader and how the "
            "omstilling work is organised."
        ),
        "resources": _(
            "For the plan's authors: the budget for the period, the kommune's and the "
            "fylkeskommune's share, and other funding."
        ),
        "communication": _(
            "For the plan's authors: how the kommune keeps citizens and businesses informed "
            "during the omstilling period, and who is responsible."
        ),
        "next": _("For the plan's authors: dates for the political decision."),
    }


def document_words(summary: Summary) -> dict:
    """What the Markdown file and the preview page need to word the document as Word does:
    headings, the authors' tasks, value names, the method and the sentence makers."""
    return {
        "titles": headings(),
        "tasks": author_tasks(),
        "names": value_names(),
        "method": method_sentences(summary),
        "rate": business_rate,
        "firms": firms_interviewed,
    }


def value_names() -> dict[str, dict[str, str]]:
    """Readable names of stored codes, per kind of breakdown."""
    return {
        "channel": {k: str(v) for k, v in CHANNEL_LABELS.items()},
        "group": {k: str(v) for k, v in STAKEHOLDER_GROUPS.items()},
        "age": {k: str(v) for k, v in AGE_BANDS.items()},
        "sector": {k: f"{k} {v}" for k, v in NACE_SECTIONS.items()},
        "language": dict(LANGUAGE_NAMES),
        "indicator": {k: str(v) for k, v in INDICATORS.items()},
    }


def gap_sentence(kind: str, values: dict) -> str:
    """A plain sentence about a thin or missing group."""
    names = value_names()
    if kind == "few_young":
        return _(
            "Few answers from people under 30: %(share)s %% of those who gave their age (%(n)s).",
            **values,
        )
    if kind == "no_area":
        return _("No answers from %(area)s.", **values)
    return _(
        "No answers from the group «%(group)s».",
        group=names["group"].get(values["group"], values["group"]),
    )


def long_date(day: date | None) -> str:
    """ "2. desember 2026" in Norwegian, "2 December 2026" in English: the active language."""
    return format_date(day, "long") if day else ""


def business_rate(title: str, invited: int, answered: int, percent: int) -> str:
    return _(
        "Business survey «%(title)s»: %(answered)d of %(invited)d invited "
        "businesses answered (%(percent)d %%).",
        title=title,
        answered=answered,
        invited=invited,
        percent=percent,
    )


def firms_interviewed(count: int) -> str:
    return ngettext(
        "%(num)d firm was interviewed. The firms are not named: engage does not record whether "
        "a firm agreed to be named in the plan.",
        "%(num)d firms were interviewed. The firms are not named: engage does not record whether "
        "a firm agreed to be named in the plan.",
        count,
    )


def method_sentences(summary: Summary) -> list[str]:
    """The method in plain words: how the analysis ran and what people changed."""
    run = summary.run
    if run is None:
        return [_("No analysis has been run.")]
    params = run.params or {}
    sentences = [
        _(
            "The text answers were grouped by engage's text analysis (version %(version)s) on "
            "%(day)s, over %(n)d inputs.",
            version=run.version or "–",
            day=long_date(run.created_at.date()),
            n=run.input_count,
        )
    ]
    if params.get("n_themes"):
        sentences.append(_("The number of themes was set to %(n)d.", n=params["n_themes"]))
    else:
        sentences.append(
            _(
                "The analysis chose the number of themes itself, between %(low)d and %(high)d.",
                low=params.get("min_themes", 3),
                high=params.get("max_themes", 8),
            )
        )
    model = params.get("embedding_model")
    if model:
        sentences.append(
            _(
                "It compared the meaning of the texts with the language model «%(model)s» as "
                "well as the words they share.",
                model=model,
            )
        )
    else:
        sentences.append(_("It compared the texts by the words they share (word statistics)."))
    changes = [_edit_phrase(kind, n) for kind, n in summary.edits]
    if changes:
        sentences.append(
            _("The project leader then shaped the result: %(changes)s.", changes=", ".join(changes))
        )
    sentences.append(
        _(
            "Input marked as not relevant and answers to internal questions are never quoted. "
            "Each quote ends with its reference (I-number), the same as in the app and the "
            "spreadsheet."
        )
    )
    return sentences


def _edit_phrase(kind: str, n: int) -> str:
    phrases = {
        "excluded": ngettext(
            "%(num)d input marked as not relevant", "%(num)d inputs marked as not relevant", n
        ),
        "merged": ngettext("%(num)d theme merged into another", "%(num)d themes merged", n),
        "split": ngettext("%(num)d theme split", "%(num)d themes split", n),
        "create": ngettext("%(num)d theme made by hand", "%(num)d themes made by hand", n),
        "renamed": ngettext("%(num)d theme renamed", "%(num)d themes renamed", n),
        "moved": ngettext(
            "%(num)d input moved to another theme", "%(num)d inputs moved to another theme", n
        ),
        "pinned": ngettext(
            "%(num)d theme chosen as innsatsområde", "%(num)d themes chosen as innsatsområder", n
        ),
    }
    return phrases.get(kind, f"{kind}: {n}")
