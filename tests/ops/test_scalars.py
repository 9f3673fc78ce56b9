"""Python scalars where the ATen schema allows a wrapped number: every lowered op whose second operand is
a ``Scalar``, or a ``Tensor`` that torch code fills with a Python number (``x / 2``, ``x.div(3,
rounding_mode="floor")``), is fed a Python bool, int and float there, on float and int inputs, and
compared with torch: through the op-by-op first call and through the target program (``args=``).

OpInfo feeds tensors to these positions; torch code very often passes Python numbers, and a lowering that
assumes an array there (``other.dtype``) breaks only in real code.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest
import torch

import lazyport
from lazyport.backends.registry import coverage

from ..util import TARGETS, Target

SCALARS = (True, 3, -2.5)
INPUTS = {
    "float32": np.array([[-3.5, -1.0, 0.0], [0.5, 2.0, 7.25]], np.float32),
    "int64": np.array([[-7, -2, 0], [1, 3, 8]], np.int64),
}
# keyword-only arguments worth trying besides their defaults
MODES = {"rounding_mode": (None, "floor", "trunc")}
_NUMBER = ("number", "Optional[number]")
_MASKS = ("condition", "mask")  # Tensor arguments that take booleans: the input's `> 0`


@dataclasses.dataclass(frozen=True)
class Case:
    """``op(**tensors, **numbers)``: every Tensor argument the input array, every number argument a value."""

    dtype: str
    tensors: tuple[str, ...]  # the names of the Tensor arguments
    numbers: tuple[tuple[str, Any], ...]  # (name, Python value) of the number arguments passed
    scalar_at: str  # the number argument under test
    expected: Any

    def call(self, op, t):
        return op(**{n: t > 0 if n in _MASKS else t for n in self.tensors}, **dict(self.numbers))


def _shape(schema) -> tuple[list[str], list[Any], list[str]] | None:
    """(Tensor argument names, number arguments, the kwargs tried in MODES) when every required
    argument is a Tensor, a number or a mode; None for other ops (lists, dims, dtypes: OpInfo's)."""
    if schema.is_mutable or len(schema.returns) != 1 or str(schema.returns[0].type) != "Tensor":
        return None
    tensors, numbers, modes = [], [], []
    for a in schema.arguments:
        kind = str(a.type)
        if kind == "Tensor":
            tensors.append(a.name)
        elif kind in _NUMBER:
            numbers.append(a)
        elif a.name in MODES:
            modes.append(a.name)
        elif not a.has_default_value():
            return None
    if len(tensors) < 2 and not numbers:
        return None
    return tensors, numbers, modes


def _op(name: str):
    _, packet, overload = name.split(".")
    return getattr(getattr(torch.ops.aten, packet), overload)


def _cases(name: str) -> list[Case]:
    op = _op(name)
    tensors, numbers, modes = _shape(op._schema)
    found = []
    for mode in [{m: v} for m in modes for v in MODES[m]] or [{}]:
        for at in numbers:
            for dtype, x in INPUTS.items():
                for s in SCALARS:
                    passed = [
                        (a.name, s if a is at else (a.default_value if a.has_default_value() else 1)) for a in numbers
                    ]
                    passed = [(n, v) for n, v in passed if v is not None] + list(mode.items())
                    case = Case(dtype, tuple(tensors), tuple(passed), at.name, None)
                    try:
                        expected = case.call(op, torch.from_numpy(x.copy()))
                    except Exception:  # torch refuses this combination (e.g. bitwise ops on floats)
                        continue
                    found.append(dataclasses.replace(case, expected=expected))
    for wrapped in tensors[1:]:  # a Tensor operand torch code fills with a Python number: x / 2
        if wrapped in _MASKS:
            continue
        rest = tuple(n for n in tensors if n != wrapped)
        for mode in [{m: v} for m in modes for v in MODES[m]] or [{}]:
            for dtype, x in INPUTS.items():
                for s in SCALARS:
                    case = Case(dtype, rest, ((wrapped, s), *mode.items()), wrapped, None)
                    try:
                        expected = case.call(op, torch.from_numpy(x.copy()))
                    except Exception:
                        continue
                    found.append(dataclasses.replace(case, expected=expected))
    return found


def _ops() -> list[str]:
    found = set()
    for target in TARGETS:
        for name in coverage(target):
            ns, _, rest = name.partition(".")
            if ns != "aten":
                continue
            packet, _, overload = rest.partition(".")
            op = getattr(getattr(torch.ops.aten, packet, None), overload or "default", None)
            if op is not None and torch.Tag.nondeterministic_seeded not in op.tags and _shape(op._schema) is not None:
                found.add(name)
    return sorted(name for name in found if _cases(name))  # (torch takes a Python number there)


OPS = _ops()


def test_the_sweep_covers_the_binary_families():
    for name in (
        "aten.add.Tensor",
        "aten.div.Tensor_mode",
        "aten.pow.Tensor_Scalar",
        "aten.remainder.Scalar",
        "aten.fmod.Scalar",
        "aten.eq.Scalar",
        "aten.bitwise_and.Scalar",
        "aten.hardtanh.default",
    ):
        assert name in OPS, name
    assert len(OPS) >= 30, len(OPS)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", OPS)
def test_python_scalar_operand(name: str, target: str) -> None:
    op = _op(name)
    failures = []
    for case in _cases(name):
        fn = lambda t, case=case: case.call(op, t)
        fn.__qualname__ = fn.__name__ = name.replace(".", "_")
        arg = Target(target).array(INPUTS[case.dtype])
        what = f"{name}({case.dtype}, {', '.join(f'{k}={v!r}' for k, v in case.numbers)})"
        e = case.expected.numpy()
        for how in ("first call", "program"):
            try:
                if how == "first call":
                    got = lazyport.transpile(fn, source="torch", target=target)(arg)
                else:
                    got = lazyport.transpile(fn, source="torch", target=target, args=(arg,))(arg)
            except Exception as exc:
                failures.append(f"{how}: {what} raised {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
                continue
            got = Target.numpy(got)
            narrowed = target == "jax" and got.dtype.kind == e.dtype.kind and got.dtype.itemsize < e.dtype.itemsize
            if (
                got.shape != e.shape
                or (got.dtype != e.dtype and not narrowed)
                or not np.allclose(got.astype(np.float64), e.astype(np.float64), rtol=1e-5, atol=1e-5, equal_nan=True)
            ):
                failures.append(f"{how}: {what} gave {got.dtype}{got.tolist()}, torch {e.dtype}{e.tolist()}")
    assert not failures, "\n".join(failures)
