"""Reductions."""

from __future__ import annotations

from ..registry import lower


def _dims(dim, ndim):
    if dim is None or (isinstance(dim, (list, tuple)) and len(dim) == 0):
        return None
    if isinstance(dim, int):
        return (dim,)
    return tuple(dim)


@lower("aten.sum.dim_IntList")
def sum_dim(b, self, dim, keepdim=False, dtype=None):
    """sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor"""
    x = self if dtype is None else b.astype(self, dtype)
    return b.xp.sum(x, axis=_dims(dim, len(self.shape)), keepdims=keepdim)
