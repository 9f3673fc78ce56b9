"""Test helpers: a Target per framework that converts NumPy data in and out, and torch comparison."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from dataclasses import dataclass
from typing import Any

import numpy as np

from lazyport import targets


@dataclass
class Target:
    name: str

    def array(self, x: Any, dtype: Any = None) -> Any:
        a = np.asarray(x, dtype=dtype)
        if self.name == "jax":
            import jax.numpy as jnp

            return jnp.asarray(a)
        if self.name == "tensorflow":
            import tensorflow as tf

            return tf.constant(a)
        return a

    @staticmethod
    def numpy(x: Any) -> Any:
        if hasattr(x, "numpy") and not isinstance(x, np.ndarray):
            return x.numpy()
        return np.asarray(x)


TARGETS = list(targets.TARGETS)


def assert_close(got: Any, expected: Any, rtol: float = 1e-5, atol: float = 1e-5) -> None:
    """Compare a target result with a torch result: values within float32 tolerance, same dtype kind."""
    import torch

    e = expected.detach().numpy() if isinstance(expected, torch.Tensor) else np.asarray(expected)
    g = Target.numpy(got)
    assert g.shape == e.shape, f"shape {g.shape} != {e.shape}"
    assert g.dtype.kind == e.dtype.kind, f"dtype {g.dtype} is not of the kind of {e.dtype}"
    np.testing.assert_allclose(g, e, rtol=rtol, atol=atol, equal_nan=True)


def torch_of(fn: Any, *arrays: Any) -> Any:
    """``fn`` run in torch (no grad) on the NumPy ``arrays``: the reference result."""
    import torch

    with torch.no_grad():
        return fn(*(torch.from_numpy(np.asarray(a)) for a in arrays))


def check(got: Any, want: Any) -> None:
    """``got`` (a result or a tuple of them) equals torch's ``want`` within float tolerance."""
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            assert_close(g, w, rtol=1e-4, atol=1e-5)
    else:
        assert_close(got, want, rtol=1e-4, atol=1e-5)
