"""What a translation's cache key depends on: the function's fingerprint, library versions, the signature.

**Key.** SHA-256 over: the function's identity (:func:`function_fingerprint`: its bytecode, constants
and names recursively, default arguments, closure cell values, the globals it reads and the attributes
of modules and classes it names (``Cfg.scale``: set at run time, they are not in the source), the hash of its
source file, and for functions of installed packages that package's version), the versions of torch,
lazyport (plus a hash of the capture and lowering code, which decide the record), the target framework
and its configuration (JAX's x64 flag), torch's default dtype, whether source lines were recorded, and the input
signature (tree structure, shapes, dtypes, static Python values). Anything that cannot be fingerprinted stably —
an object in a closure without a stable identity, an ``nn.Module``, a static argument of an arbitrary
type — makes the call not persistable: it is still cached in memory, never on disk.

The same walk gives the engine :func:`reads_of` (the globals and attributes a translation read, checked
at every call), and :class:`FloatBits` is how a float static argument enters a signature.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._paths import library_dirs
from .codec import FORMAT


class Unstable(Exception):
    """A value without an identity that is stable across processes."""


_file_hashes: dict[tuple[str, int, int], str] = {}
_versions: dict[str, str] = {}
_lazyport_hash: str | None = None


def _file_hash(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "nofile"
    k = (path, st.st_mtime_ns, st.st_size)
    h = _file_hashes.get(k)
    if h is None:
        with open(path, "rb") as f:
            h = hashlib.sha256(f.read()).hexdigest()
        _file_hashes[k] = h
    return h


def distribution_version(top: str) -> str | None:
    """The installed version of the top-level package ``top`` (import name), or None."""
    v = _versions.get(top)
    if v is None:
        import importlib.metadata as md

        try:
            v = md.version(top)
        except Exception:
            v = str(getattr(sys.modules.get(top), "__version__", "") or "")
            if not v:  # the distribution is named differently (tensorflow-cpu, opencv-python...)
                try:
                    dists = md.packages_distributions().get(top) or []
                    v = "+".join(f"{d}={md.version(d)}" for d in dists)
                except Exception:
                    v = ""
        _versions[top] = v
    return v or None


def _module_identity(name: str) -> str:
    """An installed or standard-library module: its package version; a local one: its files' hashes."""
    mod = sys.modules.get(name)
    path = getattr(mod, "__file__", None) if mod is not None else None
    top = name.partition(".")[0]
    if path is None:  # built-in or namespace package
        return f"{name}@py{sys.version_info[0]}.{sys.version_info[1]}"
    real = os.path.realpath(path)
    if real.startswith(library_dirs()):
        return f"{name}@{distribution_version(top) or _file_hash(real)}"
    # a local module (the user's project, an editable install): its package's files
    if os.path.basename(real) == "__init__.py":
        files = sorted(str(p) for p in Path(real).parent.rglob("*.py"))[:2000]
        return f"{name}:" + hashlib.sha256("".join(_file_hash(f) for f in files).encode()).hexdigest()
    return f"{name}:{_file_hash(real)}"


def _is_installed(module: str | None) -> bool:
    if not module:
        return False
    mod = sys.modules.get(module)
    path = getattr(mod, "__file__", None)
    if path is None:
        return mod is not None
    return os.path.realpath(path).startswith(library_dirs())


class _Fingerprinter:
    def __init__(self) -> None:
        self.seen: dict[int, str] = {}
        self.depth = 0
        # (namespace dict, name, value) of every global and user-owned attribute read: what a translation
        # in memory depends on beyond its inputs (:func:`reads_of`)
        self.reads: list[tuple[Mapping[str, Any], str, Any]] = []

    def value(self, v: Any) -> str:
        t = type(v)
        if v is None or t in (bool, int, float, complex, str, bytes, range, slice) or v is Ellipsis:
            return f"{t.__name__}:{v!r}"
        if t in (tuple, list):
            return f"{t.__name__}(" + ",".join(self.value(x) for x in v) + ")"
        if t in (set, frozenset):
            return f"{t.__name__}(" + ",".join(sorted(self.value(x) for x in v)) + ")"
        if t is dict:
            return "dict(" + ",".join(f"{self.value(k)}:{self.value(x)}" for k, x in v.items()) + ")"
        if isinstance(v, types.ModuleType):
            return "module:" + _module_identity(v.__name__)
        if isinstance(v, types.FunctionType):
            return self.function(v)
        if isinstance(v, types.MethodType):
            func = v.__func__  # typed as any callable; a bound method made in Python binds a function
            return f"method({self.value(v.__self__)},{self.function(func)})"  # type: ignore[arg-type]
        if isinstance(v, types.BuiltinFunctionType | types.BuiltinMethodType):
            owner = getattr(v, "__self__", None)
            if owner is not None and not isinstance(owner, types.ModuleType | type):
                raise Unstable(f"bound builtin {v!r}")
            return f"builtin:{getattr(v, '__module__', '')}.{v.__qualname__}"
        import functools

        if isinstance(v, functools.partial):
            return f"partial({self.value(v.func)},{self.value(v.args)},{self.value(v.keywords)})"
        if isinstance(v, type):
            mod = v.__module__
            return f"class:{mod}.{v.__qualname__}@{_module_identity(mod)}"
        import enum

        if isinstance(v, enum.Enum):
            return f"enum:{self.value(type(v))}.{v.name}"
        root = t.__module__.partition(".")[0]
        if root == "numpy":
            import numpy as np

            if isinstance(v, np.ndarray):
                return self.array(v)
            if isinstance(v, np.generic | np.dtype):
                return f"np:{v!r}"
        if root == "torch":
            import torch

            if isinstance(v, torch.Tensor) and not isinstance(v, torch.nn.Parameter):
                from ..lower import tensor_to_numpy

                return "tensor:" + self.array(tensor_to_numpy(v))
            if isinstance(v, torch.dtype | torch.device | torch.Size):
                return f"torch:{v!r}"
        if root in ("jax", "jaxlib", "tensorflow", "ml_dtypes") and "dtype" in t.__name__.lower():
            return f"{root}:{v!r}"
        if isinstance(v, types.CellType):
            return self.value(v.cell_contents)
        raise Unstable(f"{t.__module__}.{t.__qualname__}")

    @staticmethod
    def array(a: Any) -> str:
        import numpy as np

        a = np.asarray(a).copy(order="C")
        return f"{a.dtype.str}{a.shape}:{hashlib.sha256(a.tobytes()).hexdigest()}"

    def code(self, co: types.CodeType) -> str:
        consts = []
        for c in co.co_consts:
            consts.append(self.code(c) if isinstance(c, types.CodeType) else f"{type(c).__name__}:{c!r}")
        return (
            "code("
            + "|".join(
                [
                    co.co_name,
                    co.co_code.hex(),
                    ",".join(consts),
                    ",".join(co.co_names),
                    ",".join(co.co_varnames),
                    ",".join(co.co_freevars),
                    ",".join(co.co_cellvars),
                    f"{co.co_argcount},{co.co_posonlyargcount},{co.co_kwonlyargcount},{co.co_flags}",
                ]
            )
            + ")"
        )

    @staticmethod
    def _names(co: types.CodeType) -> set[str]:
        names = set(co.co_names)
        for c in co.co_consts:
            if isinstance(c, types.CodeType):
                names |= _Fingerprinter._names(c)
        return names

    def function(self, f: types.FunctionType) -> str:
        key = id(f)
        if key in self.seen:
            return self.seen[key]
        mod = getattr(f, "__module__", None)
        if isinstance(mod, str) and _is_installed(mod) and "<" not in f.__qualname__:
            # a named function of an installed library: its name and the library's version say it all
            # (lambdas and nested functions are not unique by name: they get the full fingerprint)
            out = f"fn:{mod}.{f.__qualname__}@{_module_identity(mod)}"
            self.seen[key] = out
            return out
        self.depth += 1
        if self.depth > 40:
            raise Unstable("call graph too deep")
        self.seen[key] = f"rec:{mod}.{f.__qualname__}"  # recursion stops here
        g = f.__globals__
        names = self._names(f.__code__)
        self.reads.extend((g, n, g[n]) for n in sorted(names) if n in g)
        parts = [
            f"{mod}.{f.__qualname__}",
            self.code(f.__code__),
            _file_hash(f.__code__.co_filename),
            self.value(f.__defaults__),
            self.value(f.__kwdefaults__),
            self.value(tuple(_cell(c) for c in (f.__closure__ or ()))),
            ",".join(f"{n}={self.value(g[n])}{self.attributes(g[n], names)}" for n in sorted(names) if n in g),
        ]
        self.depth -= 1
        out = "fn(" + "|".join(parts) + ")"
        self.seen[key] = out
        return out

    def attributes(self, owner: Any, names: set[str], depth: int = 0) -> str:
        """The attributes of a module or class ``owner`` that the code names (``Cfg.scale``,
        ``mod.SCALE``, ``torch.nn.functional``): their values may have been set at run time, so the
        source says nothing of them. Names the code uses on other objects (``x.shape``) are looked up
        too, which only adds what the module or class holds under that name.

        An attribute of the user's own modules and classes without a stable fingerprint (a property,
        an arbitrary object) makes the function not persistable. An installed library's class stands
        for itself by its version; an installed module's attributes are taken by value where they have
        one and by type otherwise (``mylib.SCALE = 3`` is seen, the inside of its objects is not)."""
        if not isinstance(owner, types.ModuleType | type) or depth > 3:
            return ""
        if isinstance(owner, type):
            if _is_installed(owner.__module__):
                return ""
            homes: list[Mapping[str, Any]] = [vars(k) for k in owner.__mro__ if not _is_installed(k.__module__)]
            installed = False
        else:
            installed, homes = _is_installed(owner.__name__), [owner.__dict__]
        found = []
        for name in sorted(names):
            home = next((h for h in homes if name in h), None)
            if home is None:
                continue
            value = home[name]
            if not installed:
                self.reads.append((home, name, value))
            if isinstance(value, staticmethod | classmethod):
                value = value.__func__
            try:
                text = self.value(value)
            except Unstable:
                if not installed:
                    raise
                text = f"<{type(value).__module__}.{type(value).__qualname__}>"
            found.append(f"{name}={text}{self.attributes(value, names, depth + 1)}")
        return "{" + ",".join(found) + "}" if found else ""


def _cell(c: types.CellType) -> Any:
    try:
        return c.cell_contents
    except ValueError:  # empty cell
        return "<empty cell>"


def function_fingerprint(fn: Any) -> str | None:
    """A hash of what ``fn`` computes (see the module docstring), or None when it has no stable one."""
    try:
        return hashlib.sha256(_Fingerprinter().value(fn).encode()).hexdigest()
    except (Unstable, RecursionError):
        return None
    except Exception:  # anything unexpected: just do not persist
        return None


def reads_of(fn: Any) -> tuple[tuple[Any, str, Any], ...]:
    """The globals and user-owned class or module attributes ``fn`` reads, as (namespace, name, value)
    at this moment: the engine compares them by identity at every call, so a translation made before one
    of them was rebound (``SCALE = 3``, ``Cfg.scale = 3``) is not used after. (An object changed in place
    keeps its identity: that is not seen.) Installed libraries' functions read nothing here: their
    version stands for them."""
    fp = _Fingerprinter()
    try:
        fp.value(fn)
    except Exception:  # (what was read before the unstable part still counts)
        pass
    # mappingproxy (a class's __dict__) is read through, a module's dict directly
    return tuple(fp.reads)


def identity_files() -> list[Path]:
    """The files whose code decides what a record contains, hashed into :func:`lazyport_identity`."""
    package = Path(__file__).resolve().parent.parent
    cache = package / "diskcache"
    return [
        package / "lower.py",
        package / "capture" / "trace.py",
        cache / "codec.py",
        cache / "store.py",
        cache / "fingerprint.py",
    ]


def lazyport_identity() -> str:
    """lazyport's version plus a hash of the code that decides what a record contains."""
    global _lazyport_hash
    if _lazyport_hash is None:
        files = identity_files()
        from .._version import __version__

        _lazyport_hash = (
            __version__ + ":" + hashlib.sha256("".join(_file_hash(str(p)) for p in files).encode()).hexdigest()[:16]
        )
    return _lazyport_hash


def stable_static(value: Any) -> str | None:
    """A process-independent text for a static (non-array) argument, or None if it has none."""
    t = type(value)
    if value is None or t in (bool, int, float, complex, str, bytes) or value is Ellipsis:
        return f"{t.__name__}:{value!r}"
    if t is slice:
        return f"slice:{value.start!r}:{value.stop!r}:{value.step!r}"
    root = t.__module__.partition(".")[0]
    if root == "torch" and t.__name__ == "dtype":
        return f"torch.dtype:{value}"
    if root in ("numpy", "jax", "jaxlib", "tensorflow", "ml_dtypes"):
        name = getattr(value, "name", None) or getattr(getattr(value, "dtype", None), "name", None)
        if isinstance(name, str) and ("dtype" in t.__name__.lower() or isinstance(value, type)):
            return f"{root}.dtype:{name}"
    if isinstance(value, type) and hasattr(value, "dtype"):  # jnp.float32, np.float32
        import numpy as np

        try:
            return f"dtype:{np.dtype(value).name}"
        except TypeError:
            return None
    return None


class FloatBits(str):
    """A float's key in a signature: its exact bits as ``float.hex`` text, so ``-0.0`` is not ``0.0``
    (``x / -0.0`` is ``-inf``) and ``nan`` is ``nan`` (equal to itself: one translation, not one per call).
    ``value`` is the argument itself, for display."""

    value: Any


def float_key(value: Any) -> FloatBits | None:
    """The key of a float or complex static argument (Python's or a NumPy scalar), None for others."""
    if isinstance(value, float):
        bits = float.hex(value)
    elif isinstance(value, complex):
        bits = f"{value.real.hex()},{value.imag.hex()}"
    elif (
        type(value).__module__ == "numpy"
        and getattr(getattr(value, "dtype", None), "kind", None) in ("f", "c")
        and value.ndim == 0
    ):
        c = complex(value)
        bits = f"{c.real.hex()},{c.imag.hex()}" if value.dtype.kind == "c" else c.real.hex()
    else:
        return None
    key = FloatBits(bits)
    key.value = value
    return key


def signature_text(key: tuple) -> str | None:
    """The engine's in-memory signature key as stable text, or None if a static value has none."""
    parts = [str(key[0])]
    for part in key[1:]:
        kind, value = part
        if isinstance(kind, tuple):  # (shape, dtype) of an array
            parts.append(f"array{kind}:{getattr(value, 'name', None) or value}")
            continue
        if isinstance(value, FloatBits):
            parts.append(f"{kind.__module__}.{kind.__qualname__}:{value}")
            continue
        text = stable_static(value)
        if text is None:
            return None
        parts.append(text)
    return "\n".join(parts)


def entry_key(fn: Any, backend: Any, signature: tuple, stack: bool, fingerprint: str | None = None) -> str | None:
    """The cache key of ``fn`` translated for ``backend`` at ``signature``; None when not persistable."""
    fp = fingerprint if fingerprint is not None else function_fingerprint(fn)
    if fp is None:
        return None
    sig = signature_text(signature)
    if sig is None:
        return None
    config = ""
    if backend.name == "jax":
        config = f"x64={backend.x64}"
    torch = sys.modules.get("torch")  # (not imported yet: nobody changed its default dtype)
    default_dtype = str(torch.get_default_dtype()) if torch is not None else "torch.float32"
    material = {
        "format": FORMAT,
        "python": sys.implementation.cache_tag,
        "function": fp,
        "torch": distribution_version("torch"),
        "lazyport": lazyport_identity(),
        "target": backend.name,
        "target_version": distribution_version({"tensorflow": "tensorflow"}.get(backend.name, backend.name)),
        "config": config,
        "default_dtype": default_dtype,  # torch.set_default_dtype changes what torch.zeros(3) makes
        "stack": bool(stack),
        "signature": sig,
    }
    return json.dumps(material, sort_keys=True)
