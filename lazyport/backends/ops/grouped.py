"""Grouped (ragged) matrix products: the experts of mixture-of-experts layers.

``offs`` holds the cumulative ends of the groups along the ragged dimension (group ``g`` is
``offs[g-1]:offs[g]``, the first starting at 0). Positions beyond ``offs[-1]`` belong to no group: their
results are zeros here (torch's ``_grouped_mm`` leaves them uninitialised; transformers' fallback
zeros them). JAX computes the row-grouped form with ``lax.ragged_dot``; TensorFlow and NumPy compute
each group's product under the mask of its rows (TensorFlow: ``offs`` may be symbolic), NumPy over the
slices (its values are always concrete).
"""

from __future__ import annotations

from ...errors import UnsupportedOpError
from ..registry import lower


def _operands(b, a, w):
    """``a`` and ``w`` in one floating dtype of at least float32 (torch accumulates bf16/f16 in f32)."""
    a, w = b.at_least_float32(a), b.at_least_float32(w)
    if b.dtype_name(a.dtype) != b.dtype_name(w.dtype):
        f32 = b.dtype_by_name("float32")
        a, w = b.astype(a, f32), b.astype(w, f32)
    return a, w


def _group_of(b, offs, n):
    """The group of each of ``n`` positions (``len(offs)`` for positions beyond ``offs[-1]``)."""
    xp = b.xp
    pos = xp.arange(n, dtype=offs.dtype)
    return xp.sum(b.astype(pos[:, None] >= offs[None, :], b.dtype_by_name("int32")), axis=1)


def _rows_grouped(b, a, w, offs):
    """``out[r] = a[r] @ w[g]`` for the rows ``r`` of group ``g``; a (M, K), w (G, K, N) -> (M, N)."""
    a, w = _operands(b, a, w)
    xp = b.xp
    m, g_count = int(a.shape[0]), int(w.shape[0])
    if b.name == "jax":
        import jax

        sizes = b.astype(xp.diff(offs, prepend=xp.zeros((1,), offs.dtype)), b.dtype_by_name("int32"))
        return jax.lax.ragged_dot(a, w, sizes, precision=jax.lax.Precision.HIGHEST)
    if b.name == "numpy":
        out = xp.zeros((m, int(w.shape[-1])), a.dtype)
        start = 0
        for g, end in enumerate(offs.tolist()[:g_count]):
            end = min(max(int(end), start), m)
            out[start:end] = a[start:end] @ w[g]
            start = end
        return out
    group = _group_of(b, offs, m)
    out = xp.zeros((m, int(w.shape[-1])), a.dtype)
    for g in range(g_count):
        out = out + xp.where((group == g)[:, None], xp.matmul(a, w[g]), xp.zeros((), a.dtype))
    return out


def _inner_grouped(b, a, c, offs):
    """``out[g] = a[:, k] @ c[k, :]`` over the positions ``k`` of group ``g``; a (M, K), c (K, N) -> (G, M, N)."""
    a, c = _operands(b, a, c)
    xp = b.xp
    group = _group_of(b, offs, int(a.shape[1]))
    mask = b.astype(xp.arange(int(offs.shape[0]))[:, None] == group[None, :], a.dtype)  # (G, K)
    return xp.einsum("mk,gk,kn->gmn", a, mask, c)


@lower("aten._grouped_mm.default", "lazyport.grouped_mm.default")
def _grouped_mm(b, self, mat2, offs=None, bias=None, out_dtype=None):
    """_grouped_mm(Tensor self, Tensor mat2, Tensor? offs=None, Tensor? bias=None, ScalarType? out_dtype=None) -> Tensor
    grouped_mm(Tensor self, Tensor mat2, Tensor? offs=None, Tensor? bias=None, ScalarType? out_dtype=None) -> Tensor"""
    if bias is not None:
        raise UnsupportedOpError(
            "aten._grouped_mm.default", b.name, reason="bias= is not supported (nor by torch on CPU)"
        )
    xp = b.xp
    two_a, two_b = len(self.shape) == 2, len(mat2.shape) == 2
    if not two_a and not two_b:  # (G, M, K) @ (G, K, N): a batch of products
        a, w = _operands(b, self, mat2)
        return xp.matmul(a, w)
    if two_a and not two_b:  # (M, K) rows grouped against (G, K, N)
        return _rows_grouped(b, self, mat2, offs)
    if not two_a:  # (G, M, K) against columns of (K, N) grouped: the transposed rows form
        return xp.swapaxes(_rows_grouped(b, xp.swapaxes(mat2, 0, 1), xp.swapaxes(self, 1, 2), offs), 0, 1)
    return _inner_grouped(b, self, mat2, offs)  # (M, K) @ (K, N), K grouped: one (M, N) per group


@lower("transformers.grouped_mm_fallback.default")
def grouped_mm_fallback(b, input, weight, offs):
    """grouped_mm_fallback(Tensor input, Tensor weight, Tensor offs) -> Tensor"""
    return _rows_grouped(b, input, weight, offs)


@lower("transformers.grouped_mm_fallback_backward.default")
def grouped_mm_fallback_backward(b, input, weight, offs, grad_output):
    """grouped_mm_fallback_backward(Tensor input, Tensor weight, Tensor offs, Tensor grad_output) -> (Tensor, Tensor)"""
    xp = b.xp
    grad_input = _rows_grouped(b, grad_output, xp.swapaxes(weight, 1, 2), offs)
    return grad_input, _inner_grouped(b, xp.swapaxes(input, 0, 1), grad_output, offs)
