"""Elementwise lowerings: arithmetic, comparisons, math functions.

Results are cast to torch's dtype by the generated code, so a lowering only has to get the values
right; integer and bool inputs of float-valued functions are computed in float32 (torch's default
float dtype) via :func:`_flt`.
"""

from __future__ import annotations

import math

from ..registry import lower

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


def _scipy():
    import scipy.special

    return scipy.special


def _jsp():
    import jax.scipy.special

    return jax.scipy.special


# ----------------------------------------------------------------------------- arithmetic


@lower("aten.add.Tensor", "aten.add.Scalar", "aten.add_.Tensor", "aten.add_.Scalar")
def add(b, self, other, alpha=1):
    """add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
    add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor
    add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)
    add_.Scalar(Tensor(a!) self, Scalar other, Scalar alpha=1) -> Tensor(a!)"""
    return b.xp.add(self, other if alpha == 1 else b.xp.multiply(other, alpha))


@lower("aten.sub.Tensor", "aten.sub.Scalar", "aten.sub_.Tensor")
def sub(b, self, other, alpha=1):
    """sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
    sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor
    sub_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)"""
    return b.xp.subtract(self, other if alpha == 1 else b.xp.multiply(other, alpha))


@lower("aten.mul.Tensor", "aten.mul.Scalar", "aten.mul_.Tensor")
def mul(b, self, other):
    """mul.Tensor(Tensor self, Tensor other) -> Tensor
    mul.Scalar(Tensor self, Scalar other) -> Tensor
    mul_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)"""
    return b.xp.multiply(self, other)


@lower("aten.div.Tensor", "aten.div.Scalar", "aten.div_.Scalar")
def div(b, self, other):
    """div.Tensor(Tensor self, Tensor other) -> Tensor
    div.Scalar(Tensor self, Scalar other) -> Tensor
    div_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)"""
    return b.xp.true_divide(self, other)


@lower("aten.neg.default")
def neg(b, self):
    """neg(Tensor self) -> Tensor"""
    return b.xp.negative(self)


@lower("aten.neg.default", target="tensorflow")
def neg_tf(b, self):
    """neg(Tensor self) -> Tensor"""
    if _name(b, self).startswith("uint"):  # wraps around like torch
        return b.fw.math.subtract(b.fw.zeros_like(self), self)
    return b.fw.math.negative(self)


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
    return b.xp.fmod(self, other)


@lower("aten.fmod.Tensor", "aten.fmod.Scalar", target="tensorflow")
def fmod_tf(b, self, other):
    """fmod.Tensor(Tensor self, Tensor other) -> Tensor
    fmod.Scalar(Tensor self, Scalar other) -> Tensor"""
    tf = b.fw
    other = tf.convert_to_tensor(other) if not isinstance(other, tf.Tensor) else other
    dt = b.xp.result_type(self, other)
    return tf.truncatemod(tf.cast(self, dt), tf.cast(other, dt))


@lower("aten.remainder.Tensor", "aten.remainder.Scalar")
def remainder(b, self, other):
    """remainder.Tensor(Tensor self, Tensor other) -> Tensor
    remainder.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.remainder(self, other)


@lower("aten.pow.Tensor_Tensor", "aten.pow.Tensor_Scalar")
def pow_(b, self, exponent):
    """pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor
    pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor"""
    xp = b.xp
    if isinstance(exponent, (bool, int, float, complex)):
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
        special = xp.where(xp.equal(self, 1), one,
                           xp.where(xp.equal(self, -1), xp.where(odd, -one, one), zero))
        return xp.where(neg, special, r)
    return xp.power(self, exponent)


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
    return b.xp.equal(self, other)


@lower("aten.ne.Tensor", "aten.ne.Scalar")
def ne(b, self, other):
    """ne.Tensor(Tensor self, Tensor other) -> Tensor
    ne.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.not_equal(self, other)


@lower("aten.lt.Tensor", "aten.lt.Scalar")
def lt(b, self, other):
    """lt.Tensor(Tensor self, Tensor other) -> Tensor
    lt.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.less(self, other)


@lower("aten.le.Tensor", "aten.le.Scalar")
def le(b, self, other):
    """le.Tensor(Tensor self, Tensor other) -> Tensor
    le.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.less_equal(self, other)


@lower("aten.gt.Tensor", "aten.gt.Scalar")
def gt(b, self, other):
    """gt.Tensor(Tensor self, Tensor other) -> Tensor
    gt.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.greater(self, other)


@lower("aten.ge.Tensor", "aten.ge.Scalar")
def ge(b, self, other):
    """ge.Tensor(Tensor self, Tensor other) -> Tensor
    ge.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.greater_equal(self, other)


@lower("aten.isnan.default")
def isnan(b, self):
    """isnan(Tensor self) -> Tensor"""
    return b.xp.not_equal(self, self)


@lower("aten.isinf.default")
def isinf(b, self):
    """isinf(Tensor self) -> Tensor"""
    if not _inexact(b, self):
        return b.xp.not_equal(self, self)
    return b.xp.isinf(self)


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
    return b.xp.bitwise_and(self, other)


@lower("aten.bitwise_or.Tensor", "aten.bitwise_or.Scalar", "aten.bitwise_or_.Tensor")
def bitwise_or(b, self, other):
    """bitwise_or.Tensor(Tensor self, Tensor other) -> Tensor
    bitwise_or.Scalar(Tensor self, Scalar other) -> Tensor
    bitwise_or_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)"""
    return b.xp.bitwise_or(self, other)


@lower("aten.bitwise_xor.Tensor", "aten.bitwise_xor.Scalar")
def bitwise_xor(b, self, other):
    """bitwise_xor.Tensor(Tensor self, Tensor other) -> Tensor
    bitwise_xor.Scalar(Tensor self, Scalar other) -> Tensor"""
    return b.xp.bitwise_xor(self, other)


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
    xp = b.xp
    m = xp.maximum(self, other)
    if not _inexact(b, m):
        return m
    return xp.where(xp.isnan(self), other, xp.where(xp.isnan(other), self, m))


@lower("aten.fmin.default")
def fmin(b, self, other):
    """fmin(Tensor self, Tensor other) -> Tensor"""
    return b.xp.fmin(self, other)


@lower("aten.fmin.default", target="tensorflow")
def fmin_tf(b, self, other):
    """fmin(Tensor self, Tensor other) -> Tensor"""
    xp = b.xp
    m = xp.minimum(self, other)
    if not _inexact(b, m):
        return m
    return xp.where(xp.isnan(self), other, xp.where(xp.isnan(other), self, m))


# ----------------------------------------------------------------------------- rounding and sign


@lower("aten.floor.default")
def floor(b, self):
    """floor(Tensor self) -> Tensor"""
    return b.xp.floor(self) if _inexact(b, self) else self


@lower("aten.ceil.default", "aten.ceil_.default")
def ceil(b, self):
    """ceil(Tensor self) -> Tensor
    ceil_(Tensor(a!) self) -> Tensor(a!)"""
    return b.xp.ceil(self) if _inexact(b, self) else self


@lower("aten.trunc.default")
def trunc(b, self):
    """trunc(Tensor self) -> Tensor"""
    return b.xp.trunc(self) if _inexact(b, self) else self


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
    return b.xp.round(self) if _inexact(b, self) else self


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
    xp = b.xp
    x, y = _flt(b, self), _flt(b, other)
    a = xp.abs(x)
    return xp.where(xp.signbit(y), xp.negative(a), a)


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
    x = _flt(b, self)
    return b.xp.multiply(x, b.xp.exp2(b.astype(other, x.dtype)))


@lower("aten.angle.default")
def angle(b, self):
    """angle(Tensor self) -> Tensor"""
    xp = b.xp
    if b.is_complex(self.dtype):
        return xp.arctan2(xp.imag(self), xp.real(self))
    x = _flt(b, self)
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


@lower("aten.exp.default")
def exp(b, self):
    """exp(Tensor self) -> Tensor"""
    return b.xp.exp(_flt(b, self))


@lower("aten.exp2.default")
def exp2(b, self):
    """exp2(Tensor self) -> Tensor"""
    return b.xp.exp2(_flt(b, self))


@lower("aten.expm1.default")
def expm1(b, self):
    """expm1(Tensor self) -> Tensor"""
    return b.xp.expm1(_flt(b, self))


@lower("aten.log.default")
def log(b, self):
    """log(Tensor self) -> Tensor"""
    return b.xp.log(_flt(b, self))


@lower("aten.log2.default")
def log2(b, self):
    """log2(Tensor self) -> Tensor"""
    return b.xp.log2(_flt(b, self))


@lower("aten.log10.default")
def log10(b, self):
    """log10(Tensor self) -> Tensor"""
    return b.xp.log10(_flt(b, self))


@lower("aten.log1p.default")
def log1p(b, self):
    """log1p(Tensor self) -> Tensor"""
    return b.xp.log1p(_flt(b, self))


@lower("aten.sqrt_.default")
def sqrt_(b, self):
    """sqrt_(Tensor(a!) self) -> Tensor(a!)"""
    return b.xp.sqrt(_flt(b, self))


@lower("aten.sigmoid.default")
def sigmoid(b, self):
    """sigmoid(Tensor self) -> Tensor"""
    x = _flt(b, self)
    one = _const(b, 1, x)
    return b.xp.true_divide(one, b.xp.add(one, b.xp.exp(b.xp.negative(x))))


@lower("aten.sin.default")
def sin(b, self):
    """sin(Tensor self) -> Tensor"""
    return b.xp.sin(_flt(b, self))


@lower("aten.cos.default")
def cos(b, self):
    """cos(Tensor self) -> Tensor"""
    return b.xp.cos(_flt(b, self))


@lower("aten.tan.default")
def tan(b, self):
    """tan(Tensor self) -> Tensor"""
    return b.xp.tan(_flt(b, self))


@lower("aten.asin.default")
def asin(b, self):
    """asin(Tensor self) -> Tensor"""
    return b.xp.arcsin(_flt(b, self))


@lower("aten.acos.default")
def acos(b, self):
    """acos(Tensor self) -> Tensor"""
    return b.xp.arccos(_flt(b, self))


@lower("aten.atan.default")
def atan(b, self):
    """atan(Tensor self) -> Tensor"""
    return b.xp.arctan(_flt(b, self))


@lower("aten.atan2.default", "aten.atan2.out")
def atan2(b, self, other, *, out=None):
    """atan2(Tensor self, Tensor other) -> Tensor
    atan2.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)"""
    x, y = _flt(b, self), _flt(b, other)
    return b.xp.arctan2(x, y)


@lower("aten.sinh.default")
def sinh(b, self):
    """sinh(Tensor self) -> Tensor"""
    return b.xp.sinh(_flt(b, self))


@lower("aten.cosh.default")
def cosh(b, self):
    """cosh(Tensor self) -> Tensor"""
    return b.xp.cosh(_flt(b, self))


@lower("aten.tanh.default")
def tanh(b, self):
    """tanh(Tensor self) -> Tensor"""
    return b.xp.tanh(_flt(b, self))


@lower("aten.asinh.default")
def asinh(b, self):
    """asinh(Tensor self) -> Tensor"""
    return b.xp.arcsinh(_flt(b, self))


@lower("aten.acosh.default")
def acosh(b, self):
    """acosh(Tensor self) -> Tensor"""
    return b.xp.arccosh(_flt(b, self))


@lower("aten.atanh.default")
def atanh(b, self):
    """atanh(Tensor self) -> Tensor"""
    return b.xp.arctanh(_flt(b, self))

