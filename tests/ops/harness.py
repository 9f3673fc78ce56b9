"""Run one OpInfo entry through lazyport and compare with torch. Shared by the test and the rate script."""

from __future__ import annotations

import collections
import contextlib
import os
from collections.abc import Iterator
from typing import Any

import numpy as np
import optree
import torch

import lazyport
import lazyport.lower
from lazyport.backends import get_backend

MAX_SAMPLES = 3
# how a default lazy first call took the non-random samples: recorded, or why not
OP_BY_OP: collections.Counter[str] = collections.Counter()
RTOL, ATOL = 1e-4, 1e-5


@contextlib.contextmanager
def _translated_first_calls() -> Iterator[None]:
    """Calls of the entry capture and compile at once (the compiled target path); the default lazy
    path is checked separately (:func:`check_recorded`). Scoped to the check, so that other tests in
    the process keep the default."""
    saved = os.environ.get("LAZYPORT_FIRST_CALL")
    os.environ["LAZYPORT_FIRST_CALL"] = "compile"
    try:
        yield
    finally:
        if saved is None:
            del os.environ["LAZYPORT_FIRST_CALL"]
        else:
            os.environ["LAZYPORT_FIRST_CALL"] = saved


def entries() -> list[Any]:
    from torch.testing._internal.common_methods_invocations import op_db

    return [op for op in op_db if op.supports_dtype(torch.float32, "cpu")]


def entry_id(op: Any) -> str:
    return op.name + (f".{op.variant_test_name}" if op.variant_test_name else "")


def _to_target(x: Any, target: str) -> Any:
    if isinstance(x, torch.Tensor):
        return get_backend(target).asarray(lazyport.lower.tensor_to_numpy(x))
    return x


def _to_numpy(x: Any) -> Any:
    if isinstance(x, torch.Tensor):
        return lazyport.lower.tensor_to_numpy(x)
    if hasattr(x, "shape") and hasattr(x, "dtype"):
        return np.asarray(x.numpy() if hasattr(x, "numpy") and not isinstance(x, np.ndarray) else x)
    return x


def _kind(dtype: Any) -> str:
    return np.dtype(dtype).kind if np.dtype(dtype).name != "bfloat16" else "f"


def _leaves(tree: Any) -> list[Any]:
    # a torch.Size result (broadcast_shapes) comes back from the translation as a plain tuple
    tree = optree.tree_map(
        lambda v: tuple(v) if isinstance(v, torch.Size) else v,
        tree,
        none_is_leaf=True,
        is_leaf=lambda x: isinstance(x, torch.Tensor | torch.Size),
    )
    return optree.tree_leaves(tree, none_is_leaf=True, is_leaf=lambda x: isinstance(x, torch.Tensor))


# torch leaves the memory of these uninitialised: only shape and dtype are defined
UNINITIALISED = {"empty", "empty_like", "new_empty", "new_empty_strided", "empty_strided", "empty_permuted"}


def _same(a: torch.Tensor, b: torch.Tensor) -> bool:
    if a.dtype == torch.complex32:
        a, b = a.to(torch.complex64), b.to(torch.complex64)
    return torch.equal(a, b) or bool(a.is_floating_point() and torch.isnan(a).any())


def is_random(op: Any, sample: Any) -> bool:
    """An op is random if two runs on the same input under different seeds differ."""
    if op.name in UNINITIALISED:
        return True
    outs = []
    for seed in (0, 1):
        torch.manual_seed(seed)
        try:
            outs.append(_leaves(op.op(sample.input, *sample.args, **sample.kwargs)))
        except Exception:
            return False
    return any(isinstance(a, torch.Tensor) and a.numel() and not _same(a, b) for a, b in zip(*outs))


def _draws_random(fn: Any) -> bool:
    """Did the translation's graph contain random ops (tagged nondeterministic_seeded)? OpInfo wraps
    some random ops so that they reseed torch on every call (`wrapper_set_seed`): they look
    deterministic to :func:`is_random` but draw from the target's RNG once translated."""
    program = getattr(fn.last_entry, "program", None)
    return bool(getattr(program, "needs_rng", False))


class TorchCannotRun(Exception):
    """torch cannot run the entry's sample here, so there is nothing to compare with."""


def check(op: Any, target: str) -> bool:
    """Raise AssertionError (or the translation's error) if ``op`` differs from torch on ``target``.

    Returns whether the entry is random (then compared on shape and dtype only)."""
    any_random = False
    fn = lazyport.transpile(op.op, source="torch", target=target)
    samples = list(op.sample_inputs("cpu", torch.float32))[:MAX_SAMPLES]
    assert samples, "no samples"
    for sample in samples:
        torch.manual_seed(0)
        try:
            expected = op.op(sample.input, *sample.args, **sample.kwargs)
        except Exception as exc:  # no ground truth (jiterator ops run on CUDA/ROCm only)
            raise TorchCannotRun(f"torch itself fails on this entry on CPU: {str(exc).splitlines()[0]}") from exc
        random = is_random(op, sample)
        args = optree.tree_map(
            lambda x: _to_target(x, target),
            (sample.input, *sample.args),
            none_is_leaf=True,
            is_leaf=lambda x: isinstance(x, torch.Tensor),
        )
        kwargs = optree.tree_map(
            lambda x: _to_target(x, target),
            dict(sample.kwargs),
            none_is_leaf=True,
            is_leaf=lambda x: isinstance(x, torch.Tensor),
        )
        with _translated_first_calls():
            got = fn(*args, **kwargs)
        random = random or _draws_random(fn)
        any_random = any_random or random
        compare(expected, got, random)
        if not random:
            check_recorded(op, target, args, kwargs, expected)
    return any_random


def check_recorded(op: Any, target: str, args: tuple, kwargs: dict, expected: Any) -> None:
    """The default lazy path on the same sample: the first call runs op by op and records the program
    (it may decline, and the call is then captured, which :func:`check` covered); the recorded program
    then runs uncompiled (JAX and TensorFlow: its NumPy form) and compiled. Each must match torch."""
    from lazyport.engine import TranslatedFunction

    lazy = TranslatedFunction(op.op, target, persist=False)
    first = lazy(*args, **kwargs)
    entry = lazy.last_entry
    if getattr(entry, "origin", None) != "recorded":
        OP_BY_OP[
            "declined: not recorded"
            if entry is not None and type(entry).__name__ == "Entry"
            else "op by op at every call (reads values)"
        ] += 1
        compare(expected, first, False, "op by op: ")
        return
    OP_BY_OP["recorded"] += 1
    compare(expected, first, False, "op by op: ")
    compare(expected, lazy(*args, **kwargs), False, "recorded program: ")
    lazy.wait()
    assert entry.compile_error is None, f"compiling the recorded program failed: {entry.compile_error!r}"
    compare(expected, lazy(*args, **kwargs), False, "recorded program, compiled: ")


def compare(expected: Any, got: Any, random: bool, what: str = "") -> None:
    """Assert that the translation's result ``got`` matches torch's ``expected`` (shape/dtype if random)."""
    exp_leaves, got_leaves = _leaves(expected), optree.tree_leaves(got, none_is_leaf=True)
    assert len(exp_leaves) == len(got_leaves), f"{what}{len(got_leaves)} outputs, torch gives {len(exp_leaves)}"
    for e, g in zip(exp_leaves, got_leaves):
        if not isinstance(e, torch.Tensor):
            if isinstance(e, float) and np.isnan(e):
                assert np.isnan(float(_to_numpy(g)))
            else:
                assert np.allclose(_to_numpy(g), e), f"{what}{g} != {e}"
            continue
        g = _to_numpy(g)
        en = lazyport.lower.tensor_to_numpy(e)
        assert tuple(g.shape) == tuple(en.shape), f"{what}shape {g.shape} != torch {tuple(en.shape)}"
        assert _kind(g.dtype) == _kind(en.dtype), f"{what}dtype {g.dtype} is not of the kind of torch {e.dtype}"
        if random:
            continue
        if en.dtype.kind == "b" or g.dtype.kind == "b":
            np.testing.assert_array_equal(g, en)
        else:
            # absolute tolerance scaled by the result's magnitude: sums and products accumulate
            # float32 rounding in a framework-specific order
            finite = np.abs(en[np.isfinite(en)]) if en.size else np.zeros(0)
            atol = ATOL * max(1.0, float(finite.max()) if finite.size else 1.0)
            np.testing.assert_allclose(
                g.astype(en.dtype) if en.dtype.kind != "c" else g, en, rtol=RTOL, atol=atol, equal_nan=True
            )
