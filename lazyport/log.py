"""lazyport's logging: the standard ``logging`` module, logger ``"lazyport"`` with a child per part
(``lazyport.engine``, ``lazyport.cache``, ``lazyport.hook``).

lazyport adds no handler unless ``LAZYPORT_LOG`` asks for one, so by default only warnings reach
stderr (through Python's last-resort handler, when the application configures no logging itself):
a successful translation prints nothing. ``LAZYPORT_LOG=info`` logs one line per translation and per
compile; ``debug`` adds lazyport's internal decisions. Applications that configure logging
themselves get lazyport's records like any library's.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

from . import config

ROOT = "lazyport"
_lock = threading.Lock()
_handler: logging.Handler | None = None


class _Stderr(logging.StreamHandler):
    """A handler writing to whatever ``sys.stderr`` is at the time of the record (as Python's
    last-resort handler does), so redirecting stderr later redirects lazyport's lines too."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def get(part: str) -> logging.Logger:
    """The logger of one part of lazyport: ``lazyport.<part>``."""
    return logging.getLogger(f"{ROOT}.{part}")


def configure(level: str | None = None) -> logging.Handler | None:
    """Install lazyport's stderr handler at ``level`` (default: ``LAZYPORT_LOG``; None and unset: remove
    it). Called at ``import lazyport``; returns the handler in effect."""
    global _handler
    level = level if level is not None else config.log_level()
    root = logging.getLogger(ROOT)
    with _lock:
        if _handler is not None:
            root.removeHandler(_handler)
            _handler = None
            root.propagate = True
        if level:
            _handler = _Stderr()
            _handler.setFormatter(logging.Formatter("lazyport %(levelname)s: %(message)s"))
            root.addHandler(_handler)
            root.setLevel(level.upper())
            root.propagate = False  # (not twice when the application logs to stderr as well)
        else:
            root.setLevel(logging.NOTSET)
    return _handler


def once(logger: logging.Logger, seen: set[str], key: str, level: int, msg: str, *args: Any) -> None:
    """Log ``msg`` unless ``key`` is in ``seen`` (a per-function set: warnings come once per function)."""
    if key in seen:
        return
    seen.add(key)
    logger.log(level, msg, *args)
