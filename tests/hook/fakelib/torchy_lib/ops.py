"""A submodule of torchy_lib."""

import torch


def total(x: torch.Tensor) -> torch.Tensor:
    """Sum of squares over the last axis."""
    return (x * x).sum(dim=-1)


def threaded(x: torch.Tensor) -> torch.Tensor:
    """Used by the thread test only, so its first translation happens there."""
    return (x * 3.0 - x).sum(dim=0)
