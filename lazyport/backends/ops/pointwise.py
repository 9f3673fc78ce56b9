"""Elementwise lowerings: arithmetic, comparisons, math functions."""

from __future__ import annotations

from ..registry import lower


@lower("aten.add.Tensor", "aten.add.Scalar")
def add(b, self, other, alpha=1):
    """add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
    add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor"""
    return b.xp.add(self, other if alpha == 1 else b.xp.multiply(other, alpha))


@lower("aten.sub.Tensor", "aten.sub.Scalar")
def sub(b, self, other, alpha=1):
    """sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
    sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor"""
    return b.xp.subtract(self, other if alpha == 1 else b.xp.multiply(other, alpha))


@lower("aten.mul.Tensor", "aten.mul.Scalar")
def mul(b, self, other):
    """mul.Tensor(Tensor self, Tensor other) -> Tensor
    mul.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.multiply(self, other)
