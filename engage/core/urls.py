"""Addresses: redirect targets we may follow, ids and numbers read from them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter, Map

# The largest value of a 32-bit signed integer column (PostgreSQL "integer").
MAX_ID = 2**31 - 1
ASCII_NUMBER = re.compile(r"-?[0-9]{1,10}")


def safe_next(target: str | None, default: str) -> str:
    """Only local paths: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target or len(target) > 500:
        return default
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ch in target for ch in "\\\r\n\t") or any(ord(ch) < 32 for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


class IdConverter(IntegerConverter):
    """`<int:…>` in routes: at most the largest id a database column holds, so a 20-digit
    number in an address is a 404 like any other unknown id, not a database error."""

    def __init__(self, url_map: Map, fixed_digits: int = 0, min: int = 0, max: int = MAX_ID):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max)


def parse_int(raw: object, low: int = 0, high: int = MAX_ID) -> int | None:
    """A plain decimal number within bounds, or None (never '²', never 5,000 digits)."""
    text = str(raw or "").strip()
    if not ASCII_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None
