"""The background worker: one thread, started at first use, that finishes compiles (XLA's compile,
TensorFlow's graph) while the caller's calls run the recorded program.

One long-lived thread rather than a thread per job: starting one made the first call wait for it to be
scheduled (it holds the GIL for a switch interval, about 5 ms). Not a ``concurrent.futures`` executor:
at exit its hook runs every queued job before ``atexit`` handlers run, and a process that is ending has
no use for compiles it has not started; here they are dropped and only the running one finishes. A job
that raises is logged with its traceback; its owner records the failure itself (the caller keeps the
uncompiled program).
"""

from __future__ import annotations

import atexit
import queue
import threading
from collections.abc import Callable

from . import log, progress

_log = log.get("engine")
_jobs: queue.SimpleQueue[tuple[str, Callable[[], None]]] = queue.SimpleQueue()
_thread: threading.Thread | None = None
_lock = threading.Lock()
_outstanding = 0
_done = threading.Condition()
_closing = False  # the interpreter is exiting: jobs not started yet are dropped


def submit(job: Callable[[], None], label: str = "") -> None:
    """Run ``job`` on the worker (``label`` names it in the log if it raises)."""
    global _thread, _outstanding
    with _done:
        _outstanding += 1
    _jobs.put((label, job))
    if _thread is None:
        with _lock:
            if _thread is None:
                _thread = threading.Thread(target=_work, name="lazyport-compile", daemon=True)
                _thread.start()


def _work() -> None:
    global _outstanding
    while True:
        label, job = _jobs.get()
        try:
            if not _closing:
                job()
        except Exception:
            _log.warning("%s: a background job failed", label or "lazyport", exc_info=True)
        finally:
            with _done:
                _outstanding -= 1
                _done.notify_all()


def join(timeout: float | None = None) -> bool:
    """Wait for the jobs submitted so far (``timeout`` None: however long they take); True when none
    is left."""
    with _done:
        return _done.wait_for(lambda: not _outstanding, timeout)


@atexit.register
def _at_exit() -> None:
    """At exit, drop the jobs not started (the next process translates again, in its own background)
    and let the running one finish before the interpreter tears down the frameworks beneath it."""
    global _closing
    _closing = True
    if _outstanding:
        _log.info("at exit: waiting for the background compile that is running (the others are dropped)")
        with progress.status("finishing a background compile before exit"):
            join(30.0)
