"""Example inputs for a lowered graph: what the recorder runs a program on and what the check compares on.

Values never decide what a lowering calls, so small deterministic arrays of the graph's shapes and dtypes
stand for the user's.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..lower import Lowered


def synthetic_inputs(lowered: Lowered, backend: Any, seed: int = 0) -> list[Any]:
    """Small deterministic target arrays for the graph's inputs (values never decide what a lowering calls)."""
    rng = np.random.default_rng(seed)
    out = []
    for shape, d in zip(lowered.param_shapes, lowered.param_dtypes):
        dims = tuple(shape or ())
        a: np.ndarray
        dtype = backend.dtype_by_name(d or "float32")
        name = backend.dtype_name(dtype)
        if name == "bool":
            a = rng.random(dims) > 0.5
        elif name.startswith(("int", "uint")):
            a = np.zeros(dims, dtype=np.int64)
        elif name.startswith("complex"):
            a = rng.standard_normal(dims) + 1j * rng.standard_normal(dims)
        else:
            a = rng.random(dims) * 0.8 + 0.1
        out.append(backend.asarray(np.asarray(a).astype(np.float32) if name == "bfloat16" else a, dtype=dtype))
    return out


def _example_rng(backend: Any) -> Any:
    if backend.name == "jax":
        import jax

        return jax.random.key(0)
    if backend.name == "tensorflow":
        import tensorflow as tf

        return tf.constant([1, 2], tf.int64)
    return np.random
