"""One rule for text at the boundary, and the defence every exporter applies.

Refused where people type (with a message, keeping what they wrote): NUL and other control
characters, and the non-characters U+FFFE/U+FFFF — none of them can live in a Word or Excel
file, and none is typed by a person. Removed without a word: bidi embeddings, overrides and
isolates, which can make text display as something it is not. Names that go into mail
headers also lose zero-width and soft-hyphen characters. Exporters scrub anyway, for data
stored before the rule or entered another way.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

# What XML 1.0 cannot hold (C0 controls but tab/newline/CR, DEL, surrogates, U+FFFE/U+FFFF).
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


def has_unsafe(text: str) -> bool:
    """Whether the text holds a character we refuse at the boundary."""
    return bool(UNSAFE_CHARS.search(text))


def without_bidi(text: str) -> str:
    """The text without bidi embeddings, overrides and isolates."""
    return BIDI_CONTROLS.sub("", text)


def clean_name(text: str) -> str:
    """A name fit for a mail header or a table: no unsafe, bidi or invisible characters."""
    text = INVISIBLE.sub("", BIDI_CONTROLS.sub("", UNSAFE_CHARS.sub(" ", text)))
    return " ".join(text.split())


def scrub(value: Any) -> Any:
    """The same data with unsafe characters replaced in every string (dataclasses, lists,
    tuples and dicts walked), so no stored text can break an export."""
    if isinstance(value, str):
        return UNSAFE_CHARS.sub("\ufffd", value) if UNSAFE_CHARS.search(value) else value
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, tuple):
        return tuple(scrub(v) for v in value)
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: scrub(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|~>])")


def markdown_inline(text: object) -> str:
    """Text that Markdown shows as written, on one line: no headings, links, images, HTML,
    tables or quotes can be made from it."""
    flat = " ".join(str(text or "").split())
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    return escaped.replace("&", "&amp;").replace("<", "&lt;")
