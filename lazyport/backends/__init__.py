"""Targets. A backend is a small object: dtype maps, array conversion, compilation, and the
namespace ``xp`` that the op tables in :mod:`lazyport.backends.ops` are written against.

Backends are created on first use; asking for one imports its framework, nothing else does.
"""

from __future__ import annotations

import importlib
import threading

from ..errors import UnknownTargetError
from ..targets import AUTO, TARGETS
from .base import Backend

_ALIASES = {"jax": "jax", "tensorflow": "tensorflow", "tf": "tensorflow", "numpy": "numpy", "np": "numpy"}
CONCRETE_TARGETS = TARGETS
_MODULES = {"jax": "jax", "tensorflow": "tensorflow", "numpy": "numpy"}
_instances: dict[str, Backend] = {}
_lock = threading.Lock()


def canonical_target(target: str, *, auto: bool = False) -> str:
    """The canonical name of ``target`` ('jax', 'tensorflow', 'numpy'); raises for anything else.

    With ``auto=True`` (where a per-call target is possible: transpile, the import hook, ``LAZYPORT``)
    ``'auto'`` is accepted too and returned as :data:`AUTO`."""
    try:
        return _ALIASES[target.lower()]
    except (KeyError, AttributeError):
        if isinstance(target, str) and target.lower() == AUTO:
            if auto:
                return AUTO
            raise UnknownTargetError(
                "target='auto' (the framework of each call's arrays) is for lazyport.transpile of functions and "
                "modules and for lazyport.auto.<library>; this needs one target: 'jax', 'tensorflow' or 'numpy'"
            ) from None
        raise UnknownTargetError(
            f"unknown target {target!r}: lazyport translates torch code to 'jax', 'tensorflow' or 'numpy' "
            "('auto': the arrays' framework at each call; 'torch' for the identity)"
        ) from None


def get_backend(target: str) -> Backend:
    """The backend object of ``target``, created (and its framework imported) on first use."""
    name = canonical_target(target)
    backend = _instances.get(name)
    if backend is None:
        with _lock:
            backend = _instances.get(name)
            if backend is None:
                module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
                backend = _instances[name] = module.make_backend()
    return backend


__all__ = ["AUTO", "CONCRETE_TARGETS", "Backend", "canonical_target", "get_backend"]
