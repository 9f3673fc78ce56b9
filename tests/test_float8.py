"""8-bit floats (torch.float8_*: JAX and NumPy have them through ml_dtypes, TensorFlow gets a clear error) and
autograd flags set inside a forward (``requires_grad_()``, which a translation ignores)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport
from lazyport.errors import UnsupportedDtypeError
from tests.util import TARGETS, Target, assert_close

FLOAT8 = ["float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz", "float8_e5m2fnuz"]
# in range for every format, with values that round (ties included) and small ones near the subnormals
X = np.array([[0.0, 1.0, -1.5, 3.3], [0.1, -7.25, 12.0, 0.013], [2.5, 0.4375, -0.0039, 100.0]], np.float32)


def quantised(dtype):
    def f(x):
        return x.to(dtype).to(torch.float32) * 2

    return f


@pytest.mark.parametrize("name", FLOAT8)
@pytest.mark.parametrize("target, jit", [("jax", False), ("jax", True), ("numpy", False)])
def test_float8_round_trip_matches_torch(name, target, jit):
    fn = quantised(getattr(torch, name))
    f = lazyport.transpile(fn, source="torch", target=target)
    x = Target(target).array(X)
    if jit:
        import jax

        f = jax.jit(f)
    assert_close(f(x), fn(torch.from_numpy(X)), rtol=0, atol=0)


@pytest.mark.parametrize("name", FLOAT8)
@pytest.mark.parametrize("target", ["jax", "numpy"])
def test_float8_arrays_in_and_out(name, target):
    import ml_dtypes

    def f(x):
        return (x.to(torch.float32) + 1).to(x.dtype)

    a = X.astype(getattr(ml_dtypes, name))
    got = lazyport.transpile(f, source="torch", target=target)(Target(target).array(a))
    assert Target.numpy(got).dtype == a.dtype
    expected = torch.from_numpy(a.view(np.uint8).copy()).view(getattr(torch, name))
    expected = f(expected).view(torch.uint8).numpy()
    np.testing.assert_array_equal(Target.numpy(got).view(np.uint8), expected)


def test_float8_on_tensorflow_names_the_dtype():
    f = lazyport.transpile(quantised(torch.float8_e4m3fn), source="torch", target="tensorflow")
    with pytest.raises(UnsupportedDtypeError, match="float8_e4m3fn"):
        f(Target("tensorflow").array(X))


def sets_requires_grad(x):
    y = x * 2
    y.requires_grad_()
    z = torch.ones_like(x).requires_grad_(True)
    return y + z


@pytest.mark.parametrize("jit", [False, True])
@pytest.mark.parametrize("target", TARGETS)
def test_requires_grad_inside_forward_is_harmless(target, jit):
    if jit and target == "numpy":
        pytest.skip("NumPy has no jit")
    f = lazyport.transpile(sets_requires_grad, source="torch", target=target)
    if jit and target == "jax":
        import jax

        f = jax.jit(f)
    if jit and target == "tensorflow":
        import tensorflow as tf

        f = tf.function(f)
    assert_close(f(Target(target).array(X)), sets_requires_grad(torch.from_numpy(X)).detach())
