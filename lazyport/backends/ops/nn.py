"""nn lowerings: activations, convolution, softmax, normalization, pooling, resampling, padding,
embeddings and distances.

Layouts are torch's (NCHW activations, OIHW weights). Shapes are static: every index table that only
depends on shapes (pooling windows, interpolation taps) is built with NumPy at lowering time and used
as a constant, so the generated code is a few gathers and reductions on every target.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from ..registry import lower, not_lowered

# --------------------------------------------------------------------------------------------- helpers


def _tup(v, n):
    """An int-list argument expanded to ``n`` entries (torch accepts one value for every dim)."""
    if v is None:
        return None
    v = list(v) if isinstance(v, (list, tuple)) else [v]
    if len(v) == 0:
        return None
    return tuple(int(x) for x in (v * n if len(v) == 1 else v))


def _shape(x):
    return tuple(int(s) for s in x.shape)


def _const(b, a, dtype):
    """A NumPy constant as a target array of ``dtype``."""
    return b.asarray(np.asarray(a), dtype=dtype)


def _lowest(b, dtype):
    name = b.dtype_name(dtype)
    if name == "bool":
        return False
    if b.is_integer(dtype):
        return int(np.iinfo(name).min)
    return -math.inf


def _erf(b, x):
    if b.name == "jax":
        from jax.scipy.special import erf

        return erf(x)
    if b.name == "tensorflow":
        return b.fw.math.erf(x)
    from scipy.special import erf

    return erf(x)


def _float_work(b, x):
    """``x`` in a dtype at least float32 wide (torch accumulates low-precision floats in float32)."""
    if b.dtype_name(x.dtype) in ("float16", "bfloat16"):
        return b.astype(x, b.dtype_by_name("float32"))
    return x


def _segment_sum(b, data, ids, num):
    """Sum the rows of ``data`` (first axis) into ``num`` segments given by ``ids``."""
    if b.name == "jax":
        import jax

        return jax.ops.segment_sum(data, ids, num_segments=num)
    if b.name == "tensorflow":
        return b.fw.math.unsorted_segment_sum(data, ids, num)
    out = np.zeros((num,) + tuple(data.shape[1:]), dtype=data.dtype)
    np.add.at(out, np.asarray(ids), data)
    return out


# ----------------------------------------------------------------------------------------- activations


@lower("aten.relu.default")
def relu(b, self):
    """relu(Tensor self) -> Tensor"""
    return b.xp.where(self <= 0, b.xp.zeros_like(self), self)


@lower("aten.leaky_relu.default")
def leaky_relu(b, self, negative_slope=0.01):
    """leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor"""
    return b.xp.where(self > 0, self, self * negative_slope)


@lower("aten.hardtanh.default")
def hardtanh(b, self, min_val=-1, max_val=1):
    """hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor"""
    xp = b.xp
    lo = xp.where(self < min_val, xp.full_like(self, min_val), self)
    return xp.where(lo > max_val, xp.full_like(self, max_val), lo)


@lower("aten.elu.default")
def elu(b, self, alpha=1, scale=1, input_scale=1):
    """elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor"""
    xp = b.xp
    neg = xp.expm1(xp.minimum(self, 0) * input_scale) * (alpha * scale)
    return xp.where(self > 0, self * scale, neg)


@lower("aten.gelu.default")
def gelu(b, self, approximate="none"):
    """gelu(Tensor self, *, str approximate="none") -> Tensor"""
    xp = b.xp
    if approximate == "tanh":
        inner = math.sqrt(2.0 / math.pi) * (self + 0.044715 * self * self * self)
        return 0.5 * self * (1.0 + xp.tanh(inner))
    return self * 0.5 * (1.0 + _erf(b, self * (1.0 / math.sqrt(2.0))))


# ----------------------------------------------------------------------------------------- convolution


def _dilate(b, x, axis, factor):
    """Insert ``factor - 1`` zeros between the elements of ``x`` along ``axis``."""
    if factor == 1:
        return x
    xp = b.xp
    shape = _shape(x)
    n = shape[axis]
    if n == 0:
        return x
    y = xp.expand_dims(x, axis + 1)
    pads = [(0, 0)] * len(y.shape)
    pads[axis + 1] = (0, factor - 1)
    y = xp.pad(y, pads)
    y = xp.reshape(y, shape[:axis] + (n * factor,) + shape[axis + 1:])
    idx = [slice(None)] * len(shape)
    idx[axis] = slice(0, (n - 1) * factor + 1)
    return y[tuple(idx)]


def _pad_crop(b, x, first_axis, pads, value=0):
    """Pad (positive) or crop (negative) the axes from ``first_axis`` on by ``(lo, hi)`` pairs."""
    if any(p < 0 for pair in pads for p in pair):
        idx = [slice(None)] * len(x.shape)
        for i, (lo, hi) in enumerate(pads):
            n = int(x.shape[first_axis + i])
            idx[first_axis + i] = slice(max(-lo, 0), n - max(-hi, 0))
        x = x[tuple(idx)]
    if any(p > 0 for pair in pads for p in pair):
        full = [(0, 0)] * first_axis + [(max(lo, 0), max(hi, 0)) for lo, hi in pads]
        full += [(0, 0)] * (len(x.shape) - len(full))
        x = b.xp.pad(x, full, constant_values=value)
    return x


def _conv_np(b, x, w, stride, dilation, groups):
    """Unpadded strided, dilated, grouped convolution in NumPy (sliding windows + einsum)."""
    from numpy.lib.stride_tricks import sliding_window_view

    nd = len(w.shape) - 2
    n, c = x.shape[:2]
    o = w.shape[0]
    k = w.shape[2:]
    eff = tuple(d * (kk - 1) + 1 for d, kk in zip(dilation, k))
    win = sliding_window_view(x, eff, axis=tuple(range(2, 2 + nd)))
    win = win[(slice(None),) * 2 + tuple(slice(None, None, s) for s in stride)
              + tuple(slice(None, None, d) for d in dilation)]
    out_sp = win.shape[2:2 + nd]
    win = win.reshape((n, groups, c // groups) + out_sp + tuple(k))
    wg = np.asarray(w).reshape((groups, o // groups, c // groups) + tuple(k))
    sp, kl = "xyz"[:nd], "ijk"[:nd]
    out = np.einsum(f"ngc{sp}{kl},goc{kl}->ngo{sp}", win, wg, optimize=True)
    return out.reshape((n, o) + out_sp)


def _conv_tf(b, x, w, stride, dilation, groups):
    """Unpadded strided, dilated, grouped convolution with ``tf.nn.convolution`` (channels last)."""
    tf = b.fw
    nd = len(w.shape) - 2
    if groups > 1 and nd == 3:  # TensorFlow's CPU Conv3D has no groups: one convolution per group
        xs = tf.split(x, groups, axis=1)
        ws = tf.split(w, groups, axis=0)
        return tf.concat([_conv_tf(b, xi, wi, stride, dilation, 1) for xi, wi in zip(xs, ws)], axis=1)
    xt = tf.transpose(x, [0] + list(range(2, 2 + nd)) + [1])
    wt = tf.transpose(w, list(range(2, 2 + nd)) + [1, 0])
    post = None
    if any(s > 1 for s in stride) and any(d > 1 for d in dilation):
        post, stride = stride, (1,) * nd  # TF cannot stride and dilate at once: stride by slicing
    out = tf.nn.convolution(xt, wt, strides=list(stride), padding="VALID", dilations=list(dilation))
    if post is not None:
        out = out[(slice(None),) + tuple(slice(None, None, s) for s in post)]
    return tf.transpose(out, [0, nd + 1] + list(range(1, nd + 1)))


def _conv_general(b, x, w, stride, pads, lhs_dilation, dilation, groups):
    """Convolution of ``x`` (N, C, *S) with ``w`` (O, C/groups, *K): ``pads`` may be negative."""
    nd = len(w.shape) - 2
    if b.name == "jax":
        from jax import lax

        spec = {1: ("NCH", "OIH", "NCH"), 2: ("NCHW", "OIHW", "NCHW"), 3: ("NCDHW", "OIDHW", "NCDHW")}[nd]
        return lax.conv_general_dilated(
            x, w, window_strides=stride, padding=[tuple(p) for p in pads], lhs_dilation=lhs_dilation,
            rhs_dilation=dilation, dimension_numbers=spec, feature_group_count=groups,
            precision=lax.Precision.HIGHEST)
    for i, f in enumerate(lhs_dilation):
        x = _dilate(b, x, 2 + i, f)
    x = _pad_crop(b, x, 2, pads)
    if b.name == "tensorflow":
        return _conv_tf(b, x, w, stride, dilation, groups)
    return _conv_np(b, x, w, stride, dilation, groups)


@lower("aten.convolution.default")
def convolution(b, input, weight, bias, stride, padding, dilation, transposed, output_padding, groups):
    """convolution(Tensor input, Tensor weight, Tensor? bias, SymInt[] stride, SymInt[] padding, SymInt[] dilation, bool transposed, SymInt[] output_padding, SymInt groups) -> Tensor"""
    xp = b.xp
    nd = len(weight.shape) - 2
    stride = _tup(stride, nd) or (1,) * nd
    padding = _tup(padding, nd) or (0,) * nd
    dilation = _tup(dilation, nd) or (1,) * nd
    output_padding = _tup(output_padding, nd) or (0,) * nd
    x, w = input, weight
    unbatched = len(x.shape) == nd + 1
    if unbatched:
        x = xp.expand_dims(x, 0)
    if transposed:
        cin, cout_g = _shape(w)[:2]
        k = _shape(w)[2:]
        w = xp.reshape(w, (groups, cin // groups, cout_g) + k)
        w = xp.swapaxes(w, 1, 2)
        w = xp.reshape(w, (groups * cout_g, cin // groups) + k)
        w = xp.flip(w, axis=tuple(range(2, 2 + nd)))
        pads = [(d * (kk - 1) - p, d * (kk - 1) - p + op)
                for d, kk, p, op in zip(dilation, k, padding, output_padding)]
        out = _conv_general(b, x, w, (1,) * nd, pads, stride, dilation, groups)
    else:
        out = _conv_general(b, x, w, stride, [(p, p) for p in padding], (1,) * nd, dilation, groups)
    if bias is not None:
        out = out + xp.reshape(bias, (1, -1) + (1,) * nd)
    if unbatched:
        out = out[0]
    return out


not_lowered("aten.convolution_backward.default",
            "a backward op: lazyport translates forward functions (the target differentiates them)")

# -------------------------------------------------------------------------------------------- softmax


@lower("aten._softmax.default")
def softmax(b, self, dim, half_to_float):
    """_softmax(Tensor self, int dim, bool half_to_float) -> Tensor"""
    xp = b.xp
    x = _float_work(b, self)
    if len(x.shape) == 0:
        return xp.exp(x - x)
    e = xp.exp(x - xp.max(x, axis=dim, keepdims=True))
    return e / xp.sum(e, axis=dim, keepdims=True)


@lower("aten._log_softmax.default")
def log_softmax(b, self, dim, half_to_float):
    """_log_softmax(Tensor self, int dim, bool half_to_float) -> Tensor"""
    xp = b.xp
    x = _float_work(b, self)
    if len(x.shape) == 0:
        return x - x
    s = x - xp.max(x, axis=dim, keepdims=True)
    return s - xp.log(xp.sum(xp.exp(s), axis=dim, keepdims=True))


# ------------------------------------------------------------------------------------- normalization


def _moments(b, x, axes):
    """Mean and biased variance of ``x`` over ``axes`` (kept)."""
    xp = b.xp
    mean = xp.mean(x, axis=axes, keepdims=True)
    d = x - mean
    return mean, xp.mean(d * d, axis=axes, keepdims=True)


@lower("aten.native_layer_norm.default")
def native_layer_norm(b, input, normalized_shape, weight, bias, eps):
    """native_layer_norm(Tensor input, SymInt[] normalized_shape, Tensor? weight, Tensor? bias, float eps) -> (Tensor, Tensor, Tensor)"""
    xp = b.xp
    x = _float_work(b, input)
    nd = len(x.shape)
    axes = tuple(range(nd - len(normalized_shape), nd))
    mean, var = _moments(b, x, axes)
    rstd = 1.0 / xp.sqrt(var + eps)
    out = (x - mean) * rstd
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out, mean, rstd


@lower("aten.native_group_norm.default")
def native_group_norm(b, input, weight, bias, N, C, HxW, group, eps):
    """native_group_norm(Tensor input, Tensor? weight, Tensor? bias, SymInt N, SymInt C, SymInt HxW, int group, float eps) -> (Tensor, Tensor, Tensor)"""
    xp = b.xp
    x = _float_work(b, input)
    shape = _shape(input)
    xg = xp.reshape(x, (N, group, -1))
    mean, var = _moments(b, xg, (2,))
    rstd = 1.0 / xp.sqrt(var + eps)
    out = xp.reshape((xg - mean) * rstd, (N, C, -1))
    if weight is not None:
        out = out * xp.reshape(weight, (1, C, 1))
    if bias is not None:
        out = out + xp.reshape(bias, (1, C, 1))
    return xp.reshape(out, shape), xp.reshape(mean, (N, group)), xp.reshape(rstd, (N, group))


def _bn_shape(x):
    return (1, -1) + (1,) * (len(x.shape) - 2)


def _bn_apply(b, x, mean, invstd, weight, bias):
    xp = b.xp
    s = _bn_shape(x)
    out = (x - xp.reshape(mean, s)) * xp.reshape(invstd, s)
    if weight is not None:
        out = out * xp.reshape(weight, s)
    if bias is not None:
        out = out + xp.reshape(bias, s)
    return out


def _bn_train(b, x, weight, bias, eps):
    """Batch statistics: (out, mean, invstd, unbiased var)."""
    xp = b.xp
    axes = (0,) + tuple(range(2, len(x.shape)))
    n = int(np.prod([x.shape[a] for a in axes]))
    mean = xp.mean(x, axis=axes)
    d = x - xp.reshape(mean, _bn_shape(x))
    var = xp.mean(d * d, axis=axes)
    invstd = 1.0 / xp.sqrt(var + eps)
    unbiased = var * (n / (n - 1)) if n > 1 else var * math.inf
    return _bn_apply(b, x, mean, invstd, weight, bias), mean, invstd, unbiased


def _bn_eval(b, x, weight, bias, running_mean, running_var, eps):
    return _bn_apply(b, x, running_mean, 1.0 / b.xp.sqrt(running_var + eps), weight, bias)


def _empty(b, x):
    return b.xp.zeros((0,), dtype=x.dtype)


@lower("aten._native_batch_norm_legit_no_training.default")
def native_batch_norm_legit_no_training(b, input, weight, bias, running_mean, running_var, momentum, eps):
    """_native_batch_norm_legit_no_training(Tensor input, Tensor? weight, Tensor? bias, Tensor running_mean, Tensor running_var, float momentum, float eps) -> (Tensor, Tensor, Tensor)"""
    x = _float_work(b, input)
    return _bn_eval(b, x, weight, bias, running_mean, running_var, eps), _empty(b, x), _empty(b, x)


@lower("aten._native_batch_norm_legit_functional.default")
def native_batch_norm_legit_functional(b, input, weight, bias, running_mean, running_var, training, momentum, eps):
    """_native_batch_norm_legit_functional(Tensor input, Tensor? weight, Tensor? bias, Tensor running_mean, Tensor running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor, Tensor running_mean_out, Tensor running_var_out)"""
    x = _float_work(b, input)
    if not training:
        out = _bn_eval(b, x, weight, bias, running_mean, running_var, eps)
        return out, _empty(b, x), _empty(b, x), running_mean, running_var
    out, mean, invstd, unbiased = _bn_train(b, x, weight, bias, eps)
    new_mean = running_mean * (1 - momentum) + mean * momentum
    new_var = running_var * (1 - momentum) + unbiased * momentum
    return out, mean, invstd, new_mean, new_var


@lower("aten._native_batch_norm_legit.default")
def native_batch_norm_legit(b, input, weight, bias, running_mean, running_var, training, momentum, eps):
    """_native_batch_norm_legit(Tensor input, Tensor? weight, Tensor? bias, Tensor(a!) running_mean, Tensor(b!) running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)"""
    x = _float_work(b, input)
    if not training:
        return _bn_eval(b, x, weight, bias, running_mean, running_var, eps), _empty(b, x), _empty(b, x)
    out, mean, invstd, _ = _bn_train(b, x, weight, bias, eps)
    return out, mean, invstd


@lower("aten._native_batch_norm_legit.no_stats")
def native_batch_norm_legit_no_stats(b, input, weight, bias, training, momentum, eps):
    """_native_batch_norm_legit.no_stats(Tensor input, Tensor? weight, Tensor? bias, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)"""
    out, mean, invstd, _ = _bn_train(b, _float_work(b, input), weight, bias, eps)
    return out, mean, invstd


@lower("aten.native_batch_norm.default")
def native_batch_norm(b, input, weight, bias, running_mean, running_var, training, momentum, eps):
    """native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)"""
    x = _float_work(b, input)
    if not training and running_mean is not None and running_var is not None:
        return _bn_eval(b, x, weight, bias, running_mean, running_var, eps), _empty(b, x), _empty(b, x)
    out, mean, invstd, _ = _bn_train(b, x, weight, bias, eps)
    return out, mean, invstd


@lower("aten._batch_norm_with_update_functional.default")
def batch_norm_with_update_functional(b, input, weight, bias, running_mean, running_var, momentum, eps):
    """_batch_norm_with_update_functional(Tensor input, Tensor? weight, Tensor? bias, Tensor running_mean, Tensor running_var, float momentum, float eps) -> (Tensor, Tensor, Tensor, Tensor, Tensor running_mean_out, Tensor running_var_out)"""
    x = _float_work(b, input)
    out, mean, invstd, unbiased = _bn_train(b, x, weight, bias, eps)
    new_mean = running_mean * (1 - momentum) + mean * momentum
    new_var = running_var * (1 - momentum) + unbiased * momentum
    reserve = b.xp.zeros((0,), dtype=b.dtype_by_name("uint8"))
    return out, mean, invstd, reserve, new_mean, new_var


not_lowered("aten.native_layer_norm_backward.default",
            "a backward op: lazyport translates forward functions (the target differentiates them)")
not_lowered("aten.native_group_norm_backward.default",
            "a backward op: lazyport translates forward functions (the target differentiates them)")
