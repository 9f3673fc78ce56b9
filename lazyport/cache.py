"""The in-memory translation cache: an LRU keyed by input signature.

A signature is the input tree structure plus, per leaf, (shape, dtype) for arrays and (type, value)
for everything else (Python scalars, strings, dtypes). Entries are inserted only once translation
succeeded, so a failed translation leaves nothing behind.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from . import config


class LRU:
    """A small thread-safe LRU map."""

    def __init__(self, maxsize: int | None = None):
        if maxsize is None:
            maxsize = config.cache_size()  # LAZYPORT_CACHE_SIZE
        if maxsize < 1:
            raise ValueError("cache size must be at least 1")
        self.maxsize = maxsize
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        data = self._data
        value = data.get(key)
        if value is not None and len(data) > 1:
            with self._lock:
                if key in data:
                    data.move_to_end(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: Any) -> bool:
        return key in self._data

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def items(self) -> list[tuple[Any, Any]]:
        """A snapshot of the entries, least recently used first (without touching their order)."""
        with self._lock:
            return list(self._data.items())

    def values(self) -> list[Any]:
        """A snapshot of the values, least recently used first."""
        with self._lock:
            return list(self._data.values())
