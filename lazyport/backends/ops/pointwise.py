"""Elementwise lowerings: arithmetic, comparisons, bitwise and logical ops, math and special functions.

Results are cast to torch's dtype by the generated code, so a lowering only has to get the values
right. Conventions:

* integer and bool inputs of float-valued functions are computed in float32 (torch's default float
  dtype) via :func:`_flt`; float16/bfloat16 are computed in float32 (:func:`_f32up`), as torch does;
* Python int operands of integer tensors wrap into the tensor's dtype (:func:`_wrap`), like torch;
* special functions without a faithful library version on every target (Bessel functions, Airy,
  Hurwitz zeta, trigamma, orthogonal polynomials) are ports of torch's own implementations
  (ATen/native/Math.h, from Cephes) against ``b.xp``, so every target gets torch's values and edge cases.
"""

from __future__ import annotations

import math

from ..registry import find, from_source, lower

# ----------------------------------------------------------------------------- helpers


def _name(b, x):
    return b.dtype_name(x.dtype)


def _inexact(b, x):
    return b.is_floating(x.dtype) or b.is_complex(x.dtype)


def _flt(b, x):
    """``x`` as a floating (or complex) array: integers and bools become float32, like torch."""
    return x if _inexact(b, x) else b.astype(x, b.dtype_by_name("float32"))


def _f32up(b, x):
    """``x`` widened to at least float32 (for library special functions lacking half precision)."""
    x = _flt(b, x)
    return b.astype(x, b.dtype_by_name("float32")) if _name(b, x) in ("float16", "bfloat16") else x


def _bool(b, x):
    return x if _name(b, x) == "bool" else b.xp.not_equal(x, 0)


def _const(b, value, like):
    """A scalar constant of ``like``'s dtype (so no framework widens the computation)."""
    return b.asarray(value, dtype=like.dtype)


def _broadcast(b, *arrays):
    """``arrays`` broadcast to their common (static) shape."""
    import numpy as np

    shape = tuple(np.broadcast_shapes(*(tuple(a.shape) for a in arrays)))
    return tuple(a if tuple(a.shape) == shape else b.xp.broadcast_to(a, shape) for a in arrays)


def _tf_common(b, x, y, widen_small_ints=False):
    """TensorFlow: ``x`` and ``y`` (a tensor or a Python scalar) as tensors of one dtype, promoted like
    torch (a float beats an int, else the wider one); halves become float32 and, on request, ints
    narrower than 32 bits int32, for kernels TensorFlow lacks (the result is cast back afterwards)."""
    import numpy as np

    tf = b.fw
    if not isinstance(y, tf.Tensor):
        if isinstance(y, float) and not _inexact(b, x):
            x = tf.cast(x, tf.float32)
        exact = tf.float64 if isinstance(y, float) else tf.int64 if type(y) is int else None
        y = tf.cast(tf.constant(y, exact), x.dtype)
    elif x.dtype != y.dtype:
        fx, fy = _inexact(b, x), _inexact(b, y)
        if fx != fy:
            dt = x.dtype if fx else y.dtype
        else:
            nx, ny = (("float32" if n == "bfloat16" else n) for n in (_name(b, x), _name(b, y)))
            dt = tf.as_dtype(np.promote_types(nx, ny).name)
        x, y = tf.cast(x, dt), tf.cast(y, dt)
    name = _name(b, x)
    if name in ("float16", "bfloat16"):
        x, y = tf.cast(x, tf.float32), tf.cast(y, tf.float32)
    elif widen_small_ints and name in ("bool", "int8", "int16", "uint8", "uint16"):
        x, y = tf.cast(x, tf.int32), tf.cast(y, tf.int32)
    return x, y


def _tf_signbit(b, x):
    """TensorFlow: the sign bit of a float tensor (also of -0.0 and NaN)."""
    tf = b.fw
    ints = {"float16": tf.int16, "bfloat16": tf.int16, "float32": tf.int32, "float64": tf.int64}
    return tf.less(tf.bitcast(x, ints[_name(b, x)]), 0)


def _wrap(b, x, v):
    """A Python int operand of an integer tensor wrapped into its dtype, like torch does (uint8 - 3 is
    uint8 + 253); NumPy would raise on the out-of-range int. Anything else is returned as is."""
    if type(v) is not int or not b.is_integer(x.dtype):
        return v
    import numpy as np

    info = np.iinfo(_name(b, x))
    if info.min <= v <= info.max:
        return v
    v %= 1 << info.bits
    return v - (1 << info.bits) if v > info.max else v


def _wrapped_number(b, x, other):
    """``x``, where it is a Python number torch wrapped into a tensor (``256 // t``), as an array of ``other``'s
    kind (a float number and an integer tensor: float32); an array as it is."""
    if hasattr(x, "dtype"):
        return x
    kind = other.dtype if type(x) is not float or _inexact(b, other) else b.dtype_by_name("float32")
    return b.xp.asarray(_wrap(b, other, x), dtype=kind)


def _scipy():
    import scipy.special

    return scipy.special


def _jsp():
    import jax.scipy.special

    return jax.scipy.special


# ----------------------------------------------------------------------------- arithmetic


def _scaled(b, other, alpha):
    if alpha == 1:
        return other
    if not hasattr(other, "dtype"):  # a Python scalar: stays one (weak) scalar
        return other * alpha
    return b.xp.multiply(other, alpha)


@lower("aten.add.Tensor", "aten.add.Scalar", "aten.add_.Tensor", "aten.add_.Scalar")
def add(b, self, other, alpha=1):
    """add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
    add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor
    add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)
    add_.Scalar(Tensor(a!) self, Scalar other, Scalar alpha=1) -> Tensor(a!)"""
    return b.xp.add(self, _wrap(b, self, _scaled(b, other, alpha)))


@lower("aten.addcmul.default")
def addcmul(b, self, tensor1, tensor2, *, value=1):
    """addcmul(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor"""
    # (lowered rather than decomposed: torch's Python decomposition imports torch._dynamo on a first call)
    if isinstance(value, float) and not _inexact(b, self):  # integer tensors: the scalar in their dtype, as
        value = int(value)  # torch's kernel does (its Python decomposition refuses it; capture keeps addcmul)
    return b.xp.add(self, mul(b, _scaled(b, tensor1, value), tensor2))


@lower("aten.lerp.Scalar")
def lerp_scalar(b, self, end, weight):
    """lerp.Scalar(Tensor self, Tensor end, Scalar weight) -> Tensor"""
    # (lowered rather than decomposed, as addcmul); torch's formula (ATen/native/Lerp.h), exact at both ends
    diff = b.xp.subtract(end, self)
    if abs(weight) < 0.5:
        return b.xp.add(self, b.xp.multiply(diff, weight))
    return b.xp.subtract(end, b.xp.multiply(diff, 1 - weight))


@lower("aten.sub.Tensor", "aten.sub.Scalar", "aten.sub_.Tensor")
def sub(b, self, other, alpha=1):
    """sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
    sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor
    sub_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)"""
    return b.xp.subtract(self, _wrap(b, self, _scaled(b, other, alpha)))


@lower("aten.mul.Tensor", "aten.mul.Scalar", "aten.mul_.Tensor")
def mul(b, self, other):
    """mul.Tensor(Tensor self, Tensor other) -> Tensor
    mul.Scalar(Tensor self, Scalar other) -> Tensor
    mul_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)"""
    return b.xp.multiply(self, _wrap(b, self, other))


@lower("aten.div.Tensor", "aten.div.Scalar", "aten.div_.Scalar")
def div(b, self, other):
    """div.Tensor(Tensor self, Tensor other) -> Tensor
    div.Scalar(Tensor self, Scalar other) -> Tensor
    div_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)"""
    # torch divides integers in its default float dtype
    return b.xp.true_divide(_flt(b, self), _flt(b, other) if hasattr(other, "dtype") else other)


@lower("aten.neg.default")
def neg(b, self):
    """neg(Tensor self) -> Tensor"""
    return b.xp.negative(self)


@lower("aten.neg.default", target="tensorflow")
def neg_tf(b, self):
    """neg(Tensor self) -> Tensor"""
    tf = b.fw
    if _name(b, self) in ("uint8", "uint16"):  # wraps around like torch (the cast back truncates)
        return tf.cast(tf.math.negative(tf.cast(self, tf.int32)), self.dtype)
    if _name(b, self) in ("uint32", "uint64"):
        return tf.bitwise.invert(self) + tf.constant(1, self.dtype)
    return tf.math.negative(self)


@lower("aten.abs.default")
def abs_(b, self):
    """abs(Tensor self) -> Tensor"""
    if _name(b, self) == "bool" or _name(b, self).startswith("uint"):
        return self
    return b.xp.abs(self)


@lower("aten.reciprocal.default")
def reciprocal(b, self):
    """reciprocal(Tensor self) -> Tensor"""
    x = _flt(b, self)
    return b.xp.true_divide(_const(b, 1, x), x)


@lower("aten.fmod.Tensor", "aten.fmod.Scalar")
def fmod(b, self, other):
    """fmod.Tensor(Tensor self, Tensor other) -> Tensor
    fmod.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.fmod(self, _wrap(b, self, other))


@lower("aten.fmod.Tensor", "aten.fmod.Scalar", target="tensorflow")
def fmod_tf(b, self, other):
    """fmod.Tensor(Tensor self, Tensor other) -> Tensor
    fmod.Scalar(Tensor self, Scalar other) -> Tensor"""
    x, y = _tf_common(b, self, other, widen_small_ints=True)
    return b.fw.truncatemod(x, y)


@lower("aten.remainder.Tensor", "aten.remainder.Scalar")
def remainder(b, self, other):
    """remainder.Tensor(Tensor self, Tensor other) -> Tensor
    remainder.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.remainder(self, _wrap(b, self, other))


def _pow_float_scalar(b, x, e):
    """torch's special cases of a float tensor to a scalar power (sqrt, rsqrt, reciprocal, products)."""
    xp = b.xp
    if _name(b, x) == "float16":  # torch's half kernel always calls pow(), also for e = 0.5
        x = _f32up(b, x)
        r = xp.power(x, _const(b, e, x))
        if e > 0 and not (e.is_integer() and e % 2 == 1):  # C: pow(-inf, e) = inf (sqrt shortcuts give nan)
            r = xp.where(xp.equal(x, -math.inf), _const(b, math.inf, r), r)
        return r
    x = _f32up(b, x)
    if e == 0.5:
        return xp.sqrt(x)
    if e == -0.5:
        return xp.true_divide(_const(b, 1, x), xp.sqrt(x))
    if e == -1.0:
        return xp.true_divide(_const(b, 1, x), x)
    if e == 2.0:
        return xp.multiply(x, x)
    if e == 3.0:
        return xp.multiply(xp.multiply(x, x), x)
    if e == -2.0:
        return xp.true_divide(_const(b, 1, x), xp.multiply(x, x))
    return xp.power(x, _const(b, e, x))


@lower("aten.pow.Tensor_Tensor", "aten.pow.Tensor_Scalar")
def pow_(b, self, exponent):
    """pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor
    pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor"""
    xp = b.xp
    if isinstance(exponent, (bool, int, float, complex)):
        if _inexact(b, self) and not isinstance(exponent, complex):
            return _pow_float_scalar(b, self, float(exponent))
        if b.is_integer(self.dtype) and isinstance(exponent, int) and exponent < 0:
            exponent = xp.full_like(self, exponent)  # torch's integer rule below
        else:
            return xp.power(self, exponent)
    if b.is_integer(self.dtype) and b.is_integer(exponent.dtype):
        # torch: x ** -k is 1 for x == 1, +-1 for x == -1 and 0 otherwise
        neg = xp.less(exponent, 0)
        r = xp.power(self, xp.where(neg, xp.zeros_like(exponent), exponent))
        one, zero = xp.ones_like(r), xp.zeros_like(r)
        odd = xp.not_equal(xp.remainder(exponent, 2), 0)
        special = xp.where(xp.equal(self, 1), one, xp.where(xp.equal(self, -1), xp.where(odd, -one, one), zero))
        return xp.where(neg, special, r)
    return xp.power(_f32up(b, self) if _inexact(b, self) else self, exponent)


@lower("aten.pow.Tensor_Tensor", "aten.pow.Tensor_Scalar", target="tensorflow")
def pow_tf(b, self, exponent):
    """pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor
    pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor"""
    tf = b.fw
    if _name(b, self) in ("bool", "int8", "int16", "uint8", "uint16"):  # no TF kernels: int32 (cast back)
        self = tf.cast(self, tf.int32)
    if isinstance(exponent, tf.Tensor) and _name(b, exponent) in ("bool", "int8", "int16", "uint8", "uint16"):
        exponent = tf.cast(exponent, tf.int32)
    return pow_(b, self, exponent)


@lower("aten.pow.Scalar")
def pow_scalar(b, self, exponent):
    """pow.Scalar(Scalar self, Tensor exponent) -> Tensor"""
    if isinstance(self, float) or not b.is_integer(exponent.dtype):
        exponent = _flt(b, exponent)
        return b.xp.power(_const(b, self, exponent), exponent)
    return pow_(b, b.xp.full_like(exponent, self), exponent)


# ----------------------------------------------------------------------------- comparisons


@lower("aten.eq.Tensor", "aten.eq.Scalar")
def eq(b, self, other):
    """eq.Tensor(Tensor self, Tensor other) -> Tensor
    eq.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.equal(self, _wrap(b, self, other))


@lower("aten.ne.Tensor", "aten.ne.Scalar")
def ne(b, self, other):
    """ne.Tensor(Tensor self, Tensor other) -> Tensor
    ne.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.not_equal(self, _wrap(b, self, other))


@lower("aten.lt.Tensor", "aten.lt.Scalar")
def lt(b, self, other):
    """lt.Tensor(Tensor self, Tensor other) -> Tensor
    lt.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.less(self, _wrap(b, self, other))


@lower("aten.le.Tensor", "aten.le.Scalar")
def le(b, self, other):
    """le.Tensor(Tensor self, Tensor other) -> Tensor
    le.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.less_equal(self, _wrap(b, self, other))


@lower("aten.gt.Tensor", "aten.gt.Scalar")
def gt(b, self, other):
    """gt.Tensor(Tensor self, Tensor other) -> Tensor
    gt.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.greater(self, _wrap(b, self, other))


@lower("aten.ge.Tensor", "aten.ge.Scalar")
def ge(b, self, other):
    """ge.Tensor(Tensor self, Tensor other) -> Tensor
    ge.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.greater_equal(self, _wrap(b, self, other))


@lower("aten.isnan.default")
def isnan(b, self):
    """isnan(Tensor self) -> Tensor"""
    return b.xp.not_equal(self, self)


@lower("aten.isinf.default")
def isinf(b, self):
    """isinf(Tensor self) -> Tensor"""
    if not _inexact(b, self):
        return b.xp.not_equal(self, self)
    return b.xp.isinf(_f32up(b, self))


# ----------------------------------------------------------------------------- logical and bitwise


@lower("aten.logical_and.default")
def logical_and(b, self, other):
    """logical_and(Tensor self, Tensor other) -> Tensor"""
    return b.xp.logical_and(_bool(b, self), _bool(b, other))


@lower("aten.logical_or.default")
def logical_or(b, self, other):
    """logical_or(Tensor self, Tensor other) -> Tensor"""
    return b.xp.logical_or(_bool(b, self), _bool(b, other))


@lower("aten.logical_xor.default")
def logical_xor(b, self, other):
    """logical_xor(Tensor self, Tensor other) -> Tensor"""
    return b.xp.logical_xor(_bool(b, self), _bool(b, other))


@lower("aten.logical_not_.default")
def logical_not_(b, self):
    """logical_not_(Tensor(a!) self) -> Tensor(a!)"""
    return b.xp.logical_not(_bool(b, self))


@lower("aten.bitwise_and.Tensor", "aten.bitwise_and.Scalar", "aten.bitwise_and_.Tensor")
def bitwise_and(b, self, other):
    """bitwise_and.Tensor(Tensor self, Tensor other) -> Tensor
    bitwise_and.Scalar(Tensor self, Scalar other) -> Tensor
    bitwise_and_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)"""
    return b.xp.bitwise_and(self, _wrap(b, self, other))


@lower("aten.bitwise_or.Tensor", "aten.bitwise_or.Scalar", "aten.bitwise_or_.Tensor")
def bitwise_or(b, self, other):
    """bitwise_or.Tensor(Tensor self, Tensor other) -> Tensor
    bitwise_or.Scalar(Tensor self, Scalar other) -> Tensor
    bitwise_or_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)"""
    return b.xp.bitwise_or(self, _wrap(b, self, other))


@lower("aten.bitwise_xor.Tensor", "aten.bitwise_xor.Scalar")
def bitwise_xor(b, self, other):
    """bitwise_xor.Tensor(Tensor self, Tensor other) -> Tensor
    bitwise_xor.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.bitwise_xor(self, _wrap(b, self, other))


def _int_pair(b, self, other):
    """Shift operands as arrays of one integer dtype (``self`` may be a Python scalar)."""
    xp = b.xp
    if not hasattr(self, "dtype"):
        self = xp.full_like(other, self)
    if b.name == "tensorflow":
        return _tf_common(b, self, other)
    if not hasattr(other, "dtype"):
        other = _const(b, _wrap(b, self, other), self)
    dt = xp.result_type(self, other)
    return b.astype(self, dt), b.astype(other, dt)


def _bits(b, x):
    import numpy as np

    name = _name(b, x)
    return np.dtype(name).itemsize * 8, name.startswith("int")


@lower(
    "aten.bitwise_left_shift.Tensor",
    "aten.bitwise_left_shift.Tensor_Scalar",
    "aten.bitwise_left_shift.Scalar_Tensor",
    "aten.__lshift__.Tensor",
    "aten.__lshift__.Scalar",
)
def bitwise_left_shift(b, self, other):
    """bitwise_left_shift.Tensor(Tensor self, Tensor other) -> Tensor
    bitwise_left_shift.Tensor_Scalar(Tensor self, Scalar other) -> Tensor
    bitwise_left_shift.Scalar_Tensor(Scalar self, Tensor other) -> Tensor
    __lshift__.Tensor(Tensor self, Tensor other) -> Tensor
    __lshift__.Scalar(Tensor self, Scalar other) -> Tensor"""
    xp = b.xp
    x, y = _int_pair(b, self, other)
    bits, _ = _bits(b, x)
    ok = xp.logical_and(xp.greater_equal(y, 0), xp.less(y, bits))  # torch: 0 outside [0, bits)
    shift = b.fw.bitwise.left_shift if b.name == "tensorflow" else xp.left_shift
    return xp.where(ok, shift(x, xp.where(ok, y, xp.zeros_like(y))), xp.zeros_like(x))


@lower(
    "aten.bitwise_right_shift.Tensor",
    "aten.bitwise_right_shift.Tensor_Scalar",
    "aten.bitwise_right_shift.Scalar_Tensor",
    "aten.__rshift__.Tensor",
    "aten.__rshift__.Scalar",
)
def bitwise_right_shift(b, self, other):
    """bitwise_right_shift.Tensor(Tensor self, Tensor other) -> Tensor
    bitwise_right_shift.Tensor_Scalar(Tensor self, Scalar other) -> Tensor
    bitwise_right_shift.Scalar_Tensor(Scalar self, Tensor other) -> Tensor
    __rshift__.Tensor(Tensor self, Tensor other) -> Tensor
    __rshift__.Scalar(Tensor self, Scalar other) -> Tensor"""
    xp = b.xp
    x, y = _int_pair(b, self, other)
    bits, signed = _bits(b, x)
    shift = b.fw.bitwise.right_shift if b.name == "tensorflow" else xp.right_shift
    if signed:  # torch: shifts outside [0, bits - 1) keep only the sign
        out = xp.logical_or(xp.less(y, 0), xp.greater_equal(y, bits - 1))
        return shift(x, xp.where(out, _const(b, bits - 1, y), y))
    out = xp.greater_equal(y, bits)
    return xp.where(out, xp.zeros_like(x), shift(x, xp.where(out, xp.zeros_like(y), y)))


def _widen_small_int(b, x):
    """Integers narrower than 32 bits as int32 (the result is cast back to torch's dtype)."""
    small = ("bool", "int8", "int16", "uint8", "uint16")
    return b.astype(x, b.dtype_by_name("int32")) if _name(b, x) in small else x


@lower("aten.gcd.default")
def gcd(b, self, other):
    """gcd(Tensor self, Tensor other) -> Tensor"""
    # widened: jnp.gcd loops forever on abs(-128) in int8, TF has no abs() for uint8
    return b.xp.gcd(_widen_small_int(b, self), _widen_small_int(b, other))


@lower("aten.lcm.default")
def lcm(b, self, other):
    """lcm(Tensor self, Tensor other) -> Tensor"""
    return b.xp.lcm(_widen_small_int(b, self), _widen_small_int(b, other))


# ----------------------------------------------------------------------------- min / max / clamp


@lower("aten.clamp.default")
def clamp(b, self, min=None, max=None):
    """clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor"""
    x = self
    if min is not None:
        x = b.xp.maximum(x, min)
    if max is not None:
        x = b.xp.minimum(x, max)
    return x


@lower("aten.clamp.Tensor")
def clamp_tensor(b, self, min=None, max=None):
    """clamp.Tensor(Tensor self, Tensor? min=None, Tensor? max=None) -> Tensor"""
    return clamp(b, self, min, max)


@lower("aten.clamp_min_.default", "aten.clamp_min_.Tensor")
def clamp_min_(b, self, min):
    """clamp_min_(Tensor(a!) self, Scalar min) -> Tensor(a!)
    clamp_min_.Tensor(Tensor(a!) self, Tensor min) -> Tensor(a!)"""
    return b.xp.maximum(self, min)


@lower("aten.fmax.default")
def fmax(b, self, other):
    """fmax(Tensor self, Tensor other) -> Tensor"""
    return b.xp.fmax(self, other)


@lower("aten.fmax.default", target="tensorflow")
def fmax_tf(b, self, other):
    """fmax(Tensor self, Tensor other) -> Tensor"""
    tf = b.fw
    x, y = _tf_common(b, self, other, widen_small_ints=True)
    m = tf.math.maximum(x, y)
    if not _inexact(b, m):
        return m
    return tf.where(tf.math.is_nan(x), y, tf.where(tf.math.is_nan(y), x, m))


@lower("aten.fmin.default")
def fmin(b, self, other):
    """fmin(Tensor self, Tensor other) -> Tensor"""
    return b.xp.fmin(self, other)


@lower("aten.fmin.default", target="tensorflow")
def fmin_tf(b, self, other):
    """fmin(Tensor self, Tensor other) -> Tensor"""
    tf = b.fw
    x, y = _tf_common(b, self, other, widen_small_ints=True)
    m = tf.math.minimum(x, y)
    if not _inexact(b, m):
        return m
    return tf.where(tf.math.is_nan(x), y, tf.where(tf.math.is_nan(y), x, m))


# ----------------------------------------------------------------------------- rounding and sign


@lower("aten.floor.default")
def floor(b, self):
    """floor(Tensor self) -> Tensor"""
    return b.xp.floor(_f32up(b, self)) if _inexact(b, self) else self


@lower("aten.ceil.default", "aten.ceil_.default")
def ceil(b, self):
    """ceil(Tensor self) -> Tensor
    ceil_(Tensor(a!) self) -> Tensor(a!)"""
    return b.xp.ceil(_f32up(b, self)) if _inexact(b, self) else self


@lower("aten.trunc.default")
def trunc(b, self):
    """trunc(Tensor self) -> Tensor"""
    return b.xp.trunc(_f32up(b, self)) if _inexact(b, self) else self


@lower("aten.trunc.default", target="tensorflow")
def trunc_tf(b, self):
    """trunc(Tensor self) -> Tensor"""
    tf = b.fw
    if not _inexact(b, self):
        return self
    return tf.where(self < 0, tf.math.ceil(self), tf.math.floor(self))


@lower("aten.round.default")
def round_(b, self):
    """round(Tensor self) -> Tensor"""
    return b.xp.round(_f32up(b, self)) if _inexact(b, self) else self


@lower("aten.round.default", target="tensorflow")
def round_tf(b, self):
    """round(Tensor self) -> Tensor"""
    return b.fw.math.round(self) if _inexact(b, self) else self  # half to even, like torch


@lower("aten.round.decimals")
def round_decimals(b, self, *, decimals):
    """round.decimals(Tensor self, *, int decimals) -> Tensor"""
    if not _inexact(b, self):
        return self
    ten = _const(b, 10.0 ** abs(decimals), self)
    if decimals >= 0:
        return b.xp.true_divide(round_(b, b.xp.multiply(self, ten)), ten)
    return b.xp.multiply(round_(b, b.xp.true_divide(self, ten)), ten)


@lower("aten.round.decimals", target="tensorflow")
def round_decimals_tf(b, self, *, decimals):
    """round.decimals(Tensor self, *, int decimals) -> Tensor"""
    if not _inexact(b, self):
        return self
    tf = b.fw
    ten = tf.constant(10.0 ** abs(decimals), dtype=self.dtype)
    if decimals >= 0:
        return tf.math.round(self * ten) / ten
    return tf.math.round(self / ten) * ten


@lower("aten.sign.default")
def sign(b, self):
    """sign(Tensor self) -> Tensor"""
    if _name(b, self) == "bool":
        return self
    xp = b.xp
    # torch: sign(nan) == 0
    return xp.subtract(b.astype(xp.greater(self, 0), self.dtype), b.astype(xp.less(self, 0), self.dtype))


@lower("aten.copysign.Tensor")
def copysign(b, self, other):
    """copysign.Tensor(Tensor self, Tensor other) -> Tensor"""
    x, y = _flt(b, self), _flt(b, other)
    return b.xp.copysign(x, b.astype(y, x.dtype) if b.dtype_name(y.dtype) != _name(b, x) else y)


@lower("aten.copysign.Tensor", target="tensorflow")
def copysign_tf(b, self, other):
    """copysign.Tensor(Tensor self, Tensor other) -> Tensor"""
    tf = b.fw
    x, y = _flt(b, self), _flt(b, other)
    a = tf.abs(x)
    return tf.where(_tf_signbit(b, y), -a, a)


@lower("aten.copysign.Scalar")
def copysign_scalar(b, self, other):
    """copysign.Scalar(Tensor self, Scalar other) -> Tensor"""
    a = b.xp.abs(_flt(b, self))
    return b.xp.negative(a) if math.copysign(1.0, other) < 0 else a


@lower("aten.nextafter.default")
def nextafter(b, self, other):
    """nextafter(Tensor self, Tensor other) -> Tensor"""
    dt = b.xp.result_type(self, other)
    return b.xp.nextafter(b.astype(self, dt), b.astype(other, dt))


@lower("aten.frexp.Tensor")
def frexp(b, self):
    """frexp.Tensor(Tensor self) -> (Tensor mantissa, Tensor exponent)"""
    m, e = b.xp.frexp(self)
    return m, e


@lower("aten.frexp.Tensor", target="tensorflow")
def frexp_tf(b, self):
    """frexp.Tensor(Tensor self) -> (Tensor mantissa, Tensor exponent)"""
    tf = b.fw
    x = tf.cast(self, tf.float64)
    a = tf.abs(x)
    ok = tf.logical_and(tf.math.is_finite(x), tf.not_equal(x, 0))
    safe = tf.where(ok, a, tf.ones_like(a))
    e = tf.floor(tf.math.log(safe) / math.log(2.0)) + 1
    m = safe * tf.pow(tf.constant(2.0, tf.float64), -e)
    # log2 may be off by one at the edges: bring the mantissa into [0.5, 1)
    big = m >= 1
    e = tf.where(big, e + 1, e)
    m = tf.where(big, m / 2, m)
    small = m < 0.5
    e = tf.where(small, e - 1, e)
    m = tf.where(small, m * 2, m)
    m = tf.where(ok, tf.where(x < 0, -m, m), x)
    e = tf.where(ok, e, tf.zeros_like(e))
    return tf.cast(m, self.dtype), tf.cast(e, tf.int32)


@lower("aten.ldexp.Tensor")
def ldexp(b, self, other):
    """ldexp.Tensor(Tensor self, Tensor other) -> Tensor"""
    x = _f32up(b, self)
    return b.xp.multiply(x, b.xp.exp2(b.astype(other, x.dtype)))


@lower("aten.angle.default")
def angle(b, self):
    """angle(Tensor self) -> Tensor"""
    xp = b.xp
    if b.is_complex(self.dtype):
        return xp.arctan2(xp.imag(self), xp.real(self))
    x = _f32up(b, self)
    # torch: pi for negative reals, 0 otherwise (also for -0.0), nan stays nan
    return xp.where(xp.isnan(x), x, xp.where(xp.less(x, 0), _const(b, math.pi, x), xp.zeros_like(x)))


# ----------------------------------------------------------------------------- elementwise copies


@lower("aten.copy.default")
def copy(b, self, src, non_blocking=False):
    """copy(Tensor self, Tensor src, bool non_blocking=False) -> Tensor"""
    return b.xp.broadcast_to(b.astype(src, self.dtype), tuple(self.shape))


@lower("aten.fill.Scalar")
def fill(b, self, value):
    """fill.Scalar(Tensor self, Scalar value) -> Tensor"""
    return b.xp.full_like(self, value)


# ----------------------------------------------------------------------------- exponential, log, trig


# One-line float functions: op -> (its ATen schema, the function of ``b.xp`` computing it), registered
# with at_least_float32 (integers, bools and halves computed in float32, as torch does).
_FLOAT_UNARY = {
    "aten.exp.default": ("exp(Tensor self) -> Tensor", "exp"),
    "aten.exp2.default": ("exp2(Tensor self) -> Tensor", "exp2"),
    "aten.expm1.default": ("expm1(Tensor self) -> Tensor", "expm1"),
    "aten.log.default": ("log(Tensor self) -> Tensor", "log"),
    "aten.log2.default": ("log2(Tensor self) -> Tensor", "log2"),
    "aten.log10.default": ("log10(Tensor self) -> Tensor", "log10"),
    "aten.log1p.default": ("log1p(Tensor self) -> Tensor", "log1p"),
    "aten.sqrt_.default": ("sqrt_(Tensor(a!) self) -> Tensor(a!)", "sqrt"),
    "aten.sin.default": ("sin(Tensor self) -> Tensor", "sin"),
    "aten.cos.default": ("cos(Tensor self) -> Tensor", "cos"),
    "aten.tan.default": ("tan(Tensor self) -> Tensor", "tan"),
    "aten.asin.default": ("asin(Tensor self) -> Tensor", "arcsin"),
    "aten.acos.default": ("acos(Tensor self) -> Tensor", "arccos"),
    "aten.atan.default": ("atan(Tensor self) -> Tensor", "arctan"),
    "aten.sinh.default": ("sinh(Tensor self) -> Tensor", "sinh"),
    "aten.cosh.default": ("cosh(Tensor self) -> Tensor", "cosh"),
    "aten.tanh.default": ("tanh(Tensor self) -> Tensor", "tanh"),
    "aten.asinh.default": ("asinh(Tensor self) -> Tensor", "arcsinh"),
    "aten.acosh.default": ("acosh(Tensor self) -> Tensor", "arccosh"),
    "aten.atanh.default": ("atanh(Tensor self) -> Tensor", "arctanh"),
    "aten.sqrt.default": ("sqrt(Tensor self) -> Tensor", "sqrt"),
}


for _op, (_schema, _fn) in _FLOAT_UNARY.items():
    lower(_op, at_least_float32=True)(
        from_source(f"def {_fn}(b, self):\n    return b.xp.{_fn}(self)\n", globals(), _schema)
    )


@lower("aten.sigmoid.default")
def sigmoid(b, self):
    """sigmoid(Tensor self) -> Tensor"""
    x = _f32up(b, self)
    one = _const(b, 1, x)
    return b.xp.true_divide(one, b.xp.add(one, b.xp.exp(b.xp.negative(x))))


@lower("aten.atan2.default", "aten.atan2.out")
def atan2(b, self, other, *, out=None):
    """atan2(Tensor self, Tensor other) -> Tensor
    atan2.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)"""
    x, y = _f32up(b, self), _f32up(b, other)
    return b.xp.arctan2(x, y)


# ----------------------------------------------------------------------------- gamma, error functions
# The library versions (scipy.special, jax.scipy.special, tf.math) agree with torch except at a few
# poles, which are patched with where().


def _digamma_poles(b, x, r):
    """torch's digamma at its poles: -inf at +0, +inf at -0, nan at negative integers."""
    xp = b.xp
    inf = _const(b, math.inf, x)
    zero = xp.equal(x, 0)
    neg_zero = xp.less(xp.true_divide(_const(b, 1, x), _pick(b, zero, x, 1.0)), 0)  # 1 / -0.0 = -inf
    r = xp.where(zero, xp.where(neg_zero, inf, -inf), r)
    return xp.where(xp.logical_and(xp.less(x, 0), xp.equal(x, xp.floor(x))), _const(b, math.nan, x), r)


@lower("aten.digamma.default")
def digamma(b, self):
    """digamma(Tensor self) -> Tensor"""
    x = _f32up(b, self)
    return _digamma_poles(b, x, _scipy().digamma(x))


@lower("aten.digamma.default", target="jax")
def digamma_jax(b, self):
    """digamma(Tensor self) -> Tensor"""
    x = _f32up(b, self)
    return _digamma_poles(b, x, _jsp().digamma(x))


@lower("aten.digamma.default", target="tensorflow")
def digamma_tf(b, self):
    """digamma(Tensor self) -> Tensor"""
    x = _f32up(b, self)
    return _digamma_poles(b, x, b.fw.math.digamma(x))


def _trigamma(b, x):
    """torch's trigamma: reflection below 0.5, six recurrence steps, then the asymptotic series."""
    xp = b.xp
    refl = xp.less(x, 0.5)
    sin_pi_x = xp.sin(math.pi * x)
    result = xp.where(refl, -(math.pi * math.pi) / (sin_pi_x * sin_pi_x), xp.zeros_like(x))
    x = xp.where(refl, 1.0 - x, x)
    for _ in range(6):
        result = result + 1.0 / (x * x)
        x = x + 1.0
    ixx = 1.0 / (x * x)
    series = 1.0 + 1.0 / (2.0 * x) + ixx * (1.0 / 6.0 - ixx * (1.0 / 30.0 - ixx * (1.0 / 42.0)))
    result = result + series / x
    return xp.where(refl, -result, result)


_ZETA_A = (
    12.0,
    -720.0,
    30240.0,
    -1209600.0,
    47900160.0,
    -1.8924375803183791606e9,
    7.47242496e10,
    -2.950130727918164224e12,
    1.1646782814350067249e14,
    -4.5979787224074726105e15,
    1.8152105401943546773e17,
    -7.1661652561756670113e18,
)


def _zeta(b, x, q):
    """torch's (Cephes') Hurwitz zeta(x, q), computed in float64 where the target has it."""
    xp = b.xp
    dt = x.dtype
    wide = b.dtype_by_name("float64")
    x, q = _broadcast(b, b.astype(x, wide), b.astype(q, wide))
    one = _const(b, 1.0, x)
    # direct sum until a > 9 (at least 9 terms); elements that are done keep their values
    s = xp.power(q, -x)

    finite = xp.isfinite(q)

    def going(i, a):  # (capped: torch itself takes ~|q| steps for a very negative q)
        more = xp.logical_or(xp.less(i, 9), xp.logical_and(xp.less_equal(a, 9.0), finite))
        return xp.logical_and(more, xp.less(i, 100000))

    def cond(i, a, s, t):
        return xp.any(going(i, a))

    def body(i, a, s, t):
        go = going(i, a)
        a2 = xp.where(go, a + one, a)
        t2 = xp.where(go, xp.power(a2, -x), t)
        return i + 1, a2, xp.where(go, s + t2, s), t2

    _, a, s, t = _while(b, cond, body, (_const(b, 0, x), q, s, xp.zeros_like(s)))
    # Euler-Maclaurin tail
    w = a
    s = s + t * w / (x - 1.0) - 0.5 * t
    a, k = one, 0.0
    for c in _ZETA_A:
        a = a * (x + k)
        t = t / w
        s = s + a * t / c
        k += 1.0
        a = a * (x + k)
        t = t / w
        k += 1.0
    nan, inf = _const(b, math.nan, x), _const(b, math.inf, x)
    q_pole = xp.logical_and(xp.less_equal(q, 0), xp.equal(q, xp.floor(q)))
    s = xp.where(xp.logical_and(xp.less_equal(q, 0), xp.not_equal(x, xp.floor(x))), nan, s)
    s = xp.where(q_pole, inf, s)
    s = xp.where(xp.less(x, 1), nan, xp.where(xp.equal(x, 1), inf, s))
    return b.astype(s, dt)


def _while(b, cond, body, state):
    """``while cond(*state): state = body(*state)`` on any target (state: a tuple of arrays)."""
    if b.name == "jax":
        return b.fw.lax.while_loop(lambda s: cond(*s), lambda s: tuple(body(*s)), tuple(state))
    if b.name == "tensorflow":
        return tuple(b.fw.while_loop(cond, body, tuple(state)))
    state = tuple(state)
    while bool(cond(*state)):
        state = tuple(body(*state))
    return state


@lower("aten.polygamma.default")
def polygamma(b, n, self):
    """polygamma(int n, Tensor self) -> Tensor"""
    x = _f32up(b, self)
    if n == 0:
        return find("aten.digamma.default", b.name)(b, x)  # this target's digamma
    if n == 1:
        return _trigamma(b, x)
    return ((-1.0) ** (n + 1) * math.factorial(n)) * _zeta(b, b.xp.full_like(x, n + 1), x)


@lower("aten.lgamma.default")
def lgamma(b, self):
    """lgamma(Tensor self) -> Tensor"""
    x = _f32up(b, self)
    return b.xp.where(b.xp.isinf(x), _const(b, math.inf, x), _scipy().gammaln(x))  # lgamma(-inf) = inf


@lower("aten.lgamma.default", target="jax")
def lgamma_jax(b, self):
    """lgamma(Tensor self) -> Tensor"""
    return _jsp().gammaln(_f32up(b, self))


@lower("aten.lgamma.default", target="tensorflow")
def lgamma_tf(b, self):
    """lgamma(Tensor self) -> Tensor"""
    return b.fw.math.lgamma(_f32up(b, self))


def _igamma_edges(b, a, x, r, upper):
    """torch's values of the regularized incomplete gamma functions at a or x = 0 or inf."""
    xp = b.xp
    nan = _const(b, math.nan, r)
    lo, hi = (xp.ones_like(r), xp.zeros_like(r)) if upper else (xp.zeros_like(r), xp.ones_like(r))
    r = xp.where(xp.isinf(x), hi, r)
    r = xp.where(xp.isinf(a), xp.where(xp.isinf(x), nan, lo), r)
    r = xp.where(xp.equal(x, 0), lo, r)
    r = xp.where(xp.equal(a, 0), xp.where(xp.greater(x, 0), hi, nan), r)
    return xp.where(xp.logical_or(xp.less(x, 0), xp.less(a, 0)), nan, r)


@lower("aten.igamma.default")
def igamma(b, self, other):
    """igamma(Tensor self, Tensor other) -> Tensor"""
    a, x = _same_float(b, self, other)
    return _igamma_edges(b, a, x, _scipy().gammainc(a, x), upper=False)


@lower("aten.igamma.default", target="jax")
def igamma_jax(b, self, other):
    """igamma(Tensor self, Tensor other) -> Tensor"""
    a, x = _same_float(b, self, other)
    return _igamma_edges(b, a, x, _jsp().gammainc(a, x), upper=False)


@lower("aten.igamma.default", target="tensorflow")
def igamma_tf(b, self, other):
    """igamma(Tensor self, Tensor other) -> Tensor"""
    a, x = _same_float(b, self, other)
    return _igamma_edges(b, a, x, b.fw.math.igamma(a, x), upper=False)


@lower("aten.igammac.default")
def igammac(b, self, other):
    """igammac(Tensor self, Tensor other) -> Tensor"""
    a, x = _same_float(b, self, other)
    return _igamma_edges(b, a, x, _scipy().gammaincc(a, x), upper=True)


@lower("aten.igammac.default", target="jax")
def igammac_jax(b, self, other):
    """igammac(Tensor self, Tensor other) -> Tensor"""
    a, x = _same_float(b, self, other)
    return _igamma_edges(b, a, x, _jsp().gammaincc(a, x), upper=True)


@lower("aten.igammac.default", target="tensorflow")
def igammac_tf(b, self, other):
    """igammac(Tensor self, Tensor other) -> Tensor"""
    a, x = _same_float(b, self, other)
    return _igamma_edges(b, a, x, b.fw.math.igammac(a, x), upper=True)


@lower("aten.special_zeta.default")
def special_zeta(b, self, other):
    """special_zeta(Tensor self, Tensor other) -> Tensor"""
    x, q = _same_float(b, self, other)
    return _zeta(b, x, q)


@lower("aten.erf.default")
def erf(b, self):
    """erf(Tensor self) -> Tensor"""
    return _scipy().erf(_f32up(b, self))


@lower("aten.erf.default", target="jax")
def erf_jax(b, self):
    """erf(Tensor self) -> Tensor"""
    return _jsp().erf(_f32up(b, self))


@lower("aten.erf.default", target="tensorflow")
def erf_tf(b, self):
    """erf(Tensor self) -> Tensor"""
    tf = b.fw
    x = _f32up(b, self)
    return tf.where(tf.math.is_inf(x), tf.sign(x), tf.math.erf(x))  # float64 erf(inf) is nan in TF


@lower("aten.erfc.default")
def erfc(b, self):
    """erfc(Tensor self) -> Tensor"""
    return _scipy().erfc(_f32up(b, self))


@lower("aten.erfc.default", target="jax")
def erfc_jax(b, self):
    """erfc(Tensor self) -> Tensor"""
    return _jsp().erfc(_f32up(b, self))


@lower("aten.erfc.default", target="tensorflow")
def erfc_tf(b, self):
    """erfc(Tensor self) -> Tensor"""
    return b.fw.math.erfc(_f32up(b, self))


@lower("aten.erfinv.default")
def erfinv(b, self):
    """erfinv(Tensor self) -> Tensor"""
    return _scipy().erfinv(_f32up(b, self))


@lower("aten.erfinv.default", target="jax")
def erfinv_jax(b, self):
    """erfinv(Tensor self) -> Tensor"""
    return _jsp().erfinv(_f32up(b, self))


@lower("aten.erfinv.default", target="tensorflow")
def erfinv_tf(b, self):
    """erfinv(Tensor self) -> Tensor"""
    return b.fw.math.erfinv(_f32up(b, self))


@lower("aten.special_erfcx.default")
def special_erfcx(b, self):
    """special_erfcx(Tensor self) -> Tensor"""
    return _scipy().erfcx(_f32up(b, self))


@lower("aten.special_erfcx.default", target="jax")
def special_erfcx_jax(b, self):
    """special_erfcx(Tensor self) -> Tensor"""
    return _jsp().erfcx(_f32up(b, self))


@lower("aten.special_erfcx.default", target="tensorflow")
def special_erfcx_tf(b, self):
    """special_erfcx(Tensor self) -> Tensor"""
    tf = b.fw
    x = _f32up(b, self)
    big = x >= 2
    # x < 2: exp(x^2) erfc(x) is accurate (and overflows to inf like torch for x < -9.4)
    xs = tf.where(big, tf.zeros_like(x), x)
    small = tf.exp(xs * xs) * tf.math.erfc(xs)
    # x >= 2: the continued fraction erfc(x) = exp(-x^2)/sqrt(pi) / (x + 1/2/(x + 1/(x + 3/2/(x + ...))))
    xb = tf.where(big, x, tf.fill(tf.shape(x), tf.constant(2, x.dtype)))
    t = xb
    for k in range(24, 0, -1):
        t = xb + (k / 2) / t
    return tf.where(big, (1 / math.sqrt(math.pi)) / t, small)


@lower("aten.special_ndtri.default")
def special_ndtri(b, self):
    """special_ndtri(Tensor self) -> Tensor"""
    return _scipy().ndtri(_f32up(b, self))


@lower("aten.special_ndtri.default", target="jax")
def special_ndtri_jax(b, self):
    """special_ndtri(Tensor self) -> Tensor"""
    return _jsp().ndtri(_f32up(b, self))


@lower("aten.special_ndtri.default", target="tensorflow")
def special_ndtri_tf(b, self):
    """special_ndtri(Tensor self) -> Tensor"""
    return b.fw.math.ndtri(_f32up(b, self))


# ----------------------------------------------------------------------------- Bessel functions
# Ports of torch's own implementations (ATen/native/Math.h, from Cephes) written against b.xp, so every
# target gets torch's values, poles and edge cases. Branches are computed on "safe" inputs and selected
# with where(), so no branch produces spurious warnings or NaN gradients.


def _horner(coeffs, z):
    acc = coeffs[0]
    for c in coeffs[1:]:
        acc = acc * z + c
    return acc


def _chbevl(y, coeffs):
    """Cephes' Chebyshev series evaluation: 0.5 * (b0 - b2)."""
    b0, b1, b2 = coeffs[0], 0.0, 0.0
    for c in coeffs[1:]:
        b2, b1 = b1, b0
        b0 = y * b1 - b2 + c
    return 0.5 * (b0 - b2)


def _pick(b, cond, x, safe):
    """``x`` where ``cond`` holds, else the harmless value ``safe``."""
    return b.xp.where(cond, x, _const(b, safe, x))


def _same_float(b, x, y):
    """``x`` and ``y`` as floats of one common dtype (at least float32)."""
    x, y = _f32up(b, x), _f32up(b, y)
    if _name(b, x) != _name(b, y):
        wide = b.dtype_by_name("float64")
        x, y = b.astype(x, wide), b.astype(y, wide)
    return x, y


_PI_4 = 0.785398163397448309615660845819875721
_3PI_4 = 2.356194490192344928846982537459627163
_SQRT_2_PI = 0.797884560802865355879892119868763737
_TWO_PI = 0.636619772367581343075535053490057448


def _bessel_far(b, g, w, pp, pq, qp, qq, shift, y):
    """The asymptotic form of J0/J1 (``y``: Y0/Y1) for ``g`` > 5; ``w`` = (5 / g)^2 as torch rounds it."""
    xp = b.xp
    p = _horner(pp, w) / _horner(pq, w)
    q = 5.0 / g * (_horner(qp, w) / _horner(qq, w))
    t = g - shift
    v = p * xp.sin(t) + q * xp.cos(t) if y else p * xp.cos(t) - q * xp.sin(t)
    return v * _SQRT_2_PI / xp.sqrt(g)


def _j0_core(b, ax):
    """J0 of ``ax`` >= 0 (or nan)."""
    xp = b.xp
    small = xp.less_equal(ax, 5.0)
    s = _pick(b, small, ax, 1.0)
    z = s * s
    v = (z - 5.78318596294678452118) * (z - 30.4712623436620863991) * _horner(_J0_RP, z) / _horner(_J0_RQ, z)
    v = xp.where(xp.less(s, 1e-5), 1.0 - z / 4.0, v)
    g = xp.where(small, _const(b, 6.0, ax), ax)
    return xp.where(small, v, _bessel_far(b, g, 25.0 / (g * g), _J0_PP, _J0_PQ, _J0_QP, _J0_QQ, _PI_4, y=False))


def _j1_core(b, ax):
    """J1 of ``ax`` >= 0 (or nan)."""
    xp = b.xp
    small = xp.less_equal(ax, 5.0)
    s = _pick(b, small, ax, 1.0)
    z = s * s
    v = _horner(_J1_RP, z) / _horner(_J1_RQ, z) * s
    v = v * (z - 14.6819706421238932572) * (z - 49.2184563216946036703)
    g = xp.where(small, _const(b, 6.0, ax), ax)
    w = 5.0 / g * (5.0 / g)
    return xp.where(small, v, _bessel_far(b, g, w, _J1_PP, _J1_PQ, _J1_QP, _J1_QQ, _3PI_4, y=False))


@lower("aten.special_bessel_j0.default")
def special_bessel_j0(b, self):
    """special_bessel_j0(Tensor self) -> Tensor"""
    x = _f32up(b, self)
    return _j0_core(b, b.xp.abs(x))


@lower("aten.special_bessel_j1.default")
def special_bessel_j1(b, self):
    """special_bessel_j1(Tensor self) -> Tensor"""
    xp = b.xp
    x = _f32up(b, self)
    v = _j1_core(b, xp.abs(x))
    return xp.where(xp.less(x, 0), -v, v)


@lower("aten.special_bessel_y0.default")
def special_bessel_y0(b, self):
    """special_bessel_y0(Tensor self) -> Tensor"""
    xp = b.xp
    x = _f32up(b, self)
    small = xp.less_equal(x, 5.0)
    s = _pick(b, xp.logical_and(small, xp.greater(x, 0)), x, 1.0)
    z = s * s
    v = _horner(_Y0_YP, z) / _horner(_Y0_YQ, z) + _TWO_PI * xp.log(s) * _j0_core(b, s)
    v = xp.where(xp.equal(x, 0), _const(b, -math.inf, x), xp.where(xp.less(x, 0), _const(b, math.nan, x), v))
    g = xp.where(small, _const(b, 6.0, x), x)
    w = 25.0 / (g * g)
    return xp.where(small, v, _bessel_far(b, g, w, _J0_PP, _J0_PQ, _J0_QP, _J0_QQ, _PI_4, y=True))


@lower("aten.special_bessel_y1.default")
def special_bessel_y1(b, self):
    """special_bessel_y1(Tensor self) -> Tensor"""
    xp = b.xp
    x = _f32up(b, self)
    small = xp.less_equal(x, 5.0)
    s = _pick(b, xp.logical_and(small, xp.greater(x, 0)), x, 1.0)
    z = s * s
    v = s * (_horner(_Y1_YP, z) / _horner(_Y1_YQ, z)) + _TWO_PI * (_j1_core(b, s) * xp.log(s) - 1.0 / s)
    v = xp.where(xp.equal(x, 0), _const(b, -math.inf, x), xp.where(xp.less(x, 0), _const(b, math.nan, x), v))
    g = xp.where(small, _const(b, 6.0, x), x)
    w = 5.0 / g * (5.0 / g)
    return xp.where(small, v, _bessel_far(b, g, w, _J1_PP, _J1_PQ, _J1_QP, _J1_QQ, _3PI_4, y=True))


def _i0e_core(b, ax):
    """exp(-|x|) I0(x) of ``ax`` = |x|."""
    xp = b.xp
    small = xp.less_equal(ax, 8.0)
    s = _pick(b, small, ax, 1.0)
    g = _pick(b, xp.logical_not(small), ax, 9.0)
    return xp.where(small, _chbevl(s / 2.0 - 2.0, _I0_A), _chbevl(32.0 / g - 2.0, _I0_B) / xp.sqrt(g))


def _i1e_core(b, ax):
    """exp(-|x|) I1(|x|) of ``ax`` = |x|."""
    xp = b.xp
    small = xp.less_equal(ax, 8.0)
    s = _pick(b, small, ax, 1.0)
    g = _pick(b, xp.logical_not(small), ax, 9.0)
    return xp.where(small, _chbevl(s / 2.0 - 2.0, _I1_A) * s, _chbevl(32.0 / g - 2.0, _I1_B) / xp.sqrt(g))


@lower("aten.i0.default")
def i0(b, self):
    """i0(Tensor self) -> Tensor"""
    ax = b.xp.abs(_f32up(b, self))
    return b.xp.exp(ax) * _i0e_core(b, ax)


@lower("aten.special_i0e.default")
def special_i0e(b, self):
    """special_i0e(Tensor self) -> Tensor"""
    return _i0e_core(b, b.xp.abs(_f32up(b, self)))


@lower("aten.special_i1.default")
def special_i1(b, self):
    """special_i1(Tensor self) -> Tensor"""
    xp = b.xp
    x = _f32up(b, self)
    ax = xp.abs(x)
    v = xp.exp(ax) * _i1e_core(b, ax)
    return xp.where(xp.less(x, 0), -v, v)


@lower("aten.special_i1e.default")
def special_i1e(b, self):
    """special_i1e(Tensor self) -> Tensor"""
    xp = b.xp
    x = _f32up(b, self)
    v = _i1e_core(b, xp.abs(x))
    return xp.where(xp.less(x, 0), -v, v)


@lower("aten.special_modified_bessel_i0.default")
def special_modified_bessel_i0(b, self):
    """special_modified_bessel_i0(Tensor self) -> Tensor"""
    return i0(b, self)


@lower("aten.special_modified_bessel_i1.default")
def special_modified_bessel_i1(b, self):
    """special_modified_bessel_i1(Tensor self) -> Tensor"""
    return special_i1(b, self)


def _k0_parts(b, x):
    """(x <= 2, K0 for x <= 2, exp(x) K0 for x > 2) of ``x`` > 0."""
    xp = b.xp
    small = xp.less_equal(x, 2.0)
    s = _pick(b, xp.logical_and(small, xp.greater(x, 0)), x, 1.0)
    lo = _chbevl(s * s - 2.0, _K0_A) - xp.log(0.5 * s) * i0(b, s)
    g = _pick(b, xp.logical_not(small), x, 3.0)
    hi = _chbevl(8.0 / g - 2.0, _K0_B) / xp.sqrt(g)
    return small, s, lo, g, hi


def _k1_parts(b, x):
    """(x <= 2, K1 for x <= 2, exp(x) K1 for x > 2) of ``x`` > 0."""
    xp = b.xp
    small = xp.less_equal(x, 2.0)
    s = _pick(b, xp.logical_and(small, xp.greater(x, 0)), x, 1.0)
    lo = xp.log(0.5 * s) * special_i1(b, s) + _chbevl(s * s - 2.0, _K1_A) / s
    g = _pick(b, xp.logical_not(small), x, 3.0)
    hi = _chbevl(8.0 / g - 2.0, _K1_B) / xp.sqrt(g)
    return small, s, lo, g, hi


def _k_poles(b, x, v):
    """K0/K1 are inf at 0 and nan for negative x."""
    xp = b.xp
    v = xp.where(xp.less(x, 0), _const(b, math.nan, x), v)
    return xp.where(xp.equal(x, 0), _const(b, math.inf, x), v)


@lower("aten.special_modified_bessel_k0.default")
def special_modified_bessel_k0(b, self):
    """special_modified_bessel_k0(Tensor self) -> Tensor"""
    xp = b.xp
    x = _f32up(b, self)
    small, s, lo, g, hi = _k0_parts(b, x)
    return _k_poles(b, x, xp.where(small, lo, xp.exp(-g) * hi))


@lower("aten.special_modified_bessel_k1.default")
def special_modified_bessel_k1(b, self):
    """special_modified_bessel_k1(Tensor self) -> Tensor"""
    xp = b.xp
    x = _f32up(b, self)
    small, s, lo, g, hi = _k1_parts(b, x)
    return _k_poles(b, x, xp.where(small, lo, xp.exp(-g) * hi))


@lower("aten.special_scaled_modified_bessel_k0.default")
def special_scaled_modified_bessel_k0(b, x):
    """special_scaled_modified_bessel_k0(Tensor x) -> Tensor"""
    xp = b.xp
    x = _f32up(b, x)
    small, s, lo, g, hi = _k0_parts(b, x)
    return _k_poles(b, x, xp.where(small, lo * xp.exp(s), hi))


@lower("aten.special_scaled_modified_bessel_k1.default")
def special_scaled_modified_bessel_k1(b, x):
    """special_scaled_modified_bessel_k1(Tensor x) -> Tensor"""
    xp = b.xp
    x = _f32up(b, x)
    small, s, lo, g, hi = _k1_parts(b, x)
    return _k_poles(b, x, xp.where(small, lo * xp.exp(s), hi))


@lower("aten.special_spherical_bessel_j0.default")
def special_spherical_bessel_j0(b, x):
    """special_spherical_bessel_j0(Tensor x) -> Tensor"""
    xp = b.xp
    x = _f32up(b, x)
    small = xp.less(xp.abs(x), 0.5)
    z = x * x
    series = 1.0 + z * (
        -1.0 / 6.0
        + z
        * (
            1.0 / 120.0
            + z * (-1.0 / 5040.0 + z * (1.0 / 362880.0 + z * (-1.0 / 39916800.0 + z * (1.0 / 6227020800.0))))
        )
    )
    g = _pick(b, xp.logical_not(xp.logical_or(small, xp.isinf(x))), x, 1.0)
    v = xp.where(small, series, xp.sin(g) / g)
    return xp.where(xp.isinf(x), xp.zeros_like(x), v)


@lower("aten.special_airy_ai.default")
def special_airy_ai(b, x):
    """special_airy_ai(Tensor x) -> Tensor"""
    xp = b.xp
    x = _f32up(b, x)
    # x < -2.09: asymptotic expansion with oscillating terms
    neg = xp.less(x, -2.09)
    xn = _pick(b, neg, x, -3.0)
    zeta = -2.0 * xn * xp.sqrt(-xn) / 3.0
    z = 1.0 / zeta
    zz = z * z
    t = zeta + 0.25 * math.pi
    v_neg = (
        5.64189583547756286948e-01
        / xp.sqrt(xp.sqrt(-xn))
        * (
            xp.sin(t) * (1.0 + zz * _horner(_AIRY_AFN, zz) / _horner(_AIRY_AFD, zz))
            - xp.cos(t) * (z * _horner(_AIRY_AGN, zz) / _horner(_AIRY_AGD, zz))
        )
    )
    # x >= 2.09: asymptotic expansion with exponential decay
    pos = xp.greater_equal(x, 2.09)
    xq = _pick(b, xp.logical_and(pos, xp.less_equal(x, 103.892)), x, 3.0)
    zeta = 2.0 * xq * xp.sqrt(xq) / 3.0
    v_pos = (
        5.64189583547756286948e-01
        * (_horner(_AIRY_AN, 1.0 / zeta) / _horner(_AIRY_AD, 1.0 / zeta))
        / (2.0 * xp.sqrt(xp.sqrt(xq)) * xp.exp(zeta))
    )
    v_pos = xp.where(xp.greater(x, 103.892), xp.zeros_like(x), v_pos)
    # otherwise: the power series (converged to float precision after these many terms)
    xs = _pick(b, xp.logical_not(xp.logical_or(neg, pos)), x, 0.0)
    f, g, k, m, n, z = 1.0, xs, 1.0, 1.0, xs, xs * xs * xs
    for _ in range(20):
        m = m * z / (k + 1.0)
        n = n * z / (k + 2.0)
        m = m / (k + 2.0)
        f = f + m
        n = n / (k + 3.0)
        g = g + n
        k = k + 3.0
    v_mid = 0.355028053887817239260 * f - 0.258819403792806798405 * g
    v = xp.where(neg, v_neg, xp.where(pos, v_pos, v_mid))
    return xp.where(xp.isinf(x), _const(b, math.nan, x), v)


# ----------------------------------------------------------------------------- orthogonal polynomials
# torch evaluates P_n(x) by the three-term recurrence up to n (per element, n = int(n)), with closed forms
# at special points and a trigonometric form for large n inside (-1, 1). The recurrence runs as one
# loop up to the largest n that needs it (a while loop under jax.jit / tf.function).


def _poly_args(b, x, n):
    """x and n in one float dtype, broadcast; n truncated like torch's int64 cast (non-finite -> -1)."""
    xp = b.xp
    x, n = _broadcast(b, *_same_float(b, x, n))
    n = xp.where(xp.isfinite(n), _trunc(b, n), _const(b, -1.0, n))
    return x, n


def _recurrence(b, n_last, k0, p, q, step):
    """Run ``r = step(k, p, q); p, q = q, r`` for k = k0 .. n_last (per element), stopping at nan."""
    xp = b.xp

    def active(k, q):
        return xp.logical_and(xp.less_equal(k, n_last), xp.logical_not(xp.isnan(q)))

    def cond(k, p, q):
        return xp.any(active(k, q))

    def body(k, p, q):
        go = active(k, q)
        r = step(k, p, q)
        return k + 1.0, xp.where(go, q, p), xp.where(go, r, q)

    return _while(b, cond, body, (_const(b, k0, q), p, q))[2]


def _trunc(b, x):
    return b.xp.where(b.xp.less(x, 0), b.xp.ceil(x), b.xp.floor(x))


def _odd(b, n):
    return b.xp.not_equal(b.xp.remainder(n, 2.0), 0)


def _chebyshev(b, x, n, first, closed):
    """Shared recurrence T(k) = 2x T(k-1) - T(k-2) with ``first`` = P_1; closed-form overrides from
    ``closed`` (a list of (condition, value), highest priority last)."""
    xp = b.xp
    one = xp.ones_like(x)
    use_rec = xp.greater_equal(n, 2)
    for cond, _ in closed:
        use_rec = xp.logical_and(use_rec, xp.logical_not(cond))
    r = _recurrence(b, xp.where(use_rec, n, _const(b, 0.0, n)), 2.0, one, first, lambda k, p, q: (x + x) * q - p)
    r = xp.where(xp.equal(n, 1), first, r)
    r = xp.where(xp.equal(n, 0), one, r)
    for cond, value in closed:
        r = xp.where(cond, value, r)
    return xp.where(xp.less(n, 0), xp.zeros_like(x), r)


def _acos_in(b, x, inside):
    return b.xp.arccos(_pick(b, inside, x, 0.0))


@lower("aten.special_chebyshev_polynomial_t.default")
def special_chebyshev_polynomial_t(b, x, n):
    """special_chebyshev_polynomial_t(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    one = xp.ones_like(x)
    edge = xp.equal(xp.abs(x), 1)
    pos = xp.logical_or(xp.greater(x, 0), xp.logical_not(_odd(b, n)))
    trig = xp.logical_and(xp.greater(n, 6), xp.less(xp.abs(x), 1))
    closed = [(trig, xp.cos(n * _acos_in(b, x, trig))), (edge, xp.where(pos, one, -one))]
    return _chebyshev(b, x, n, x, closed)


@lower("aten.special_chebyshev_polynomial_u.default")
def special_chebyshev_polynomial_u(b, x, n):
    """special_chebyshev_polynomial_u(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    edge = xp.equal(xp.abs(x), 1)
    pos = xp.logical_or(xp.greater(x, 0), xp.logical_not(_odd(b, n)))
    trig = xp.logical_and(xp.greater(n, 8), xp.less(xp.abs(x), 1))
    t = _acos_in(b, x, trig)
    st = xp.sin(t)
    ok = xp.not_equal(st, 0)
    den = xp.where(ok, xp.ones_like(x), x)
    tv = xp.where(ok, xp.sin((n + 1) * t) / _pick(b, ok, st, 1.0), (n + 1) * xp.cos((n + 1) * t) / den)
    closed = [(trig, tv), (edge, xp.where(pos, n + 1, -(n + 1)))]
    return _chebyshev(b, x, n, x + x, closed)


@lower("aten.special_chebyshev_polynomial_v.default")
def special_chebyshev_polynomial_v(b, x, n):
    """special_chebyshev_polynomial_v(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    one = xp.ones_like(x)
    parity = xp.where(_odd(b, n), -(n + n + 1), n + n + 1)
    edge = xp.equal(xp.abs(x), 1)
    trig = xp.logical_and(xp.greater(n, 8), xp.less(xp.abs(x), 1))
    t = _acos_in(b, x, trig)
    ok = xp.not_equal(xp.sin(t / 2.0), 1)
    c = xp.cos(t / 2.0)
    tv = xp.where(ok, xp.cos((n + 0.5) * t) / _pick(b, ok, c, 1.0), parity)
    closed = [(trig, tv), (edge, xp.where(xp.greater(x, 0), one, parity))]
    return _chebyshev(b, x, n, x + x - 1.0, closed)


@lower("aten.special_chebyshev_polynomial_w.default")
def special_chebyshev_polynomial_w(b, x, n):
    """special_chebyshev_polynomial_w(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    one = xp.ones_like(x)
    at_one = xp.where(xp.greater(x, 0), n + n + 1, xp.where(_odd(b, n), -one, one))
    edge = xp.equal(xp.abs(x), 1)
    trig = xp.logical_and(xp.greater(n, 8), xp.less(xp.abs(x), 1))
    t = _acos_in(b, x, trig)
    ok = xp.not_equal(xp.cos(t / 2.0), 1)
    sh = xp.sin(t / 2.0)
    tv = xp.where(ok, xp.sin((n + 0.5) * t) / _pick(b, ok, sh, 1.0), at_one)
    closed = [(trig, tv), (edge, at_one)]
    return _chebyshev(b, x, n, x + x + 1.0, closed)


@lower("aten.special_shifted_chebyshev_polynomial_t.default")
def special_shifted_chebyshev_polynomial_t(b, x, n):
    """special_shifted_chebyshev_polynomial_t(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    y = x + x - 1.0
    one = xp.ones_like(x)
    trig = xp.logical_and(xp.greater(n, 6), xp.less(xp.abs(y), 1))
    closed = [
        (trig, xp.cos(n * _acos_in(b, y, trig))),
        (xp.equal(x, 0), xp.where(_odd(b, n), -one, one)),
        (xp.equal(x, 1), one),
    ]
    return _chebyshev(b, y, n, y, closed)


@lower("aten.special_shifted_chebyshev_polynomial_u.default")
def special_shifted_chebyshev_polynomial_u(b, x, n):
    """special_shifted_chebyshev_polynomial_u(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    y = x + x - 1.0
    trig = xp.logical_and(xp.greater(n, 6), xp.less(xp.abs(y), 1))
    t = _acos_in(b, y, trig)
    st = xp.sin(t)
    ok = xp.not_equal(st, 0)
    den = xp.where(ok, xp.ones_like(y), y)
    tv = xp.where(ok, xp.sin((n + 1) * t) / _pick(b, ok, st, 1.0), (n + 1) * xp.cos((n + 1) * t) / den)
    closed = [(trig, tv), (xp.equal(x, 0), xp.where(_odd(b, n), -(n + 1), n + 1)), (xp.equal(x, 1), n + 1)]
    return _chebyshev(b, y, n, y + y, closed)


@lower("aten.special_shifted_chebyshev_polynomial_v.default")
def special_shifted_chebyshev_polynomial_v(b, x, n):
    """special_shifted_chebyshev_polynomial_v(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    y = x + x - 1.0
    parity = xp.where(_odd(b, n), -(n + n + 1), n + n + 1)
    trig = xp.logical_and(xp.greater(n, 6), xp.less(xp.abs(y), 1))
    t = _acos_in(b, y, trig)
    ok = xp.not_equal(xp.sin(t / 2.0), 1)
    tv = xp.where(ok, xp.cos((n + 0.5) * t) / _pick(b, ok, xp.cos(t / 2.0), 1.0), parity)
    closed = [(trig, tv), (xp.equal(x, 0), parity), (xp.equal(x, 1), xp.ones_like(x))]
    return _chebyshev(b, y, n, y + y - 1.0, closed)


@lower("aten.special_shifted_chebyshev_polynomial_w.default")
def special_shifted_chebyshev_polynomial_w(b, x, n):
    """special_shifted_chebyshev_polynomial_w(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    y = x + x - 1.0
    one = xp.ones_like(x)
    sign = xp.where(_odd(b, n), -one, one)
    trig = xp.logical_and(xp.greater(n, 4), xp.less(xp.abs(y), 1))
    t = _acos_in(b, y, trig)
    ok = xp.not_equal(xp.cos(t / 2.0), 1)
    tv = xp.where(ok, xp.sin((n + 0.5) * t) / _pick(b, ok, xp.sin(t / 2.0), 1.0), sign)
    closed = [(trig, tv), (xp.equal(x, 0), sign), (xp.equal(x, 1), n + n + 1)]
    return _chebyshev(b, y, n, y + y + 1.0, closed)


def _hermite_limit(b, x):
    return 512 if _name(b, x) == "float64" else 128


@lower("aten.special_hermite_polynomial_h.default")
def special_hermite_polynomial_h(b, x, n):
    """special_hermite_polynomial_h(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    one = xp.ones_like(x)
    over = xp.greater(n, _hermite_limit(b, x))
    use_rec = xp.logical_and(xp.greater_equal(n, 2), xp.logical_not(over))
    r = _recurrence(
        b, xp.where(use_rec, n - 1, _const(b, 0.0, n)), 1.0, one, x + x, lambda k, p, q: (x + x) * q - (k + k) * p
    )
    r = xp.where(over, _const(b, math.nan, x), r)
    r = xp.where(xp.equal(n, 1), x + x, xp.where(xp.equal(n, 0), one, r))
    return xp.where(xp.less(n, 0), xp.zeros_like(x), r)


@lower("aten.special_hermite_polynomial_he.default")
def special_hermite_polynomial_he(b, x, n):
    """special_hermite_polynomial_he(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    one = xp.ones_like(x)
    over = xp.greater(n, _hermite_limit(b, x))
    use_rec = xp.logical_and(xp.greater_equal(n, 2), xp.logical_not(over))
    r = _recurrence(b, xp.where(use_rec, n - 1, _const(b, 0.0, n)), 1.0, one, x, lambda k, p, q: x * q - k * p)
    r = xp.where(over, _const(b, math.nan, x), r)
    r = xp.where(xp.equal(n, 1), x, xp.where(xp.equal(n, 0), one, r))
    return xp.where(xp.less(n, 0), xp.zeros_like(x), r)


@lower("aten.special_laguerre_polynomial_l.default")
def special_laguerre_polynomial_l(b, x, n):
    """special_laguerre_polynomial_l(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    one = xp.ones_like(x)
    at_zero = xp.equal(x, 0)
    use_rec = xp.logical_and(xp.greater_equal(n, 2), xp.logical_not(at_zero))
    r = _recurrence(
        b,
        xp.where(use_rec, n - 1, _const(b, 0.0, n)),
        1.0,
        one,
        1.0 - x,
        lambda k, p, q: (((k + k) + (1.0 - x)) * q - k * p) / (k + 1.0),
    )
    r = xp.where(xp.equal(n, 1), 1.0 - x, xp.where(xp.equal(n, 0), one, r))
    r = xp.where(at_zero, one, r)
    return xp.where(xp.less(n, 0), xp.zeros_like(x), r)


@lower("aten.special_legendre_polynomial_p.default")
def special_legendre_polynomial_p(b, x, n):
    """special_legendre_polynomial_p(Tensor x, Tensor n) -> Tensor"""
    xp = b.xp
    x, n = _poly_args(b, x, n)
    one = xp.ones_like(x)
    edge = xp.equal(xp.abs(x), 1)
    use_rec = xp.logical_and(xp.greater_equal(n, 2), xp.logical_not(edge))
    r = _recurrence(
        b,
        xp.where(use_rec, n - 1, _const(b, 0.0, n)),
        1.0,
        one,
        x,
        lambda k, p, q: ((k + k + 1.0) * x * q - k * p) / (k + 1.0),
    )
    r = xp.where(xp.equal(n, 1), x, xp.where(xp.equal(n, 0), one, r))
    pos = xp.logical_or(xp.greater(x, 0), xp.logical_not(_odd(b, n)))
    r = xp.where(edge, xp.where(pos, one, -one), r)
    return xp.where(xp.less(n, 0), xp.zeros_like(x), r)


# Coefficient tables of torch's ATen/native/Math.h (from Cephes), highest order first.
_AIRY_AN = (
    0.346538101525629,
    12.007595273964581,
    76.27960536152345,
    168.08922493463058,
    159.75639135016442,
    70.53609068404442,
    14.026469116338967,
    1.0,
)
_AIRY_AD = (
    0.5675945326387702,
    14.75625625848472,
    84.51389701414746,
    177.31808814540045,
    164.2346928715297,
    71.47784008255756,
    14.095913560783403,
    1.0,
)
_AIRY_AFN = (
    -0.1316963234183318,
    -0.6264565444319123,
    -0.6931580360369335,
    -0.2797799815451191,
    -0.04919001326095003,
    -0.004062659235948854,
    -0.0001592764962392621,
    -2.776491081552329e-06,
    -1.6778769848911465e-08,
)
_AIRY_AFD = (
    13.356042070655324,
    32.682503279522464,
    26.736704094149957,
    9.187074029072596,
    1.4752914677166642,
    0.11568717379518804,
    0.004402916416152112,
    7.547203482874142e-05,
    4.5185009297058035e-07,
)
_AIRY_AGN = (
    0.01973399320916857,
    0.39110302961568827,
    1.0657989759959559,
    0.9391692298166502,
    0.35146565610554764,
    0.06338889196289255,
    0.005858041130483885,
    0.000282851600836737,
    6.98793669997261e-06,
    8.117892395543892e-08,
    3.415517847659236e-10,
)
_AIRY_AGD = (
    9.30892908077442,
    19.835292871831214,
    15.564662893286462,
    5.476860694229755,
    0.9542936116189619,
    0.08645808263523921,
    0.004126565238242226,
    0.00010125908511650914,
    1.1716673321441352e-06,
    4.9183457006293e-09,
)
_J0_PP = (
    0.0007969367292973471,
    0.08283523921074408,
    1.239533716464143,
    5.447250030587687,
    8.74716500199817,
    5.303240382353949,
    1.0,
)
_J0_PQ = (
    0.0009244088105588637,
    0.08562884743544745,
    1.2535274390105895,
    5.470977403304171,
    8.761908832370695,
    5.306052882353947,
    1.0,
)
_J0_QP = (
    -0.011366383889846916,
    -1.2825271867050931,
    -19.553954425773597,
    -93.20601521237683,
    -177.68116798048806,
    -147.07750515495118,
    -51.41053267665993,
    -6.050143506007285,
)
_J0_QQ = (
    64.3178256118178,
    856.4300259769806,
    3882.4018360540163,
    7240.467741956525,
    5930.727011873169,
    2062.0933166032783,
    242.0057402402914,
)
_J0_RP = (
    -4794432209.782018,
    1956174919465.5657,
    -249248344360967.72,
    9708622510473064.0,
)
_J0_RQ = (
    499.563147152651,
    173785.4016763747,
    48440965.83399621,
    11185553704.535683,
    2112775201154.892,
    310518229857422.56,
    3.1812195594320496e16,
    1.7108629408104315e18,
)
_Y0_YP = (
    15592.436785523574,
    -14663929.59039716,
    5435264770.518765,
    -982136065717.9115,
    87590639439536.7,
    -3466283033847297.0,
    4.4273326857256984e16,
    -1.8495080043698668e16,
)
_Y0_YQ = (
    1041.2835366425984,
    626107.330137135,
    268919633.39381415,
    86400248710.3935,
    20297961275010.555,
    3171577528429750.5,
    2.5059625617265306e17,
)
_J1_PP = (
    0.0007621256162081731,
    0.07313970569409176,
    1.1271960812968493,
    5.112079511468076,
    8.424045901417724,
    5.214515986823615,
    1.0,
)
_J1_PQ = (
    0.0005713231280725487,
    0.06884559087544954,
    1.105142326340617,
    5.073863861286015,
    8.399855543276042,
    5.209828486823619,
    1.0,
)
_J1_QP = (
    0.05108625947501766,
    4.982138729512334,
    75.82382841325453,
    366.7796093601508,
    710.8563049989261,
    597.4896124006136,
    211.68875710057213,
    25.207020585802372,
)
_J1_QQ = (
    74.23732770356752,
    1056.4488603826283,
    4986.410583376536,
    9562.318924047562,
    7997.041604473507,
    2826.1927851763908,
    336.0936078106983,
)
_J1_RP = (
    -899971225.7055594,
    452228297998.19403,
    -72749424522181.83,
    3682957328638529.0,
)
_J1_RQ = (
    620.8364781180543,
    256987.25675774884,
    83514679.14319493,
    22151159547.97925,
    4749141220799.914,
    784369607876235.9,
    8.952223361846274e16,
    5.322786203326801e18,
)
_Y1_YP = (
    1263204747.9017804,
    -647355876379.1603,
    114509511541823.73,
    -8127702555013251.0,
    2.024394757135949e17,
    -7.788771962659501e17,
)
_Y1_YQ = (
    594.3015923461282,
    235564.09294306856,
    73481194.44597217,
    18760131610.870617,
    3882312774962.3857,
    620557727146953.8,
    6.871410873553005e16,
    3.9727060811656064e18,
)
_I0_A = (
    -4.4153416464793395e-18,
    3.3307945188222384e-17,
    -2.431279846547955e-16,
    1.715391285555133e-15,
    -1.1685332877993451e-14,
    7.676185498604936e-14,
    -4.856446783111929e-13,
    2.95505266312964e-12,
    -1.726826291441556e-11,
    9.675809035373237e-11,
    -5.189795601635263e-10,
    2.6598237246823866e-09,
    -1.300025009986248e-08,
    6.046995022541919e-08,
    -2.670793853940612e-07,
    1.1173875391201037e-06,
    -4.4167383584587505e-06,
    1.6448448070728896e-05,
    -5.754195010082104e-05,
    0.00018850288509584165,
    -0.0005763755745385824,
    0.0016394756169413357,
    -0.004324309995050576,
    0.010546460394594998,
    -0.02373741480589947,
    0.04930528423967071,
    -0.09490109704804764,
    0.17162090152220877,
    -0.3046826723431984,
    0.6767952744094761,
)
_I0_B = (
    -7.233180487874754e-18,
    -4.830504485944182e-18,
    4.46562142029676e-17,
    3.461222867697461e-17,
    -2.8276239805165836e-16,
    -3.425485619677219e-16,
    1.7725601330565263e-15,
    3.8116806693526224e-15,
    -9.554846698828307e-15,
    -4.150569347287222e-14,
    1.54008621752141e-14,
    3.8527783827421426e-13,
    7.180124451383666e-13,
    -1.7941785315068062e-12,
    -1.3215811840447713e-11,
    -3.1499165279632416e-11,
    1.1889147107846439e-11,
    4.94060238822497e-10,
    3.3962320257083865e-09,
    2.266668990498178e-08,
    2.0489185894690638e-07,
    2.8913705208347567e-06,
    6.889758346916825e-05,
    0.0033691164782556943,
    0.8044904110141088,
)
_I1_A = (
    2.7779141127610464e-18,
    -2.111421214358166e-17,
    1.5536319577362005e-16,
    -1.1055969477353862e-15,
    7.600684294735408e-15,
    -5.042185504727912e-14,
    3.223793365945575e-13,
    -1.9839743977649436e-12,
    1.1736186298890901e-11,
    -6.663489723502027e-11,
    3.625590281552117e-10,
    -1.8872497517228294e-09,
    9.381537386495773e-09,
    -4.445059128796328e-08,
    2.0032947535521353e-07,
    -8.568720264695455e-07,
    3.4702513081376785e-06,
    -1.3273163656039436e-05,
    4.781565107550054e-05,
    -0.00016176081582589674,
    0.0005122859561685758,
    -0.0015135724506312532,
    0.004156422944312888,
    -0.010564084894626197,
    0.024726449030626516,
    -0.05294598120809499,
    0.1026436586898471,
    -0.17641651835783406,
    0.25258718644363365,
)
_I1_B = (
    7.517296310842105e-18,
    4.414348323071708e-18,
    -4.6503053684893586e-17,
    -3.209525921993424e-17,
    2.96262899764595e-16,
    3.3082023109209285e-16,
    -1.8803547755107825e-15,
    -3.8144030724370075e-15,
    1.0420276984128802e-14,
    4.272440016711951e-14,
    -2.1015418427726643e-14,
    -4.0835511110921974e-13,
    -7.198551776245908e-13,
    2.0356285441470896e-12,
    1.4125807436613782e-11,
    3.2526035830154884e-11,
    -1.8974958123505413e-11,
    -5.589743462196584e-10,
    -3.835380385964237e-09,
    -2.6314688468895196e-08,
    -2.512236237870209e-07,
    -3.882564808877691e-06,
    -0.00011058893876262371,
    -0.009761097491361469,
    0.7785762350182801,
)
_K0_A = (
    1.374465435613523e-16,
    4.25981614279661e-14,
    1.0349695257633842e-11,
    1.904516377220209e-09,
    2.5347910790261494e-07,
    2.286212103119452e-05,
    0.001264615411446926,
    0.0359799365153615,
    0.3442898999246285,
    -0.5353273932339028,
)
_K0_B = (
    5.300433772686263e-18,
    -1.6475804301524212e-17,
    5.2103915050390274e-17,
    -1.678231096805412e-16,
    5.512055978524319e-16,
    -1.848593377343779e-15,
    6.3400764774050706e-15,
    -2.2275133269916698e-14,
    8.032890775363575e-14,
    -2.9800969231727303e-13,
    1.140340588208475e-12,
    -4.514597883373944e-12,
    1.8559491149547177e-11,
    -7.957489244477107e-11,
    3.577397281400301e-10,
    -1.69753450938906e-09,
    8.574034017414225e-09,
    -4.660489897687948e-08,
    2.766813639445015e-07,
    -1.8317555227191195e-06,
    1.39498137188765e-05,
    -0.00012849549581627802,
    0.0015698838857300533,
    -0.0314481013119645,
    2.4403030820659555,
)
_K1_A = (
    -7.023863479386288e-18,
    -2.427449850519366e-15,
    -6.666901694199329e-13,
    -1.4114883926335278e-10,
    -2.213387630734726e-08,
    -2.4334061415659684e-06,
    -0.0001730288957513052,
    -0.006975723859639864,
    -0.12261118082265715,
    -0.3531559607765449,
    1.5253002273389478,
)
_K1_B = (
    -5.756744483665017e-18,
    1.7940508731475592e-17,
    -5.689462558442859e-17,
    1.838093544366639e-16,
    -6.057047248373319e-16,
    2.038703165624334e-15,
    -7.019837090418314e-15,
    2.4771544244813043e-14,
    -8.976705182324994e-14,
    3.3484196660784293e-13,
    -1.2891739609510289e-12,
    5.13963967348173e-12,
    -2.1299678384275683e-11,
    9.218315187605006e-11,
    -4.1903547593418965e-10,
    2.015049755197033e-09,
    -1.0345762465678097e-08,
    5.7410841254500495e-08,
    -3.5019606030878126e-07,
    2.406484947837217e-06,
    -1.936197974166083e-05,
    0.00019521551847135162,
    -0.002857816859622779,
    0.10392373657681724,
    2.7206261904844427,
)


# ----------------------------------------------------------------------------- core ops that were
# classified elsewhere at first: binary max/min, sqrt family, rounding division, complex builders


@lower("aten.maximum.default")
def maximum(b, self, other):
    """maximum(Tensor self, Tensor other) -> Tensor"""
    return b.xp.maximum(self, other)  # NumPy and JAX propagate NaN like torch


@lower("aten.maximum.default", target="tensorflow")
def maximum_tf(b, self, other):
    """maximum(Tensor self, Tensor other) -> Tensor"""
    return _minmax_tf(b, self, other, b.fw.math.maximum)


@lower("aten.minimum.default")
def minimum(b, self, other):
    """minimum(Tensor self, Tensor other) -> Tensor"""
    return b.xp.minimum(self, other)


@lower("aten.minimum.default", target="tensorflow")
def minimum_tf(b, self, other):
    """minimum(Tensor self, Tensor other) -> Tensor"""
    return _minmax_tf(b, self, other, b.fw.math.minimum)


def _minmax_tf(b, self, other, op):
    tf = b.fw
    x, y = _tf_common(b, self, other, widen_small_ints=True)  # bools too: max/min of 0/1
    m = op(x, y)
    if not _inexact(b, m):
        return m
    nan = tf.logical_or(tf.math.is_nan(x), tf.math.is_nan(y))
    return tf.where(nan, tf.constant(math.nan, m.dtype), m)


@lower("aten.logical_not.default")
def logical_not(b, self):
    """logical_not(Tensor self) -> Tensor"""
    return b.xp.logical_not(_bool(b, self))


@lower("aten.rsqrt.default")
def rsqrt(b, self):
    """rsqrt(Tensor self) -> Tensor"""
    x = _f32up(b, self)
    return b.xp.true_divide(_const(b, 1, x), b.xp.sqrt(x))


@lower("aten.bitwise_not.default")
def bitwise_not(b, self):
    """bitwise_not(Tensor self) -> Tensor"""
    if _name(b, self) == "bool":
        return b.xp.logical_not(self)
    return b.xp.invert(self)


@lower("aten.bitwise_not.default", target="tensorflow")
def bitwise_not_tf(b, self):
    """bitwise_not(Tensor self) -> Tensor"""
    if _name(b, self) == "bool":
        return b.fw.logical_not(self)
    return b.fw.bitwise.invert(self)


@lower("aten.div.Tensor_mode", "aten.div.Scalar_mode")
def div_mode(b, self, other, *, rounding_mode=None):
    """div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor
    div.Scalar_mode(Tensor self, Scalar other, *, str? rounding_mode) -> Tensor"""
    xp = b.xp
    self = _wrapped_number(b, self, other)
    if rounding_mode is None:
        return xp.true_divide(_flt(b, self), other)
    integral = not _inexact(b, self) and (
        isinstance(other, (bool, int)) or (hasattr(other, "dtype") and not _inexact(b, other))
    )
    if integral:
        other = _wrap(b, self, other)
        if rounding_mode == "floor":
            return xp.floor_divide(self, other)
        q = xp.floor_divide(xp.abs(self), xp.abs(other))  # truncation: magnitude, then the sign
        return xp.where(xp.equal(xp.less(self, 0), xp.less(other, 0)), q, xp.negative(q))
    if rounding_mode == "floor":
        return xp.floor_divide(self, other)
    q = xp.true_divide(self, other)
    return xp.where(xp.less(q, 0), xp.ceil(q), xp.floor(q))


@lower("aten.div.Tensor_mode", "aten.div.Scalar_mode", target="tensorflow")
def div_mode_tf(b, self, other, *, rounding_mode=None):
    """div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor
    div.Scalar_mode(Tensor self, Scalar other, *, str? rounding_mode) -> Tensor"""
    tf = b.fw
    if rounding_mode is None:
        return div_mode(b, self, other)
    self = _wrapped_number(b, self, other)
    x, y = _tf_common(b, self, other, widen_small_ints=True)
    if not _inexact(b, x):
        return tf.math.floordiv(x, y) if rounding_mode == "floor" else tf.truncatediv(x, y)
    q = x / y
    if rounding_mode == "trunc":
        return tf.where(q < 0, tf.math.ceil(q), tf.math.floor(q))
    # torch's floor division of floats (tf.math.floordiv is floor(x / y), which differs at inf)
    mod = tf.truncatemod(x, y)
    d = (x - mod) / y
    d = tf.where(tf.logical_and(tf.not_equal(mod, 0), tf.not_equal(y < 0, mod < 0)), d - 1, d)
    f = tf.math.floor(d)
    f = tf.where(d - f > 0.5, f + 1, f)
    f = tf.where(tf.equal(d, 0), q * 0, f)  # a zero with the sign of x / y
    return tf.where(tf.equal(y, 0), q, f)


@lower("aten.hypot.default")
def hypot(b, self, other):
    """hypot(Tensor self, Tensor other) -> Tensor"""
    return b.xp.hypot(self, other)


@lower("aten.hypot.default", target="tensorflow")
def hypot_tf(b, self, other):
    """hypot(Tensor self, Tensor other) -> Tensor"""
    tf = b.fw
    x, y = _tf_common(b, _flt(b, self), _flt(b, other))
    a, c = tf.abs(x), tf.abs(y)
    m = tf.maximum(a, c)
    safe = tf.where(tf.equal(m, 0), tf.ones_like(m), m)  # scale to avoid overflow of the squares
    r = m * tf.sqrt(tf.square(a / safe) + tf.square(c / safe))
    return tf.where(tf.logical_or(tf.math.is_inf(a), tf.math.is_inf(c)), tf.constant(math.inf, r.dtype), r)


@lower("aten.signbit.default")
def signbit(b, self):
    """signbit(Tensor self) -> Tensor"""
    return b.xp.signbit(self)


@lower("aten.signbit.default", target="tensorflow")
def signbit_tf(b, self):
    """signbit(Tensor self) -> Tensor"""
    tf = b.fw
    if not _inexact(b, self):
        return (
            tf.less(self, 0)
            if not _name(b, self).startswith("uint") and _name(b, self) != "bool"
            else tf.zeros_like(self, dtype=tf.bool)
        )
    bits = tf.bitcast(tf.cast(self, tf.float32), tf.int32)  # the sign bit, also of -0.0 and NaN
    return tf.less(bits, 0)


def _make_complex(b, re, im):
    """re + i im without multiplying by 1j (which turns inf parts into nan)."""
    re, im = _broadcast(b, *_same_float(b, re, im))
    if b.name == "tensorflow":
        return b.fw.complex(re, im)
    if b.name == "jax":
        return b.fw.lax.complex(re, im)
    out = b.xp.empty(re.shape, dtype="complex128" if _name(b, re) == "float64" else "complex64")
    out.real, out.imag = re, im
    return out


@lower("aten.polar.default")
def polar(b, abs, angle):
    """polar(Tensor abs, Tensor angle) -> Tensor"""
    xp = b.xp
    return _make_complex(b, xp.multiply(abs, xp.cos(angle)), xp.multiply(abs, xp.sin(angle)))


@lower("aten.complex.default")
def complex_(b, real, imag):
    """complex(Tensor real, Tensor imag) -> Tensor"""
    return _make_complex(b, real, imag)
