"""Ops other libraries register through torch.library: one with a Python implementation lazyport can trace
(a torch.library.custom_op body, a CompositeImplicitAutograd kernel, a registered decomposition) translates
through it; one whose only kernel is registered for a backend key (C++, or a Python function the
dispatcher does not hand back) stops with an error naming the op and its library."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport
from lazyport.errors import UnsupportedOpError
from tests.util import TARGETS, Target, assert_close

MODES = [(t, False) for t in TARGETS] + [("jax", True), ("tensorflow", True)]
IDS = [f"{t}-{'jit' if j else 'eager'}" for t, j in MODES]


@torch.library.custom_op("lazyport_test::softclip", mutates_args=())
def softclip(x: torch.Tensor, scale: float) -> torch.Tensor:
    return scale * torch.tanh(x / scale) + x.mean(dim=-1, keepdim=True)


@softclip.register_fake
def _(x, scale):
    return torch.empty_like(x)


@torch.library.custom_op("lazyport_test::unfaked", mutates_args=())
def unfaked(x: torch.Tensor) -> torch.Tensor:  # no fake kernel: capture traces its body
    return torch.sigmoid(x) * 2


@torch.library.custom_op("lazyport_test::first_rows", mutates_args=())
def first_rows(x: torch.Tensor, n: torch.Tensor) -> torch.Tensor:
    """Reads a value: how many leading rows to keep."""
    out = torch.zeros_like(x)
    k = int(n.tolist())
    return torch.cat([x[:k] * 3, out[k:]])


_LIB = torch.library.Library("lazyport_test", "FRAGMENT")
_LIB.define("cube_plus(Tensor x, Tensor y) -> Tensor")
_LIB.impl("cube_plus", lambda x, y: x * x * x + y, "CompositeImplicitAutograd")
_LIB.define("cpu_only(Tensor x) -> Tensor")
_LIB.impl("cpu_only", lambda x: x + 1, "CPU")


def uses_softclip(x):
    return softclip(x * 2, 1.5) - 1


def uses_unfaked(x):
    return torch.ops.lazyport_test.unfaked(x) + x


def uses_cube_plus(x, y):
    return torch.ops.lazyport_test.cube_plus(x, y).sum(dim=0)


def uses_cpu_only(x):
    return torch.ops.lazyport_test.cpu_only(x) * 2


def call(fn, target, arrays, jit):
    f = lazyport.transpile(fn, source="torch", target=target)
    args = [Target(target).array(a) for a in arrays]
    if jit and target == "jax":
        import jax

        return jax.jit(f)(*args)
    if jit and target == "tensorflow":
        import tensorflow as tf

        return tf.function(f)(*args)
    return f(*args)


X = np.random.default_rng(0).standard_normal((4, 5)).astype(np.float32)
Y = np.random.default_rng(1).standard_normal((4, 5)).astype(np.float32)


@pytest.mark.parametrize("fn, arrays", [(uses_softclip, [X]), (uses_unfaked, [X]), (uses_cube_plus, [X, Y])])
@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_python_implementation_is_translated(fn, arrays, target, jit):
    expected = fn(*(torch.from_numpy(a) for a in arrays))
    assert_close(call(fn, target, arrays, jit), expected)


@pytest.mark.parametrize("target", TARGETS)
def test_custom_op_body_reading_values_stays_correct(target):
    f = lazyport.transpile(first_rows, source="torch", target=target)
    for n in (1, 3, 2):  # op by op at each call: each value of n gives its own result
        expected = first_rows(torch.from_numpy(X), torch.tensor(n))
        assert_close(f(Target(target).array(X), Target(target).array(np.int64(n))), expected)


def test_registered_decomposition_is_used():
    lib = torch.library.Library("lazyport_test", "FRAGMENT")
    lib.define("halve(Tensor x) -> Tensor")
    lib.impl("halve", lambda x: x / 2, "CPU")  # a backend kernel lazyport cannot trace...
    lib.impl("halve", lambda x: torch.empty_like(x), "Meta")
    from torch._decomp import decomposition_table

    op = torch.ops.lazyport_test.halve.default
    decomposition_table[op] = lambda x: x * 0.5  # ...and a decomposition it can
    try:
        for target, jit in (("numpy", False), ("jax", True)):
            got = call(lambda x: torch.ops.lazyport_test.halve(x) + 1, target, [X], jit)
            assert_close(got, torch.from_numpy(X) / 2 + 1)
    finally:
        del decomposition_table[op]


@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_op_with_only_a_backend_kernel_names_op_and_library(target, jit):
    with pytest.raises(UnsupportedOpError) as info:
        call(uses_cpu_only, target, [X], jit)
    msg = str(info.value)
    assert "lazyport_test.cpu_only.default" in msg
    assert "library 'lazyport_test'" in msg and "CPU" in msg
    assert "ATen op" not in msg
