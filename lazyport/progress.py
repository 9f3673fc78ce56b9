"""A status line for slow work: when a translation, a compile or a wait takes longer than about a
second and stderr is a terminal, one line on stderr names the function, the phase and the time spent,
updated in place, and is erased when the work ends. Nothing is written when stderr is not a terminal
or ``LAZYPORT_PROGRESS=off``.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator

from . import config

DELAY = 1.0  # seconds of work before the line appears
INTERVAL = 0.25  # seconds between updates
_lock = threading.Lock()
_active: list[_Status] = []  # innermost last: only it is shown


class _Status:
    def __init__(self, label: str):
        self.label = label
        self.start = time.perf_counter()
        self.done = threading.Event()

    def text(self) -> str:
        return f"lazyport: {self.label} ({time.perf_counter() - self.start:.1f} s)"


def _show(status: _Status, stream) -> None:
    if status.done.wait(DELAY):
        return
    shown = False
    while not status.done.is_set():
        with _lock:
            if _active and _active[-1] is status:
                stream.write("\r\x1b[K" + status.text())
                stream.flush()
                shown = True
        status.done.wait(INTERVAL)
    if shown:
        with _lock:
            stream.write("\r\x1b[K")
            stream.flush()


def _terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


@contextlib.contextmanager
def status(label: str) -> Iterator[None]:
    """Show ``label`` on stderr while the block runs, if it runs longer than :data:`DELAY` on a terminal."""
    stream = sys.stderr
    if stream is None or not _terminal(stream) or config.progress_mode() == "off":
        yield
        return
    st = _Status(label)
    with _lock:
        _active.append(st)
    shower = threading.Thread(target=_show, args=(st, stream), name="lazyport-progress", daemon=True)
    shower.start()
    try:
        yield
    finally:
        st.done.set()
        with _lock:
            _active.remove(st)
        shower.join()
