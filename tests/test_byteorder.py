"""NumPy arrays in non-native byte order (big-endian data read from a file or a FITS/HDF5 store) are accepted
by every target and give torch's result on the same values."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport

from .util import assert_close

SWAPPED = ">" if np.little_endian else "<"  # the byte order this machine does not use


def swapped(values: np.ndarray) -> np.ndarray:
    out = values.astype(values.dtype.newbyteorder(SWAPPED))
    assert not out.dtype.isnative
    np.testing.assert_array_equal(out, values)
    return out


def pointwise(x):
    return torch.sin(x) * 2 + x.sum()


def integer(x):
    return x * 3 + x.max()


def mixed(x, y):
    return torch.cat([x, y]) @ y.T


@pytest.mark.parametrize("target", ["jax", "tensorflow", "numpy"])
@pytest.mark.parametrize(("fn", "dtype"), [(pointwise, "float32"), (integer, "int32")])
def test_swapped_byte_order_input(target, fn, dtype):
    native = np.arange(6, dtype=dtype).reshape(2, 3)
    f = lazyport.transpile(fn, source="torch", target=target)
    expected = fn(torch.from_numpy(native))
    for _ in range(3):  # the first call, then the cached (compiled) signature
        assert_close(f(swapped(native)), expected)
    f.wait()
    assert_close(f(swapped(native)), expected)
    assert_close(f(native), expected)  # the native signature is not confused with the swapped one


@pytest.mark.parametrize("target", ["jax", "tensorflow", "numpy"])
def test_swapped_and_native_in_one_call(target):
    x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    y = np.arange(6, dtype=np.float32).reshape(2, 3) / 7
    f = lazyport.transpile(mixed, source="torch", target=target)
    assert_close(f(swapped(x), y), mixed(torch.from_numpy(x), torch.from_numpy(y)))


def test_swapped_byte_order_inside_jax_jit():
    import jax

    native = np.arange(6, dtype=np.float32).reshape(2, 3)
    f = lazyport.transpile(pointwise, source="torch", target="jax")
    assert_close(jax.jit(lambda: f(swapped(native)))(), pointwise(torch.from_numpy(native)))


@pytest.mark.parametrize("target", ["jax", "tensorflow", "numpy"])
def test_swapped_byte_order_module_input(target):
    torch.manual_seed(0)
    module = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh()).eval()
    native = np.linspace(-2, 2, 6, dtype=np.float32).reshape(2, 3)
    translated = lazyport.transpile(module, source="torch", target=target)
    with torch.no_grad():
        expected = module(torch.from_numpy(native))
    assert_close(translated(swapped(native)), expected)
