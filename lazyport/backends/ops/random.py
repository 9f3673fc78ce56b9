"""Random lowerings. Every op tagged nondeterministic_seeded receives ``rng=`` (opaque) and draws only
through the backend primitives ``b.rng_uniform`` / ``b.rng_normal`` / ``b.rng_integers``; a lowering
that needs a second draw derives its stream with ``b.rng_fold(rng, k)``. Distributions are built from
these (inverse CDF, Gumbel tricks); values follow torch's distributions, not its bit streams."""

from __future__ import annotations

import math

import numpy as np

from ..registry import lower


def _shape(x):
    return tuple(int(s) for s in x.shape)


def _fdtype(b, d):
    """``d`` if it is a floating dtype, else float32 (draws are made in a floating type)."""
    return d if d is not None and b.is_floating(d) else b.dtype_by_name("float32")


def _uniform(b, rng, shape, dtype):
    return b.rng_uniform(rng, tuple(shape), _fdtype(b, dtype))


def _normal(b, rng, shape, dtype):
    return b.rng_normal(rng, tuple(shape), _fdtype(b, dtype))


def _integers(b, rng, low, high, shape, dtype):
    i64 = b.dtype_by_name("int64")
    out = b.rng_integers(rng, int(low), int(high), tuple(shape), i64)
    return out if dtype is None else b.astype(out, dtype)


def _float(dtype, b):
    return b.dtype_by_name("float32") if dtype is None else dtype


# ----------------------------------------------------------------------------------- factories


@lower("aten.rand.default")
def rand(b, size, *, dtype=None, layout=None, device=None, pin_memory=None, rng):
    """rand(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return _uniform(b, rng, size, _float(dtype, b))


@lower("aten.randn.default")
def randn(b, size, *, dtype=None, layout=None, device=None, pin_memory=None, rng):
    """randn(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return _normal(b, rng, size, _float(dtype, b))


@lower("aten.rand_like.default")
def rand_like(b, self, *, dtype=None, layout=None, device=None, pin_memory=None, memory_format=None, rng):
    """rand_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor"""
    return _uniform(b, rng, _shape(self), self.dtype if dtype is None else dtype)


@lower("aten.randn_like.default")
def randn_like(b, self, *, dtype=None, layout=None, device=None, pin_memory=None, memory_format=None, rng):
    """randn_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor"""
    return _normal(b, rng, _shape(self), self.dtype if dtype is None else dtype)


@lower("aten.randint.default")
def randint(b, high, size, *, dtype=None, layout=None, device=None, pin_memory=None, rng):
    """randint(SymInt high, SymInt[] size, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return _integers(b, rng, 0, high, size, dtype)


@lower("aten.randint.low")
def randint_low(b, low, high, size, *, dtype=None, layout=None, device=None, pin_memory=None, rng):
    """randint.low(SymInt low, SymInt high, SymInt[] size, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return _integers(b, rng, low, high, size, dtype)


@lower("aten.randint_like.default")
def randint_like(b, self, high, *, dtype=None, layout=None, device=None, pin_memory=None, memory_format=None, rng):
    """randint_like(Tensor self, SymInt high, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor"""
    return _integers(b, rng, 0, high, _shape(self), self.dtype if dtype is None else dtype)


@lower("aten.randint_like.low_dtype")
def randint_like_low(
    b, self, low, high, *, dtype=None, layout=None, device=None, pin_memory=None, memory_format=None, rng
):
    """randint_like.low_dtype(Tensor self, SymInt low, SymInt high, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor"""
    return _integers(b, rng, low, high, _shape(self), self.dtype if dtype is None else dtype)


@lower("aten.randperm.default")
def randperm(b, n, *, dtype=None, layout=None, device=None, pin_memory=None, rng):
    """randperm(SymInt n, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    perm = b.xp.argsort(_uniform(b, rng, (n,), None))
    return b.astype(perm, b.dtype_by_name("int64") if dtype is None else dtype)


@lower("aten.normal.float_float")
def normal_float_float(
    b, mean, std, size, *, generator=None, dtype=None, layout=None, device=None, pin_memory=None, rng
):
    """normal.float_float(float mean, float std, SymInt[] size, *, Generator? generator=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return _normal(b, rng, size, _float(dtype, b)) * std + mean


# ----------------------------------------------------------------------------------- distributions shaped like a tensor


@lower("aten.uniform.default")
def uniform(b, self, from_=0.0, to=1.0, *, generator=None, rng):
    """uniform(Tensor self, float from=0., float to=1., *, Generator? generator=None) -> Tensor"""
    # ``from`` is a Python keyword: it always arrives positionally
    u = _uniform(b, rng, _shape(self), self.dtype)
    return u * (to - from_) + from_


@lower("aten.normal_functional.default")
def normal_functional(b, self, mean=0.0, std=1.0, *, generator=None, rng):
    """normal_functional(Tensor self, float mean=0., float std=1., *, Generator? generator=None) -> Tensor"""
    return _normal(b, rng, _shape(self), self.dtype) * std + mean


@lower("aten.normal.Tensor_Tensor")
def normal_tensor_tensor(b, mean, std, *, generator=None, rng):
    """normal.Tensor_Tensor(Tensor mean, Tensor std, *, Generator? generator=None) -> Tensor"""
    shape = tuple(np.broadcast_shapes(_shape(mean), _shape(std)))
    return _normal(b, rng, shape, mean.dtype) * std + mean


@lower("aten.normal.Tensor_float")
def normal_tensor_float(b, mean, std=1.0, *, generator=None, rng):
    """normal.Tensor_float(Tensor mean, float std=1., *, Generator? generator=None) -> Tensor"""
    return _normal(b, rng, _shape(mean), mean.dtype) * std + mean


@lower("aten.normal.float_Tensor")
def normal_float_tensor(b, mean, std, *, generator=None, rng):
    """normal.float_Tensor(float mean, Tensor std, *, Generator? generator=None) -> Tensor"""
    return _normal(b, rng, _shape(std), std.dtype) * std + mean


@lower("aten.log_normal.default")
def log_normal(b, self, mean=1.0, std=2.0, *, generator=None, rng):
    """log_normal(Tensor self, float mean=1., float std=2., *, Generator? generator=None) -> Tensor"""
    return b.xp.exp(_normal(b, rng, _shape(self), self.dtype) * std + mean)


@lower("aten.exponential.default")
def exponential(b, self, lambd=1.0, *, generator=None, rng):
    """exponential(Tensor self, float lambd=1., *, Generator? generator=None) -> Tensor"""
    u = _uniform(b, rng, _shape(self), self.dtype)
    return -b.xp.log1p(-u) / lambd


@lower("aten.cauchy.default")
def cauchy(b, self, median=0.0, sigma=1.0, *, generator=None, rng):
    """cauchy(Tensor self, float median=0., float sigma=1., *, Generator? generator=None) -> Tensor"""
    u = _uniform(b, rng, _shape(self), self.dtype)
    return b.xp.tan((u - 0.5) * math.pi) * sigma + median


@lower("aten.geometric.default")
def geometric(b, self, p, *, generator=None, rng):
    """geometric(Tensor self, float p, *, Generator? generator=None) -> Tensor"""
    xp = b.xp
    u = _uniform(b, rng, _shape(self), self.dtype)
    # number of Bernoulli(p) trials up to the first success: ceil(log(1-u) / log(1-p)), at least 1
    k = xp.ceil(xp.log1p(-u) / math.log1p(-p)) if p < 1 else xp.ones_like(u)
    return xp.maximum(k, xp.ones_like(k))


@lower("aten.bernoulli.p", "aten.bernoulli_.float")
def bernoulli_p(b, self, p=0.5, *, generator=None, rng):
    """bernoulli.p(Tensor self, float p, *, Generator? generator=None) -> Tensor
    bernoulli_.float(Tensor(a!) self, float p=0.5, *, Generator? generator=None) -> Tensor(a!)"""
    u = _uniform(b, rng, _shape(self), self.dtype)
    return b.astype(u < p, self.dtype)


@lower("aten.bernoulli.default")
def bernoulli(b, self, *, generator=None, rng):
    """bernoulli(Tensor self, *, Generator? generator=None) -> Tensor"""
    u = _uniform(b, rng, _shape(self), self.dtype)
    return b.astype(u < self, self.dtype)


@lower("aten.bernoulli.Tensor")
def bernoulli_tensor(b, self, p, *, generator=None, rng):
    """bernoulli.Tensor(Tensor self, Tensor p, *, Generator? generator=None) -> Tensor"""
    u = _uniform(b, rng, _shape(self), self.dtype)
    return b.astype(u < p, self.dtype)


@lower("aten.multinomial.default")
def multinomial(b, self, num_samples, replacement=False, *, generator=None, rng):
    """multinomial(Tensor self, SymInt num_samples, bool replacement=False, *, Generator? generator=None) -> Tensor"""
    xp = b.xp
    shape = _shape(self)
    n = shape[-1]
    logp = xp.log(b.astype(self, _fdtype(b, self.dtype)))
    i64 = b.dtype_by_name("int64")
    if replacement:  # Gumbel-max per sample
        u = _uniform(b, rng, shape[:-1] + (num_samples, n), self.dtype)
        keys = xp.expand_dims(logp, -2) - xp.log(-xp.log(u))
        return b.astype(xp.argmax(keys, axis=-1), i64)
    # without replacement: Gumbel-top-k
    u = _uniform(b, rng, shape, self.dtype)
    keys = logp - xp.log(-xp.log(u))
    return b.astype(xp.argsort(-keys, axis=-1)[..., :num_samples], i64)


@lower("aten.native_dropout.default")
def native_dropout(b, input, p, train, *, rng):
    """native_dropout(Tensor input, float p, bool? train) -> (Tensor, Tensor)"""
    xp = b.xp
    bool_ = b.dtype_by_name("bool")
    if train is not None and not train:
        return input, xp.ones(_shape(input), dtype=bool_)
    keep = _uniform(b, rng, _shape(input), input.dtype) >= p
    scale = 0.0 if p >= 1 else 1.0 / (1.0 - p)
    return input * b.astype(keep, input.dtype) * scale, b.astype(keep, bool_)


def _rrelu(b, self, lower, upper, training, rng):
    xp = b.xp
    if not training:
        slope = (lower + upper) / 2
        return xp.where(self >= 0, self, self * slope), None
    r = _uniform(b, rng, _shape(self), self.dtype) * (upper - lower) + lower
    r = b.astype(r, self.dtype)
    neg = self <= 0
    noise = xp.where(neg, r, xp.ones_like(r))
    return self * noise, noise


@lower("aten.rrelu_with_noise.default")
def rrelu_with_noise(b, self, noise, lower=0.125, upper=0.3333333333333333, training=False, generator=None, *, rng):
    """rrelu_with_noise(Tensor self, Tensor(b!) noise, Scalar lower=0.125, Scalar upper=0.33333333333333331, bool training=False, Generator? generator=None) -> Tensor"""
    return _rrelu(b, self, lower, upper, training, rng)[0]


@lower("aten.rrelu_with_noise_functional.default")
def rrelu_with_noise_functional(
    b, self, noise, lower=0.125, upper=0.3333333333333333, training=False, generator=None, *, rng
):
    """rrelu_with_noise_functional(Tensor self, Tensor noise, Scalar lower=0.125, Scalar upper=0.33333333333333331, bool training=False, Generator? generator=None) -> (Tensor, Tensor noise_out)"""
    out, new_noise = _rrelu(b, self, lower, upper, training, rng)
    return out, (noise if new_noise is None else new_noise)
