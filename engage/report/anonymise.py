"""Keep personal data out of reports: mask e-mail addresses and phone numbers in free text."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Norwegian numbers (8 digits, optional +47/0047, spaced in pairs or 3-2-3) and longer
# international ones; years and short counts are left alone.
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\d{2} ?)?(?:\d ?){7,11}\d(?![\w.-]\d)")
MASK_EMAIL = "[e-post]"
MASK_PHONE = "[telefon]"


def mask(text: str | None) -> str:
    """The text with e-mail addresses and phone numbers replaced by a marker."""
    if not text:
        return ""
    return PHONE.sub(MASK_PHONE, EMAIL.sub(MASK_EMAIL, text))
