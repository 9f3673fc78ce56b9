"""A torch-based library that imports torch only inside its functions (nothing at import time)."""

from .filters import double, smooth

__all__ = ["double", "smooth"]
