"""A small in-process cache for public pages that many people open at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any


class TimedCache:
    """Values kept for `seconds`, at most `size` keys; each process has its own."""

    def __init__(self, seconds: float, size: int = 256) -> None:
        self.seconds, self.size = seconds, size
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The cached value for `key`, made (outside the lock) when missing or too old."""
        now = time.monotonic()
        with self._lock:
            found = self._values.get(key)
        if found is not None and now - found[0] < self.seconds:
            return found[1]
        value = make()
        with self._lock:
            if len(self._values) >= self.size:
                self._values.pop(next(iter(self._values)))
            self._values[key] = (now, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
