"""Errors in the user's terms: what an error raised through a translated call shows.

At the boundary of a translated call (:meth:`lazyport.engine.TranslatedFunction.__call__`), an
exception's traceback — and those of its causes and contexts — loses the frames of lazyport's and
torch's machinery (capture, dispatch, fx, functorch), as JAX hides its own: what is left are the
user's frames and the translated library's. A note says how many frames were hidden;
``LAZYPORT_TRACEBACK=full`` keeps them all. An exception that is not lazyport's own (a library's shape
check, a torch error) also gets a note saying which function raised it for which target, and that
``torch.Tensor`` and ``torch.Size`` in its message mean the caller's arrays and shapes.
"""

from __future__ import annotations

import os
import sys
import types
from typing import Any

from . import config
from .errors import LazyportError

_LAZYPORT_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_MARK = "__lazyport_seen__"


def _hidden_dirs() -> tuple[str, ...]:
    dirs = [_LAZYPORT_DIR]
    for name in sorted(_HIDDEN_MODULES - {"lazyport"}):
        mod = sys.modules.get(name)
        path = getattr(mod, "__file__", None)
        if path:
            dirs.append(os.path.dirname(os.path.abspath(path)) + os.sep)
    return tuple(dirs)


_HIDDEN_MODULES = frozenset({"lazyport", "torch", "functorch", "optree", "wrapt"})


def _hidden(frame: types.FrameType, dirs: tuple[str, ...]) -> bool:
    """A frame of lazyport's or torch's machinery: by its file, or by the module whose globals it runs
    in (torch evaluates generated wrappers, named ``<string>``)."""
    filename = frame.f_code.co_filename
    if filename.startswith(dirs) or filename.startswith("<frozen "):
        return True
    module = frame.f_globals.get("__name__")
    if module is None:  # code evaluated in a bare namespace: torch's generated signature wrappers
        return filename == "<string>"
    return isinstance(module, str) and module.partition(".")[0] in _HIDDEN_MODULES


def _filter(tb: types.TracebackType | None, dirs: tuple[str, ...]) -> tuple[types.TracebackType | None, int]:
    """``tb`` without hidden frames (the innermost frame stays, to keep the line that raised it), and
    how many went."""
    frames = []
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    kept, dropped, out = [], 0, None
    for i, t in enumerate(frames):
        if _hidden(t.tb_frame, dirs) and i != len(frames) - 1:
            dropped += 1
        else:
            kept.append(t)
    for t in reversed(kept):
        out = types.TracebackType(out, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return out, dropped


def _chain(exc: BaseException) -> list[BaseException]:
    out, seen = [], set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        out.append(cur)
        cur = cur.__cause__ if cur.__cause__ is not None else (None if cur.__suppress_context__ else cur.__context__)
    return out


def at_boundary(exc: BaseException, fn: Any, target: str) -> BaseException:
    """Prepare ``exc``, about to leave a translated call of ``fn``, for the user (once per exception)."""
    if getattr(exc, _MARK, False):
        return exc
    try:
        setattr(exc, _MARK, True)
    except (AttributeError, TypeError):  # an exception type with __slots__: leave it alone
        return exc
    if not isinstance(exc, LazyportError) and hasattr(exc, "add_note"):
        name = f"{getattr(fn, '__module__', None) or ''}.{getattr(fn, '__qualname__', repr(fn))}".lstrip(".")
        exc.add_note(
            f"lazyport: raised by {name}, running on {target} arrays through lazyport: torch.Tensor "
            f"and torch.Size in this message stand for your {target} arrays and their shapes."
        )
    if config.traceback_mode() == "full":
        return exc
    dirs = _hidden_dirs()
    dropped = 0
    for e in _chain(exc):
        tb, n = _filter(e.__traceback__, dirs)
        e.__traceback__ = tb
        dropped += n
    if dropped and hasattr(exc, "add_note"):
        exc.add_note(
            f"(lazyport hid {dropped} frames of its own and torch's machinery; LAZYPORT_TRACEBACK=full shows them)"
        )
    return exc
