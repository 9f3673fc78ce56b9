"""NumPy target: the generated straight-line code is the compiled form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .base import Backend, GuardFailed


class NumpyBackend(Backend):
    name = "numpy"
    fw = np
    xp = np

    def dtype_by_name(self, name: str) -> Any:
        if name == "bfloat16" or name.startswith("float8"):  # (ml_dtypes'; no global: Graph.save copies this)
            import ml_dtypes

            return np.dtype(getattr(ml_dtypes, name))
        return np.dtype(name)

    def is_array(self, x: Any) -> bool:
        return isinstance(x, np.ndarray)

    def asarray(self, x: Any, dtype: Any = None) -> Any:
        return np.asarray(x, dtype=dtype)

    def astype(self, x: Any, dtype: Any) -> Any:
        return np.asarray(x).astype(dtype, copy=False)

    def ensure(self, x: Any, dtype: Any) -> Any:
        if type(x) is np.ndarray and x.dtype == dtype:
            return x
        return np.asarray(x).astype(dtype, copy=False)

    def guard(self, x: Any, kind: str, value: Any) -> Any:
        ok = super().guard(x, kind, value)
        if not ok:
            raise GuardFailed(kind)
        return ok

    def wrap_program(self, fn: Callable[..., Any], own_results: bool = False) -> Callable[..., Any]:
        """torch computes 0/0, log(-1), overflow silently (NaN/inf); so does the translation.

        With ``own_results``, a result that cannot be written (a program constant, a view of one, a
        read-only input) is copied: torch returns a fresh tensor, and a caller writing into the result
        must not change what the next call returns. (The JAX and TensorFlow targets' uncompiled calls
        copy every result into the target's arrays anyway.)"""

        def program(*args: Any) -> Any:
            with np.errstate(all="ignore"):
                return fn(*args)

        if not own_results:
            return program

        def owned(*args: Any) -> Any:
            outs = program(*args)
            for i, o in enumerate(outs):
                if type(o) is np.ndarray and not o.flags.writeable:
                    outs[i] = o.copy()
            return outs

        return owned

    def frozen(self, x: Any) -> Any:
        """A program constant, read-only: no result, lowering or caller can write into it."""
        if type(x) is not np.ndarray:
            return x
        x = x.view()
        x.flags.writeable = False
        return x

    # NumPy's own global RNG: np.random.seed(n) makes translated random ops reproducible.
    def next_rng(self, traced: bool, key: Any = None) -> Any:
        return np.random if key is None else key

    def rng_uniform(self, rng: Any, shape: Any, dtype: Any) -> Any:
        return rng.random_sample(tuple(shape)).astype(dtype)

    def rng_normal(self, rng: Any, shape: Any, dtype: Any) -> Any:
        return rng.standard_normal(tuple(shape)).astype(dtype)

    def rng_integers(self, rng: Any, low: Any, high: Any, shape: Any, dtype: Any) -> Any:
        return rng.randint(low, high, size=tuple(shape)).astype(dtype)


def make_backend() -> NumpyBackend:
    return NumpyBackend()
