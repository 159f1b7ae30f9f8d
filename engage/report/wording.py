"""Headings and value names of the summary, in the project's language form."""

from __future__ import annotations

from flask_babel import gettext as _

from engage.core.about import AGE_BANDS, NACE_SECTIONS, STAKEHOLDER_GROUPS
from engage.core.i18n import LANGUAGE_NAMES
from engage.models.labels import CHANNEL_LABELS, INDICATORS


def headings() -> dict[str, str]:
    """The six headings, matching the Omstillingsplan's structure."""
    return {
        "process": _("About the participation process"),
        "heard": _("What we heard"),
        "areas": _("Candidate innsatsområder"),
        "ideas": _("Idea bank for tiltak"),
        "anchoring": _("Forankring"),
        "appendix": _("Appendix"),
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
