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
    "transpile",
]
