"""torchy_lib: a tiny torch-based library for lazyport's import-hook tests.

It uses only elementwise ops and sums, so these tests do not depend on how far the op tables are.
"""

import enum

import torch
from torch import nn

from . import ops as ops

SCALE = 2.0
NAME = "torchy"
OFFSET = torch.tensor([1.0, 2.0, 3.0])


class Mode(enum.Enum):
    FAST = "fast"
    EXACT = "exact"


class TorchyError(ValueError):
    """Raised by torchy_lib."""


def affine(x: torch.Tensor, a: float = 2.0, b: float = 1.0) -> torch.Tensor:
    """Return ``a * x + b``."""
    return x * a + b


def pair(x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Return ``(x + y, x * y)``."""
    return x + y, x * y


def shifted(x: torch.Tensor) -> torch.Tensor:
    """Add the module constant OFFSET (a tensor constant inside the graph)."""
    return x + OFFSET


class Affine(nn.Module):
    """``x * weight + bias + offset``: a parameter, a buffer and a plain tensor attribute."""

    def __init__(self, n: int, offset: torch.Tensor | None = None):
        super().__init__()
        self.weight = nn.Parameter(torch.full((n,), 2.0))
        self.register_buffer("bias", torch.ones(n))
        self.offset = torch.zeros(n) if offset is None else offset

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.weight + self.bias + self.offset
