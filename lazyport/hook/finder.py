"""The ``sys.meta_path`` finder behind ``import lazyport.<target>.<library>[.<submodule>]``.

Which names it answers is decided by :func:`parse` / :func:`should_handle`, pure functions of the name
that import nothing (tested as such). The finder is appended to the *end* of ``sys.meta_path``: every
module that really exists (lazyport's own submodules, every other package) is found by the finders
before it, so a successful import never reaches it, and a failing one pays one ``str.startswith``.
Being last also means it can say clearly why ``lazyport.pytorch`` does not exist: nothing else did.

The target packages (``lazyport.jax`` ...) are plain modules created here; the library modules under
them are proxies from :mod:`lazyport.hook.proxy`, which is imported (with wrapt, torch and the library)
only when such an import happens.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import threading
import types
from importlib.machinery import ModuleSpec
from typing import Any, NamedTuple

from ..errors import LibraryNotInstalledError, NotTorchLibraryError, UnknownTargetImportError
from .names import AUTO, IMPORT_TARGETS, PACKAGE, PREFIX, TARGETS

# The names (.names) and the errors (lazyport.errors) are importable from here too.
__all__ = [
    "AUTO",
    "FINDER",
    "IMPORT_TARGETS",
    "PACKAGE",
    "PREFIX",
    "TARGETS",
    "LazyportFinder",
    "LibraryNotInstalledError",
    "NotTorchLibraryError",
    "Request",
    "UnknownTargetImportError",
    "install_finder",
    "parse",
    "should_handle",
    "uninstall_finder",
    "unknown_target_message",
]

# Names people try as a target that lazyport cannot translate to, with what to do instead.
_NOT_TARGETS = {
    "torch": "torch is the source framework: import the library itself to use it with torch",
    "pytorch": "torch is the source framework: import the library itself to use it with torch",
    "tf": "spell the target out: lazyport.tensorflow.<library>",
    "np": "spell the target out: lazyport.numpy.<library>",
    "jnp": "spell the target out: lazyport.jax.<library>",
}


class Request(NamedTuple):
    """A parsed ``lazyport.<target>.<library>`` name; ``library`` is '' for the target package itself."""

    target: str
    library: str


def parse(fullname: str) -> Request | None:
    """Split ``lazyport.<target>[.<library>...]``; None for every other name. The target is not checked.

    >>> parse("lazyport.jax.kornia.color")
    Request(target='jax', library='kornia.color')
    >>> parse("kornia") is None
    True
    """
    if not fullname.startswith(PREFIX):
        return None
    target, _, library = fullname[len(PREFIX) :].partition(".")
    if not target:
        return None
    return Request(target, library)


def should_handle(fullname: str) -> bool:
    """True for the names the finder creates modules for: ``lazyport.<target>`` and anything below it."""
    request = parse(fullname)
    return request is not None and request.target in IMPORT_TARGETS


def unknown_target_message(fullname: str, target: str) -> str:
    hint = _NOT_TARGETS.get(target.lower())
    msg = (
        f"No module named {fullname!r}: {target!r} is not a lazyport target. Translated libraries are "
        f"imported as lazyport.<target>.<library> with target one of {', '.join(IMPORT_TARGETS)} "
        "(e.g. import lazyport.jax.kornia)"
    )
    return f"{msg}; {hint}" if hint else msg


class _TargetPackage(types.ModuleType):
    """``lazyport.<target>``: a namespace whose attributes are the translated libraries."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        try:
            return importlib.import_module(f"{self.__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name not in (name, f"{self.__name__}.{name}"):
                raise
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r} ({exc})") from None


class LazyportFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Meta path finder and loader for ``lazyport.<target>.<library>`` (see the module docstring)."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if not fullname.startswith(PREFIX):
            return None
        request = parse(fullname)
        if request is None:
            return None
        if request.target not in IMPORT_TARGETS:
            raise UnknownTargetImportError(unknown_target_message(fullname, request.target), name=fullname)
        if not request.library:
            return ModuleSpec(fullname, self, is_package=True)
        real = _real_spec(request.library)
        if real is None:
            if "." in request.library:
                return None  # a submodule that does not exist: the usual ModuleNotFoundError
            raise LibraryNotInstalledError(
                f"No module named {fullname!r}: the library {request.library!r} is not installed "
                f"(pip install {request.library}), so there is nothing to translate to {request.target}",
                name=fullname,
            )
        return ModuleSpec(fullname, self, is_package=real.submodule_search_locations is not None)

    # ----- loader
    def create_module(self, spec: ModuleSpec) -> Any:
        request = parse(spec.name)
        assert request is not None
        if not request.library:
            module = _TargetPackage(spec.name)
            translated = (
                "translated, at each call, to the framework of the arrays passed"
                if request.target == AUTO
                else f"translated to {request.target}"
            )
            module.__doc__ = f"torch libraries {translated}: ``import {spec.name}.<library>``."
            return module
        from .proxy import import_translated

        return import_translated(request.library, request.target)

    def exec_module(self, module: Any) -> None:
        """Nothing to run: the proxy translates on attribute access and call."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} for {PREFIX}<{'|'.join(IMPORT_TARGETS)}>.<library>>"


def _real_spec(name: str) -> ModuleSpec | None:
    """The spec of the real module ``name`` (imports its parent packages, not the module itself)."""
    module = sys.modules.get(name)
    if module is not None and getattr(module, "__spec__", None) is not None:
        return module.__spec__
    try:
        return importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None


FINDER = LazyportFinder()
_lock = threading.Lock()


def install_finder() -> LazyportFinder:
    """Put the finder at the end of ``sys.meta_path`` (once; calling again does nothing)."""
    with _lock:
        if not any(
            type(f).__name__ == LazyportFinder.__name__ and type(f).__module__ == __name__ for f in sys.meta_path
        ):
            sys.meta_path.append(FINDER)
    return FINDER


def uninstall_finder() -> None:
    """Remove the finder (safe to call when it is not installed)."""
    with _lock:
        sys.meta_path[:] = [f for f in sys.meta_path if f is not FINDER]
