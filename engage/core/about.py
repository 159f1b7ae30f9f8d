"""The optional "about you" fields: fixed lists, translated labels, never an identity."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from flask_babel import lazy_gettext as _l

from engage.models import ActivityKind

ABOUT_FIELDS = ("stakeholder_group", "age_band", "area", "sector")

FIELD_LABELS = {
    "stakeholder_group": _l("I answer as"),
    "age_band": _l("Age"),
    "area": _l("Where do you live?"),
    "sector": _l("Sector of the business"),
}

# The same fields when the project group types in what someone else said.
ENTERED_FIELD_LABELS = {
    "stakeholder_group": _l("They speak as"),
    "age_band": _l("Their age"),
    "area": _l("Where are they based?"),
    "sector": _l("Sector of the business"),
}


@dataclass(frozen=True)
class AboutWording:
    """How a form speaks about the about-you fields: to the participant, or to the leader."""

    heading: object
    hint: object
    labels: Mapping[str, object]


PARTICIPANT_WORDING = AboutWording(
    _l("About you (optional)"),
    _l("This helps us see which groups we have heard from. It does not identify you."),
    FIELD_LABELS,
)
INTERVIEW_WORDING = AboutWording(
    _l("About the company or person you interviewed"),
    _l("All optional. It shows which groups, sectors and areas the input comes from."),
    ENTERED_FIELD_LABELS,
)
ENTERED_WORDING = AboutWording(
    _l("About the person who gave the input"),
    _l("All optional. Fill in what you know, so the input is counted in the right group."),
    ENTERED_FIELD_LABELS,
)


def about_wording(kind: ActivityKind, entered_by_leader: bool = False) -> AboutWording:
    """The wording of the about-fields: a participant's own form, or the leader's entry form
    (for an interview, about the one she interviewed)."""
    if not entered_by_leader:
        return PARTICIPANT_WORDING
    return ENTERED_WORDING if kind.is_public else INTERVIEW_WORDING


STAKEHOLDER_GROUPS = {
    "citizen": _l("Resident"),
    "business": _l("Business"),
    "public_employee": _l("Public employee"),
    "organisation": _l("Club or organisation"),
    "youth": _l("Young person or pupil"),
}

AGE_BANDS = {
    "under 20": _l("Under 20"),
    "20-29": "20–29",
    "30-39": "30–39",
    "40-49": "40–49",
    "50-59": "50–59",
    "60-69": "60–69",
    "70+": _l("70 or older"),
}

# Standard for næringsgruppering (SN2007), the Norwegian NACE sections.
NACE_SECTIONS = {
    "A": _l("Agriculture, forestry and fishing"),
    "B": _l("Mining and quarrying"),
    "C": _l("Manufacturing"),
    "D": _l("Electricity, gas, steam and air conditioning supply"),
    "E": _l("Water supply, sewerage and waste management"),
    "F": _l("Construction"),
    "G": _l("Wholesale and retail trade, repair of motor vehicles"),
    "H": _l("Transportation and storage"),
    "I": _l("Accommodation and food service activities"),
    "J": _l("Information and communication"),
    "K": _l("Financial and insurance activities"),
    "L": _l("Real estate activities"),
    "M": _l("Professional, scientific and technical activities"),
    "N": _l("Administrative and support service activities"),
    "O": _l("Public administration and defence"),
    "P": _l("Education"),
    "Q": _l("Human health and social work activities"),
    "R": _l("Arts, entertainment and recreation"),
    "S": _l("Other service activities"),
    "T": _l("Activities of households as employers"),
    "U": _l("Activities of extraterritorial organisations"),
}


# SSB's size bands (number of employees), smallest first.
COMPANY_SIZES = {
    "0": _l("No employees"),
    "1-4": _l("1–4 employees"),
    "5-9": _l("5–9 employees"),
    "10-19": _l("10–19 employees"),
    "20-49": _l("20–49 employees"),
    "50-99": _l("50–99 employees"),
    "100-249": _l("100–249 employees"),
    "250+": _l("250 or more employees"),
}

# The readable name of each stored code, in the order a reader expects (youngest first,
# smallest first, SN2007 order), for every field that stores a code.
VOCABULARIES: dict[str, dict[str, object]] = {
    "stakeholder_group": STAKEHOLDER_GROUPS,
    "age_band": AGE_BANDS,
    "sector": NACE_SECTIONS,
    "company_size": COMPANY_SIZES,
}

Row = TypeVar("Row")


def display_label(field: str, value: str | None) -> str:
    """What a page shows for a stored code: "Varehandel …" for "G", "5–9 employees" for
    "5-9"; a value outside the vocabulary (an area, an old code) as it is."""
    if not value:
        return ""
    return str(VOCABULARIES.get(field, {}).get(value, value))


def display_labels(field: str) -> dict[str, str]:
    """Every code of a field with what a page shows for it."""
    return {code: str(text) for code, text in VOCABULARIES.get(field, {}).items()}


def in_order(
    field: str, rows: Iterable[Row], code_of: Callable[[Row], object] | None = None
) -> list[Row]:
    """Codes, or (code, …) rows, in the field's own order (by age, by size, by SN2007),
    values outside the vocabulary after them in alphabetical order, "not stated" last."""
    order = {code: index for index, code in enumerate(VOCABULARIES.get(field, {}))}

    def key(row: Row) -> tuple[bool, int, str]:
        raw = code_of(row) if code_of else (row[0] if isinstance(row, tuple) else row)
        code = str(raw or "")
        return (code == "", order.get(code, len(order)), code.casefold())

    return sorted(rows, key=key)


def field_choices(field: str, areas: list[str]) -> dict[str, object]:
    """The allowed values of an about-you field and their labels."""
    if field == "stakeholder_group":
        return dict(STAKEHOLDER_GROUPS)
    if field == "age_band":
        return dict(AGE_BANDS)
    if field == "sector":
        return {code: f"{code} {label}" for code, label in NACE_SECTIONS.items()}
    if field == "area":
        return {area: area for area in areas}
    raise KeyError(field)


def value_label(field: str, value: str | None, areas: list[str] | None = None) -> str:
    """A readable label for a stored value, or the value itself."""
    if not value:
        return ""
    return str(field_choices(field, areas or []).get(value, value))


def about_choices(fields: Sequence[str], areas: list[str] | None) -> dict[str, dict[str, object]]:
    """The choices of each about-you field a form asks; "area" only when the project has areas."""
    return {name: field_choices(name, areas or []) for name in fields if name != "area" or areas}
