"""Torch side of the pipeline: capture a torch function as a functional ATen graph.

:func:`capture` traces on fake tensors (shapes and dtypes only) and is what gets cached.
:func:`capture_concrete` traces on real values, for functions whose control flow depends on input
values when the op-by-op path (:mod:`lazyport.interpret`) declines them, and for
:func:`lazyport.compare`; its graph is valid for those values alone, so it is never cached.
"""

from .trace import (
    Captured,
    capture,
    capture_concrete,
    describe_read,
    is_data_dependent,
    user_frame,
)

__all__ = ["Captured", "capture", "capture_concrete", "describe_read", "is_data_dependent", "user_frame"]
