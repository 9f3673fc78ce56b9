"""Pickling translated objects by reference: what is pickled is the torch original and the target, and
unpickling translates afresh (translations, compiled code and caches are per process and never pickled).

So a translated function can be sent to ``multiprocessing`` workers, stored in a pickled config, or
copied with :mod:`copy`, as long as its original can itself be pickled — standard pickle stores a
function as its module and qualified name, so it must be importable by that name in the process that
unpickles. A lambda or a function defined inside another function cannot be; that is a
:class:`~lazyport.errors.PicklingError` saying so, at pickling time.

The ``rebuild_*`` functions are what pickles refer to: keep their names and arguments stable.
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
    except Exception:  # noqa: BLE001 (any failure means: not importable by that name)
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


def rebuild_translated(fn: Any, target: str, options: dict[str, Any]) -> Any:
    """A fresh :class:`~lazyport.engine.TranslatedFunction` of ``fn`` (what an unpickled one becomes)."""
    from .engine import TranslatedFunction

    return TranslatedFunction(fn, target, **options)


def rebuild_function_proxy(fn: Any, target: str) -> Any:
    """The shared import-hook proxy of the function ``fn`` under ``target``."""
    from .hook.proxy import translate

    return translate(fn, target, (getattr(fn, "__module__", None) or "").partition(".")[0])


def rebuild_class_proxy(cls: type, target: str) -> Any:
    """The shared import-hook proxy of the ``nn.Module`` class ``cls`` under ``target``."""
    from .hook.proxy import translate

    return translate(cls, target, cls.__module__.partition(".")[0])


def rebuild_module_proxy(name: str, target: str) -> Any:
    """The proxy of the module ``name`` under ``target``, as ``import lazyport.<target>.<name>`` gives."""
    from .hook.proxy import import_translated

    return import_translated(name, target)
