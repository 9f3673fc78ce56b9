"""While lazyport runs a torch function to translate it, torch code runs as under torch's own tracers.

Libraries written for ``torch.compile`` / ``torch.export`` branch on ``torch.compiler.is_compiling()``:
transformers' attention-mask code reads tensor values (``padding_mask.all()``) unless a tracer runs,
kornia takes trace-friendly paths in dozens of places. A capture on fake tensors is such a
tracer: the values it sees stand for every value of the signature, so the library's tracing path is the
one to translate. A recorded first call on concrete values is not: there torch's eager semantics hold
(the library's checks run and read values, which the recording keeps as guards).
``torch.compiler.is_exporting()`` is True as well, as under ``torch.export``: kornia's canny then loops
with ``torch.while_loop``, which lazyport lowers (``backends/ops/control.py``).

Old-style ``torch.autograd.Function`` s (a ``forward(ctx, ...)`` without ``setup_context``, as
torchaudio's IIR filters) refuse to run beneath ``torch.func.functionalize``, which lazyport's capture and
first call use. A translation needs their forward's value only (the target differentiates the lowered
forward), so in the translating thread their ``apply`` runs ``forward`` with a context that keeps what it
is given and nothing else; in every other thread, and outside translations, ``apply`` is torch's own.

torch keeps these flags as module globals (as ``torch.compile`` and ``torch.export`` do), so torch code running in
another thread during a translation sees it too; the paths it selects compute the same values.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import torch.compiler
from torch.autograd.function import _is_setup_context_defined

_lock = threading.Lock()
_active = 0  # translations running (threads may overlap: apply goes back when the last ends)
_compiling = [0]  # those of them that run as a tracer (the flags go back when the last ends)
_saved = (False, False)
_local = threading.local()  # .depth: translations running in this thread
_FUNCTION = torch.autograd.Function
_APPLY = _FUNCTION.__dict__["apply"]  # torch's classmethod


class _ForwardContext:
    """The ``ctx`` of an old-style Function's forward run for its value: it keeps what it is given."""

    def __init__(self, n: int):
        self.needs_input_grad = (False,) * n
        self.saved_tensors: tuple = ()

    def save_for_backward(self, *tensors: Any) -> None:
        self.saved_tensors = tensors

    def save_for_forward(self, *tensors: Any) -> None:
        pass

    def mark_dirty(self, *tensors: Any) -> None:
        pass

    def mark_non_differentiable(self, *tensors: Any) -> None:
        pass

    def set_materialize_grads(self, value: bool) -> None:
        pass


def _apply(cls: Any, *args: Any, **kwargs: Any) -> Any:
    if (
        getattr(_local, "depth", 0)
        and torch._C._are_functorch_transforms_active()
        and not _is_setup_context_defined(cls.setup_context)
    ):
        return cls.forward(_ForwardContext(len(args)), *args, **kwargs)
    return _APPLY.__func__(cls, *args, **kwargs)


@contextlib.contextmanager
def as_tracer(compiling: bool = True) -> Iterator[None]:
    """Old-style Functions run their forward beneath functionalization inside; with ``compiling``,
    ``torch.compiler.is_compiling()`` and ``is_exporting()`` are True as well (and what they were before,
    after the last such exit). Calls on concrete values (a recorded first call, a capture on real values)
    run with torch's eager semantics instead: the library's checks read values, which become guards of
    the recorded program (``lazyport/interpret.py``)."""
    global _active, _saved
    with _lock:
        if _active == 0:
            _FUNCTION.apply = classmethod(_apply)  # type: ignore[assignment]  # set on the class, it binds like apply
        if compiling:
            if _compiling == [0]:
                _saved = torch.compiler._is_compiling_flag, torch.compiler._is_exporting_flag
                torch.compiler._is_compiling_flag = torch.compiler._is_exporting_flag = True
            _compiling[0] += 1
        _active += 1
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        yield
    finally:
        _local.depth -= 1
        with _lock:
            _active -= 1
            if compiling:
                _compiling[0] -= 1
                if _compiling == [0]:
                    torch.compiler._is_compiling_flag, torch.compiler._is_exporting_flag = _saved
            if _active == 0:
                _FUNCTION.apply = _APPLY
