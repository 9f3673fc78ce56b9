"""Indexing lowerings: where, gather/scatter, advanced indexing, index_put, masked ops, searchsorted,
histograms, *_scatter and as_strided.

Scatters are written against one primitive per target, :func:`scatter_flat` (a functional
``flat[idx] op= vals`` on 1-d arrays): NumPy copies and uses ``ufunc.at``, JAX ``x.at[idx]``,
TensorFlow ``tf.tensor_scatter_nd_*``. Ops whose output shape depends on values (nonzero,
masked_select, unique) run only on concrete arrays (NumPy, JAX outside jit, TensorFlow eager).
"""

from __future__ import annotations

import builtins
import math

import numpy as np

from ...errors import DataDependentError
from ..registry import lower
from .factory import scalar


def _nd(x):
    return len(x.shape)


def _shape(x):
    return tuple(int(s) for s in x.shape)


def _dim(dim, ndim):
    return dim + max(ndim, 1) if dim < 0 else dim


def _strides(shape):
    out, acc = [], 1
    for s in reversed(shape):
        out.append(acc)
        acc *= s
    return out[::-1]


def _is_bool(b, x):
    return b.dtype_name(x.dtype) in ("bool", "uint8")


def _const(b, a, dtype_name="int64"):
    """A constant target array from the NumPy array ``a``."""
    return b.asarray(np.asarray(a), dtype=b.dtype_by_name(dtype_name))


def _check_concrete(b, op, *xs):
    if any(x is not None and b.is_traced(x) for x in xs):
        raise DataDependentError(
            f"{op} has an output shape that depends on input values; it runs only on concrete "
            f"{b.name} arrays (not under jit / tf.function)"
        )


# ----------------------------------------------------------------------------------- scatter primitive


def _scatter_numpy(b, flat, idx, vals, op):
    out = np.array(flat, copy=True)
    vals = np.asarray(vals).astype(out.dtype, copy=False)
    if op == "set":
        out[idx] = vals
    else:
        {"add": np.add, "mul": np.multiply, "max": np.maximum, "min": np.minimum}[op].at(out, idx, vals)
    return out


def _scatter_jax(b, flat, idx, vals, op):
    vals = b.astype(vals, flat.dtype)
    ref = flat.at[idx]
    return {"set": ref.set, "add": ref.add, "mul": ref.multiply, "max": ref.max, "min": ref.min}[op](vals)


def _scatter_tf(b, flat, idx, vals, op):
    tf = b.fw
    vals = tf.cast(vals, flat.dtype)
    idx = tf.cast(idx, tf.int64)
    if op == "mul":
        return flat * tf.math.unsorted_segment_prod(vals, idx, flat.shape[0])
    fn = {
        "set": tf.tensor_scatter_nd_update,
        "add": tf.tensor_scatter_nd_add,
        "max": tf.tensor_scatter_nd_max,
        "min": tf.tensor_scatter_nd_min,
    }[op]
    return fn(flat, tf.reshape(idx, (-1, 1)), vals)


_SCATTER = {"numpy": _scatter_numpy, "jax": _scatter_jax, "tensorflow": _scatter_tf}


def scatter_flat(b, flat, idx, vals, op):
    """``flat`` (1-d) with ``vals`` written (op="set") or combined ("add", "mul", "max", "min") at ``idx``."""
    return _SCATTER[b.name](b, flat, idx, vals, op)


def reduce_into(b, flat, idx, vals, reduce, include_self=True):
    """torch's scatter_reduce on flat arrays: reduce is sum, prod, mean, amax or amin."""
    xp = b.xp
    vals = b.astype(vals, flat.dtype)
    if reduce == "mean":
        base = flat if include_self else scatter_flat(b, flat, idx, xp.zeros_like(vals), "set")
        total = scatter_flat(b, base, idx, vals, "add")
        count = scatter_flat(b, xp.full_like(flat, 1 if include_self else 0), idx, xp.ones_like(vals), "add")
        count = xp.where(count == 0, xp.ones_like(count), count)
        if b.is_floating(flat.dtype) or b.is_complex(flat.dtype):
            return total / count
        return xp.floor_divide(total, count)
    op = {"sum": "add", "prod": "mul", "amax": "max", "amin": "min"}[reduce]
    if not include_self:
        init = {"add": xp.zeros_like(vals), "mul": xp.ones_like(vals)}.get(op, vals)
        flat = scatter_flat(b, flat, idx, init, "set")
    return scatter_flat(b, flat, idx, vals, op)


def _scatter_lin(b, index, dim, shape):
    """Flat positions in an array of ``shape`` addressed by scatter's ``index`` along ``dim``."""
    xp = b.xp
    ish = _shape(index)
    strides = _strides(shape)
    lin = index * strides[dim]
    for d, n in enumerate(ish):
        if d != dim:
            r = xp.arange(n, dtype=index.dtype) * strides[d]
            lin = lin + xp.reshape(r, [n if e == d else 1 for e in range(len(ish))])
    return xp.reshape(lin, (-1,))


def _scatter(b, self, dim, index, src, reduce):
    """scatter/scatter_reduce along ``dim``; reduce None (set) or a scatter_reduce name."""
    xp = b.xp
    shape = _shape(self)
    if not shape:
        self, index = xp.reshape(self, (1,)), xp.reshape(index, (-1,))
        if _nd(src):
            src = xp.reshape(src, (-1,))
    dim = _dim(dim, _nd(self))
    ish = _shape(index)
    if _nd(src):
        src = src[tuple(slice(0, n) for n in ish)]
    else:
        src = xp.broadcast_to(src, ish)
    lin = _scatter_lin(b, index, dim, _shape(self))
    flat = xp.reshape(self, (-1,))
    vals = xp.reshape(src, (-1,))
    if reduce is None:
        out = scatter_flat(b, flat, lin, vals, "set")
    else:
        out = reduce_into(b, flat, lin, vals, reduce[0], reduce[1])
    return xp.reshape(out, shape)


# ----------------------------------------------------------------------------------- where / gather / scatter


@lower("aten.where.self")
def where(b, condition, self, other):
    """where.self(Tensor condition, Tensor self, Tensor other) -> Tensor"""
    if b.dtype_name(condition.dtype) != "bool":
        condition = b.astype(condition, b.dtype_by_name("bool"))
    return b.xp.where(condition, self, other)


# where.ScalarSelf, masked_fill.Scalar: lowered rather than decomposed, as torch's Python decompositions
# import torch._dynamo on a process's first call


@lower("aten.where.ScalarSelf")
def where_scalar_self(b, condition, self, other):
    """where.ScalarSelf(Tensor condition, Scalar self, Tensor other) -> Tensor"""
    if b.dtype_name(condition.dtype) != "bool":
        condition = b.astype(condition, b.dtype_by_name("bool"))
    return b.xp.where(condition, self, other)


@lower("aten.masked_fill.Scalar")
def masked_fill_scalar(b, self, mask, value):
    """masked_fill.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor"""
    if b.dtype_name(mask.dtype) != "bool":
        mask = b.astype(mask, b.dtype_by_name("bool"))
    return b.xp.where(mask, b.astype(b.asarray(value), self.dtype), self)


@lower("aten.gather.default")
def gather(b, self, dim, index, *, sparse_grad=False):
    """gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor"""
    xp = b.xp
    if math.prod(_shape(index)) == 0:
        return xp.zeros(_shape(index), dtype=self.dtype)
    if _nd(self) == 0:
        return xp.broadcast_to(self, _shape(index))
    dim = _dim(dim, _nd(self))
    ish = _shape(index)
    if _nd(index) == 0:
        index = xp.reshape(index, (1,) * _nd(self))
        ish = (1,) * _nd(self)
        return xp.reshape(gather(b, self, dim, index), ())
    x = self[tuple(slice(None) if d == dim else slice(0, n) for d, n in enumerate(ish))]
    return xp.take_along_axis(x, index, axis=dim)


@lower("aten.index_select.default")
def index_select(b, self, dim, index):
    """index_select(Tensor self, int dim, Tensor index) -> Tensor"""
    xp = b.xp
    idx = xp.reshape(index, (-1,))
    if _nd(self) == 0:
        return xp.reshape(xp.take(xp.reshape(self, (1,)), idx, axis=0), ())
    return xp.take(self, idx, axis=_dim(dim, _nd(self)))


@lower("aten.index_select.default", target="tensorflow")
def index_select_tf(b, self, dim, index):
    """index_select(Tensor self, int dim, Tensor index) -> Tensor"""
    tf = b.fw
    idx = tf.reshape(index, (-1,))
    if _nd(self) == 0:
        return tf.reshape(tf.gather(tf.reshape(self, (1,)), idx, axis=0), ())
    return tf.gather(self, idx, axis=_dim(dim, _nd(self)))


@lower("aten.scatter.src")
def scatter_src(b, self, dim, index, src):
    """scatter.src(Tensor self, int dim, Tensor index, Tensor src) -> Tensor"""
    return _scatter(b, self, dim, index, src, None)


@lower("aten.scatter.value")
def scatter_value(b, self, dim, index, value):
    """scatter.value(Tensor self, int dim, Tensor index, Scalar value) -> Tensor"""
    return _scatter(b, self, dim, index, scalar(b, value, self.dtype), None)


@lower("aten.scatter.reduce")
def scatter_reduce_legacy(b, self, dim, index, src, *, reduce):
    """scatter.reduce(Tensor self, int dim, Tensor index, Tensor src, *, str reduce) -> Tensor"""
    return _scatter(b, self, dim, index, src, ({"add": "sum", "multiply": "prod"}[reduce], True))


@lower("aten.scatter.value_reduce")
def scatter_value_reduce(b, self, dim, index, value, *, reduce):
    """scatter.value_reduce(Tensor self, int dim, Tensor index, Scalar value, *, str reduce) -> Tensor"""
    src = scalar(b, value, self.dtype)
    return _scatter(b, self, dim, index, src, ({"add": "sum", "multiply": "prod"}[reduce], True))


@lower("aten.scatter_add.default")
def scatter_add(b, self, dim, index, src):
    """scatter_add(Tensor self, int dim, Tensor index, Tensor src) -> Tensor"""
    return _scatter(b, self, dim, index, src, ("sum", True))


@lower("aten.scatter_reduce.two")
def scatter_reduce(b, self, dim, index, src, reduce, *, include_self=True):
    """scatter_reduce.two(Tensor self, int dim, Tensor index, Tensor src, str reduce, *, bool include_self=True) -> Tensor"""
    return _scatter(b, self, dim, index, src, (reduce, include_self))


@lower("aten.index_reduce.default")
def index_reduce(b, self, dim, index, source, reduce, *, include_self=True):
    """index_reduce(Tensor self, int dim, Tensor index, Tensor source, str reduce, *, bool include_self=True) -> Tensor"""
    xp = b.xp
    shape = _shape(self)
    if not shape:
        return xp.reshape(
            index_reduce(
                b, xp.reshape(self, (1,)), 0, index, xp.reshape(source, (-1,)), reduce, include_self=include_self
            ),
            (),
        )
    dim = _dim(dim, len(shape))
    ssh = _shape(source)
    if not ssh:
        source, ssh = xp.reshape(source, (1,)), (1,)
    idx = xp.reshape(index, [-1 if d == dim else 1 for d in range(len(ssh))])
    idx = xp.where(idx < 0, idx + shape[dim], idx)
    idx = xp.broadcast_to(idx, ssh)
    lin = _scatter_lin(b, idx, dim, shape)
    out = reduce_into(b, xp.reshape(self, (-1,)), lin, xp.reshape(source, (-1,)), reduce, include_self)
    return xp.reshape(out, shape)


@lower("aten.put.default")
def put(b, self, index, source, accumulate=False):
    """put(Tensor self, Tensor index, Tensor source, bool accumulate=False) -> Tensor"""
    xp = b.xp
    flat = xp.reshape(self, (-1,))
    idx = xp.reshape(index, (-1,))
    idx = xp.where(idx < 0, idx + flat.shape[0], idx)
    out = scatter_flat(b, flat, idx, xp.reshape(source, (-1,)), "add" if accumulate else "set")
    return xp.reshape(out, _shape(self))


@lower("aten.embedding_dense_backward.default")
def embedding_dense_backward(b, grad_output, indices, num_weights, padding_idx, scale_grad_by_freq):
    """embedding_dense_backward(Tensor grad_output, Tensor indices, SymInt num_weights, SymInt padding_idx, bool scale_grad_by_freq) -> Tensor"""
    xp = b.xp
    d = int(grad_output.shape[-1])
    g = xp.reshape(grad_output, (-1, d))
    idx = xp.reshape(indices, (-1,))
    if scale_grad_by_freq:
        counts = scatter_flat(b, xp.zeros((num_weights,), dtype=g.dtype), idx, xp.ones(idx.shape, dtype=g.dtype), "add")
        g = g / xp.reshape(xp.take(counts, idx), (-1, 1))
    g = xp.where(xp.reshape(idx == padding_idx, (-1, 1)), xp.zeros_like(g), g)
    lin = xp.reshape(idx, (-1, 1)) * d + xp.reshape(xp.arange(d, dtype=idx.dtype), (1, d))
    out = scatter_flat(
        b, xp.zeros((num_weights * d,), dtype=g.dtype), xp.reshape(lin, (-1,)), xp.reshape(g, (-1,)), "add"
    )
    return xp.reshape(out, (num_weights, d))


# ----------------------------------------------------------------------------------- advanced indexing


def _expand_masks(b, self, indices):
    """Indices with every bool/uint8 mask replaced by its nonzero coordinates (concrete values only)."""
    out = []
    for i in indices:
        if i is not None and _is_bool(b, i):
            _check_concrete(b, "indexing with a boolean mask", i)
            m = b.astype(i, b.dtype_by_name("bool"))
            nz = b.xp.nonzero(m) if b.name != "tensorflow" else b.fw.unstack(b.fw.where(m), num=_nd(m), axis=1)
            out.extend(nz)
        else:
            out.append(i)
    return out


def _key(b, self, indices):
    key = [slice(None) if i is None else i for i in _expand_masks(b, self, indices)]
    return tuple(key)


def _adv_plan(b, self, indices):
    """(transposed self, stacked int coordinates, restore info) for gather_nd/scatter_nd style indexing."""
    tf = b.fw
    entries = _expand_masks(b, self, indices)
    nd = _nd(self)
    entries = entries + [None] * (nd - len(entries))
    shape = _shape(self)
    adv = [d for d, e in enumerate(entries) if e is not None]
    rest = [d for d, e in enumerate(entries) if e is None]
    idx = [tf.cast(entries[d], tf.int64) for d in adv]
    bshape = tuple(np.broadcast_shapes(*[_shape(i) for i in idx]))
    idx = [tf.broadcast_to(tf.where(i < 0, i + shape[d], i), bshape) for d, i in zip(adv, idx)]
    coords = tf.stack(idx, axis=-1)
    xt = tf.transpose(self, adv + rest)
    nb = len(bshape)
    p = adv[0]
    if adv == list(range(p, p + len(adv))) and p > 0:  # adjacent advanced dims stay in place
        out_perm = list(range(nb, nb + p)) + list(range(nb)) + list(range(nb + p, nb + len(rest)))
    else:
        out_perm = list(range(nb + len(rest)))
    return xt, coords, adv + rest, out_perm, bshape, [shape[d] for d in rest]


@lower("aten.index.Tensor")
def index(b, self, indices):
    """index.Tensor(Tensor self, Tensor?[] indices) -> Tensor"""
    return self[_key(b, self, indices)]


@lower("aten.index.Tensor", target="tensorflow")
def index_tf(b, self, indices):
    """index.Tensor(Tensor self, Tensor?[] indices) -> Tensor"""
    tf = b.fw
    if all(i is None for i in indices):
        return self
    given = [(d, i) for d, i in enumerate(indices) if i is not None]
    if not self.shape.is_fully_defined() and len(given) == 1 and given[0][1].dtype != tf.bool:
        # one integer index, sizes unknown while tracing (a tf.function with None dims): a gather along that
        # dim has torch's result shape, self.shape[:d] + index.shape + self.shape[d + 1:]
        d, i = given[0]
        i = tf.cast(i, tf.int64)
        i = tf.where(i < 0, i + tf.cast(tf.shape(self, out_type=tf.int64)[d], tf.int64), i)
        return tf.gather(self, i, axis=d)
    xt, coords, _, out_perm, bshape, rest_shape = _adv_plan(b, self, indices)
    if math.prod(_shape(self)) == 0:  # gather_nd rejects empty params even for an empty result
        full = list(bshape) + rest_shape
        return tf.zeros([full[j] for j in out_perm], dtype=self.dtype)
    return tf.transpose(tf.gather_nd(xt, coords), out_perm)


def _single_mask_put(b, self, indices, values, accumulate):
    """index_put with one boolean mask (and full slices): traceable, the k-th True gets values[k]."""
    xp = b.xp
    p = next(d for d, i in enumerate(indices) if i is not None)
    mask = b.astype(indices[p], b.dtype_by_name("bool"))
    k = _nd(mask)
    shape = _shape(self)
    tail = shape[p + k :]
    # values broadcast against self.shape[:p] + (nnz,) + tail
    r = p + 1 + len(tail)
    vsh = _shape(values)
    if len(vsh) > r:  # leading ones only
        values = xp.reshape(values, vsh[len(vsh) - r :])
        vsh = _shape(values)
    vsh = (1,) * (r - len(vsh)) + vsh
    values = xp.reshape(values, vsh)
    if vsh[p] == 1:
        e = xp.reshape(values, vsh[:p] + (1,) * k + vsh[p + 1 :])
    else:
        m = xp.reshape(mask, (-1,))
        pos = xp.cumsum(b.astype(m, b.dtype_by_name("int64"))) - 1
        pos = xp.clip(pos, 0, vsh[p] - 1)
        e = xp.take(values, xp.reshape(pos, _shape(mask)), axis=p)
    e = xp.broadcast_to(e, shape)
    me = xp.reshape(mask, (1,) * p + _shape(mask) + (1,) * len(tail))
    if accumulate:
        return xp.where(me, self + b.astype(e, self.dtype), self)
    return xp.where(me, b.astype(e, self.dtype), self)


def _single_mask(b, indices):
    real = [i for i in indices if i is not None]
    return len(real) == 1 and _is_bool(b, real[0])


@lower("aten.index_put.default")
def index_put(b, self, indices, values, accumulate=False):
    """index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor"""
    if _single_mask(b, indices):
        return _single_mask_put(b, self, indices, values, accumulate)
    out = np.array(self, copy=True)
    key = _key(b, self, indices)
    values = np.asarray(values).astype(out.dtype, copy=False)
    if accumulate:
        np.add.at(out, key, values)
    else:
        out[key] = values
    return out


@lower("aten.index_put.default", target="jax")
def index_put_jax(b, self, indices, values, accumulate=False):
    """index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor"""
    if _single_mask(b, indices):
        return _single_mask_put(b, self, indices, values, accumulate)
    ref = self.at[_key(b, self, indices)]
    values = b.astype(values, self.dtype)
    return ref.add(values) if accumulate else ref.set(values)


@lower("aten.index_put.default", target="tensorflow")
def index_put_tf(b, self, indices, values, accumulate=False):
    """index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor"""
    tf = b.fw
    if _single_mask(b, indices):
        return _single_mask_put(b, self, indices, values, accumulate)
    if all(i is None for i in indices):
        v = tf.broadcast_to(tf.cast(values, self.dtype), _shape(self))
        return self + v if accumulate else v
    if math.prod(_shape(self)) == 0:
        return self
    xt, coords, perm, out_perm, bshape, rest_shape = _adv_plan(b, self, indices)
    res_shape = [None] * len(out_perm)
    for i, j in enumerate(out_perm):
        res_shape[i] = (list(bshape) + rest_shape)[j]
    v = tf.broadcast_to(tf.cast(values, self.dtype), res_shape)
    v = tf.transpose(v, np.argsort(out_perm))
    fn = tf.tensor_scatter_nd_add if accumulate else tf.tensor_scatter_nd_update
    return tf.transpose(fn(xt, coords, v), np.argsort(perm))


@lower("aten.masked_scatter.default")
def masked_scatter(b, self, mask, source):
    """masked_scatter(Tensor self, Tensor mask, Tensor source) -> Tensor"""
    xp = b.xp
    shape = tuple(np.broadcast_shapes(_shape(self), _shape(mask)))
    x = xp.reshape(xp.broadcast_to(self, shape), (-1,))
    m = xp.reshape(xp.broadcast_to(b.astype(mask, b.dtype_by_name("bool")), shape), (-1,))
    n = math.prod(_shape(source))
    if n == 0:
        return xp.reshape(x, shape)
    pos = xp.clip(xp.cumsum(b.astype(m, b.dtype_by_name("int64"))) - 1, 0, n - 1)
    vals = xp.take(xp.reshape(source, (-1,)), pos)
    return xp.reshape(xp.where(m, b.astype(vals, x.dtype), x), shape)


def _masked_flat(b, self, mask):
    xp = b.xp
    shape = tuple(np.broadcast_shapes(_shape(self), _shape(mask)))
    x = xp.reshape(xp.broadcast_to(self, shape), (-1,))
    m = xp.reshape(xp.broadcast_to(b.astype(mask, b.dtype_by_name("bool")), shape), (-1,))
    return x, m


@lower("aten.masked_select.default")
def masked_select(b, self, mask):
    """masked_select(Tensor self, Tensor mask) -> Tensor"""
    _check_concrete(b, "masked_select", self, mask)
    x, m = _masked_flat(b, self, mask)
    return x[m]


@lower("aten.masked_select.default", target="tensorflow")
def masked_select_tf(b, self, mask):
    """masked_select(Tensor self, Tensor mask) -> Tensor"""
    _check_concrete(b, "masked_select", self, mask)
    x, m = _masked_flat(b, self, mask)
    return b.fw.boolean_mask(x, m)


@lower("aten.nonzero.default")
def nonzero(b, self):
    """nonzero(Tensor self) -> Tensor"""
    _check_concrete(b, "nonzero", self)
    xp = b.xp
    if _nd(self) == 0:
        (i,) = xp.nonzero(xp.reshape(self, (1,)))
        return xp.reshape(i, (-1, 1))[:, :0]
    return xp.stack(xp.nonzero(self), axis=-1)


@lower("aten.nonzero.default", target="tensorflow")
def nonzero_tf(b, self):
    """nonzero(Tensor self) -> Tensor"""
    _check_concrete(b, "nonzero", self)
    tf = b.fw
    m = tf.not_equal(self, tf.zeros((), self.dtype))
    return tf.where(tf.reshape(m, (1,)))[:, :0] if _nd(self) == 0 else tf.where(m)


@lower("aten.nonzero_static.default")
def nonzero_static(b, self, *, size, fill_value=-1):
    """nonzero_static(Tensor self, *, SymInt size, int fill_value=-1) -> Tensor"""
    xp = b.xp
    shape = _shape(self)
    i64 = b.dtype_by_name("int64")
    if not shape:
        return xp.zeros((size, 0), dtype=i64)
    n = math.prod(shape)
    if n == 0:
        return xp.full((size, len(shape)), fill_value, dtype=i64)
    m = xp.reshape(b.astype(self, b.dtype_by_name("bool")), (-1,))
    iota = xp.arange(n, dtype=i64)
    key = xp.sort(xp.where(m, iota, xp.full_like(iota, n)))
    if size > n:
        key = xp.concatenate([key, xp.full((size - n,), n, dtype=i64)])
    key = key[:size]
    coords = [(key // st) % sh for st, sh in zip(_strides(shape), shape)]
    out = xp.stack(coords, axis=-1)
    return xp.where(xp.reshape(key < n, (-1, 1)), out, xp.full_like(out, fill_value))


def _to_np(b, x):
    return b.to_numpy(x)


def _from_np(b, a, like_dtype=None):
    a = np.asarray(a)
    return b.asarray(a, dtype=like_dtype)


@lower("aten._unique2.default")
def unique2(b, self, sorted=True, return_inverse=False, return_counts=False):
    """_unique2(Tensor self, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)"""
    _check_concrete(b, "unique", self)
    x = _to_np(b, self)
    vals, inv, cnt = np.unique(x.reshape(-1), return_inverse=True, return_counts=True)
    i64 = b.dtype_by_name("int64")
    empty = np.zeros((0,), np.int64)
    return (
        _from_np(b, vals, self.dtype),
        _from_np(b, inv.reshape(x.shape) if return_inverse else empty, i64),
        _from_np(b, cnt if return_counts else empty, i64),
    )


@lower("aten.unique_consecutive.default")
def unique_consecutive(b, self, return_inverse=False, return_counts=False, dim=None):
    """unique_consecutive(Tensor self, bool return_inverse=False, bool return_counts=False, int? dim=None) -> (Tensor, Tensor, Tensor)"""
    _check_concrete(b, "unique_consecutive", self)
    x = _to_np(b, self)
    if dim is None:
        y = x.reshape(-1, 1)
        axis = 0
    else:
        axis = _dim(dim, x.ndim)
        y = np.moveaxis(x, axis, 0).reshape(x.shape[axis], -1)
    n = y.shape[0]
    if n:
        change = np.concatenate([[True], np.any(y[1:] != y[:-1], axis=1)])
    else:
        change = np.zeros((0,), bool)
    starts = np.flatnonzero(change)
    inv = np.cumsum(change) - 1
    counts = np.diff(np.append(starts, n))
    if dim is None:
        vals = x.reshape(-1)[starts]
    else:
        vals = np.take(x, starts, axis=axis)
    i64 = b.dtype_by_name("int64")
    empty = np.zeros((0,), np.int64)
    if dim is None:
        inv = inv.reshape(x.shape)
    return (
        _from_np(b, vals, self.dtype),
        _from_np(b, inv if return_inverse else empty, i64),
        _from_np(b, counts if return_counts else empty, i64),
    )


# ----------------------------------------------------------------------------------- searchsorted / histograms


def _searchsorted_1d(b, seq, v, right):
    """torch.searchsorted for a 1-d sorted sequence and any-shaped values (NaN values sort last)."""
    xp = b.xp
    n = _shape(seq)[0]
    if b.name == "tensorflow":
        tf = b.fw
        v = tf.cast(v, seq.dtype)
        r = tf.searchsorted(
            tf.reshape(seq, (1, -1)), tf.reshape(v, (1, -1)), side="right" if right else "left", out_type=tf.int64
        )
        r = tf.reshape(r, _shape(v))
    else:
        r = xp.searchsorted(seq, b.astype(v, seq.dtype), side="right" if right else "left")
    if b.is_floating(seq.dtype):
        r = xp.where(v != v, xp.full_like(r, n), r)  # NaN
    return r


@lower("aten.searchsorted.Tensor")
def searchsorted(b, sorted_sequence, self, *, out_int32=False, right=False, side=None, sorter=None):
    """searchsorted.Tensor(Tensor sorted_sequence, Tensor self, *, bool out_int32=False, bool right=False, str? side=None, Tensor? sorter=None) -> Tensor"""
    xp = b.xp
    right = right or side == "right"
    seq = sorted_sequence
    if sorter is not None:
        seq = xp.take_along_axis(seq, sorter, axis=-1)
    if _nd(seq) <= 1:
        return _searchsorted_1d(b, xp.reshape(seq, (-1,)), self, right)
    # batched: count the sequence entries before each value (torch's binary-search predicate)
    s = xp.expand_dims(seq, -2)
    v = xp.expand_dims(b.astype(self, seq.dtype), -1)
    before = xp.logical_not(s > v) if right else xp.logical_not(s >= v)
    return xp.sum(b.astype(before, b.dtype_by_name("int64")), axis=-1)


@lower("aten.searchsorted.Scalar")
def searchsorted_scalar(b, sorted_sequence, self, *, out_int32=False, right=False, side=None, sorter=None):
    """searchsorted.Scalar(Tensor sorted_sequence, Scalar self, *, bool out_int32=False, bool right=False, str? side=None, Tensor? sorter=None) -> Tensor"""
    v = scalar(b, self, sorted_sequence.dtype)
    if _nd(sorted_sequence) > 1:
        v = b.xp.broadcast_to(v, _shape(sorted_sequence)[:-1] + (1,))
    return searchsorted(b, sorted_sequence, v, out_int32=out_int32, right=right, side=side, sorter=sorter)


@lower("aten.bucketize.Tensor")
def bucketize(b, self, boundaries, *, out_int32=False, right=False):
    """bucketize.Tensor(Tensor self, Tensor boundaries, *, bool out_int32=False, bool right=False) -> Tensor"""
    return _searchsorted_1d(b, b.xp.reshape(boundaries, (-1,)), self, right)


def _linspace(b, lo, hi, steps, dtype):
    """torch.linspace(lo, hi, steps) in ``dtype`` (lo/hi scalars or 0-d arrays), as torch computes it."""
    xp = b.xp
    lo = b.astype(lo, dtype)
    hi = b.astype(hi, dtype)
    i = xp.arange(steps, dtype=dtype)
    if steps == 1:
        return xp.reshape(lo, (1,))
    step = (hi - lo) / (steps - 1)
    j = xp.asarray(steps - 1, dtype=dtype) - i
    return xp.where(i < steps // 2, lo + step * i, hi - step * j)


def _outer_edges(b, x, lo, hi, pad):
    """Histogram outer edges: given range, else the data's; equal edges are widened by ``pad``."""
    xp = b.xp
    if lo is None:
        if math.prod(_shape(x)) == 0:  # torch's default range for empty input
            lo, hi = xp.zeros((), dtype=x.dtype), xp.ones((), dtype=x.dtype)
        else:
            lo, hi = xp.min(x), xp.max(x)
    else:
        lo, hi = b.astype(lo, x.dtype), b.astype(hi, x.dtype)
    same = lo == hi
    return xp.where(same, lo - pad, lo), xp.where(same, hi + pad, hi)


def _upper_bound(b, edges, x):
    """std::upper_bound(edges, x) elementwise, as torch's histogram kernel runs it (also on unsorted edges)."""
    xp = b.xp
    n = _shape(edges)[0]
    i64 = b.dtype_by_name("int64")
    first = xp.zeros(_shape(x), dtype=i64)
    count = xp.full(_shape(x), n, dtype=i64)
    for _ in builtins.range(n.bit_length() + 1):
        step = count // 2
        it = first + step
        go = xp.logical_and(count > 0, xp.logical_not(x < xp.take(edges, xp.clip(it, 0, n - 1))))
        first = xp.where(go, it + 1, first)
        count = xp.where(go, count - step - 1, step)
    return first


def _histdd(b, x2d, edges, weight, density, dtype):
    """Counts of the rows of ``x2d`` (N, D) in the bins given by D edge arrays (torch's histogramdd kernel)."""
    xp = b.xp
    nbins = [_shape(e)[0] - 1 for e in edges]
    lin = None
    valid = None
    for d, e in enumerate(edges):
        xd = x2d[:, d]
        pos = _upper_bound(b, e, xd) - 1
        pos = xp.clip(pos, 0, nbins[d] - 1)
        ok = xp.logical_and(xd >= e[0], xd <= e[-1])
        valid = ok if valid is None else xp.logical_and(valid, ok)
        lin = pos if lin is None else lin * nbins[d] + pos
    n = _shape(x2d)[0]
    w = xp.ones((n,), dtype=dtype) if weight is None else b.astype(xp.reshape(weight, (-1,)), dtype)
    w = xp.where(valid, w, xp.zeros_like(w))
    hist = scatter_flat(b, xp.zeros((math.prod(nbins),), dtype=dtype), lin, w, "add")
    hist = xp.reshape(hist, nbins)
    if density:
        hist = hist / xp.sum(hist)
        for d, e in enumerate(edges):
            width = e[1:] - e[:-1]
            hist = hist / xp.reshape(b.astype(width, dtype), [-1 if k == d else 1 for k in range(len(edges))])
    return hist


@lower("aten.histc.default")
def histc(b, self, bins=100, min=0, max=0):
    """histc(Tensor self, int bins=100, Scalar min=0, Scalar max=0) -> Tensor"""
    xp = b.xp
    x = xp.reshape(self, (-1,))
    rng = None if min == max else (min, max)
    lo, hi = _outer_edges(b, x, *(rng or (None, None)), 1)
    # torch's bin of x is arithmetic, (x - lo) * bins / (hi - lo) truncated, not a search of linspace's
    # edges (which differ from it by an ulp: a value on an edge would change bins)
    valid = xp.logical_and(x >= lo, x <= hi)
    pos = xp.where(valid, xp.floor((x - lo) * bins / (hi - lo)), xp.zeros_like(x))
    pos = xp.clip(b.astype(pos, b.dtype_by_name("int32")), 0, bins - 1)
    w = xp.where(valid, xp.ones_like(x), xp.zeros_like(x))
    return scatter_flat(b, xp.zeros((bins,), dtype=x.dtype), pos, w, "add")


@lower("aten.histogram.bin_ct")
def histogram_bin_ct(b, self, bins=100, *, range=None, weight=None, density=False):
    """histogram.bin_ct(Tensor self, int bins=100, *, float[]? range=None, Tensor? weight=None, bool density=False) -> (Tensor hist, Tensor bin_edges)"""
    xp = b.xp
    x = xp.reshape(self, (-1,))
    lo, hi = _outer_edges(b, x, *(range or (None, None)), 0.5)
    edges = _linspace(b, lo, hi, bins + 1, x.dtype)
    return _histdd(b, xp.reshape(x, (-1, 1)), [edges], weight, density, x.dtype), edges


@lower("aten.histogram.bins_tensor")
def histogram_bins_tensor(b, self, bins, *, weight=None, density=False):
    """histogram.bins_tensor(Tensor self, Tensor bins, *, Tensor? weight=None, bool density=False) -> (Tensor hist, Tensor bin_edges)"""
    xp = b.xp
    x = xp.reshape(self, (-1, 1))
    edges = b.astype(bins, self.dtype)
    return _histdd(b, x, [edges], weight, density, self.dtype), edges


def _dd_edges(b, self, bins, range):
    xp = b.xp
    dd = _shape(self)[-1]
    x = xp.reshape(self, (-1, dd))
    out = []
    for d in builtins.range(dd):
        r = (range[2 * d], range[2 * d + 1]) if range else (None, None)
        lo, hi = _outer_edges(b, x[:, d], *r, 0.5)
        out.append(_linspace(b, lo, hi, bins[d] + 1, self.dtype))
    return x, out


@lower("aten._histogramdd_bin_edges.default")
def histogramdd_bin_edges(b, self, bins, *, range=None, weight=None, density=False):
    """_histogramdd_bin_edges(Tensor self, int[] bins, *, float[]? range=None, Tensor? weight=None, bool density=False) -> Tensor[]"""
    return _dd_edges(b, self, bins, range)[1]


@lower("aten._histogramdd_from_bin_cts.default")
def histogramdd_from_bin_cts(b, self, bins, *, range=None, weight=None, density=False):
    """_histogramdd_from_bin_cts(Tensor self, int[] bins, *, float[]? range=None, Tensor? weight=None, bool density=False) -> Tensor"""
    x, edges = _dd_edges(b, self, bins, range)
    return _histdd(b, x, edges, weight, density, self.dtype)


@lower("aten._histogramdd_from_bin_tensors.default")
def histogramdd_from_bin_tensors(b, self, bins, *, weight=None, density=False):
    """_histogramdd_from_bin_tensors(Tensor self, Tensor[] bins, *, Tensor? weight=None, bool density=False) -> Tensor"""
    dd = _shape(self)[-1]
    x = b.xp.reshape(self, (-1, dd))
    return _histdd(b, x, [b.astype(e, self.dtype) for e in bins], weight, density, self.dtype)


# ----------------------------------------------------------------------------------- *_scatter, as_strided


@lower("aten.slice_scatter.default")
def slice_scatter(b, self, src, dim=0, start=None, end=None, step=1):
    """slice_scatter(Tensor self, Tensor src, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1) -> Tensor"""
    xp = b.xp
    shape = _shape(self)
    dim = _dim(dim, len(shape))
    n = shape[dim]
    start = 0 if start is None else (start + n if start < 0 else start)
    end = n if end is None else (end + n if end < 0 else end)
    start, end = min(max(start, 0), n), min(max(end, 0), n)
    pos = np.arange(start, max(start, end), step)
    if len(pos) == 0:
        return self
    if len(pos) == n:
        return xp.broadcast_to(b.astype(src, self.dtype), shape)
    k = np.zeros(n, np.int64)
    k[pos] = np.arange(len(pos))
    m = np.zeros(n, bool)
    m[pos] = True
    e = xp.take(src, _const(b, k), axis=dim)
    bshape = [n if d == dim else 1 for d in range(len(shape))]
    return xp.where(xp.reshape(_const(b, m, "bool"), bshape), b.astype(e, self.dtype), self)


@lower("aten.select_scatter.default")
def select_scatter(b, self, src, dim, index):
    """select_scatter(Tensor self, Tensor src, int dim, SymInt index) -> Tensor"""
    xp = b.xp
    shape = _shape(self)
    dim = _dim(dim, len(shape))
    n = shape[dim]
    index = index + n if index < 0 else index
    m = np.arange(n) == index
    bshape = [n if d == dim else 1 for d in range(len(shape))]
    e = xp.expand_dims(b.astype(src, self.dtype), dim)
    return xp.where(xp.reshape(_const(b, m, "bool"), bshape), e, self)


@lower("aten.diagonal_scatter.default")
def diagonal_scatter(b, self, src, offset=0, dim1=0, dim2=1):
    """diagonal_scatter(Tensor self, Tensor src, int offset=0, int dim1=0, int dim2=1) -> Tensor"""
    xp = b.xp
    shape = _shape(self)
    nd = len(shape)
    dim1, dim2 = _dim(dim1, nd), _dim(dim2, nd)
    n1, n2 = shape[dim1], shape[dim2]
    i = np.arange(n1).reshape(-1, 1)
    j = np.arange(n2).reshape(1, -1)
    m = (j - i) == offset
    length = _shape(src)[-1] if _nd(src) else 0
    if length == 0 or not m.any():
        return self
    k = np.clip(i - max(0, -offset) + 0 * j, 0, length - 1)
    e = xp.take(b.astype(src, self.dtype), _const(b, k), axis=-1)  # src.shape[:-1] + (n1, n2)
    e = xp.moveaxis(e, (-2, -1), (dim1, dim2))
    me = xp.moveaxis(xp.reshape(_const(b, m, "bool"), (1,) * (nd - 2) + (n1, n2)), (-2, -1), (dim1, dim2))
    return xp.where(me, e, self)


def _strided_index(b, size, stride, storage_offset):
    """Flat storage positions of an ``as_strided`` view (row-major over ``size``)."""
    xp = b.xp
    i64 = b.dtype_by_name("int64")
    idx = xp.full(tuple(size), storage_offset or 0, dtype=i64)
    for d, (n, st) in enumerate(zip(size, stride)):
        idx = idx + xp.reshape(xp.arange(n, dtype=i64) * st, [n if e == d else 1 for e in range(len(size))])
    return xp.reshape(idx, (-1,))


@lower("aten.as_strided.default", "aten.as_strided_copy.default")
def as_strided(b, self, size, stride, storage_offset=None):
    """as_strided(Tensor(a) self, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None) -> Tensor(a)
    as_strided_copy(Tensor self, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None) -> Tensor"""
    xp = b.xp
    flat = xp.reshape(self, (-1,))
    return xp.reshape(xp.take(flat, _strided_index(b, size, stride, storage_offset)), tuple(size))


@lower("aten.as_strided_scatter.default")
def as_strided_scatter(b, self, src, size, stride, storage_offset=None):
    """as_strided_scatter(Tensor self, Tensor src, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None) -> Tensor"""
    xp = b.xp
    flat = xp.reshape(self, (-1,))
    out = scatter_flat(b, flat, _strided_index(b, size, stride, storage_offset), xp.reshape(src, (-1,)), "set")
    return xp.reshape(out, _shape(self))
