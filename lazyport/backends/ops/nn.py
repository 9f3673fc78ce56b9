"""nn lowerings: activations, convolution, softmax, normalization, pooling, resampling, padding,
embeddings and distances.

Layouts are torch's (NCHW activations, OIHW weights). Shapes are static: every index table that only
depends on shapes (pooling windows, interpolation taps) is built with NumPy at lowering time and used
as a constant, so the generated code is a few gathers and reductions on every target.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np

from ..registry import lower

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


def _round_even(b, x):
    """Round half to even (``std::nearbyint``)."""
    if b.name == "tensorflow":
        return b.fw.math.round(x)
    return b.xp.round(x)


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
    if b.is_integer(self.dtype):  # torch converts the bounds to the integer dtype (TensorFlow insists)
        min_val, max_val = int(min_val), int(max_val)
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
    y = xp.pad(y, pads, mode="constant")
    y = xp.reshape(y, shape[:axis] + (n * factor,) + shape[axis + 1 :])
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
        x = b.xp.pad(x, full, mode="constant", constant_values=value)
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
    win = win[
        (slice(None),) * 2 + tuple(slice(None, None, s) for s in stride) + tuple(slice(None, None, d) for d in dilation)
    ]
    out_sp = win.shape[2 : 2 + nd]
    win = win.reshape((n, groups, c // groups) + out_sp + tuple(k))
    wg = np.asarray(w).reshape((groups, o // groups, c // groups) + tuple(k))
    sp, kl = "xyz"[:nd], "ijk"[:nd]
    out = np.einsum(f"ngc{sp}{kl},goc{kl}->ngo{sp}", win, wg, optimize=True)
    return out.reshape((n, o) + out_sp)


def _conv_tf(b, x, w, stride, dilation, groups):
    """Unpadded strided, dilated, grouped convolution with ``tf.nn.convolution`` (channels last)."""
    tf = b.fw
    nd = len(w.shape) - 2
    # TensorFlow on CPU computes grouped convolutions forward (2D only) but not their gradients: use a
    # depthwise convolution where it fits (kornia's filters), else one convolution per group.
    if (
        groups > 1
        and nd == 2
        and groups == x.shape[1]
        and stride[0] == stride[1]
        and (max(stride) == 1 or max(dilation) == 1)
    ):
        k = tuple(w.shape[2:])
        wt = tf.transpose(tf.reshape(w, (groups, w.shape[0] // groups) + k), [2, 3, 0, 1])
        out = tf.nn.depthwise_conv2d(
            tf.transpose(x, [0, 2, 3, 1]), wt, strides=[1, *stride, 1], padding="VALID", dilations=list(dilation)
        )
        return tf.transpose(out, [0, 3, 1, 2])
    if groups > 1:
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
            x,
            w,
            window_strides=stride,
            padding=[tuple(p) for p in pads],
            lhs_dilation=lhs_dilation,
            rhs_dilation=dilation,
            dimension_numbers=spec,
            feature_group_count=groups,
            precision=lax.Precision.HIGHEST,
        )
    for i, f in enumerate(lhs_dilation):
        x = _dilate(b, x, 2 + i, f)
    x = _pad_crop(b, x, 2, pads)
    if b.name == "tensorflow":
        return _conv_tf(b, x, w, stride, dilation, groups)
    return _conv_np(b, x, w, stride, dilation, groups)


def _conv_params(nd, stride, padding, dilation, output_padding):
    """Convolution hyper-parameters as ``nd``-tuples, torch's defaults for empty ones."""
    return (
        _tup(stride, nd) or (1,) * nd,
        _tup(padding, nd) or (0,) * nd,
        _tup(dilation, nd) or (1,) * nd,
        _tup(output_padding, nd) or (0,) * nd,
    )


@lower("aten.convolution.default")
def convolution(b, input, weight, bias, stride, padding, dilation, transposed, output_padding, groups):
    """convolution(Tensor input, Tensor weight, Tensor? bias, SymInt[] stride, SymInt[] padding, SymInt[] dilation, bool transposed, SymInt[] output_padding, SymInt groups) -> Tensor"""
    xp = b.xp
    nd = len(weight.shape) - 2
    stride, padding, dilation, output_padding = _conv_params(nd, stride, padding, dilation, output_padding)
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
        w = w[(slice(None),) * 2 + (slice(None, None, -1),) * nd]
        pads = [(d * (kk - 1) - p, d * (kk - 1) - p + op) for d, kk, p, op in zip(dilation, k, padding, output_padding)]
        out = _conv_general(b, x, w, (1,) * nd, pads, stride, dilation, groups)
    else:
        out = _conv_general(b, x, w, stride, [(p, p) for p in padding], (1,) * nd, dilation, groups)
    if bias is not None:
        out = out + xp.reshape(bias, (1, -1) + (1,) * nd)
    if unbatched:
        out = out[0]
    return out


def _conv_weight_grad(b, x, gy, kernel, stride, padding, dilation, groups):
    """d(conv)/d(weight): (G*Og, Cg, *K) from input ``x`` (N, G*Cg, *S) and ``gy`` (N, G*Og, *T).

    A convolution itself: the batch becomes the channels, stride and dilation swap roles.
    """
    xp = b.xp
    nd = len(kernel)
    n, c = _shape(x)[:2]
    o = int(gy.shape[1])
    sp, tp = _shape(x)[2:], _shape(gy)[2:]
    cg, og = c // groups, o // groups
    xt = xp.reshape(x, (n, groups, cg) + sp)
    xt = xp.reshape(xp.transpose(xt, (2, 1, 0) + tuple(range(3, 3 + nd))), (cg, groups * n) + sp)
    gt = xp.reshape(gy, (n, groups, og) + tp)
    gt = xp.reshape(xp.transpose(gt, (1, 2, 0) + tuple(range(3, 3 + nd))), (groups * og, n) + tp)
    gw = _conv_general(b, xt, gt, dilation, [(p, p) for p in padding], (1,) * nd, stride, groups)
    gw = gw[(slice(None), slice(None)) + tuple(slice(0, k) for k in kernel)]
    return xp.swapaxes(gw, 0, 1)


@lower("aten.convolution_backward.default")
def convolution_backward(
    b,
    grad_output,
    input,
    weight,
    bias_sizes,
    stride,
    padding,
    dilation,
    transposed,
    output_padding,
    groups,
    output_mask,
):
    """convolution_backward(Tensor grad_output, Tensor input, Tensor weight, SymInt[]? bias_sizes, SymInt[] stride, SymInt[] padding, SymInt[] dilation, bool transposed, SymInt[] output_padding, SymInt groups, bool[3] output_mask) -> (Tensor, Tensor, Tensor)"""
    xp = b.xp
    nd = len(weight.shape) - 2
    stride, padding, dilation, output_padding = _conv_params(nd, stride, padding, dilation, output_padding)
    kernel = _shape(weight)[2:]
    gi = gw = gb = None
    if output_mask[0]:
        if transposed:
            gi = convolution(b, grad_output, weight, None, stride, padding, dilation, False, (0,) * nd, groups)
            # output_padding beyond the stride adds outputs no input reached
            gi = gi[(slice(None), slice(None)) + tuple(slice(0, i) for i in _shape(input)[2:])]
        else:
            out_sp, in_sp = _shape(grad_output)[2:], _shape(input)[2:]
            op = [
                i - ((o - 1) * s - 2 * p + d * (k - 1) + 1)
                for i, o, s, p, d, k in zip(in_sp, out_sp, stride, padding, dilation, kernel)
            ]
            gi = convolution(b, grad_output, weight, None, stride, padding, dilation, True, op, groups)
    if output_mask[1]:
        if transposed:
            gw = _conv_weight_grad(b, grad_output, input, kernel, stride, padding, dilation, groups)
        else:
            gw = _conv_weight_grad(b, input, grad_output, kernel, stride, padding, dilation, groups)
    if output_mask[2]:
        gb = xp.sum(grad_output, axis=(0,) + tuple(range(2, 2 + nd)))
    return gi, gw, gb


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
    from .symbolic import dims_of, known

    xp = b.xp
    axes = (0,) + tuple(range(2, len(x.shape)))
    sizes = [dims_of(b, x)[a] for a in axes]  # (a tf.function's None dims read at run time)
    mean = xp.mean(x, axis=axes)
    d = x - xp.reshape(mean, _bn_shape(x))
    var = xp.mean(d * d, axis=axes)
    invstd = 1.0 / xp.sqrt(var + eps)
    if known(sizes):
        n = int(np.prod(sizes))
        unbiased = var * (n / (n - 1)) if n > 1 else var * math.inf
    else:  # (n = 1 gives n / 0 = inf, as above)
        n = b.fw.cast(math.prod(sizes), var.dtype)
        unbiased = var * (n / (n - 1))
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


def _norm_input_grad(b, g, x_hat, rstd, axes):
    xp = b.xp
    return rstd * (g - xp.mean(g, axis=axes, keepdims=True) - x_hat * xp.mean(g * x_hat, axis=axes, keepdims=True))


@lower("aten.native_layer_norm_backward.default")
def native_layer_norm_backward(b, grad_out, input, normalized_shape, mean, rstd, weight, bias, output_mask):
    """native_layer_norm_backward(Tensor grad_out, Tensor input, SymInt[] normalized_shape, Tensor mean, Tensor rstd, Tensor? weight, Tensor? bias, bool[3] output_mask) -> (Tensor, Tensor, Tensor)"""
    xp = b.xp
    nd = len(input.shape)
    k = len(normalized_shape)
    axes = tuple(range(nd - k, nd))
    batch_axes = tuple(range(nd - k))
    x_hat = (input - mean) * rstd
    g = grad_out * weight if weight is not None else grad_out
    gi = _norm_input_grad(b, g, x_hat, rstd, axes) if output_mask[0] else None
    gw = xp.sum(grad_out * x_hat, axis=batch_axes) if output_mask[1] and weight is not None else None
    gb = xp.sum(grad_out, axis=batch_axes) if output_mask[2] and bias is not None else None
    return gi, gw, gb


@lower("aten.native_group_norm_backward.default")
def native_group_norm_backward(b, grad_out, input, mean, rstd, weight, N, C, HxW, group, output_mask):
    """native_group_norm_backward(Tensor grad_out, Tensor input, Tensor mean, Tensor rstd, Tensor? weight, SymInt N, SymInt C, SymInt HxW, int group, bool[3] output_mask) -> (Tensor, Tensor, Tensor)"""
    xp = b.xp
    shape = _shape(input)
    x = xp.reshape(input, (N, group, -1))
    go = xp.reshape(grad_out, (N, C, -1))
    mean3, rstd3 = xp.reshape(mean, (N, group, 1)), xp.reshape(rstd, (N, group, 1))
    x_hat = (x - mean3) * rstd3
    g = go * xp.reshape(weight, (1, C, 1)) if weight is not None else go
    gi = None
    if output_mask[0]:
        gi = xp.reshape(_norm_input_grad(b, xp.reshape(g, (N, group, -1)), x_hat, rstd3, (2,)), shape)
    x_hat_c = xp.reshape(x_hat, (N, C, -1))
    gw = xp.sum(go * x_hat_c, axis=(0, 2)) if output_mask[1] else None
    gb = xp.sum(go, axis=(0, 2)) if output_mask[2] else None
    return gi, gw, gb


# -------------------------------------------------------------------------------------------- pooling


def _pool_out_size(n, k, s, p, d, ceil_mode):
    """torch's pooling_output_shape."""
    o = (n + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil_mode else 0)) // s + 1
    if ceil_mode and (o - 1) * s >= n + p:
        o -= 1
    return o


def _window_table(in_sizes, out_sizes, kernel, stride, padding, dilation):
    """Flat input positions (clipped) and validity of every window tap: two (*out, K) NumPy arrays
    (read-only, shared by the calls of the same geometry)."""
    return _window_table_of(
        *(tuple(int(v) for v in a) for a in (in_sizes, out_sizes, kernel, stride, padding, dilation))
    )


@functools.lru_cache(maxsize=256)
def _window_table_of(in_sizes, out_sizes, kernel, stride, padding, dilation):
    nd = len(in_sizes)
    pos, valid = [], np.ones((), bool)
    for i in range(nd):
        p = np.arange(out_sizes[i])[:, None] * stride[i] - padding[i] + np.arange(kernel[i])[None, :] * dilation[i]
        shape = [1] * (2 * nd)
        shape[i], shape[nd + i] = out_sizes[i], kernel[i]
        p = p.reshape(shape)
        valid = valid & (p >= 0) & (p < in_sizes[i])
        pos.append(np.clip(p, 0, max(in_sizes[i] - 1, 0)))
    flat = np.zeros((), np.int64)
    for i in range(nd):
        flat = flat * in_sizes[i] + pos[i]
    full = tuple(out_sizes) + tuple(kernel)
    k = int(np.prod(kernel))
    flat = np.broadcast_to(flat, full).reshape(tuple(out_sizes) + (k,))
    valid = np.broadcast_to(valid, full).reshape(tuple(out_sizes) + (k,))
    flat.flags.writeable = valid.flags.writeable = False
    return flat, valid


# Up to this many taps, a window sum is one strided slice per tap (a 3×3 average pool on a 64×64 image:
# 9 slices, 5× faster in NumPy than gathering every window); beyond it, one gather of all windows.
SLICED_TAPS = 64


def _window_sum(b, x, nd, kernel, stride, padding, out_sizes):
    """The sum of every pooling window of ``x``'s last ``nd`` dims, zeros outside the input."""
    xp = b.xp
    shape = tuple(x.shape)  # (leading dims may be unknown in a tf.function: only the last nd are used)
    lead = len(shape) - nd
    pads = [
        (p, max(0, (o - 1) * s + k - p - n)) for n, k, s, p, o in zip(shape[lead:], kernel, stride, padding, out_sizes)
    ]
    if any(lo or hi for lo, hi in pads):
        x = xp.pad(x, [(0, 0)] * lead + pads, "constant")
    total = None
    for taps in itertools.product(*(range(k) for k in kernel)):
        part = x[(Ellipsis,) + tuple(slice(t, t + s * (o - 1) + 1, s) for t, s, o in zip(taps, stride, out_sizes))]
        total = part if total is None else total + part
    return total


def _window_matrix(n, o, k, s, p):
    """Which of the ``n`` input positions each of the ``o`` windows of one dim covers: an (o, n) NumPy
    0/1 matrix (the padding, all zeros, left out). A box window is separable, so a large window's sum is
    one product with this matrix per dim, and its gradient one product with the transpose: memory
    o × n per dim, never a table of every window's taps (an AvgPool2d(1280) over 1280 planes of 7×7:
    10 GB as taps)."""
    start = np.arange(o)[:, None] * s - p
    pos = np.arange(n)[None, :]
    return ((pos >= start) & (pos < start + k)).astype(np.float64)


def _along(b, x, axis, m):
    """``x``'s dim ``axis`` (size m.shape[1]) mapped through the NumPy matrix ``m``: size m.shape[0]."""
    from .linalg import _matmul

    xp = b.xp
    y = _matmul(b, xp.moveaxis(x, axis, -1), _const(b, np.ascontiguousarray(m.T), x.dtype))
    return xp.moveaxis(y, -1, axis)


def _separable_window_sum(b, x, nd, kernel, stride, padding, out_sizes):
    """The sum of every box window of ``x``'s last ``nd`` dims, one dim at a time (see _window_matrix)."""
    lead = len(x.shape) - nd
    for i in range(nd):
        n = int(x.shape[lead + i])
        x = _along(b, x, lead + i, _window_matrix(n, out_sizes[i], kernel[i], stride[i], padding[i]))
    return x


def _gather_windows(b, x, nd, flat):
    """``x`` (..., *S) gathered at the (*out, K) flat positions ``flat``: (..., *out, K)."""
    from .symbolic import as_shape, dims_of

    xp = b.xp
    shape = dims_of(b, x)  # (a tf.function's None dims read at run time)
    lead = list(shape[: len(shape) - nd])
    xf = xp.reshape(x, as_shape(b, lead + [-1]))
    g = xp.take(xf, _const(b, flat.reshape(-1).astype(np.int32), b.dtype_by_name("int32")), axis=-1)
    return xp.reshape(g, as_shape(b, lead + list(flat.shape)))


def _select_index(b, am, table):
    """``table[..., am]`` for a static (*out, K) table and dynamic argmax ``am`` (..., *out)."""
    xp = b.xp
    k = table.shape[-1]
    hit = xp.expand_dims(am, -1) == _const(b, np.arange(k), am.dtype)
    return xp.sum(xp.where(hit, _const(b, table, b.dtype_by_name("int32")), 0), axis=-1)


def _max_with_indices(b, x, nd, flat, valid):
    xp = b.xp
    g = _gather_windows(b, x, nd, flat)
    g = xp.where(valid, g, _lowest(b, x.dtype))
    am = xp.argmax(g, axis=-1)
    if b.is_floating(x.dtype):  # torch takes a NaN when a window has one
        nan = xp.isnan(g)
        am = xp.where(xp.any(nan, axis=-1), xp.argmax(nan, axis=-1), am)
    return xp.max(g, axis=-1), _select_index(b, am, flat)


def _max_pool(b, x, nd, kernel_size, stride, padding, dilation, ceil_mode):
    kernel = _tup(kernel_size, nd)
    stride = _tup(stride, nd) or kernel
    padding = _tup(padding, nd) or (0,) * nd
    dilation = _tup(dilation, nd) or (1,) * nd
    in_sizes = tuple(int(n) for n in x.shape[-nd:])
    out_sizes = [
        _pool_out_size(n, k, s, p, d, ceil_mode) for n, k, s, p, d in zip(in_sizes, kernel, stride, padding, dilation)
    ]
    flat, valid = _window_table(in_sizes, out_sizes, kernel, stride, padding, dilation)
    return _max_with_indices(b, x, nd, flat, valid)


@lower("aten.max_pool2d_with_indices.default")
def max_pool2d_with_indices(b, self, kernel_size, stride=(), padding=0, dilation=1, ceil_mode=False):
    """max_pool2d_with_indices(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)"""
    return _max_pool(b, self, 2, kernel_size, stride, padding, dilation, ceil_mode)


@lower("aten.max_pool3d_with_indices.default")
def max_pool3d_with_indices(b, self, kernel_size, stride=(), padding=0, dilation=1, ceil_mode=False):
    """max_pool3d_with_indices(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, int[3] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)"""
    return _max_pool(b, self, 3, kernel_size, stride, padding, dilation, ceil_mode)


@lower("aten.max_pool2d_with_indices_backward.default")
def max_pool2d_with_indices_backward(b, grad_output, self, kernel_size, stride, padding, dilation, ceil_mode, indices):
    """max_pool2d_with_indices_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, int[2] dilation, bool ceil_mode, Tensor indices) -> Tensor"""
    xp = b.xp
    shape = _shape(self)
    planes = int(np.prod(shape[:-2]))
    hw = shape[-2] * shape[-1]
    go = xp.reshape(grad_output, (planes, -1))
    idx = b.astype(xp.reshape(indices, (planes, -1)), b.dtype_by_name("int32"))
    ids = idx + _const(b, np.arange(planes)[:, None] * hw, idx.dtype)
    out = _segment_sum(b, xp.reshape(go, (-1,)), xp.reshape(ids, (-1,)), planes * hw)
    return xp.reshape(out, shape)


def _avg_divisor(in_sizes, out_sizes, kernel, stride, padding, count_include_pad, divisor_override):
    """The divisor of every average-pooling output, as torch computes it (NumPy, shape ``out_sizes``;
    read-only, shared by the calls of the same geometry)."""
    return _avg_divisor_of(
        *(tuple(int(v) for v in a) for a in (in_sizes, out_sizes, kernel, stride, padding)),
        bool(count_include_pad),
        divisor_override,
    )


@functools.lru_cache(maxsize=256)
def _avg_divisor_of(in_sizes, out_sizes, kernel, stride, padding, count_include_pad, divisor_override):
    nd = len(in_sizes)
    if divisor_override:
        div = np.full(out_sizes, float(divisor_override))
        div.flags.writeable = False
        return div
    div = np.ones(out_sizes)
    for i in range(nd):
        start = np.arange(out_sizes[i]) * stride[i] - padding[i]
        end = np.minimum(start + kernel[i], in_sizes[i] + padding[i])
        cnt = end - start if count_include_pad else np.minimum(end, in_sizes[i]) - np.maximum(start, 0)
        shape = [1] * nd
        shape[i] = out_sizes[i]
        div = div * cnt.reshape(shape)
    div.flags.writeable = False
    return div


def _avg_pool(b, x, nd, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override):
    xp = b.xp
    kernel = _tup(kernel_size, nd)
    stride = _tup(stride, nd) or kernel
    padding = _tup(padding, nd) or (0,) * nd
    in_sizes = tuple(int(n) for n in x.shape[-nd:])  # (leading dims may be unknown in a tf.function)
    out_sizes = [_pool_out_size(n, k, s, p, 1, ceil_mode) for n, k, s, p in zip(in_sizes, kernel, stride, padding)]
    div = _avg_divisor(in_sizes, out_sizes, kernel, stride, padding, count_include_pad, divisor_override)
    xw = _float_work(b, x) if b.is_floating(x.dtype) else x
    if math.prod(kernel) <= SLICED_TAPS:
        s = _window_sum(b, xw, nd, kernel, stride, padding, out_sizes)
    elif b.is_floating(xw.dtype):
        s = _separable_window_sum(b, xw, nd, kernel, stride, padding, out_sizes)
    else:  # integers: exact sums (a product in floating point would round beyond 2**24)
        flat, valid = _window_table(in_sizes, out_sizes, kernel, stride, padding, (1,) * nd)
        g = _gather_windows(b, xw, nd, flat)
        s = xp.sum(xp.where(valid, g, xp.zeros_like(g)), axis=-1)
    if b.is_integer(x.dtype):  # torch divides integers with truncation
        d = _const(b, div.astype(np.int64), s.dtype)
        q = xp.abs(s) // d
        return xp.where(s < 0, -q, q)
    return s / _const(b, div, s.dtype)


@lower("aten.avg_pool1d.default")
def avg_pool1d(b, self, kernel_size, stride=(), padding=(0,), ceil_mode=False, count_include_pad=True):
    """avg_pool1d(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] padding=[0], bool ceil_mode=False, bool count_include_pad=True) -> Tensor"""
    return _avg_pool(b, self, 1, kernel_size, stride, padding, ceil_mode, count_include_pad, None)


@lower("aten.avg_pool2d.default")
def avg_pool2d(
    b, self, kernel_size, stride=(), padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None
):
    """avg_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor"""
    return _avg_pool(b, self, 2, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)


@lower("aten.avg_pool3d.default")
def avg_pool3d(
    b, self, kernel_size, stride=(), padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None
):
    """avg_pool3d(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor"""
    return _avg_pool(b, self, 3, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)


@lower("aten.avg_pool2d_backward.default")
def avg_pool2d_backward(
    b, grad_output, self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override
):
    """avg_pool2d_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, bool ceil_mode, bool count_include_pad, int? divisor_override) -> Tensor"""
    xp = b.xp
    nd = 2
    kernel = _tup(kernel_size, nd)
    stride_ = _tup(stride, nd) or kernel
    padding_ = _tup(padding, nd) or (0,) * nd
    shape = _shape(self)
    in_sizes = shape[-nd:]
    out_sizes = _shape(grad_output)[-nd:]
    div = _avg_divisor(in_sizes, out_sizes, kernel, stride_, padding_, count_include_pad, divisor_override)
    planes = int(np.prod(shape[:-nd]))
    go = xp.reshape(grad_output, (planes,) + tuple(out_sizes)) / _const(b, div, grad_output.dtype)
    if math.prod(kernel) > SLICED_TAPS:  # each output's gradient spread over its box, one dim at a time
        for i in range(nd):
            m = _window_matrix(in_sizes[i], out_sizes[i], kernel[i], stride_[i], padding_[i])
            go = _along(b, go, 1 + i, np.ascontiguousarray(m.T))
        return xp.reshape(go, shape)
    flat, valid = _window_table(in_sizes, out_sizes, kernel, stride_, padding_, (1,) * nd)
    # every valid tap sends its output's gradient to its input position
    taps = xp.broadcast_to(xp.expand_dims(go, -1), (planes,) + flat.shape)
    taps = xp.where(valid, taps, xp.zeros_like(taps))
    data = xp.reshape(xp.moveaxis(xp.reshape(taps, (planes, -1)), 0, -1), (-1, planes))
    ids = _const(b, flat.reshape(-1), b.dtype_by_name("int32"))
    out = _segment_sum(b, data, ids, int(np.prod(in_sizes)))  # (H*W, planes)
    return xp.reshape(xp.moveaxis(out, -1, 0), shape)


def _adaptive_table(n, o):
    start = (np.arange(o) * n) // o
    end = ((np.arange(o) + 1) * n + o - 1) // o
    kmax = int((end - start).max()) if o else 1
    idx = start[:, None] + np.arange(kmax)[None, :]
    valid = idx < end[:, None]
    return np.minimum(idx, n - 1), valid, end - start


def _adaptive_avg(b, x, output_size):
    xp = b.xp
    nd = len(output_size)
    xw = _float_work(b, x)
    count = np.ones(())
    for i, o in enumerate(output_size):
        axis = len(x.shape) - nd + i
        n = int(x.shape[axis])
        if n % o == 0:  # equal windows: a reshape and a sum
            shape = _shape(xw)
            xw = xp.sum(xp.reshape(xw, shape[:axis] + (o, n // o) + shape[axis + 1 :]), axis=axis + 1)
            cnt = np.full(o, n // o)
        else:
            idx, valid, cnt = _adaptive_table(n, o)
            shape = _shape(xw)
            g = xp.take(xw, _const(b, idx.reshape(-1), b.dtype_by_name("int32")), axis=axis)
            g = xp.reshape(g, shape[:axis] + idx.shape + shape[axis + 1 :])
            vshape = valid.shape + (1,) * (len(shape) - axis - 1)
            g = xp.where(valid.reshape(vshape), g, xp.zeros_like(g))
            xw = xp.sum(g, axis=axis + 1)
        count = count[..., None] * cnt.reshape((1,) * i + (o,))
    return xw / _const(b, count, xw.dtype)


@lower("aten.adaptive_avg_pool1d.default")
def adaptive_avg_pool1d(b, self, output_size):
    """adaptive_avg_pool1d(Tensor self, int[1] output_size) -> Tensor"""
    return _adaptive_avg(b, self, _tup(output_size, 1))


@lower("aten._adaptive_avg_pool2d.default")
def adaptive_avg_pool2d(b, self, output_size):
    """_adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor"""
    return _adaptive_avg(b, self, _tup(output_size, 2))


@lower("aten._adaptive_avg_pool3d.default")
def adaptive_avg_pool3d(b, self, output_size):
    """_adaptive_avg_pool3d(Tensor self, SymInt[3] output_size) -> Tensor"""
    return _adaptive_avg(b, self, _tup(output_size, 3))


@lower("aten._adaptive_avg_pool2d_backward.default")
def adaptive_avg_pool2d_backward(b, grad_output, self):
    """_adaptive_avg_pool2d_backward(Tensor grad_output, Tensor self) -> Tensor"""
    xp = b.xp
    shape = _shape(self)
    out_sizes = _shape(grad_output)[-2:]
    g = grad_output
    for i, o in enumerate(out_sizes):
        axis = len(shape) - 2 + i
        n = shape[axis]
        idx, valid, cnt = _adaptive_table(n, o)
        # weights[j, o] = 1/cnt[o] if input j is in window o
        w = np.zeros((n, o))
        for oi in range(o):
            w[idx[oi][valid[oi]], oi] = 1.0 / cnt[oi]
        g = xp.moveaxis(xp.tensordot(g, _const(b, w.T, g.dtype), axes=[[axis], [0]]), -1, axis)
    return g


def _adaptive_max(b, x, output_size):
    nd = len(output_size)
    in_sizes = _shape(x)[-nd:]
    tabs = [_adaptive_table(n, o) for n, o in zip(in_sizes, output_size)]
    flat = np.zeros((), np.int64)
    valid = np.ones((), bool)
    for i, (idx, v, _) in enumerate(tabs):
        shape = [1] * (2 * nd)
        shape[i], shape[nd + i] = idx.shape
        flat = flat * in_sizes[i] + idx.reshape(shape)
        valid = valid & v.reshape(shape)
    full = tuple(output_size) + tuple(t[0].shape[1] for t in tabs)
    k = int(np.prod(full[nd:]))
    flat = np.broadcast_to(flat, full).reshape(tuple(output_size) + (k,))
    valid = np.broadcast_to(valid, full).reshape(tuple(output_size) + (k,))
    return _max_with_indices(b, x, nd, flat, valid)


@lower("aten.adaptive_max_pool2d.default")
def adaptive_max_pool2d(b, self, output_size):
    """adaptive_max_pool2d(Tensor self, int[2] output_size) -> (Tensor, Tensor)"""
    return _adaptive_max(b, self, _tup(output_size, 2))


@lower("aten.adaptive_max_pool3d.default")
def adaptive_max_pool3d(b, self, output_size):
    """adaptive_max_pool3d(Tensor self, int[3] output_size) -> (Tensor, Tensor)"""
    return _adaptive_max(b, self, _tup(output_size, 3))


def _fractional_max(b, x, kernel_size, output_size, random_samples):
    """Windows start at ``floor((i + u) * alpha) - floor(u * alpha)`` (last: ``n - k``) per plane."""
    xp = b.xp
    nd = len(output_size)
    shape = _shape(x)
    batched = len(shape) == nd + 2
    if not batched:
        x = xp.expand_dims(x, 0)
        shape = (1,) + shape
    n_, c = shape[:2]
    in_sizes = shape[2:]
    u = b.astype(random_samples, b.dtype_by_name("float64" if b.name != "jax" else "float32"))
    # per dim: positions (N, C, O, k); sample u[..., nd-1-i] drives dim i (torch: x is the last sample)
    flat = None
    for i in range(nd):
        n, o, k = in_sizes[i], output_size[i], kernel_size[i]
        ui = xp.reshape(u[..., nd - 1 - i], (n_, c, 1))
        ar = _const(b, np.arange(o, dtype=np.float64), u.dtype)
        if o > 1:
            alpha = (n - k) / (o - 1)
            st = xp.floor((ar + ui) * alpha) - xp.floor(ui * alpha)
            st = xp.where(ar == o - 1, n - k, st)
        else:
            st = xp.zeros_like(ar + ui) + (n - k)
        st = b.astype(st, b.dtype_by_name("int32"))
        pos = xp.reshape(st, (n_, c, o, 1)) + _const(b, np.arange(k), st.dtype)
        shp = [n_, c] + [1] * (2 * nd)
        shp[2 + i], shp[2 + nd + i] = o, k
        pos = xp.reshape(pos, shp)
        flat = pos if flat is None else flat * n + pos
    full = (n_, c) + tuple(output_size) + tuple(kernel_size)
    flat = xp.reshape(xp.broadcast_to(flat, full), (n_, c, -1))
    xf = xp.reshape(x, (n_, c, -1))
    if b.name == "tensorflow":
        g = b.fw.gather(xf, flat, batch_dims=2, axis=2)
    else:
        g = xp.take_along_axis(xf, flat, axis=2)
    kk = int(np.prod(kernel_size))
    g = xp.reshape(g, (n_, c) + tuple(output_size) + (kk,))
    flat = xp.reshape(flat, (n_, c) + tuple(output_size) + (kk,))
    am = xp.argmax(g, axis=-1)
    if b.is_floating(x.dtype):
        nan = xp.isnan(g)
        am = xp.where(xp.any(nan, axis=-1), xp.argmax(nan, axis=-1), am)
    hit = xp.expand_dims(am, -1) == _const(b, np.arange(kk), am.dtype)
    idx = xp.sum(xp.where(hit, flat, xp.zeros_like(flat)), axis=-1)
    out = xp.max(g, axis=-1)
    if not batched:
        out, idx = out[0], idx[0]
    return out, idx


@lower("aten.fractional_max_pool2d.default")
def fractional_max_pool2d(b, self, kernel_size, output_size, random_samples):
    """fractional_max_pool2d(Tensor self, int[2] kernel_size, int[2] output_size, Tensor random_samples) -> (Tensor, Tensor)"""
    return _fractional_max(b, self, _tup(kernel_size, 2), _tup(output_size, 2), random_samples)


@lower("aten.fractional_max_pool3d.default")
def fractional_max_pool3d(b, self, kernel_size, output_size, random_samples):
    """fractional_max_pool3d(Tensor self, int[3] kernel_size, int[3] output_size, Tensor random_samples) -> (Tensor, Tensor)"""
    return _fractional_max(b, self, _tup(kernel_size, 3), _tup(output_size, 3), random_samples)


# ----------------------------------------------------------------------------------------- upsampling
# Taps and weights depend only on shapes: computed in NumPy (float32, as torch's CPU kernels do) and
# applied one spatial axis at a time as a gather and a weighted sum.


def _scale_value(n, o, scale):
    """torch's compute_scales_value."""
    return 1.0 / scale if scale is not None and scale > 0 else n / o


def _area_scale(n, o, align_corners, scale):
    """torch's area_pixel_compute_scale."""
    if align_corners:
        return (n - 1) / (o - 1) if o > 1 else 0.0
    return _scale_value(n, o, scale)


def _source_index(sc, o, align_corners, cubic):
    f = np.float32
    i = np.arange(o, dtype=f)
    if align_corners:
        return f(sc) * i
    src = f(sc) * (i + f(0.5)) - f(0.5)
    return src if cubic else np.maximum(src, f(0))


def _nearest_taps(n, o, scale):
    sc = np.float32(_scale_value(n, o, scale))
    idx = np.minimum(np.floor(np.arange(o, dtype=np.float32) * sc).astype(np.int64), n - 1)
    return idx[:, None], None


def _linear_taps(n, o, align_corners, scale):
    if n == o:
        i = np.arange(o)
        return np.stack([i, i], 1), np.stack([np.ones(o), np.zeros(o)], 1)
    real = _source_index(_area_scale(n, o, align_corners, scale), o, align_corners, False)
    i0 = np.minimum(np.floor(real).astype(np.int64), n - 1)
    lam = np.clip(real - i0, 0, 1)
    i1 = i0 + (i0 < n - 1)
    return np.stack([i0, i1], 1), np.stack([1 - lam, lam], 1)


def _cubic_coeffs(t, a=-0.75):
    def c1(x):
        return ((a + 2) * x - (a + 3)) * x * x + 1

    def c2(x):
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a

    return np.stack([c2(t + 1), c1(t), c1(1 - t), c2(2 - t)], -1)


def _cubic_taps(n, o, align_corners, scale):
    real = _source_index(_area_scale(n, o, align_corners, scale), o, align_corners, True)
    i0 = np.minimum(np.floor(real).astype(np.int64), n - 1)
    lam = np.clip(real - i0, 0, 1)
    idx = np.clip(i0[:, None] + np.arange(-1, 3)[None, :], 0, n - 1)
    return idx, _cubic_coeffs(lam)


def _aa_taps(n, o, align_corners, scale, interp_size, filt):
    """torch's antialiased index ranges and normalized weights (PIL's resampling)."""
    sc = _area_scale(n, o, align_corners, scale)
    support = interp_size * 0.5 * sc if sc >= 1.0 else interp_size * 0.5
    kmax = int(math.ceil(support)) * 2 + 1
    invscale = 1.0 / sc if sc >= 1.0 else 1.0
    idx = np.zeros((o, kmax), np.int64)
    w = np.zeros((o, kmax))
    for i in range(o):
        center = sc * (i + 0.5)
        xmin = max(int(center - support + 0.5), 0)
        xsize = min(max(min(int(center + support + 0.5), n) - xmin, 0), kmax)
        ws = np.array([filt((j + xmin - center + 0.5) * invscale) for j in range(xsize)])
        total = ws.sum()
        if total != 0:
            ws = ws / total
        w[i, :xsize] = ws
        idx[i, :] = np.minimum(xmin + np.arange(kmax), n - 1)
    return idx, w


def _resample_axis(b, x, axis, idx, w):
    """``sum_t w[o, t] * x[..., idx[o, t], ...]`` along ``axis`` (``w`` None: a plain gather)."""
    xp = b.xp
    nd = len(x.shape)
    int32 = b.dtype_by_name("int32")
    o, t = idx.shape
    if w is None:
        return xp.take(x, _const(b, idx[:, 0].astype(np.int32), int32), axis=axis)
    front = b.name == "tensorflow" and axis != 0  # TensorFlow gathers fastest along the first axis
    if front:
        x = xp.moveaxis(x, axis, 0)
    at = 0 if front else axis
    out = None
    for j in range(t):  # one gather per tap: much faster than one interleaved gather and a sum
        g = xp.take(x, _const(b, idx[:, j].astype(np.int32), int32), axis=at)
        term = g * _const(b, w[:, j].reshape((o,) + (1,) * (nd - at - 1)), g.dtype)
        out = term if out is None else out + term
    return xp.moveaxis(out, 0, axis) if front else out


def _upsample(b, x, output_size, taps):
    """Resample the last ``len(output_size)`` axes; ``taps(n, o, i)`` gives (idx, weights) per axis."""
    nd = len(output_size)
    is_float = b.is_floating(x.dtype)
    y = _float_work(b, x) if is_float else x
    if not is_float:
        y = b.astype(y, b.dtype_by_name("float32"))
    for i in range(nd):
        axis = len(x.shape) - nd + i
        idx, w = taps(int(x.shape[axis]), int(output_size[i]), i)
        y = _resample_axis(b, y, axis, idx, w)
    if not is_float:
        y = _round_even(b, y)
    return y


def _vec_size(x, output_size, scale_factors, nd):
    if output_size:
        return [int(s) for s in output_size], [None] * nd
    sizes = _shape(x)[-nd:]
    sf = list(scale_factors) * (nd if len(scale_factors) == 1 else 1)
    return [int(math.floor(float(n) * s)) for n, s in zip(sizes, sf)], sf


@lower("aten.upsample_nearest2d.vec")
def upsample_nearest2d_vec(b, input, output_size, scale_factors):
    """upsample_nearest2d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor"""
    size, scales = _vec_size(input, output_size, scale_factors, 2)
    y = input
    for i in range(2):
        axis = len(input.shape) - 2 + i
        idx, _ = _nearest_taps(int(input.shape[axis]), size[i], scales[i])
        y = _resample_axis(b, y, axis, idx, None)
    return y


@lower("aten.upsample_bilinear2d.default")
def upsample_bilinear2d(b, self, output_size, align_corners, scales_h=None, scales_w=None):
    """upsample_bilinear2d(Tensor self, SymInt[2] output_size, bool align_corners, float? scales_h=None, float? scales_w=None) -> Tensor"""
    scales = (scales_h, scales_w)
    return _upsample(b, self, output_size, lambda n, o, i: _linear_taps(n, o, align_corners, scales[i]))


@lower("aten.upsample_bilinear2d.vec")
def upsample_bilinear2d_vec(b, input, output_size, align_corners, scale_factors):
    """upsample_bilinear2d.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor"""
    size, scales = _vec_size(input, output_size, scale_factors, 2)
    return _upsample(b, input, size, lambda n, o, i: _linear_taps(n, o, align_corners, scales[i]))


@lower("aten.upsample_trilinear3d.default")
def upsample_trilinear3d(b, self, output_size, align_corners, scales_d=None, scales_h=None, scales_w=None):
    """upsample_trilinear3d(Tensor self, SymInt[3] output_size, bool align_corners, float? scales_d=None, float? scales_h=None, float? scales_w=None) -> Tensor"""
    scales = (scales_d, scales_h, scales_w)
    return _upsample(b, self, output_size, lambda n, o, i: _linear_taps(n, o, align_corners, scales[i]))


@lower("aten.upsample_bicubic2d.default")
def upsample_bicubic2d(b, self, output_size, align_corners, scales_h=None, scales_w=None):
    """upsample_bicubic2d(Tensor self, SymInt[2] output_size, bool align_corners, float? scales_h=None, float? scales_w=None) -> Tensor"""
    scales = (scales_h, scales_w)
    return _upsample(b, self, output_size, lambda n, o, i: _cubic_taps(n, o, align_corners, scales[i]))


def _aa_linear(x):
    x = abs(x)
    return 1.0 - x if x < 1.0 else 0.0


def _aa_cubic(x, a=-0.5):
    x = abs(x)
    if x < 1.0:
        return ((a + 2) * x - (a + 3)) * x * x + 1
    if x < 2.0:
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return 0.0


@lower("aten._upsample_bilinear2d_aa.default")
def upsample_bilinear2d_aa(b, self, output_size, align_corners, scales_h=None, scales_w=None):
    """_upsample_bilinear2d_aa(Tensor self, SymInt[2] output_size, bool align_corners, float? scales_h=None, float? scales_w=None) -> Tensor"""
    scales = (scales_h, scales_w)
    return _upsample(b, self, output_size, lambda n, o, i: _aa_taps(n, o, align_corners, scales[i], 2, _aa_linear))


@lower("aten._upsample_bicubic2d_aa.default")
def upsample_bicubic2d_aa(b, self, output_size, align_corners, scales_h=None, scales_w=None):
    """_upsample_bicubic2d_aa(Tensor self, SymInt[2] output_size, bool align_corners, float? scales_h=None, float? scales_w=None) -> Tensor"""
    scales = (scales_h, scales_w)
    return _upsample(b, self, output_size, lambda n, o, i: _aa_taps(n, o, align_corners, scales[i], 4, _aa_cubic))


# ------------------------------------------------------------------------------------------ grid sampler


def _gather_planes(b, xf, idx):
    """``xf`` (N, C, L) gathered at ``idx`` (N, P) for every channel: (N, C, P)."""
    if b.name == "tensorflow":
        return b.fw.gather(xf, idx, batch_dims=1, axis=2)
    xp = b.xp
    n, c = _shape(xf)[:2]
    p = int(idx.shape[1])
    return xp.take_along_axis(xf, xp.broadcast_to(xp.expand_dims(idx, 1), (n, c, p)), axis=2)


def _reflect_coords(b, c, twice_low, twice_high):
    xp = b.xp
    if twice_low == twice_high:
        return xp.zeros_like(c)
    lo = twice_low / 2
    span = (twice_high - twice_low) / 2
    c = xp.abs(c - lo)
    flips = xp.floor(c / span)
    extra = c - flips * span
    even = (flips - 2 * xp.floor(flips / 2)) == 0
    return xp.where(even, extra + lo, span - extra + lo)


def _grid_coords(b, c, size, padding_mode, align_corners):
    """torch's compute_coordinates: apply the padding mode to unnormalized coordinates."""
    xp = b.xp
    if padding_mode == 1:
        return xp.clip(c, 0, size - 1)
    if padding_mode == 2:
        if align_corners:
            c = _reflect_coords(b, c, 0, 2 * (size - 1))
        else:
            c = _reflect_coords(b, c, -1, 2 * size - 1)
        return xp.clip(c, 0, size - 1)
    return c


def _grid_sample(b, input, grid, interpolation_mode, padding_mode, align_corners):
    xp = b.xp
    int32 = b.dtype_by_name("int32")
    shape = _shape(input)
    n, ch = shape[:2]
    sizes = shape[2:]
    nd = len(sizes)
    out_sp = _shape(grid)[1:-1]
    x = _float_work(b, input)
    g = b.astype(grid, x.dtype)
    g = xp.reshape(g, (n, -1, nd))
    xf = xp.reshape(x, (n, ch, -1))
    # coordinate i runs along spatial axis nd - 1 - i (x is the width)
    size = [sizes[nd - 1 - i] for i in range(nd)]
    stride = [int(np.prod(sizes[nd - i :])) if i else 1 for i in range(nd)]

    def unnorm(i):
        c = g[..., i]
        if align_corners:
            return (c + 1) / 2 * (size[i] - 1)
        return ((c + 1) * size[i] - 1) / 2

    def tap(coords):
        """Input values at integer-valued float coordinates (zero outside): (N, C, P)."""
        valid = None
        flat = None
        for i, c in enumerate(coords):
            v = (c >= 0) & (c <= size[i] - 1)
            valid = v if valid is None else valid & v
        for i, c in enumerate(coords):
            ci = b.astype(xp.where(valid, c, xp.zeros_like(c)), int32)
            flat = ci * stride[i] if flat is None else flat + ci * stride[i]
        vals = _gather_planes(b, xf, flat)
        return xp.where(xp.expand_dims(valid, 1), vals, xp.zeros_like(vals))

    if interpolation_mode == 0:  # (tri)linear
        cs = [_grid_coords(b, unnorm(i), size[i], padding_mode, align_corners) for i in range(nd)]
        lo = [xp.floor(c) for c in cs]
        out = None
        for corner in itertools.product((0, 1), repeat=nd):
            coords, w = [], None
            for i, hi in enumerate(corner):
                coords.append(lo[i] + hi)
                wi = (cs[i] - lo[i]) if hi else (lo[i] + 1 - cs[i])
                w = wi if w is None else w * wi
            term = tap(coords) * xp.expand_dims(w, 1)
            out = term if out is None else out + term
    elif interpolation_mode == 1:  # nearest, rounding half to even
        cs = [_round_even(b, _grid_coords(b, unnorm(i), size[i], padding_mode, align_corners)) for i in range(nd)]
        out = tap(cs)
    else:  # bicubic (2-D only)
        cs = [unnorm(i) for i in range(nd)]
        lo = [xp.floor(c) for c in cs]
        t = [cs[i] - lo[i] for i in range(nd)]

        def coeffs(tt):
            a = -0.75
            x1, x2 = tt, 1 - tt
            c1 = lambda z: ((a + 2) * z - (a + 3)) * z * z + 1
            c2 = lambda z: ((a * z - 5 * a) * z + 8 * a) * z - 4 * a
            return [c2(x1 + 1), c1(x1), c1(x2), c2(x2 + 1)]

        def bounded(cx, cy):
            cx = _grid_coords(b, cx, size[0], padding_mode, align_corners)
            cy = _grid_coords(b, cy, size[1], padding_mode, align_corners)
            return tap([cx, cy])  # integer-valued: padding maps integers to integers

        wx, wy = coeffs(t[0]), coeffs(t[1])
        out = None
        for j in range(4):
            row = None
            for i in range(4):
                term = bounded(lo[0] - 1 + i, lo[1] - 1 + j) * xp.expand_dims(wx[i], 1)
                row = term if row is None else row + term
            term = row * xp.expand_dims(wy[j], 1)
            out = term if out is None else out + term
    return xp.reshape(out, (n, ch) + out_sp)


@lower("aten.grid_sampler_2d.default")
def grid_sampler_2d(b, input, grid, interpolation_mode, padding_mode, align_corners):
    """grid_sampler_2d(Tensor input, Tensor grid, int interpolation_mode, int padding_mode, bool align_corners) -> Tensor"""
    return _grid_sample(b, input, grid, interpolation_mode, padding_mode, align_corners)


@lower("aten.grid_sampler_3d.default")
def grid_sampler_3d(b, input, grid, interpolation_mode, padding_mode, align_corners):
    """grid_sampler_3d(Tensor input, Tensor grid, int interpolation_mode, int padding_mode, bool align_corners) -> Tensor"""
    return _grid_sample(b, input, grid, interpolation_mode, padding_mode, align_corners)


# ------------------------------------------------------------------------------------------- padding


def _pad_gather(b, x, padding, mode):
    """Pad the last ``len(padding) // 2`` axes (torch order: last axis first) by gathering."""
    nd = len(padding) // 2
    for i in range(nd):
        axis = len(x.shape) - 1 - i
        lo, hi = padding[2 * i], padding[2 * i + 1]
        n = int(x.shape[axis])
        idx = np.pad(np.arange(n), (max(lo, 0), max(hi, 0)), mode=mode)
        idx = idx[max(-lo, 0) : len(idx) - max(-hi, 0)]
        x = b.xp.take(x, _const(b, idx.astype(np.int32), b.dtype_by_name("int32")), axis=axis)
    return x


@lower("aten.reflection_pad1d.default", "aten.reflection_pad2d.default", "aten.reflection_pad3d.default")
def reflection_pad(b, self, padding):
    """reflection_pad1d(Tensor self, SymInt[2] padding) -> Tensor
    reflection_pad2d(Tensor self, SymInt[4] padding) -> Tensor
    reflection_pad3d(Tensor self, SymInt[6] padding) -> Tensor"""
    return _pad_gather(b, self, list(padding), "reflect")


@lower("aten.replication_pad1d.default", "aten.replication_pad2d.default", "aten.replication_pad3d.default")
def replication_pad(b, self, padding):
    """replication_pad1d(Tensor self, SymInt[2] padding) -> Tensor
    replication_pad2d(Tensor self, SymInt[4] padding) -> Tensor
    replication_pad3d(Tensor self, SymInt[6] padding) -> Tensor"""
    return _pad_gather(b, self, list(padding), "edge")


@lower("aten.col2im.default")
def col2im(b, self, output_size, kernel_size, dilation, padding, stride):
    """col2im(Tensor self, SymInt[2] output_size, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride) -> Tensor"""
    xp = b.xp
    kernel, dil, pad, st = (_tup(v, 2) for v in (kernel_size, dilation, padding, stride))
    out = _tup(output_size, 2)
    shape = _shape(self)
    batched = len(shape) == 3
    x = self if batched else xp.expand_dims(self, 0)
    n, ckk, length = _shape(x)
    k = kernel[0] * kernel[1]
    c = ckk // k
    blocks = [(out[i] + 2 * pad[i] - dil[i] * (kernel[i] - 1) - 1) // st[i] + 1 for i in range(2)]
    flat, valid = _window_table(out, blocks, kernel, st, pad, dil)  # (bh, bw, K)
    # column l = (bh, bw) block; row (c, ki, kj): ids over (K, L) with out-of-range taps dumped
    ids = np.where(valid, flat, out[0] * out[1]).reshape(length, k).T.reshape(-1)
    data = xp.reshape(x, (n * c, k * length))
    data = xp.transpose(data)
    summed = _segment_sum(b, data, _const(b, ids, b.dtype_by_name("int32")), out[0] * out[1] + 1)
    res = xp.reshape(xp.transpose(summed[: out[0] * out[1]]), (n, c, out[0], out[1]))
    return res if batched else res[0]


# ----------------------------------------------------------------------------------------- embeddings


@lower("aten.embedding.default")
def embedding(b, weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False):
    """embedding(Tensor weight, Tensor indices, SymInt padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False) -> Tensor"""
    return b.xp.take(weight, indices, axis=0)


def _embedding_bag(
    b, weight, indices, offsets, mode, per_sample_weights, include_last_offset, padding_idx, forward_only
):
    xp = b.xp
    i64 = indices.dtype
    length = int(indices.shape[0])
    nb = int(offsets.shape[0]) - (1 if include_last_offset else 0)
    pos = _const(b, np.arange(length), offsets.dtype)
    bag = xp.sum(b.astype(xp.expand_dims(offsets[:nb], 0) <= xp.expand_dims(pos, 1), i64), axis=1) - 1
    hit = xp.expand_dims(bag, 0) == _const(b, np.arange(nb)[:, None], bag.dtype)  # (B, L)
    if padding_idx is not None and padding_idx >= 0:
        hit = hit & xp.expand_dims(indices != padding_idx, 0)
    rows = xp.take(weight, indices, axis=0)  # (L, D)
    if per_sample_weights is not None:
        rows = rows * xp.expand_dims(per_sample_weights, 1)
    count = xp.sum(b.astype(hit, i64), axis=1)
    m3 = xp.expand_dims(hit, 2)
    aux_len = int(offsets.shape[0]) if forward_only else nb
    zeros_aux = xp.zeros((aux_len,), dtype=i64)
    offset2bag = bag if (mode != 0 or (padding_idx is not None and padding_idx >= 0)) else xp.zeros((0,), dtype=i64)
    if mode == 2:
        vals = xp.where(m3, xp.expand_dims(rows, 0), _lowest(b, weight.dtype))
        out = xp.max(vals, axis=1)
        am = xp.argmax(vals, axis=1)  # (B, D) positions
        maxi = xp.take(indices, am, axis=0)
        empty = xp.expand_dims(count == 0, 1)
        out = xp.where(empty, xp.zeros_like(out), out)
        maxi = xp.where(empty, xp.zeros_like(maxi), maxi)
        return out, offset2bag, count, maxi
    if include_last_offset and not (padding_idx is not None and padding_idx >= 0):
        # torch's fast path sums up to the last offset, but counts the bag sizes to the end
        m3 = m3 & xp.reshape(pos < offsets[-1], (1, length, 1))
    out = xp.sum(xp.where(m3, xp.expand_dims(rows, 0), xp.zeros_like(xp.expand_dims(rows, 0))), axis=1)
    if mode == 1:
        out = out / b.astype(xp.expand_dims(xp.maximum(count, 1), 1), out.dtype)
        return out, offset2bag, count, count
    return out, offset2bag, zeros_aux, zeros_aux


@lower("aten._embedding_bag.default")
def embedding_bag(
    b,
    weight,
    indices,
    offsets,
    scale_grad_by_freq=False,
    mode=0,
    sparse=False,
    per_sample_weights=None,
    include_last_offset=False,
    padding_idx=-1,
):
    """_embedding_bag(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False, int padding_idx=-1) -> (Tensor, Tensor, Tensor, Tensor)"""
    return _embedding_bag(
        b, weight, indices, offsets, mode, per_sample_weights, include_last_offset, padding_idx, False
    )


@lower("aten._embedding_bag_forward_only.default")
def embedding_bag_forward_only(
    b,
    weight,
    indices,
    offsets,
    scale_grad_by_freq=False,
    mode=0,
    sparse=False,
    per_sample_weights=None,
    include_last_offset=False,
    padding_idx=-1,
):
    """_embedding_bag_forward_only(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False, int padding_idx=-1) -> (Tensor, Tensor, Tensor, Tensor)"""
    return _embedding_bag(b, weight, indices, offsets, mode, per_sample_weights, include_last_offset, padding_idx, True)


# ------------------------------------------------------------------------------------------ distances


def _pnorm_last(b, d, p):
    """The p-norm of ``d`` over its last axis, as torch's cdist/pdist compute it."""
    xp = b.xp
    a = xp.abs(d)
    if p == 0:
        return xp.sum(b.astype(a != 0, a.dtype), axis=-1)
    if p == 1:
        return xp.sum(a, axis=-1)
    if p == 2:
        return xp.sqrt(xp.sum(a * a, axis=-1))
    if math.isinf(p):
        return xp.max(a, axis=-1) if p > 0 else xp.min(a, axis=-1)
    return xp.power(xp.sum(xp.power(a, p), axis=-1), 1.0 / p)


@lower("aten._cdist_forward.default")
def cdist_forward(b, x1, x2, p, compute_mode):
    """_cdist_forward(Tensor x1, Tensor x2, float p, int? compute_mode) -> Tensor"""
    xp = b.xp
    r1, r2 = int(x1.shape[-2]), int(x2.shape[-2])
    if p == 2 and (compute_mode == 1 or (compute_mode in (None, 0) and (r1 > 25 or r2 > 25))):
        # torch's matrix-multiplication path: |a|^2 + |b|^2 - 2 a.b, clamped at zero
        n1 = xp.sum(x1 * x1, axis=-1, keepdims=True)
        n2 = xp.sum(x2 * x2, axis=-1, keepdims=True)
        o1, o2 = xp.ones_like(n1), xp.ones_like(n2)
        a = xp.concatenate([x1 * -2, n1, o1], axis=-1)
        c = xp.concatenate([x2, o2, n2], axis=-1)
        d2 = xp.matmul(a, xp.swapaxes(c, -1, -2))
        return xp.sqrt(xp.maximum(d2, 0))
    d = xp.expand_dims(x1, -2) - xp.expand_dims(x2, -3)
    return _pnorm_last(b, d, p)


@lower("aten._pdist_forward.default")
def pdist_forward(b, self, p=2.0):
    """_pdist_forward(Tensor self, float p=2.) -> Tensor"""
    xp = b.xp
    n = int(self.shape[0])
    i, j = np.triu_indices(n, 1)
    int32 = b.dtype_by_name("int32")
    d = xp.take(self, _const(b, i, int32), axis=0) - xp.take(self, _const(b, j, int32), axis=0)
    return _pnorm_last(b, d, p)


@lower("aten._trilinear.default")
def trilinear(b, i1, i2, i3, expand1, expand2, expand3, sumdim, unroll_dim=1):
    """_trilinear(Tensor i1, Tensor i2, Tensor i3, int[] expand1, int[] expand2, int[] expand3, int[] sumdim, int unroll_dim=1) -> Tensor"""
    xp = b.xp

    def expand(x, dims):
        for d in sorted(dims):
            x = xp.expand_dims(x, d)
        return x

    prod = expand(i1, expand1) * expand(i2, expand2) * expand(i3, expand3)
    if len(sumdim):
        prod = xp.sum(prod, axis=tuple(sumdim))
    return prod


# ------------------------------------------------------------------------------------------------ CTC


def _ctc(b, log_probs, targets, input_lengths, target_lengths, blank):
    """torch's CPU CTC forward: the log-space alpha recursion, unrolled over the (static) time steps."""
    xp = b.xp
    int32 = b.dtype_by_name("int32")
    unbatched = len(log_probs.shape) == 2
    lp = xp.expand_dims(log_probs, 1) if unbatched else log_probs
    t_len, n, _ = _shape(lp)

    def lengths(v):
        if isinstance(v, (list, tuple)):
            return _const(b, np.asarray(v, np.int64).reshape(-1), int32)
        return xp.reshape(b.astype(v, int32), (-1,))

    in_len, tg_len = lengths(input_lengths), lengths(target_lengths)
    if isinstance(target_lengths, (list, tuple)):
        max_s = int(max(target_lengths)) if len(target_lengths) else 0
    elif len(targets.shape) == 2 and not unbatched:
        max_s = int(targets.shape[1])
    else:
        max_s = int(targets.shape[-1])
    sp = 2 * max_s + 1
    s_idx = np.arange(sp)
    tg = b.astype(targets, int32)
    if len(tg.shape) == 2 and not unbatched:
        flat = xp.reshape(tg, (-1,))
        offs = _const(b, np.arange(n) * int(tg.shape[1]), int32)
    else:
        flat = xp.reshape(tg, (-1,))
        offs = b.astype(xp.cumsum(tg_len), int32) - tg_len
    total = int(flat.shape[0])
    pos = xp.expand_dims(offs, 1) + _const(b, s_idx // 2, int32)  # (N, S')
    pos = xp.clip(pos, 0, max(total - 1, 0))
    labels = xp.take(flat, xp.reshape(pos, (-1,)), axis=0) if total else xp.zeros((n * sp,), dtype=int32)
    labels = xp.reshape(labels, (n, sp))
    tp = xp.where(s_idx % 2 == 1, labels, xp.full_like(labels, blank))  # target primes (N, S')
    valid = _const(b, s_idx, int32) < xp.expand_dims(2 * tg_len + 1, 1)
    skip = (s_idx > 1) & (tp != xp.concatenate([tp[:, :2], tp[:, :-2]], axis=1))
    neg = -math.inf

    def emit(t):
        if b.name == "tensorflow":
            return b.fw.gather(lp[t], tp, batch_dims=1, axis=1)
        return xp.take_along_axis(lp[t], tp, axis=1)

    ninf = xp.full((n, sp), neg, dtype=lp.dtype)
    first = xp.where((s_idx == 0) | ((s_idx == 1) & xp.expand_dims(tg_len > 0, 1)), emit(0), ninf)
    alpha = xp.where(valid & xp.expand_dims(in_len > 0, 1), first, ninf)
    alphas = [alpha]
    for t in range(1, t_len):
        a1 = alpha
        a2 = xp.concatenate([ninf[:, :1], alpha[:, :-1]], axis=1)
        a3 = xp.where(skip, xp.concatenate([ninf[:, :2], alpha[:, :-2]], axis=1), ninf)
        m = xp.maximum(xp.maximum(a1, a2), a3)
        m = xp.where(m == neg, xp.zeros_like(m), m)
        new = xp.log(xp.exp(a1 - m) + xp.exp(a2 - m) + xp.exp(a3 - m)) + m + emit(t)
        alpha = xp.where(valid & xp.expand_dims(in_len > t, 1), new, ninf)
        alphas.append(alpha)
    log_alpha = xp.stack(alphas, axis=1)  # (N, T, S')
    # the alphas at t = input_length - 1, s = 2 * target_length (and - 1)
    last_t = xp.expand_dims(in_len - 1, 1) == _const(b, np.arange(t_len), int32)  # (N, T)
    at_end = xp.max(xp.where(xp.expand_dims(last_t, 2), log_alpha, neg), axis=1)  # (N, S')
    l1 = xp.max(xp.where(_const(b, s_idx, int32) == xp.expand_dims(2 * tg_len, 1), at_end, neg), axis=1)
    l2 = xp.max(xp.where(_const(b, s_idx, int32) == xp.expand_dims(2 * tg_len - 1, 1), at_end, neg), axis=1)
    m = xp.maximum(l1, l2)
    m = xp.where(m == neg, xp.zeros_like(m), m)
    nll = -(xp.log(xp.exp(l1 - m) + xp.exp(l2 - m)) + m)
    if unbatched:
        return nll[0], log_alpha[0]
    return nll, log_alpha


@lower("aten._ctc_loss.default", "aten._ctc_loss.Tensor")
def ctc_loss(b, log_probs, targets, input_lengths, target_lengths, blank=0, zero_infinity=False):
    """_ctc_loss(Tensor log_probs, Tensor targets, int[] input_lengths, int[] target_lengths, int blank=0, bool zero_infinity=False) -> (Tensor, Tensor)
    _ctc_loss.Tensor(Tensor log_probs, Tensor targets, Tensor input_lengths, Tensor target_lengths, int blank=0, bool zero_infinity=False) -> (Tensor, Tensor)"""
    return _ctc(b, log_probs, targets, input_lengths, target_lengths, blank)
