"""Company size bands, NACE codes and e-mail addresses: what a contact's fields may hold."""

from __future__ import annotations

import re

from engage.core.about import COMPANY_SIZES, NACE_SECTIONS, display_label
from engage.core.urls import parse_int

SIZE_BOUNDS = ((0, "0"), (4, "1-4"), (9, "5-9"), (19, "10-19"), (49, "20-49"), (99, "50-99"))

# SN2007 divisions (first two digits of a NACE code) to sections.
DIVISION_RANGES = (
    (1, 3, "A"), (5, 9, "B"), (10, 33, "C"), (35, 35, "D"), (36, 39, "E"), (41, 43, "F"),
    (45, 47, "G"), (49, 53, "H"), (55, 56, "I"), (58, 63, "J"), (64, 66, "K"), (68, 68, "L"),
    (69, 75, "M"), (77, 82, "N"), (84, 84, "O"), (85, 85, "P"), (86, 88, "Q"), (90, 93, "R"),
    (94, 96, "S"), (97, 98, "T"), (99, 99, "U"),
)  # fmt: skip
NACE_CODE = re.compile(r"^(\d{2})(\.\d{1,3})?$")
# Deliberately plain: one @, a dot in the domain, no spaces or angle brackets.
EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]{2,}$")
MAX_EMAIL_LENGTH = 254


def sector_from(raw: str) -> str | None:
    """A NACE section letter from a letter or a NACE code such as 47.111; None if unknown."""
    value = raw.strip().upper()
    if value in NACE_SECTIONS:
        return value
    match = NACE_CODE.match(value)
    if not match:
        return None
    division = int(match.group(1))
    return next((s for low, high, s in DIVISION_RANGES if low <= division <= high), None)


def size_from(raw: str) -> str | None:
    """A size band from a band ('10-19', '10–19') or a number of employees; None if unknown."""
    value = raw.strip().replace("–", "-").replace(" ", "")
    if value in COMPANY_SIZES:
        return value
    employees = parse_int(value)
    if employees is None:
        return None
    return next(
        (band for top, band in SIZE_BOUNDS if employees <= top),
        "100-249" if employees < 250 else "250+",
    )


def clean_email(raw: str) -> str | None:
    """The address in lower case, or None if it is not a plausible e-mail address."""
    value = raw.strip().lower()
    if len(value) > MAX_EMAIL_LENGTH or not EMAIL.match(value):
        return None
    return value


def size_label(value: str | None) -> str:
    return display_label("company_size", value)
