"""Structured logs: one JSON object per line, with what an operator needs and nothing of a
person's — no IP address, no query string (tokens and search words live there), no form data."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Flask, has_request_context, request

# Attributes every LogRecord has; anything else given through `extra=` is logged as a field.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON (newlines in messages cannot forge lines)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "at": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["method"], entry["path"] = request.method, request.path
            entry["endpoint"] = request.endpoint
        entry.update({k: v for k, v in vars(record).items() if k not in STANDARD})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def init_app(app: Flask) -> None:
    """JSON lines on stderr for the app's and engage's loggers when LOG_FORMAT is "json"."""
    if app.config.get("LOG_FORMAT") != "json":
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    for logger in (app.logger, logging.getLogger("engage")):
        logger.handlers = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
