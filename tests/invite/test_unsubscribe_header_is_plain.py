"""Mail services offer one-click unsubscribe only when List-Unsubscribe is a plain
<https://…> URL (RFC 8058); an RFC 2047 encoded-word there is not read as a URL."""

from __future__ import annotations

import re

from tests.conftest import log_in, post_form
from tests.invite.conftest import survey_url


def raw_headers(raw: bytes) -> dict[str, str]:
    """The header block as sent, unfolded, by lower-case name (last wins)."""
    head = raw.split(b"\r\n\r\n", 1)[0].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    unfolded = re.sub(rb"\n[ \t]+", b" ", head).decode("ascii")
    headers = {}
    for line in unfolded.split("\n"):
        name, _colon, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return headers


def test_one_click_unsubscribe_header_is_a_plain_url(client, survey, smtp, db):
    log_in(client, survey["leader"])
    post_form(client, survey_url(survey, "/send"), {"who": "all"})
    assert len(smtp.inbox.raw) == 3
    for raw in smtp.inbox.raw:
        headers = raw_headers(raw)
        value = headers["list-unsubscribe"]
        assert "=?" not in value, value
        assert re.fullmatch(
            r"<https://engage\.testvik\.example/s/[A-Za-z0-9_-]+/unsubscribe>", value
        ), value
        assert headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click"
