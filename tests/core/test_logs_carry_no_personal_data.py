"""An operator reads structured logs: one JSON object per line, naming the route but never
the query string (tokens, search words), the address or what a person wrote."""

from __future__ import annotations

import io
import json
import logging

import pytest

from engage.core.logs import JsonFormatter


@pytest.fixture
def app_config():
    return {"LOG_FORMAT": "json", "PROPAGATE_EXCEPTIONS": False}


def test_a_server_error_is_logged_as_one_json_line_without_personal_data(app, client):
    @app.get("/boom-for-test")
    def boom():  # a view that fails, as a bug would
        raise RuntimeError("line one\nforged line")

    buffer = io.StringIO()
    ours = [
        h for h in logging.getLogger("engage").handlers if isinstance(h.formatter, JsonFormatter)
    ]
    assert ours
    for handler in ours:
        handler.setStream(buffer)
    page = client.get(
        "/boom-for-test?token=hemmelig-token&q=Kari%20Nordmann",
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    assert page.status_code == 500
    lines = [line for line in buffer.getvalue().splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    logged = next(e for e in entries if e.get("path") == "/boom-for-test")
    assert logged["level"] == "ERROR" and "forged line" in logged["error"]
    text = "\n".join(lines)
    assert "hemmelig-token" not in text and "Kari" not in text and "203.0.113.9" not in text
