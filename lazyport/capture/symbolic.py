"""Capture with symbolic sizes: the dims that ``dynamic_shapes`` names become ShapeEnv symbols.

The fake inputs get one symbol per *name* (equal names are one symbol, so equal sizes by construction),
every other dim stays a static int, and ``make_fx(tracing_mode="symbolic")`` records the shape arithmetic
as graph nodes (``aten.sym_size.int``, Python ``+ - * //`` on sizes) that the lowering reads from the
arrays at run time. What the traced code assumed of a symbol is in the ShapeEnv afterwards:

* a *replacement* (``s0 -> 5``, ``s1 -> s0``): the code specialised the dim to a value or tied it to another
  dim (``x.reshape(5, -1)``, adding two dims named differently): the graph is valid for that value only,
  so :class:`~lazyport.errors.SpecializationError` refuses it, naming the dim;
* other *guards* (``h < 16``, divisibility): the graph is valid where they hold; they are kept as
  :class:`Condition` records and checked for every size a call brings
  (:class:`~lazyport.errors.ShapeRelationError` when one fails). Guards that only choose a memory layout
  (convolution's backend choice) are dropped: lowered programs compute values, not strides.

Symbols range over sizes >= 2, torch's own assumption for dynamic dims (a size of 1 may broadcast or
squeeze differently): :mod:`lazyport.dynamic` gives calls with a size 0 or 1 on a dynamic dim a static
translation of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import torch

from ..errors import SpecializationError
from .trace import Captured, DynamicShapeError, _dynamic_node, _flat, _trace, user_frame

# where ShapeEnv guards come from that only choose a memory layout or kernel (values do not depend on them)
_LAYOUT_GUARDS = (("fake_impls.py", " in conv"),)


@dataclass(frozen=True)
class Use:
    """Where a named dim occurs: array input ``index`` (named ``label``), dimension ``dim``."""

    index: int
    label: str
    dim: int

    def __str__(self) -> str:
        return f"{self.label} dim {self.dim}"


@dataclass(frozen=True)
class Condition:
    """A relation the traced code assumed of the dynamic sizes, in the user's dim names (``h < 16``)."""

    text: str
    expr: Any  # sympy expression over the symbols
    symbols: tuple[tuple[Any, str], ...]  # (sympy symbol, dim name)

    def holds(self, sizes: dict[str, int]) -> bool:
        import sympy

        value = self.expr.xreplace({s: sympy.Integer(sizes[n]) for s, n in self.symbols})
        return bool(value)


def _named(expr: Any, names: dict[Any, str]) -> str:
    import sympy

    text = str(expr.xreplace({s: sympy.Symbol(n) for s, n in names.items()}))
    return text


def capture_symbolic(
    fn: Callable[..., Any],
    specs: Sequence[tuple[tuple[int, ...], torch.dtype]],
    rebuild: Callable[[Sequence[torch.Tensor]], tuple[tuple, dict]],
    dims: dict[tuple[int, int], str],
    labels: Sequence[str],
    stack: bool = False,
    ties: bool = False,
) -> Captured:
    """Trace ``fn`` on fake tensors of ``specs`` whose dims ``dims`` ((input index, dim) -> name) are symbolic.

    The sizes in ``specs`` are the hints (the example's sizes). Raises SpecializationError when the code
    pins a dynamic dim to a value or to another dim; ``meta["conditions"]`` holds the other guards.
    ``ties``: a dim tied to another one (``x + y`` on two dims named differently) is kept as a condition
    (their equality) instead, as torch's automatic dynamic shapes keep it as a guard: automatic names are
    lazyport's, not the user's, so there is no spec to correct."""
    import torch._functorch.config as functorch_config
    from torch._dynamo.source import ConstantSource
    from torch._subclasses.fake_tensor import FakeTensorMode
    from torch.fx.experimental.symbolic_shapes import DimDynamic, ShapeEnv

    env = ShapeEnv()
    with functorch_config.patch(fake_tensor_allow_unsafe_data_ptr_access=False):
        mode = FakeTensorMode(allow_fallback_kernels=True, allow_non_fake_inputs=True, shape_env=env)
    symints: dict[str, Any] = {}
    symbols: dict[Any, str] = {}
    uses: dict[str, list[Use]] = {}
    inputs = []
    for i, (shape, dtype) in enumerate(specs):
        sizes: list[Any] = []
        for d, n in enumerate(shape):
            name = dims.get((i, d))
            if name is None:
                sizes.append(n)
                continue
            uses.setdefault(name, []).append(Use(i, labels[i] if i < len(labels) else f"input {i}", d))
            if name not in symints:
                source = ConstantSource(f"lazyport_dim_{name}")
                sym = env.create_symbol(n, source, dynamic_dim=DimDynamic.DYNAMIC)
                if getattr(sym, "is_number", False):
                    raise SpecializationError(
                        f"dim {name!r} has the example size {n}: a dynamic dim needs an example "
                        "size of at least 2 (torch's capture specialises sizes 0 and 1)"
                    )
                symbols[sym] = name
                symints[name] = env.create_symintnode(sym, hint=n, source=source)
            sizes.append(symints[name])
        with mode:
            inputs.append(torch.empty(sizes, dtype=dtype))

    box: list[Any] = []
    gm = _trace(_flat(fn, rebuild, box), inputs, "symbolic", stack)
    node = _dynamic_node(gm)
    if node is not None:
        err = DynamicShapeError(f"data-dependent: the shape of {node.target}'s result depends on input values")
        err.where = user_frame(node.meta.get("stack_trace"))
        raise err

    def where(name: str) -> str:
        return ", ".join(str(u) for u in uses[name])

    tied: list[Condition] = []
    for sym, value in env.replacements.items():
        name = symbols.get(sym)
        if name is None:
            continue
        if getattr(value, "is_number", False):
            raise SpecializationError(
                f"the function's code specialises the dynamic dim {name!r} ({where(name)}) to the size {value}: "
                f"it is one program for {name} == {value} only (a reshape or view to a fixed size, a Python "
                "branch or an int() of the size). Make that dim static (None in dynamic_shapes) or rewrite the "
                "code in terms of the size (x.shape[i], -1)"
            )
        other = _named(value, symbols)
        if ties and all(s in symbols for s in value.free_symbols):
            import sympy

            expr = sympy.Eq(sym, value)
            tied.append(Condition(f"{name} == {other}", expr, tuple((s, symbols[s]) for s in expr.free_symbols)))
            continue
        raise SpecializationError(
            f"the function's code requires the dynamic dim {name!r} ({where(name)}) to equal {other}: give those "
            f"dims the same name in dynamic_shapes"
        )
    conditions = tied
    for guard in env.guards:
        free = [s for s in guard.expr.free_symbols if s in symbols]
        if not free:
            continue
        sloc = str(getattr(guard, "sloc", ""))
        if any(f in sloc and fn_name in sloc for f, fn_name in _LAYOUT_GUARDS):
            continue
        expr = guard.expr
        if _always_true(expr, symbols) or any(expr in (t.expr, t.expr.reversed) for t in tied):
            continue
        conditions.append(Condition(_named(expr, symbols), expr, tuple((s, symbols[s]) for s in free)))
    cap = Captured(gm, box[-1])
    cap.meta["conditions"] = conditions
    cap.meta["dims"] = {name: [(u.index, u.dim) for u in us] for name, us in uses.items()}
    cap.meta["symbol_names"] = {str(sym): name for sym, name in symbols.items()}
    return cap


def _always_true(expr: Any, symbols: dict[Any, str]) -> bool:
    """Does sympy prove ``expr`` for all integer sizes >= 2? (kornia's padding gives guards such as
    ``Eq(Mod(27*s0*(s1 + 2), 27*s1 + 54), 0)``, true for every size.)"""
    import sympy

    try:
        fresh = {s: sympy.Symbol(f"_d{i}", integer=True, positive=True) for i, s in enumerate(symbols)}
        e = expr.xreplace({s: fresh[s] + 1 for s in symbols})  # d + 1 >= 2
        return bool(sympy.simplify(e) is sympy.true)
    except Exception:
        return False
