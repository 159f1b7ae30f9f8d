"""Checks for Norwegian identifiers."""

from __future__ import annotations

ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def clean_org_number(raw: str) -> str:
    """Digits only: '912 345 678' and 'NO912345678MVA' become '912345678'."""
    return "".join(ch for ch in raw if ch in "0123456789")


def is_valid_org_number(raw: str) -> bool:
    """A Norwegian organisasjonsnummer: 9 digits with a modulus-11 check digit."""
    digits = clean_org_number(raw)
    if len(digits) != 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], ORG_NUMBER_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[8])
