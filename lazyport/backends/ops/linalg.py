"""Linear-algebra and FFT lowerings: matrix products, norms, factorizations, solves, FFTs.

Factorizations follow LAPACK's conventions as torch returns them: LU pivots are 1-based row
interchanges (int32), ``info`` outputs are zeros (lazyport does not raise on singular input), and
unused outputs (``compute_uv=False``, ``mode="r"``) are empty tensors of shape (0,).
"""

from __future__ import annotations

import math

import numpy as np

from ..registry import lower, not_lowered

# --------------------------------------------------------------------------------------------- helpers


def _shape(x):
    return tuple(int(s) for s in x.shape)


def _const(b, a, dtype):
    return b.asarray(np.asarray(a), dtype=dtype)


def _i32(b):
    return b.dtype_by_name("int32")


def _mT(b, x):
    return b.xp.swapaxes(x, -1, -2)


def _mH(b, x):
    x = _mT(b, x)
    return b.xp.conj(x) if b.is_complex(x.dtype) else x


def _matmul(b, x, y):
    if b.name == "jax":
        import jax

        return b.xp.matmul(x, y, precision=jax.lax.Precision.HIGHEST)
    return b.xp.matmul(x, y)


def _eye_like(b, x, n):
    """An ``n``x``n`` identity of ``x``'s dtype."""
    return _const(b, np.eye(n), x.dtype)


def _info(b, batch):
    return b.xp.zeros(tuple(batch), dtype=_i32(b))


def _empty(b, dtype):
    return b.xp.zeros((0,), dtype=dtype)


def _real_dtype(b, d):
    name = b.dtype_name(d)
    if name == "complex64":
        return b.dtype_by_name("float32")
    if name == "complex128":
        return b.dtype_by_name("float64")
    return d


def _broadcast_batch(b, a, c):
    """Broadcast the batch dims (all but the last two) of ``a`` and ``c`` against each other."""
    batch = np.broadcast_shapes(_shape(a)[:-2], _shape(c)[:-2])
    return (b.xp.broadcast_to(a, batch + _shape(a)[-2:]), b.xp.broadcast_to(c, batch + _shape(c)[-2:]))


def _set_unit_diag(b, a):
    n = int(a.shape[-1])
    eye = np.eye(n, dtype=bool)
    return b.xp.where(eye, _const(b, np.eye(n), a.dtype), a)


def _trsm(b, a, rhs, lower, unit=False):
    """Solve ``a @ x = rhs`` for triangular ``a`` (only its ``lower``/upper triangle is read)."""
    a, rhs = _broadcast_batch(b, a, rhs)
    if b.name == "jax":
        from jax import lax

        return lax.linalg.triangular_solve(a, rhs, left_side=True, lower=lower, unit_diagonal=unit)
    if b.name == "tensorflow":
        tf = b.fw
        if unit:
            a = _set_unit_diag(b, a)
        a = tf.linalg.band_part(a, -1, 0) if lower else tf.linalg.band_part(a, 0, -1)
        return tf.linalg.triangular_solve(a, rhs, lower=lower, adjoint=False)
    from scipy.linalg import solve_triangular

    if 0 in a.shape or 0 in rhs.shape:
        return np.zeros(rhs.shape, np.result_type(a, rhs))
    return solve_triangular(a, rhs, lower=lower, unit_diagonal=unit, check_finite=False)


def _tri_solve(b, a, rhs, upper, left=True, unitriangular=False):
    """torch's linalg.solve_triangular: ``a x = rhs`` (left) or ``x a = rhs`` (right)."""
    if left:
        return _trsm(b, a, rhs, not upper, unitriangular)
    # x a = rhs  <=>  a^T x^T = rhs^T, and a^T is lower when a is upper
    return _mT(b, _trsm(b, _mT(b, a), _mT(b, rhs), upper, unitriangular))


# --------------------------------------------------------------------------------------- matrix products


@lower("aten.mm.default")
def mm(b, self, mat2):
    """mm(Tensor self, Tensor mat2) -> Tensor"""
    return _matmul(b, self, mat2)


@lower("aten.bmm.default")
def bmm(b, self, mat2):
    """bmm(Tensor self, Tensor mat2) -> Tensor"""
    return _matmul(b, self, mat2)


def _add_scaled(b, self, prod, beta, alpha):
    """``beta * self + alpha * prod``; with ``beta == 0`` ``self`` is ignored (NaN included), as in torch."""
    if alpha != 1:
        prod = prod * alpha
    if beta == 0:
        return prod
    return (self if beta == 1 else self * beta) + prod


@lower("aten.addmm.default")
def addmm(b, self, mat1, mat2, beta=1, alpha=1):
    """addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor"""
    return _add_scaled(b, self, _matmul(b, mat1, mat2), beta, alpha)


@lower("aten.addmv.default")
def addmv(b, self, mat, vec, beta=1, alpha=1):
    """addmv(Tensor self, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1) -> Tensor"""
    return _add_scaled(b, self, _matmul(b, mat, vec), beta, alpha)


@lower("aten.addbmm.default")
def addbmm(b, self, batch1, batch2, beta=1, alpha=1):
    """addbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor"""
    return _add_scaled(b, self, b.xp.sum(_matmul(b, batch1, batch2), axis=0), beta, alpha)


@lower("aten.baddbmm.default")
def baddbmm(b, self, batch1, batch2, beta=1, alpha=1):
    """baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor"""
    return _add_scaled(b, self, _matmul(b, batch1, batch2), beta, alpha)


# -------------------------------------------------------------------------------------------------- norms


@lower("aten.linalg_vector_norm.default")
def linalg_vector_norm(b, self, ord=2, dim=None, keepdim=False, dtype=None):
    """linalg_vector_norm(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor"""
    xp = b.xp
    x = self if dtype is None else b.astype(self, dtype)
    if b.dtype_name(x.dtype) in ("float16", "bfloat16"):
        x = b.astype(x, b.dtype_by_name("float32"))
    if isinstance(dim, int):
        dim = (dim,)
    axis = None if dim is None or len(dim) == 0 else tuple(dim)
    if len(x.shape) == 0:
        axis = None
    a = xp.abs(x)
    ord = float(ord)
    if ord == 0:
        return xp.sum(b.astype(a != 0, a.dtype), axis=axis, keepdims=keepdim)
    if ord == 1:
        return xp.sum(a, axis=axis, keepdims=keepdim)
    if ord == 2:
        return xp.sqrt(xp.sum(a * a, axis=axis, keepdims=keepdim))
    if math.isinf(ord):
        return (xp.max if ord > 0 else xp.min)(a, axis=axis, keepdims=keepdim)
    return xp.power(xp.sum(xp.power(a, ord), axis=axis, keepdims=keepdim), 1.0 / ord)
