"""Pickling translated objects by reference: what is pickled is the torch original and the target, and
unpickling translates afresh (translations, compiled code and caches are per process and never pickled).

So a translated function can be sent to ``multiprocessing`` workers, stored in a pickled config, or
copied with :mod:`copy`, as long as its original can itself be pickled — standard pickle stores a
function as its module and qualified name, so it must be importable by that name in the process that
unpickles. A lambda or a function defined inside another function cannot be; that is a
:class:`~lazyport.errors.PicklingError` saying so, at pickling time.

What a pickle refers to, and must keep its name and arguments, is a ``rebuild_*`` function beside the
class it rebuilds: :func:`lazyport.engine.rebuild_translated` and the import-hook proxies' in
:mod:`lazyport.hook.proxy`. This module holds only the checks they share, and imports no other part of
lazyport but its errors.
"""

from __future__ import annotations

import importlib
import pickle
import types
from typing import Any

from .errors import PicklingError


def _lookup(module: str, qualname: str) -> Any:
    """The object importable as ``module`` + ``qualname``, or None."""
    try:
        obj: Any = importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except Exception:
        return None
    return obj


def original_reference(original: Any, wrapper: Any, what: str) -> str | None:
    """Check that ``original`` (the torch object behind ``wrapper``) pickles by reference.

    Returns the qualified name to pickle ``wrapper`` itself as a global when the name the original is
    importable by holds the wrapper (a function decorated with ``@lazyport.transpile``), else None (the
    original itself is importable, or is an object that pickles by value). Raises
    :class:`PicklingError` naming the original and what to do."""
    if isinstance(original, types.FunctionType):
        module = getattr(original, "__module__", None)
        qualname = getattr(original, "__qualname__", "")
        found = _lookup(module, qualname) if module else None
        if found is wrapper:
            return qualname
        if found is original:
            return None
        if original.__name__ == "<lambda>":
            why = "it is a lambda, which pickle cannot refer to by name"
        elif "<locals>" in qualname:
            why = "it is defined inside another function, so pickle cannot import it by name"
        else:
            why = f"{module}.{qualname} does not name it (it was deleted, renamed or replaced)"
        raise PicklingError(
            f"cannot pickle {what}: a translation is pickled as a reference to its torch function "
            f"{qualname or original!r}, and {why}. Define the function at the top level of an importable "
            "module, or pickle the torch function by other means (cloudpickle) and call lazyport.transpile on "
            "it after unpickling."
        )
    try:  # partials, callable objects, bound methods, torch ops: pickle them by value, checked now
        pickle.dumps(original)
    except Exception as exc:
        raise PicklingError(
            f"cannot pickle {what}: a translation is pickled as a reference to its torch original "
            f"{original!r}, which cannot be pickled ({type(exc).__name__}: {exc}). Make the original picklable, "
            "or pickle it by other means and call lazyport.transpile on it after unpickling."
        ) from exc
    return None
