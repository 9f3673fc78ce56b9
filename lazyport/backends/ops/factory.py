"""Factory lowerings: tensors made from shapes and scalars (full, arange, empty, linspace, ...)."""

from __future__ import annotations

import math

import numpy as np

from ..registry import lower
from .symbolic import as_shape, dims_of


def np_dtype(b, d):
    """The NumPy dtype matching the target dtype ``d``."""
    if b.name == "tensorflow":
        return np.dtype(d.as_numpy_dtype)
    return np.dtype(d)


def default_dtype(b, value):
    """The dtype torch infers for a Python scalar (bool, int64, float32, complex64)."""
    if isinstance(value, bool):
        return b.dtype_by_name("bool")
    if isinstance(value, int):
        return b.dtype_by_name("int64")
    if isinstance(value, complex):
        return b.dtype_by_name("complex64")
    return b.dtype_by_name("float32")


def scalar(b, value, dtype=None):
    """A 0-d target array holding the Python scalar ``value`` as ``dtype`` (torch's cast semantics)."""
    d = default_dtype(b, value) if dtype is None else dtype
    nd = np_dtype(b, d)
    if nd.kind in "iu" and not isinstance(value, (bool, np.bool_)):
        if isinstance(value, complex):
            value = value.real
        if isinstance(value, float) and not math.isfinite(value):
            value = 0
        # clip into range (JAX without x64 stands int64 by int32)
        info = np.iinfo(nd)
        value = min(max(int(value), int(info.min)), int(info.max))
    elif nd.kind == "b":
        value = bool(value)
    elif nd.kind == "f" and isinstance(value, complex):
        value = value.real
    a = np.asarray(value).astype(nd)
    return b.asarray(a, dtype=d)


def full_array(b, size, value, dtype=None):
    size = tuple(d if _is_size(d) or d is None else int(d) for d in size)
    s = scalar(b, value, dtype)
    if b.name == "tensorflow" and not all(isinstance(d, int) for d in size):  # sizes read at run time
        return b.fw.fill(as_shape(b, size), s)
    if b.name == "tensorflow":
        return b.fw.fill(size, s)
    return b.xp.full(size, s, dtype=s.dtype)


@lower("aten.scalar_tensor.default")
def scalar_tensor(b, s, *, dtype=None, layout=None, device=None, pin_memory=None):
    """scalar_tensor(Scalar s, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return scalar(b, s, b.dtype_by_name("float32") if dtype is None else dtype)


@lower("aten.full.default")
def full(b, size, fill_value, *, dtype=None, layout=None, device=None, pin_memory=None):
    """full(SymInt[] size, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return full_array(b, size, fill_value, dtype)


@lower("aten.full_like.default")
def full_like(b, self, fill_value, *, dtype=None, layout=None, device=None, pin_memory=None, memory_format=None):
    """full_like(Tensor self, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor"""
    return full_array(b, dims_of(b, self), fill_value, self.dtype if dtype is None else dtype)


@lower("aten.zeros.default")
def zeros(b, size, *, dtype=None, layout=None, device=None, pin_memory=None):
    """zeros(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return full_array(b, size, 0, b.dtype_by_name("float32") if dtype is None else dtype)


@lower("aten.ones.default")
def ones(b, size, *, dtype=None, layout=None, device=None, pin_memory=None):
    """ones(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return full_array(b, size, 1, b.dtype_by_name("float32") if dtype is None else dtype)


@lower("aten.zeros_like.default")
def zeros_like(b, self, *, dtype=None, layout=None, device=None, pin_memory=None, memory_format=None):
    """zeros_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor"""
    return full_array(b, self.shape, 0, self.dtype if dtype is None else dtype)


@lower("aten.ones_like.default")
def ones_like(b, self, *, dtype=None, layout=None, device=None, pin_memory=None, memory_format=None):
    """ones_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor"""
    return full_array(b, self.shape, 1, self.dtype if dtype is None else dtype)


@lower("aten.empty.memory_format")
def empty(b, size, *, dtype=None, layout=None, device=None, pin_memory=None, memory_format=None):
    """empty.memory_format(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor"""
    return full_array(b, size, 0, b.dtype_by_name("float32") if dtype is None else dtype)


@lower("aten.empty_strided.default")
def empty_strided(b, size, stride, *, dtype=None, layout=None, device=None, pin_memory=None):
    """empty_strided(SymInt[] size, SymInt[] stride, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return full_array(b, size, 0, b.dtype_by_name("float32") if dtype is None else dtype)


@lower("aten.empty_like.default")
def empty_like(b, self, *, dtype=None, layout=None, device=None, pin_memory=None, memory_format=None):
    """empty_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor"""
    return full_array(b, self.shape, 0, self.dtype if dtype is None else dtype)


def _is_size(v):
    """A symbolic size that is not a Python int: a jax.export dimension, an integer tf.shape entry."""
    if isinstance(v, bool | int | float):
        return False
    if type(v).__name__ == "_DimExpr":
        return True
    d = getattr(v, "dtype", None)
    return getattr(v, "shape", None) == () and d is not None and getattr(d, "is_integer", False)


def arange_length(start, end, step):
    """Number of elements of torch.arange(start, end, step) (computed as torch does)."""
    if step == 0:
        raise ValueError("arange: step must be nonzero")
    if all(isinstance(v, int) for v in (start, end, step)):
        return max(0, -((start - end) // step))
    return max(0, math.ceil((float(end) - float(start)) / float(step)))


@lower("aten.arange.start_step")
def arange_start_step(b, start, end, step=1, *, dtype=None, layout=None, device=None, pin_memory=None):
    """arange.start_step(Scalar start, Scalar end, Scalar step=1, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    sizes = [v for v in (start, end, step) if _is_size(v)]
    if dtype is None:
        ints = all(isinstance(v, int) or _is_size(v) for v in (start, end, step))
        dtype = b.dtype_by_name("int64" if ints else "float32")
    if sizes and np_dtype(b, dtype).kind in "iu":
        # a size read at run time (dynamic_shapes: a jax.export dim, a tf.shape entry): the target counts
        if b.name == "tensorflow":
            return b.fw.range(start, end, step, dtype=dtype)
        return b.xp.arange(start, end, step, dtype=dtype)
    if np_dtype(b, dtype).kind in "iub":
        # torch converts the scalars to the integer type first
        start, end, step = int(start), int(end), int(step)
        n = arange_length(start, end, step)
        return b.xp.arange(start, start + n * step, step, dtype=dtype)[:n]
    n = arange_length(start, end, step)
    # torch computes start + i * step in double, then casts
    wide = b.dtype_by_name("float64")
    i = b.xp.arange(n, dtype=wide)
    return b.astype(i * scalar(b, step, wide) + scalar(b, start, wide), dtype)


@lower("aten.arange.default")
def arange(b, end, *, dtype=None, layout=None, device=None, pin_memory=None):
    """arange(Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return arange_start_step(b, 0, end, 1, dtype=dtype)


@lower("aten.arange.start")
def arange_start(b, start, end, *, dtype=None, layout=None, device=None, pin_memory=None):
    """arange.start(Scalar start, Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return arange_start_step(b, start, end, 1, dtype=dtype)
