"""Automatic dynamic sizes for lazy translations (``LAZYPORT_DYNAMIC=auto``, the default).

As ``torch.compile``'s automatic dynamic shapes: the first call of a *family* of signatures (the same
input structure, ranks, dtypes and static arguments) is translated for its sizes. A later call of the
family whose sizes differ in some dims is translated once more with exactly those dims symbolic (each
its own name, ``x_0`` for dim 0 of input ``x``), through the machinery of explicit ``dynamic_shapes``
(:mod:`lazyport.dynamic`, :mod:`lazyport.capture.symbolic`); that translation then serves every size of
those dims. A dim that differs later too widens the set, and the family is translated once more.

What stays static, so that no call gets a program made for other sizes:

* calls with a size of 0 or 1 on a dynamic dim (torch captures dynamic sizes assuming at least 2);
* sizes that break a condition the symbolic translation's code assumed (``b > 3``, two dims being equal);
* every size of a family whose symbolic translation failed or specialised a dim (``x.view(5, -1)``): it
  goes back to one translation per size, said once at INFO level.

Dims a trace leaves unknown (a ``tf.function`` input signature with ``None``, Keras's ``keras.Input``
batch) are dynamic from the start: there is no size to translate for. The capture needs an example size
for them (a *hint*): the family's first known size, else :data:`HINT`.

Symbolic translations are kept in memory only (the persistent cache stores static signatures). Imports
no framework.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import log
from .errors import DynamicShapesError

_log = log.get("engine")
HINT = 8  # the example size of a dim unknown while tracing, with no size seen before (any size >= 2)
_MAX_FAMILIES = 1024


@dataclass
class Family:
    """Signatures that differ only in sizes: the first one's shapes, the dims that differed since, names."""

    base: list[tuple[Any, ...]]  # per array input: the first call's shape (None for a dim unknown then)
    dims: frozenset[tuple[int, int]] = frozenset()  # (array input, dim) that have differed
    names: dict[tuple[int, int], str] = field(default_factory=dict)
    static_only: str | None = None  # why the symbolic translation failed: every size is static


def _split(key: tuple) -> tuple[tuple, list[tuple[Any, ...]]]:
    """A signature key's family (array shapes reduced to their ranks) and its array shapes."""
    family: list[Any] = [key[0]]
    shapes: list[tuple[Any, ...]] = []
    for part in key[1:]:
        if isinstance(part[0], tuple):
            shapes.append(part[0])
            family.append((len(part[0]), part[1]))
        else:
            family.append(part)
    return tuple(family), shapes


class AutoDynamic:
    """One translated function's families of signatures, and the symbolic keys they map calls to."""

    def __init__(self, fn: Any):
        self.fn = fn
        self._families: dict[tuple, Family] = {}
        self._lock = threading.Lock()
        self._warned: set[str] = set()

    def clear(self) -> None:
        with self._lock:
            self._families.clear()

    def key(self, key: tuple, labels: Callable[[], list[str]], label: Callable[[], str]) -> tuple | None:
        """The symbolic key a call of static signature ``key`` (not translated in memory) runs under, or
        None for a static translation. Records the call's sizes in its family (widening its dynamic dims).
        ``labels()`` names the array inputs (for the dims' names), ``label()`` the call (for the log)."""
        family_key, shapes = _split(key)
        unknown = {(j, d) for j, s in enumerate(shapes) for d, n in enumerate(s) if type(n) is not int}
        with self._lock:
            fam = self._families.get(family_key)
            if fam is None:
                if len(self._families) >= _MAX_FAMILIES:
                    self._families.clear()
                fam = self._families[family_key] = Family(list(shapes))
                if not unknown:
                    return None
            if fam.static_only is not None:
                if unknown:
                    raise DynamicShapesError(
                        f"{label()}: dims unknown while tracing need a translation with those dims dynamic, and "
                        f"this function has none ({fam.static_only}); give the trace concrete sizes (an input "
                        "signature without None)"
                    )
                return None
            differ = {
                (j, d) for j, (s, b) in enumerate(zip(shapes, fam.base)) for d, (n, m) in enumerate(zip(s, b)) if n != m
            }
            dims = fam.dims | differ | unknown
            if not dims:
                return None
            if dims != fam.dims:
                names = _names(labels())
                for j, d in dims - fam.dims:
                    fam.names[(j, d)] = f"{names[j] if j < len(names) else f'a{j}'}_{d}"
                why = "sizes differ from an earlier call" if differ - fam.dims else "the trace leaves sizes unknown"
                _log.info(
                    "%s: %s in %s; translating with those dims dynamic",
                    label(),
                    why,
                    ", ".join(sorted(fam.names[jd] for jd in dims)),
                )
                fam.dims = frozenset(dims)
            if any(type(shapes[j][d]) is int and shapes[j][d] < 2 for j, d in fam.dims):
                return None  # (torch assumes dynamic sizes >= 2: a static translation of its own)
            out = list(key)
            j = 0
            for i, part in enumerate(key[1:], 1):
                if isinstance(part[0], tuple):
                    out[i] = (
                        tuple(fam.names[(j, d)] if (j, d) in fam.dims else n for d, n in enumerate(part[0])),
                        part[1],
                    )
                    j += 1
            return tuple(out)

    def hints(self, key: tuple) -> list[tuple[int, ...]]:
        """Per array input of symbolic ``key``, example sizes for dims unknown while tracing."""
        family_key, _ = _split(key)
        fam = self._families.get(family_key)
        base = fam.base if fam is not None else []
        out = []
        for j, shape in enumerate(_split(key)[1]):
            known = base[j] if j < len(base) else ()
            out.append(
                tuple(
                    k if type(k) is int and k >= 2 else HINT
                    for k in (known[d] if d < len(known) else None for d in range(len(shape)))
                )
            )
        return out

    def give_up(self, key: tuple, exc: BaseException, label: str) -> None:
        """The symbolic translation of ``key``'s family failed (``exc``): translate every size statically."""
        family_key, _ = _split(key)
        why = str(exc).split("\n", 1)[0][:300] or type(exc).__name__
        with self._lock:
            fam = self._families.get(family_key)
            if fam is not None:
                fam.static_only = why
        log.once(
            _log,
            self._warned,
            "static",
            logging.INFO,
            "%s: no translation with dynamic sizes (%s: %s); each size is translated on its own",
            label,
            type(exc).__name__,
            why,
        )

    @staticmethod
    def holds(lowered: Any, arrays: Sequence[Any]) -> bool:
        """Do ``arrays``' sizes satisfy the conditions the symbolic translation ``lowered``'s code assumed?
        Raises DynamicShapesError for a condition on a size unknown while tracing (it cannot be checked).
        Sizes unknown while tracing must also be at least 2, as the capture assumed: a TensorFlow graph
        checks that when it runs (``tf.debugging.assert_greater_equal``, naming the dim); a symbolic
        ``jax.export`` size must be declared so."""
        conditions = lowered.meta.get("conditions")
        sizes: dict[str, int] = {}
        unknown = []
        least = 1 if small_branch(lowered, arrays) is not None else 2  # (sizes of 1 then take their own branch)
        for (j, d), name in lowered.meta.get("dims", {}).items():
            size = arrays[j].shape[d]
            if type(size) is int:
                sizes[name] = size
                continue
            unknown.append(name)
            at_least(arrays[j], d, size, name, least)
        for cond in conditions or ():
            names = [n for _, n in cond.symbols]
            if any(n in unknown for n in names):
                raise DynamicShapesError(
                    f"the function's code assumes {cond.text} of sizes this trace leaves unknown "
                    f"({', '.join(unknown)}), which cannot be checked while tracing; give the trace those sizes (an "
                    "input signature without None)"
                )
            if not cond.holds(sizes):
                return False
        return True


def small_branch(lowered: Any, arrays: Sequence[Any]) -> tuple[int, int] | None:
    """The one dynamic dim ``(array input, dim)`` of symbolic translation ``lowered`` that a TensorFlow trace
    leaves ``None``, when exactly one is, the program neither draws random numbers nor writes into its
    inputs and no gradient tape records: a size of 1 there can then take a static translation of its own in
    the graph (``tf.cond``)."""
    found = []
    for j, d in lowered.meta.get("dims", {}):
        if type(arrays[j].shape[d]) is not int:
            if arrays[j].shape[d] is not None or not type(arrays[j]).__module__.startswith("tensorflow"):
                return None
            found.append((j, d))
    if len(found) != 1 or lowered.needs_rng or lowered.writes or _recording():
        return None
    return found[0]


def _recording() -> bool:
    """Is a tf.GradientTape recording? (The gradient of a tf.cond whose branches give different static
    shapes fails in TensorFlow, so a trace being differentiated keeps the size >= 2 check instead.)"""
    import sys

    if "tensorflow" not in sys.modules:  # (never imported here: only TensorFlow arrays get this far)
        return False
    try:
        from tensorflow.python.eager import record
    except ImportError:  # (a TensorFlow without that module: assume it might)
        return True
    return bool(record.could_possibly_record())


def at_least(array: Any, d: int, size: Any, name: str, least: int) -> Any:
    """Check (a TensorFlow graph: when it runs) that dim ``d`` of ``array``, unknown while tracing, is >= ``least``;
    returns TensorFlow's assertion op (None elsewhere)."""
    import sys

    if size is None and type(array).__module__.startswith("tensorflow"):
        tf = sys.modules["tensorflow"]
        return tf.debugging.assert_greater_equal(
            tf.shape(array)[d],
            least,
            message=(
                f"dim {d} ({name}) is unknown in this trace, so it was translated as a dynamic size, which serves "
                f"sizes >= {least} (torch's capture assumes >= 2; a size of 1 of a single such dim takes a static "
                "translation); "
                "for smaller sizes trace with the size known (an input signature without None there)"
            ),
        )
    try:
        ok = bool(size >= 2)
    except Exception:  # (a jax.export symbolic dim without a constraint)
        ok = False
    if not ok:
        raise DynamicShapesError(
            f"dim {d} ({name}) is the symbolic size {size}, which may be below 2; a dynamic translation serves sizes "
            f">= 2 (torch's capture assumes so): declare it, e.g. constraints=[{str(size) + ' >= 2'!r}]"
        )
    return None


def _names(labels: Sequence[str]) -> list[str]:
    """Identifier names per array input, unique (``x``, ``x_1``, ``a2``)."""
    out: list[str] = []
    for j, label in enumerate(labels):
        name = label if label.isidentifier() else f"a{j}"
        while name in out:
            name = f"{name}_{j}"
        out.append(name)
    return out
