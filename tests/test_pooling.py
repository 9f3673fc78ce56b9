"""Average pooling with large windows (HF EfficientNet's pooler is ``AvgPool2d(1280, ceil_mode=True)``): the
sums are separable products, never a table of every window's taps, with torch's ceil_mode,
count_include_pad and divisor_override semantics; forward, the backward op and gradients."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import lazyport
from tests.util import TARGETS, Target, assert_close

MODES = [(t, False) for t in TARGETS] + [("jax", True), ("tensorflow", True)]
IDS = [f"{t}-{'jit' if j else 'eager'}" for t, j in MODES]


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


def efficientnet_pool(x):
    return F.avg_pool2d(x, 1280, ceil_mode=True)


CASES = {  # (fn, input shape): windows of 81 taps and more, past the sliced form
    "kernel1280-ceil": (efficientnet_pool, (1, 8, 7, 7)),
    "k9-s2-p4-ceil": (lambda x: F.avg_pool2d(x, 9, stride=2, padding=4, ceil_mode=True), (2, 3, 20, 17)),
    "k9-s3-p2-no-pad-count": (
        lambda x: F.avg_pool2d(x, (9, 10), stride=3, padding=(2, 3), ceil_mode=True, count_include_pad=False),
        (1, 2, 19, 23),
    ),
    "k9-divisor": (lambda x: F.avg_pool2d(x, 9, stride=4, padding=1, divisor_override=7), (1, 2, 21, 18)),
    "3d-k5": (
        lambda x: F.avg_pool3d(x, 5, stride=2, padding=2, ceil_mode=True, count_include_pad=False),
        (1, 2, 9, 8, 7),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_large_window_avg_pool_matches_torch(case, target, jit):
    fn, shape = CASES[case]
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    assert_close(call(fn, target, [x], jit), fn(torch.from_numpy(x)), rtol=1e-5, atol=1e-6)


def backward_op(g, x):
    return torch.ops.aten.avg_pool2d_backward(g, x, [9, 9], [2, 2], [4, 4], True, False, None)


@pytest.mark.parametrize("target", TARGETS)
def test_large_window_avg_pool_backward_op_matches_torch(target):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 3, 20, 17)).astype(np.float32)
    g = rng.standard_normal(tuple(F.avg_pool2d(torch.from_numpy(x), 9, 2, 4, ceil_mode=True).shape)).astype(np.float32)
    expected = backward_op(torch.from_numpy(g), torch.from_numpy(x))
    assert_close(call(backward_op, target, [g, x], False), expected, rtol=1e-5, atol=1e-6)


def test_large_window_avg_pool_grad_jax_matches_torch():
    import jax
    import jax.numpy as jnp

    x = np.random.default_rng(2).standard_normal((2, 3, 20, 17)).astype(np.float32)
    fn = CASES["k9-s2-p4-ceil"][0]
    xt = torch.from_numpy(x).requires_grad_()
    (fn(xt) ** 2).sum().backward()
    f = lazyport.transpile(fn, source="torch", target="jax")
    assert_close(jax.grad(lambda v: (f(v) ** 2).sum())(jnp.asarray(x)), xt.grad, rtol=1e-5, atol=1e-6)
