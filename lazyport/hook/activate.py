"""Drop-in activation: a plain ``import kornia`` in user code returns the translation.

Three ways in, one mechanism:

* ``LAZYPORT="kornia:jax,torch:numpy"`` in the environment: the ``lazyport-activate.pth`` startup file
  calls :func:`activate_from_env`. With the variable unset the ``.pth`` line is one ``os.environ.get``.
* ``python -m lazyport run --target jax --module kornia script.py [args...]`` (or ``-m package``):
  :func:`run`, called by :mod:`lazyport.cli`.
* ``lazyport.install("kornia", target="jax")`` / ``lazyport.uninstall()``: idempotent; the handle's
  ``uninstall()`` is safe to call twice.

How: ``sys.modules["kornia"]`` stays the real module, because kornia's own code says ``import kornia``
and must keep getting torch functions. Instead ``builtins.__import__`` is wrapped while a library is
active: an import statement whose importer is *user code* gets the proxy of the module it would have
received. Importers that keep the real module: the library itself, torch, lazyport, and any module
under site-packages or the standard library (third-party code built on the library). Imports through
``importlib.import_module`` are not routed.
"""

from __future__ import annotations

import builtins
import os
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._paths import library_dirs

ENV = "LAZYPORT"
_ALWAYS_REAL = frozenset({"torch", "lazyport", "functorch", "importlib", "_frozen_importlib"})

_lock = threading.RLock()
_active: dict[str, str] = {}  # library root -> target
_original_import: Any = None
_wrapper_installed = False
_internal_cache: dict[tuple[str, str | None], bool] = {}
_env_done = False


def parse_spec(spec: str, default_target: str | None = None) -> dict[str, str]:
    """``"kornia:jax, torch:numpy"`` -> ``{"kornia": "jax", "torch": "numpy"}``.

    An entry without ``:target`` takes ``default_target``. Targets are checked and made canonical;
    ``auto`` (``"kornia:auto"``) makes the library follow the framework of each call's arrays.

    >>> parse_spec("kornia:jax, torch:np")
    {'kornia': 'jax', 'torch': 'numpy'}
    >>> parse_spec("kornia", default_target="tf")
    {'kornia': 'tensorflow'}
    """
    from ..backends import canonical_target

    out: dict[str, str] = {}
    for raw in spec.split(","):
        entry = raw.strip()
        if not entry:
            continue
        lib, sep, target = entry.partition(":")
        lib, target = lib.strip(), target.strip()
        if not sep:
            target = default_target or ""
        if not lib or not lib.isidentifier() or not target:
            raise ValueError(
                f"bad {ENV} entry {entry!r}: expected 'library:target' pairs separated by commas, "
                "e.g. LAZYPORT='kornia:jax,torch:numpy'"
            )
        out[lib] = canonical_target(target, auto=True)
    return out


def format_spec(mapping: Mapping[str, str]) -> str:
    """The inverse of :func:`parse_spec`, as ``LAZYPORT`` is written.

    >>> format_spec({"kornia": "jax", "torch": "numpy"})
    'kornia:jax,torch:numpy'
    """
    return ",".join(f"{lib}:{target}" for lib, target in mapping.items())


def _normalize(libraries: str | Iterable[str] | Mapping[str, str] | None, target: str | None) -> dict[str, str]:
    from ..backends import canonical_target

    if libraries is None:
        raise TypeError("install() needs the libraries to translate, e.g. install('kornia', target='jax')")
    if isinstance(libraries, str):
        return parse_spec(libraries, target)
    if isinstance(libraries, Mapping):
        return {str(k).strip(): canonical_target(v, auto=True) for k, v in libraries.items()}
    if target is None:
        raise TypeError("install([...]) needs target='jax', 'tensorflow' or 'numpy'")
    return {str(lib).strip(): canonical_target(target, auto=True) for lib in libraries}


class Installation:
    """Handle returned by :func:`install`; ``uninstall()`` is idempotent. Also a context manager."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = dict(mapping)
        self._done = False

    def uninstall(self) -> None:
        with _lock:
            if self._done:
                return
            self._done = True
            for lib, target in self.mapping.items():
                if _active.get(lib) == target:
                    del _active[lib]
            if not _active:
                _unpatch()

    @property
    def active(self) -> bool:
        return not self._done and any(_active.get(k) == v for k, v in self.mapping.items())

    def __enter__(self) -> Installation:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.uninstall()

    def __repr__(self) -> str:
        state = "active" if self.active else "uninstalled"
        return f"<lazyport installation {format_spec(self.mapping)!r} ({state})>"


def install(
    libraries: str | Iterable[str] | Mapping[str, str] | None = None, target: str | None = None
) -> Installation:
    """Make ``import <library>`` in user code return the library translated to ``target``.

    ``install("kornia", target="jax")``, ``install("kornia:jax,torch:numpy")`` or
    ``install({"kornia": "jax"})``. Installing again is harmless; a new target for a library replaces the
    old one. Nothing is imported until user code imports the library.
    """
    mapping = _normalize(libraries, target)
    with _lock:
        _active.update(mapping)
        if _active:
            _patch()
    return Installation(mapping)


def uninstall(libraries: str | Iterable[str] | None = None) -> None:
    """Stop translating ``libraries`` (all when None). Safe to call when nothing is installed.

    Proxies already handed out keep working; the real modules were never changed.
    """
    with _lock:
        if libraries is None:
            _active.clear()
        else:
            names = (
                [s.partition(":")[0].strip() for s in libraries.split(",")]
                if isinstance(libraries, str)
                else list(libraries)
            )
            for lib in names:
                _active.pop(lib, None)
        if not _active:
            _unpatch()


def installed() -> dict[str, str]:
    """The active ``library -> target`` mapping."""
    return dict(_active)


# --------------------------------------------------------------------------- the import wrapper
def _patch() -> None:
    global _original_import, _wrapper_installed
    if not _wrapper_installed:
        _original_import = builtins.__import__
        builtins.__import__ = _lazyport_import
        _wrapper_installed = True


def _unpatch() -> None:
    global _wrapper_installed
    if _wrapper_installed and builtins.__import__ is _lazyport_import:
        builtins.__import__ = _original_import
        _wrapper_installed = False
    # else someone wrapped __import__ after us: stay in their chain, inert while nothing is active


def _lazyport_import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
    module = _original_import(name, globals, locals, fromlist, level)
    if level == 0 and _active:
        target = _active.get(name.partition(".")[0])
        if target is not None and not _is_internal(globals):
            from .proxy import module_proxy

            return module_proxy(module, target)
    return module


def _is_internal(globals: Any) -> bool:
    """Does this importer keep the real library (the library itself, torch, installed packages)?"""
    if not globals:
        return False
    modname = globals.get("__name__") or ""
    file = globals.get("__file__")
    key = (modname, file)
    hit = _internal_cache.get(key)
    if hit is None:
        root = modname.partition(".")[0]
        if root in _ALWAYS_REAL or root in _active:
            hit = True
        elif file:
            path = os.path.realpath(file)
            hit = any(path.startswith(d) for d in library_dirs())
        else:
            hit = False
        if len(_internal_cache) > 4096:
            _internal_cache.clear()
        _internal_cache[key] = hit
    return hit


# ------------------------------------------------------------------------------- entry points
def activate_from_env(environ: Mapping[str, str] | None = None) -> Installation | None:
    """Install what ``$LAZYPORT`` asks for (called at startup by ``lazyport-activate.pth``).

    A malformed value is reported on stderr instead of stopping the interpreter's startup.
    """
    global _env_done
    env = os.environ if environ is None else environ
    spec = env.get(ENV, "").strip()
    if not spec:
        return None
    if environ is None:
        if _env_done:  # a venv's lib64 -> lib symlink makes site run the .pth twice
            return None
        _env_done = True
    try:
        for library in missing_libraries(parse_spec(spec)):
            sys.stderr.write(f"lazyport: {ENV}={spec!r} names {library!r}, which is not installed; it is ignored\n")
        return install(spec)
    except Exception as exc:  # never break interpreter startup
        sys.stderr.write(f"lazyport: ignoring {ENV}={spec!r}: {exc}\n")
        return None


def missing_libraries(mapping: Mapping[str, str]) -> list[str]:
    """The libraries of ``mapping`` that cannot be imported here (a typo: ``korniaa``), found without
    importing anything (the path finder only: lazyport's own finder would answer for them)."""
    import importlib.machinery

    missing = []
    for library in mapping:
        root = library.partition(".")[0]
        if root not in sys.modules and importlib.machinery.PathFinder.find_spec(root) is None:
            missing.append(library)
    return missing


class ProgramNotFoundError(FileNotFoundError):
    """The script or module given to :func:`run` does not exist; raised before anything runs."""


def run(mapping: Mapping[str, str], program: Sequence[str], *, module: bool = False) -> None:
    """Translate ``mapping``'s libraries, then run ``program`` as ``__main__`` (``python -m lazyport run``).

    ``program[0]`` is a script path, or with ``module=True`` a module name as for ``python -m``;
    ``program[1:]`` become its ``sys.argv[1:]`` unchanged. ``$LAZYPORT`` is set to the inherited value
    plus ``mapping``, so child Python processes translate the same libraries (a malformed inherited
    value is replaced). The program's exceptions and ``SystemExit`` propagate. The command line
    itself (parsing, messages) is :mod:`lazyport.cli`.
    """
    import runpy

    name, args = program[0], list(program[1:])
    if not module and not os.path.exists(name):
        raise ProgramNotFoundError(f"no such script: {name}")
    install(mapping)
    inherited = os.environ.get(ENV, "")
    try:
        merged = parse_spec(inherited)
    except ValueError:
        merged = {}
    merged.update(mapping)
    os.environ[ENV] = format_spec(merged)
    if module:
        import importlib.util

        try:  # after install: finding a submodule imports its package, which is user code
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            raise ProgramNotFoundError(f"no module named {name}")
        sys.argv = [name, *args]  # run_module replaces argv[0] with the module's file, as python -m does
        runpy.run_module(name, run_name="__main__", alter_sys=True)
    else:
        sys.argv = [name, *args]
        sys.path[0] = os.path.dirname(os.path.abspath(name))
        runpy.run_path(name, run_name="__main__")
