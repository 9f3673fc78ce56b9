"""Checking generated code against the engine's program before it is used.

JAX: equal jaxprs (or, failing that, equal values); NumPy/TensorFlow: equal outputs on synthetic inputs.
Each branch and loop body is checked on its own too, and loops are bounded, since synthetic inputs are
not the user's values and need not end a loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..lower import Lowered
from .inputs import _example_rng, synthetic_inputs
from .render import CodeGen, _exec_module


class _EndlessLoop(Exception):
    """A loop of the check did not end on synthetic inputs (their values are not the user's)."""


_LOOP_LIMIT = 10_000


def _bounded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` (a loop's test) raising :class:`_EndlessLoop` once it was called too often."""
    calls = [0]

    def test(*args: Any) -> Any:
        calls[0] += 1
        if calls[0] > _LOOP_LIMIT:
            raise _EndlessLoop(f"a loop ran {_LOOP_LIMIT} times on synthetic inputs")
        return fn(*args)

    return test


def _bound_loops(program: Any) -> None:
    """Bound the loops of an engine :class:`~lazyport.lower.Program` (and of its subgraphs) for a check."""
    tests = {
        x["g"]
        for ins in program.lowered.instrs
        if getattr(ins, "op", None) == "while_loop"
        for x in ins.args[:1]
        if isinstance(x, dict) and "g" in x
    }
    for key, sub in program._subs.items():
        _bound_loops(sub)
        if key in tests:
            sub._fn = _bounded(sub.fn)


def _check(gen: CodeGen, lowered: Lowered, backend: Any) -> str | None:
    """None if the generated code computes what the engine's program computes, else what differs. Each
    branch and loop body is checked too (synthetic inputs take one branch), and loops are bounded."""
    try:
        return _check_graph(gen, lowered, backend)
    except _EndlessLoop as exc:
        return str(exc)


def _check_graph(gen: CodeGen, lowered: Lowered, backend: Any) -> str | None:
    from ..lower import Program

    env = _exec_module(gen, compile=False)
    for test in gen.loop_tests:
        env[test] = _bounded(env[test])
    fn = env[gen.name]
    program = Program(lowered, backend)
    _bound_loops(program)
    for sub, name in gen.sub_records:
        sub_program = Program(sub, backend)
        _bound_loops(sub_program)
        problem = _check_function(env[name], sub, sub_program, backend)
        if problem is not None:
            return f"{name}: {problem}"
    return _check_function(fn, lowered, program, backend)


def _check_function(fn: Callable[..., Any], lowered: Lowered, program: Any, backend: Any) -> str | None:
    """None if ``fn`` (generated) computes what ``program`` (the engine's, for ``lowered``) computes."""
    arrays = synthetic_inputs(lowered, backend, seed=1)
    if lowered.needs_rng:
        arrays.append(_example_rng(backend))
    if backend.name == "jax":
        import jax

        def flat(f: Callable[..., Any]) -> Callable[..., Any]:
            def g(*xs: Any) -> Any:
                out = f(*xs)
                return out if isinstance(out, list) else optree_leaves(out)

            return g

        want = str(jax.make_jaxpr(program.fn)(*arrays))
        got = str(jax.make_jaxpr(flat(fn))(*arrays))
        if want == got:
            return None
        with jax.disable_jit():  # equal jaxprs are sufficient, not necessary: compare values
            return _compare_values(program.fn(*arrays), optree_leaves(fn(*arrays)), backend)
    if backend.name == "numpy" and lowered.needs_rng:
        np.random.seed(0)
        want = program.fn(*arrays)
        np.random.seed(0)
        return _compare_values(want, optree_leaves(fn(*arrays)), backend)
    with np.errstate(all="ignore"):
        return _compare_values(program.fn(*arrays), optree_leaves(fn(*arrays)), backend)


def optree_leaves(out: Any) -> list[Any]:
    import optree

    return optree.tree_leaves(out, none_is_leaf=True)


def _compare_values(want: list[Any], got: list[Any], backend: Any) -> str | None:
    if len(want) != len(got):
        return f"{len(got)} outputs instead of {len(want)}"
    for i, (w, g) in enumerate(zip(want, got)):
        if w is None or not hasattr(w, "dtype"):
            if w != g:
                return f"output {i} differs"
            continue
        w, g = backend.to_numpy(w), backend.to_numpy(g)
        if w.dtype != g.dtype or w.shape != g.shape:
            return f"output {i}: {g.dtype}{g.shape} instead of {w.dtype}{w.shape}"
        if w.dtype.kind in "fc":
            same = np.array_equal(w, g, equal_nan=True)
        else:
            same = np.array_equal(w, g)
        if not same:
            return f"output {i} has other values"
    return None
