"""A submodule of torchy_lib whose own attributes are called like a module proxy's cache controls.

``lazyport.<target>.torchy_lib.controls.wait`` must be this function (translated), not the proxy's method.
"""

import torch

cache_info = "torchy_lib's own cache_info"


def wait(x: torch.Tensor) -> torch.Tensor:
    """A library function named ``wait``: ``x + 1``."""
    return x + 1
