"""Reductions, scans, sorting and selection (torch semantics: NaN propagates and sorts as the largest
value, ties resolve to the first occurrence, ``dim=[]`` reduces every dimension)."""

from __future__ import annotations

import math

from ..registry import lower

# ----------------------------------------------------------------------------- helpers


def _axes(dim, ndim):
    """``dim`` (int, list or None) as a tuple of non-negative axes, or None for every axis."""
    if dim is None or ndim == 0:
        return None
    if isinstance(dim, int):
        dim = (dim,)
    if len(dim) == 0:
        return None
    return tuple(sorted(d % ndim for d in dim))


def _axis(dim, ndim):
    """One dim as a non-negative axis (a 0-d tensor accepts 0 and -1)."""
    return dim % max(ndim, 1)


def _count(shape, axes):
    return math.prod(shape if axes is None else [shape[a] for a in axes])


def _name(b, x):
    return b.dtype_name(x.dtype)


def _is_bool(b, x):
    return _name(b, x) == "bool"


def _is_float(b, x):
    return b.is_floating(x.dtype)


def _accumulate_dtype(b, x, dtype):
    """The input cast the way torch accumulates sum/prod/cumsum: bool and integers go to int64."""
    if dtype is not None:
        return b.astype(x, dtype)
    if _is_bool(b, x) or (b.is_integer(x.dtype) and _name(b, x) not in ("int64", "uint64")):
        return b.astype(x, b.dtype_by_name("int64"))
    return x


def _last(b, x, axis):
    """``x`` with ``axis`` moved last (for the ops that work along the last axis)."""
    return x if axis == x.ndim - 1 else b.xp.moveaxis(x, axis, -1)


def _unlast(b, x, axis):
    return x if axis == x.ndim - 1 else b.xp.moveaxis(x, -1, axis)


def _iota(b, n, ndim, axis):
    """0..n-1 shaped to broadcast along ``axis`` of an ``ndim``-d array."""
    shape = [1] * ndim
    shape[axis] = n
    return b.xp.reshape(b.xp.arange(n), shape)


def _nan_hit(b, x, m):
    """Where ``x`` equals the (NaN-propagating) extreme ``m``; NaN matches NaN."""
    hit = b.xp.equal(x, m)
    if _is_float(b, x):
        hit = b.xp.logical_or(hit, b.xp.logical_and(b.xp.isnan(x), b.xp.isnan(m)))
    return hit


def _first_true(b, hit, axis, keepdim):
    """Index of the first True along ``axis`` (n if none)."""
    n = hit.shape[axis]
    idx = b.xp.where(hit, _iota(b, n, hit.ndim, axis), n)
    return b.xp.min(idx, axis=axis, keepdims=keepdim)


def _extreme(b, x, axis, keepdim, largest):
    """NaN-propagating max/min (bool handled as any/all)."""
    if _is_bool(b, x):
        f = b.xp.any if largest else b.xp.all
    else:
        f = b.xp.max if largest else b.xp.min
    return f(x, axis=axis, keepdims=keepdim)


def _argext(b, x, axis, keepdim, largest):
    """First index of the max/min along ``axis`` (an int), NaN counting as the extreme."""
    if b.name == "tensorflow" or _is_bool(b, x):  # tf.argmax ignores NaN and does not promise first ties
        return _first_true(b, _nan_hit(b, x, _extreme(b, x, axis, True, largest)), axis, keepdim)
    f = b.xp.argmax if largest else b.xp.argmin
    return f(x, axis=axis, keepdims=keepdim)


# scans along the last axis ----------------------------------------------------


def _hillis_steele(b, x, op):
    """Inclusive scan of ``x`` along its last axis with the associative ``op``, in log2(n) static steps."""
    n, k = x.shape[-1], 1
    while k < n:
        x = b.xp.concatenate([x[..., :k], op(x[..., k:], x[..., :-k])], axis=-1)
        k *= 2
    return x


def _scan(b, x, kind):
    """Inclusive max/min/logaddexp scan along the last axis (NaN propagates)."""
    if b.name == "numpy":
        ufunc = {"max": b.xp.maximum, "min": b.xp.minimum, "logaddexp": b.xp.logaddexp}[kind]
        return ufunc.accumulate(x, axis=-1)
    if b.name == "jax":
        lax = b.fw.lax
        return {"max": lax.cummax, "min": lax.cummin, "logaddexp": lax.cumlogsumexp}[kind](x, axis=x.ndim - 1)
    return _hillis_steele(b, x, {"max": b.xp.maximum, "min": b.xp.minimum, "logaddexp": b.xp.logaddexp}[kind])


# sorting ----------------------------------------------------------------------


def _argsort_asc(b, x):
    """Stable ascending argsort along the last axis, NaN last."""
    if _is_bool(b, x):
        x = b.astype(x, b.dtype_by_name("int32"))
    if b.name == "numpy":
        return b.xp.argsort(x, axis=-1, kind="stable")
    if b.name == "jax":
        return b.xp.argsort(x, axis=-1, stable=True)
    tf = b.fw
    if not _is_float(b, x):  # ~x reverses the order without the overflow of tf's negation of INT_MIN
        return tf.argsort(tf.bitwise.invert(x), axis=-1, direction="DESCENDING", stable=True)
    nan = tf.math.is_nan(x)
    first = tf.argsort(tf.where(nan, tf.zeros_like(x), x), axis=-1, stable=True)
    nan_sorted = tf.cast(tf.gather(nan, first, batch_dims=x.ndim - 1), tf.int32)
    second = tf.argsort(nan_sorted, axis=-1, stable=True)
    return tf.gather(first, second, batch_dims=x.ndim - 1)


def _argsort(b, x, descending):
    """Stable argsort along the last axis; NaN sorts as the largest value; equal values keep their order."""
    if not descending:
        return _argsort_asc(b, x)
    n = x.shape[-1]
    idx = b.xp.flip(_argsort_asc(b, b.xp.flip(x, axis=-1)), axis=-1)
    return b.xp.subtract(n - 1, idx)


def _take(b, x, idx):
    """``x`` gathered along its last axis by ``idx`` (same leading shape)."""
    return b.xp.take_along_axis(x, idx, axis=-1)


def _sorted(b, x, dim, descending):
    """(values, indices) of ``x`` sorted along ``dim``, with the axis moved last."""
    if x.ndim == 0:
        x = b.xp.reshape(x, (1,))
    xl = _last(b, x, _axis(dim, x.ndim))
    idx = _argsort(b, xl, descending)
    return _take(b, xl, idx), idx


def _pick(b, vals, idx, pos, shape, dim, keepdim):
    """Entry ``pos`` (int, or array of the leading shape) along the last axis, placed back at ``dim``."""
    ndim = len(shape)
    if isinstance(pos, int):
        v, i = vals[..., pos], idx[..., pos]
    else:
        p = b.xp.expand_dims(pos, -1)
        v, i = _take(b, vals, p)[..., 0], _take(b, idx, p)[..., 0]
    if keepdim and ndim > 0:
        axis = _axis(dim, ndim)
        v, i = b.xp.expand_dims(v, axis), b.xp.expand_dims(i, axis)
    return v, i


# ----------------------------------------------------------------------------- sums and means


@lower("aten.sum.dim_IntList")
def sum_dim(b, self, dim, keepdim=False, dtype=None):
    """sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor"""
    x = _accumulate_dtype(b, self, dtype)
    return b.xp.sum(x, axis=_axes(dim, self.ndim), keepdims=keepdim)


@lower("aten.sum.default")
def sum_(b, self, dtype=None):
    """sum(Tensor self, *, ScalarType? dtype=None) -> Tensor"""
    return b.xp.sum(_accumulate_dtype(b, self, dtype))


@lower("aten.prod.default")
def prod(b, self, dtype=None):
    """prod(Tensor self, *, ScalarType? dtype=None) -> Tensor"""
    return b.xp.prod(_accumulate_dtype(b, self, dtype))


@lower("aten.prod.dim_int")
def prod_dim(b, self, dim, keepdim=False, dtype=None):
    """prod.dim_int(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor"""
    return b.xp.prod(_accumulate_dtype(b, self, dtype), axis=_axes(dim, self.ndim), keepdims=keepdim)


@lower("aten.mean.default")
def mean(b, self, dtype=None):
    """mean(Tensor self, *, ScalarType? dtype=None) -> Tensor"""
    x = self if dtype is None else b.astype(self, dtype)
    return b.xp.mean(x)


@lower("aten.mean.dim")
def mean_dim(b, self, dim, keepdim=False, dtype=None):
    """mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor"""
    x = self if dtype is None else b.astype(self, dtype)
    return b.xp.mean(x, axis=_axes(dim, self.ndim), keepdims=keepdim)


def _var(b, x, dim, correction, keepdim):
    xp = b.xp
    axes = _axes(dim, x.ndim)
    d = xp.subtract(x, xp.mean(x, axis=axes, keepdims=True))
    sq = xp.real(xp.multiply(d, xp.conj(d))) if b.is_complex(x.dtype) else xp.multiply(d, d)
    s = xp.sum(sq, axis=axes, keepdims=keepdim)
    denom = max(0.0, _count(x.shape, axes) - (1 if correction is None else correction))
    return xp.divide(s, xp.asarray(denom, dtype=s.dtype))


@lower("aten.var.correction")
def var_correction(b, self, dim=None, correction=None, keepdim=False):
    """var.correction(Tensor self, int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False) -> Tensor"""
    return _var(b, self, dim, correction, keepdim)


@lower("aten.var.dim")
def var_dim(b, self, dim, unbiased=True, keepdim=False):
    """var.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor"""
    return _var(b, self, dim, 1 if unbiased else 0, keepdim)


@lower("aten.var_mean.correction")
def var_mean_correction(b, self, dim=None, correction=None, keepdim=False):
    """var_mean.correction(Tensor self, int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False) -> (Tensor, Tensor)"""
    return _var(b, self, dim, correction, keepdim), b.xp.mean(self, axis=_axes(dim, self.ndim), keepdims=keepdim)


@lower("aten.std.correction")
def std_correction(b, self, dim=None, correction=None, keepdim=False):
    """std.correction(Tensor self, int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False) -> Tensor"""
    return b.xp.sqrt(_var(b, self, dim, correction, keepdim))


@lower("aten.dist.default")
def dist(b, self, other, p=2):
    """dist(Tensor self, Tensor other, Scalar p=2) -> Tensor"""
    xp = b.xp
    d = xp.abs(xp.subtract(self, other))
    if p == 0:
        return xp.sum(b.astype(xp.not_equal(d, 0), d.dtype))
    if p == math.inf:
        return xp.max(d)
    if p == -math.inf:
        return xp.min(d)
    if p == 1:
        return xp.sum(d)
    if p == 2:
        return xp.sqrt(xp.sum(xp.multiply(d, d)))
    return xp.power(xp.sum(xp.power(d, p)), 1.0 / p)


# ----------------------------------------------------------------------------- any / all


def _truth(b, x):
    return x if _is_bool(b, x) else b.xp.not_equal(x, 0)


@lower("aten.any.default")
def any_(b, self):
    """any(Tensor self) -> Tensor"""
    return b.xp.any(_truth(b, self))


@lower("aten.any.dim")
def any_dim(b, self, dim, keepdim=False):
    """any.dim(Tensor self, int dim, bool keepdim=False) -> Tensor"""
    return b.xp.any(_truth(b, self), axis=_axes(dim, self.ndim), keepdims=keepdim)


@lower("aten.any.dims")
def any_dims(b, self, dim=None, keepdim=False):
    """any.dims(Tensor self, int[]? dim=None, bool keepdim=False) -> Tensor"""
    if dim is not None and len(dim) == 0:  # an empty list reduces nothing here
        return _truth(b, self)
    return b.xp.any(_truth(b, self), axis=_axes(dim, self.ndim), keepdims=keepdim)


@lower("aten.all.default")
def all_(b, self):
    """all(Tensor self) -> Tensor"""
    return b.xp.all(_truth(b, self))


@lower("aten.all.dim")
def all_dim(b, self, dim, keepdim=False):
    """all.dim(Tensor self, int dim, bool keepdim=False) -> Tensor"""
    return b.xp.all(_truth(b, self), axis=_axes(dim, self.ndim), keepdims=keepdim)


@lower("aten.all.dims")
def all_dims(b, self, dim=None, keepdim=False):
    """all.dims(Tensor self, int[]? dim=None, bool keepdim=False) -> Tensor"""
    if dim is not None and len(dim) == 0:
        return _truth(b, self)
    return b.xp.all(_truth(b, self), axis=_axes(dim, self.ndim), keepdims=keepdim)


# ----------------------------------------------------------------------------- max / min


@lower("aten.amax.default")
def amax(b, self, dim=(), keepdim=False):
    """amax(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor"""
    return _extreme(b, self, _axes(dim, self.ndim), keepdim, True)


@lower("aten.amin.default")
def amin(b, self, dim=(), keepdim=False):
    """amin(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor"""
    return _extreme(b, self, _axes(dim, self.ndim), keepdim, False)


@lower("aten.max.default")
def max_(b, self):
    """max(Tensor self) -> Tensor"""
    return _extreme(b, self, None, False, True)


@lower("aten.min.default")
def min_(b, self):
    """min(Tensor self) -> Tensor"""
    return _extreme(b, self, None, False, False)


def _arg(b, x, dim, keepdim, largest):
    if x.ndim == 0:
        return b.xp.zeros((), dtype=b.dtype_by_name("int64"))
    if dim is None:
        out = _argext(b, b.xp.reshape(x, (-1,)), 0, False, largest)
        return b.xp.reshape(out, (1,) * x.ndim) if keepdim else out
    return _argext(b, x, _axis(dim, x.ndim), keepdim, largest)


@lower("aten.argmax.default")
def argmax(b, self, dim=None, keepdim=False):
    """argmax(Tensor self, int? dim=None, bool keepdim=False) -> Tensor"""
    return _arg(b, self, dim, keepdim, True)


@lower("aten.argmin.default")
def argmin(b, self, dim=None, keepdim=False):
    """argmin(Tensor self, int? dim=None, bool keepdim=False) -> Tensor"""
    return _arg(b, self, dim, keepdim, False)


def _ext_dim(b, x, dim, keepdim, largest):
    if x.ndim == 0:
        return x, b.xp.zeros((), dtype=b.dtype_by_name("int64"))
    axis = _axis(dim, x.ndim)
    return _extreme(b, x, axis, keepdim, largest), _argext(b, x, axis, keepdim, largest)


@lower("aten.max.dim")
def max_dim(b, self, dim, keepdim=False):
    """max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)"""
    return _ext_dim(b, self, dim, keepdim, True)


@lower("aten.min.dim")
def min_dim(b, self, dim, keepdim=False):
    """min.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)"""
    return _ext_dim(b, self, dim, keepdim, False)


# ----------------------------------------------------------------------------- scans


def _cum(b, x, dim, f):
    if x.ndim == 0:
        return x
    return f(x, axis=_axis(dim, x.ndim))


@lower("aten.cumsum.default")
def cumsum(b, self, dim, dtype=None):
    """cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor"""
    return _cum(b, _accumulate_dtype(b, self, dtype), dim, b.xp.cumsum)


@lower("aten.cumprod.default")
def cumprod(b, self, dim, dtype=None):
    """cumprod(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor"""
    return _cum(b, _accumulate_dtype(b, self, dtype), dim, b.xp.cumprod)


@lower("aten.logcumsumexp.default")
def logcumsumexp(b, self, dim):
    """logcumsumexp(Tensor self, int dim) -> Tensor"""
    if self.ndim == 0:
        return self
    axis = _axis(dim, self.ndim)
    return _unlast(b, _scan(b, _last(b, self, axis), "logaddexp"), axis)


def _cumext(b, x, dim, kind):
    """(values, indices) of cummax/cummin. torch's index is the last position holding the running
    extreme (ties move it forward; once NaN appears, the last NaN)."""
    if x.ndim == 0:
        return x, b.xp.zeros((), dtype=b.dtype_by_name("int64"))
    xp = b.xp
    axis = _axis(dim, x.ndim)
    xl = _last(b, x, axis)
    if _is_bool(b, xl):
        xl = b.astype(xl, b.dtype_by_name("int32"))
    vals = _scan(b, xl, kind)
    hit = _nan_hit(b, xl, vals)
    n = xl.shape[-1]
    iota = xp.reshape(xp.arange(n, dtype=b.dtype_by_name("int32")), (1,) * (xl.ndim - 1) + (n,))
    idx = _scan(b, xp.where(hit, iota, 0), "max")
    return _unlast(b, vals, axis), _unlast(b, idx, axis)


@lower("aten.cummax.default")
def cummax(b, self, dim):
    """cummax(Tensor self, int dim) -> (Tensor values, Tensor indices)"""
    return _cumext(b, self, dim, "max")


@lower("aten.cummin.default")
def cummin(b, self, dim):
    """cummin(Tensor self, int dim) -> (Tensor values, Tensor indices)"""
    return _cumext(b, self, dim, "min")


# ----------------------------------------------------------------------------- sorting and selection


@lower("aten.sort.default")
def sort(b, self, dim=-1, descending=False):
    """sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)"""
    if self.ndim == 0:
        return self, b.xp.zeros((), dtype=b.dtype_by_name("int64"))
    axis = _axis(dim, self.ndim)
    vals, idx = _sorted(b, self, axis, descending)
    return _unlast(b, vals, axis), _unlast(b, idx, axis)


@lower("aten.sort.stable")
def sort_stable(b, self, stable=None, dim=-1, descending=False):
    """sort.stable(Tensor self, *, bool? stable, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)"""
    return sort(b, self, dim, descending)


@lower("aten.topk.default")
def topk(b, self, k, dim=-1, largest=True, sorted=True):
    """topk(Tensor self, SymInt k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)"""
    if self.ndim == 0:
        return self, b.xp.zeros((), dtype=b.dtype_by_name("int64"))
    axis = _axis(dim, self.ndim)
    vals, idx = _sorted(b, self, axis, largest)
    return _unlast(b, vals[..., :k], axis), _unlast(b, idx[..., :k], axis)


@lower("aten.kthvalue.default")
def kthvalue(b, self, k, dim=-1, keepdim=False):
    """kthvalue(Tensor self, SymInt k, int dim=-1, bool keepdim=False) -> (Tensor values, Tensor indices)"""
    vals, idx = _sorted(b, self, dim, False)
    return _pick(b, vals, idx, k - 1, self.shape, dim, keepdim)


def _median_dim(b, x, dim, keepdim, ignore_nan):
    xp = b.xp
    vals, idx = _sorted(b, x, dim, False)  # NaN last
    n = vals.shape[-1]
    if not _is_float(b, x):
        return _pick(b, vals, idx, (n - 1) // 2, x.shape, dim, keepdim)
    nan = xp.isnan(vals)
    if ignore_nan:
        count = xp.sum(b.astype(xp.logical_not(nan), b.dtype_by_name("int32")), axis=-1)
        pos = xp.maximum(xp.floor_divide(count - 1, 2), 0)
        return _pick(b, vals, idx, pos, x.shape, dim, keepdim)
    v, i = _pick(b, vals, idx, (n - 1) // 2, x.shape, dim, keepdim)
    # torch.median returns the first NaN of a slice holding one
    xl = x if x.ndim == 0 else _last(b, x, _axis(dim, x.ndim))
    xl = xp.reshape(xl, (1,)) if x.ndim == 0 else xl
    first_nan = _first_true(b, xp.isnan(xl), xl.ndim - 1, False)
    any_nan = xp.any(nan, axis=-1)
    if keepdim and x.ndim > 0:
        axis = _axis(dim, x.ndim)
        first_nan, any_nan = xp.expand_dims(first_nan, axis), xp.expand_dims(any_nan, axis)
    return xp.where(any_nan, xp.asarray(math.nan, dtype=v.dtype), v), xp.where(any_nan, first_nan, i)


@lower("aten.median.dim")
def median_dim(b, self, dim, keepdim=False):
    """median.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)"""
    return _median_dim(b, self, dim, keepdim, False)


@lower("aten.nanmedian.dim")
def nanmedian_dim(b, self, dim, keepdim=False):
    """nanmedian.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)"""
    return _median_dim(b, self, dim, keepdim, True)


@lower("aten.median.default")
def median(b, self):
    """median(Tensor self) -> Tensor"""
    return _median_dim(b, b.xp.reshape(self, (-1,)), 0, False, False)[0]


@lower("aten.nanmedian.default")
def nanmedian(b, self):
    """nanmedian(Tensor self) -> Tensor"""
    return _median_dim(b, b.xp.reshape(self, (-1,)), 0, False, True)[0]


@lower("aten.mode.default")
def mode(b, self, dim=-1, keepdim=False):
    """mode(Tensor self, int dim=-1, bool keepdim=False) -> (Tensor values, Tensor indices)"""
    xp = b.xp
    vals, idx = _sorted(b, self, dim, False)
    n = vals.shape[-1]
    lead = vals.shape[:-1]
    i32 = b.dtype_by_name("int32")
    iota = xp.reshape(xp.arange(n, dtype=i32), (1,) * len(lead) + (n,))
    same = xp.equal(vals[..., 1:], vals[..., :-1])  # position i+1 continues the run of i
    false = xp.zeros(lead + (1,), dtype=b.dtype_by_name("bool"))
    starts = xp.logical_not(xp.concatenate([false, same], axis=-1))
    ends = xp.logical_not(xp.concatenate([same, false], axis=-1))
    run_start = _scan(b, xp.where(starts, iota, 0), "max")
    freq = xp.where(ends, iota - run_start + 1, 0)
    # the most frequent value; among equally frequent ones the smallest; its last index in the run
    pos = _first_true(b, xp.equal(freq, xp.max(freq, axis=-1, keepdims=True)), len(lead), False)
    return _pick(b, vals, idx, pos, self.shape, dim, keepdim)


@lower("aten.segment_reduce.default")
def segment_reduce(b, data, reduce, lengths=None, indices=None, offsets=None, axis=0, unsafe=False, initial=None):
    """segment_reduce(Tensor data, str reduce, *, Tensor? lengths=None, Tensor? indices=None, Tensor? offsets=None, int axis=0, bool unsafe=False, Scalar? initial=None) -> Tensor"""
    xp = b.xp
    bounds = lengths if lengths is not None else offsets
    if bounds is None or len(bounds.shape) != 1:
        from ...errors import UnsupportedOpError

        raise UnsupportedOpError(
            "aten.segment_reduce.default",
            b.name,
            reason="only 1-D lengths or offsets are lowered (batched segments are not)",
        )
    axis = axis % len(data.shape)
    if lengths is not None:
        ends = xp.cumsum(lengths)
        starts = ends - lengths
    else:
        starts, ends = offsets[:-1], offsets[1:]
    count = ends - starts
    n = data.shape[axis]
    pos = xp.arange(n, dtype=ends.dtype)
    x = xp.moveaxis(data, axis, 0)  # (n, ...)
    rest = (1,) * (len(x.shape) - 1)
    inside = xp.reshape((pos[None, :] >= starts[:, None]) & (pos[None, :] < ends[:, None]), count.shape + (n,) + rest)
    xs = x[None]  # (1, n, ...): every segment sees every position, masked
    fill = {"max": -math.inf, "min": math.inf, "prod": 1.0}.get(reduce, 0.0)
    picked = xp.where(inside, xs, xp.asarray(fill, dtype=x.dtype))
    cnt = xp.reshape(b.astype(count, x.dtype), count.shape + rest)
    if reduce == "max":
        out = xp.max(picked, axis=1)
        out = out if initial is None else xp.maximum(out, xp.asarray(initial, dtype=x.dtype))
    elif reduce == "min":
        out = xp.min(picked, axis=1)
        out = out if initial is None else xp.minimum(out, xp.asarray(initial, dtype=x.dtype))
    elif reduce == "prod":
        out = xp.prod(picked, axis=1)
        out = out if initial is None else out * initial
    elif reduce == "sum":
        out = xp.sum(picked, axis=1)
        out = out if initial is None else out + initial
    elif reduce == "mean":
        total = xp.sum(picked, axis=1)
        if initial is None:
            out = total / cnt  # an empty segment is 0/0 = nan, as in torch
        else:
            out = xp.where(
                cnt > 0,
                (total + initial) / xp.where(cnt > 0, cnt, xp.ones_like(cnt)),
                xp.asarray(initial, dtype=x.dtype),
            )
    else:
        raise ValueError(f"segment_reduce: unknown reduction {reduce!r}")
    return xp.moveaxis(out, 0, axis)
