"""The op tables: one small function per ATen op and target.

A lowering is registered with ``@lower("aten.add.Tensor")`` and written once against the backend
object ``b`` it receives first (``b.xp`` is the target's NumPy-like namespace). A target whose
framework differs registers its own function for the same op with ``@lower(op, target="jax")``; that
one wins for that target. Registering the same (op, target) twice is an error, so an override can only
be deliberate. Ops are keyed by their ATen name as ``str(torch.ops.aten.X.overload)`` prints it, so this
module never imports torch.

Ops that are deliberately not lowered are declared with :func:`not_lowered` and a reason; the
coverage test fails on any core op that is neither lowered nor declared.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..errors import UnsupportedOpError
from ..targets import TARGETS

COMMON = "common"

# op name -> {target or COMMON -> lowering}
_TABLE: dict[str, dict[str, Callable[..., Any]]] = {}
# op name -> {target or COMMON -> reason}
_NOT_LOWERED: dict[str, dict[str, str]] = {}
_loaded = False

# Modules holding lowerings; imported on first lookup so `import lazyport` stays light.
_OP_MODULES = (
    "pointwise",
    "reduction",
    "shape",
    "indexing",
    "factory",
    "nn",
    "linalg",
    "grouped",
    "random",
    "misc",
    "control",
    "symbolic",
)


def _name(op: Any) -> str:
    return op if isinstance(op, str) else str(op)


def lower(
    *ops: Any, target: str | None = None, at_least_float32: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as the lowering of ``ops`` (for every target, or one).

    ``at_least_float32``: the op computes in floating point at float32 precision at least, as torch
    does for its float-valued functions (integers and bools become float32, float16/bfloat16 are
    computed in float32 and cast back by the program): the lowering receives its array arguments so.
    """
    key = COMMON if target is None else target
    if key != COMMON and key not in TARGETS:
        raise ValueError(f"unknown target {target!r}")

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        if at_least_float32:
            fn = _widening(fn)
        for op in ops:
            slot = _TABLE.setdefault(_name(op), {})
            if key in slot:
                raise RuntimeError(f"{_name(op)} is already lowered for {key} by {slot[key].__qualname__}")
            slot[key] = fn
        return fn

    return register


def _widening(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` with its positional array arguments widened to at least float32 (see :func:`lower`). It
    names ``fn`` as ``widens`` (Graph.save() writes both out), not as ``__wrapped__``: inspecting its
    source must not skip the widening."""

    def widened(b: Any, *args: Any, **kwargs: Any) -> Any:
        return fn(b, *(b.at_least_float32(a) if hasattr(a, "dtype") else a for a in args), **kwargs)

    widened.__name__ = widened.__qualname__ = f"{fn.__name__}_at_least_float32"
    widened.__doc__, widened.__module__ = fn.__doc__, fn.__module__
    widened.widens = fn  # type: ignore[attr-defined]
    return widened


def from_source(source: str, namespace: dict[str, Any], doc: str) -> Callable[..., Any]:
    """The function ``source`` defines, in the module whose globals are ``namespace``, documented by
    ``doc`` (an ATen schema): a lowering made from a table row. It keeps ``source`` as ``.source`` for
    Graph.save(), as it has no file to read it from."""
    code: dict[str, Any] = {}
    exec(compile(source, f"<lowering of {doc.partition('(')[0]}>", "exec"), namespace, code)
    (fn,) = code.values()
    fn.__doc__, fn.source = doc, source
    return fn


def not_lowered(op: Any, reason: str, target: str | None = None) -> None:
    """Declare that ``op`` is deliberately not lowered (for every target, or one), and why."""
    _NOT_LOWERED.setdefault(_name(op), {})[COMMON if target is None else target] = reason


def load_all() -> None:
    """Import every op module once (they register themselves)."""
    global _loaded
    if not _loaded:
        for mod in _OP_MODULES:
            importlib.import_module(f"{__package__}.ops.{mod}")
        _loaded = True


def find(op: Any, target: str) -> Callable[..., Any] | None:
    """The lowering of ``op`` for ``target``, or None."""
    load_all()
    slot = _TABLE.get(_name(op))
    if not slot:
        return None
    return slot.get(target) or slot.get(COMMON)


def lookup(op: Any, target: str, source_line: str | None = None) -> Callable[..., Any]:
    """The lowering of ``op`` for ``target``; raises :class:`UnsupportedOpError` if there is none."""
    fn = find(op, target)
    if fn is None:
        raise UnsupportedOpError(_name(op), target, source_line, reason=not_lowered_reason(op, target))
    return fn


def not_lowered_reason(op: Any, target: str) -> str | None:
    load_all()
    slot = _NOT_LOWERED.get(_name(op), {})
    return slot.get(target) or slot.get(COMMON)


def coverage(target: str) -> dict[str, Callable[..., Any]]:
    """Every op lowered for ``target``: name -> lowering."""
    load_all()
    return {name: fn for name in _TABLE if (fn := find(name, target)) is not None}
