"""lazyport: use PyTorch code from JAX, TensorFlow and NumPy.

``import lazyport`` imports no framework; torch and the target are imported at the first translation.
"""

from __future__ import annotations

from .api import transpile
from .errors import (
    DataDependentError,
    LazyportError,
    MixedFrameworkError,
    TranslationError,
    UnknownTargetError,
    UnsupportedDtypeError,
    UnsupportedOpError,
)

__version__ = "0.1.0"

__all__ = [
    "DataDependentError",
    "LazyportError",
    "MixedFrameworkError",
    "TranslationError",
    "UnknownTargetError",
    "UnsupportedDtypeError",
    "UnsupportedOpError",
    "seed",
    "transpile",
]


def seed(n: int) -> None:
    """Reset lazyport's JAX key stream (used by random ops called without ``rng_key=``).

    NumPy and TensorFlow translations draw from those frameworks' own global RNGs: seed them with
    ``np.random.seed`` and ``tf.random.set_global_generator`` / ``tf.random.set_seed``.
    """
    from .backends import get_backend

    get_backend("jax").seed(n)
