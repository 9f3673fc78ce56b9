"""Sizes read at run time: the shape arithmetic of graphs captured with ``dynamic_shapes``.

``aten.sym_size.int`` reads a dim of an array where the program runs: an int for NumPy, for concrete and
``jax.jit``-traced JAX arrays and for TensorFlow tensors of known shape; a symbolic dim under
``jax.export``'s shape polymorphism; ``tf.shape(x)[i]`` for a dim a ``tf.function`` signature leaves
``None``. The Python arithmetic torch records on sizes (``operator.mul`` on SymInts, named by the ATen
scalar ops) works on each of these as it is.
"""

from __future__ import annotations

import math
import operator

from ..registry import lower


@lower("aten.sym_size.int")
def sym_size(b, self, dim):
    """sym_size.int(Tensor self, int dim) -> SymInt"""
    return self.shape[dim]


@lower("aten.sym_size.int", target="tensorflow")
def sym_size_tf(b, self, dim):
    """sym_size.int(Tensor self, int dim) -> SymInt"""
    size = self.shape[dim]
    return size if size is not None else b.fw.shape(self)[dim]


@lower("aten.sym_numel.default")
def sym_numel(b, self):
    """sym_numel(Tensor self) -> SymInt"""
    return math.prod(self.shape)


@lower("aten.sym_numel.default", target="tensorflow")
def sym_numel_tf(b, self):
    """sym_numel(Tensor self) -> SymInt"""
    if self.shape.is_fully_defined():
        return math.prod(self.shape)
    return b.fw.size(self)


def known(dims):
    """Are all of ``dims`` Python ints (no size read at run time)?"""
    return all(isinstance(d, int) for d in dims)


def dims_of(b, x):
    """``x``'s shape with the dims a tf.function leaves None read at run time (``tf.shape(x)[i]``)."""
    shape = list(x.shape)
    if b.name == "tensorflow" and None in shape:
        dynamic = b.fw.shape(x)
        return [d if d is not None else dynamic[i] for i, d in enumerate(shape)]
    return shape


def as_shape(b, dims):
    """A shape argument for the target: a tuple, or for TensorFlow sizes read at run time a stacked int32
    tensor (a JAX ``jax.export`` dim goes in a tuple as it is)."""
    if b.name == "tensorflow" and not known(dims):
        tf = b.fw
        return tf.stack([tf.cast(d, tf.int32) for d in dims])
    return tuple(dims)


def _binary(fn):
    def size_op(b, a, c):
        return fn(a, c)

    return size_op


_SCHEMAS = {
    "aten.add.default": ("add(Scalar a, Scalar b) -> Scalar", operator.add),
    "aten.sub.default": ("sub(Scalar a, Scalar b) -> Scalar", operator.sub),
    "aten.mul.default": ("mul(Scalar a, Scalar b) -> Scalar", operator.mul),
    "aten.floordiv.default": ("floordiv(Scalar a, Scalar b) -> Scalar", operator.floordiv),
    "aten.remainder.default": ("remainder(Scalar a, Scalar b) -> Scalar", operator.mod),
    "aten.div.default": ("div(Scalar a, Scalar b) -> float", operator.truediv),
    "aten.pow.Scalar_Scalar": ("pow.Scalar_Scalar(Scalar a, Scalar b) -> float", operator.pow),
    "aten.eq.default": ("eq(Scalar a, Scalar b) -> bool", operator.eq),
    "aten.ne.default": ("ne(Scalar a, Scalar b) -> bool", operator.ne),
    "aten.lt.default": ("lt(Scalar a, Scalar b) -> bool", operator.lt),
    "aten.le.default": ("le(Scalar a, Scalar b) -> bool", operator.le),
    "aten.gt.default": ("gt(Scalar a, Scalar b) -> bool", operator.gt),
    "aten.ge.default": ("ge(Scalar a, Scalar b) -> bool", operator.ge),
}
for _op, (_schema, _fn) in _SCHEMAS.items():  # one-line families are table rows (DESIGN.md §4)
    _lowering = _binary(_fn)
    _lowering.__name__ = _lowering.__qualname__ = "size_" + _op.split(".")[1]
    _lowering.__doc__ = _schema
    lower(_op)(_lowering)


@lower("aten.neg.Scalar")
def size_neg(b, a):
    """neg.Scalar(Scalar a) -> Scalar"""
    return -a


@lower("aten.Float.Scalar")
def size_float(b, a):
    """Float.Scalar(Scalar a) -> float"""
    return float(a) if isinstance(a, int | float) else b.xp.asarray(a, dtype=b.dtype_by_name("float32"))


@lower("aten.Int.Scalar")
def size_int(b, a):
    """Int.Scalar(Scalar a) -> int"""
    return int(a) if isinstance(a, int | float) else a
