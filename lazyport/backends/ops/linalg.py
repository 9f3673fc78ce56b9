"""Linear-algebra and FFT lowerings: matrix products, norms, factorizations, solves, FFTs.

Factorizations follow LAPACK's conventions as torch returns them: LU pivots are 1-based row
interchanges (int32), ``info`` outputs are zeros (lazyport does not raise on singular input), and
unused outputs (``compute_uv=False``, ``mode="r"``) are empty tensors of shape (0,).
"""

from __future__ import annotations

import math

import numpy as np

from ..registry import lower

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


def _first_bad(b, bad):
    """LAPACK's ``info``: 1 + the index of the first True along the last axis, or 0 (int32)."""
    xp = b.xp
    i32 = _i32(b)
    if int(bad.shape[-1]) == 0:
        return xp.zeros(_shape(bad)[:-1], dtype=i32)
    first = b.astype(xp.argmax(b.astype(bad, i32), axis=-1), i32) + 1
    return xp.where(xp.any(bad, axis=-1), first, xp.zeros_like(first))


def _lu_info(b, lu):
    """getrf's ``info``: the first zero pivot of U (1-based), 0 when U is nonsingular."""
    return _first_bad(b, b.xp.diagonal(lu, axis1=-2, axis2=-1) == 0)


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
    from scipy.linalg import LinAlgError, solve_triangular

    if 0 in a.shape or 0 in rhs.shape:
        return np.zeros(rhs.shape, np.result_type(a, rhs))
    try:
        return solve_triangular(a, rhs, lower=lower, unit_diagonal=unit, check_finite=False)
    except LinAlgError:  # a zero on the diagonal: BLAS trsm (as torch) divides by it, giving inf/NaN
        from scipy.linalg.blas import get_blas_funcs

        dt = np.result_type(a, rhs)
        trsm = get_blas_funcs("trsm", dtype=dt)
        a2 = a.reshape((-1,) + a.shape[-2:]).astype(dt)
        r2 = rhs.reshape((-1,) + rhs.shape[-2:]).astype(dt)
        with np.errstate(all="ignore"):
            out = np.stack(
                [
                    trsm(
                        1.0,
                        np.asfortranarray(ai),
                        np.asfortranarray(ri),
                        side=0,
                        lower=int(lower),
                        trans_a=0,
                        diag=int(unit),
                    )
                    for ai, ri in zip(a2, r2)
                ]
            )
        return out.reshape(rhs.shape)


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


# ------------------------------------------------------------------------------------------ LU machinery


def _onehot_pick(b, x, j):
    """``x[..., j[...]]`` for integer ``j`` (one entry per batch)."""
    xp = b.xp
    n = int(x.shape[-1])
    hit = _const(b, np.arange(n), j.dtype) == xp.expand_dims(j, -1)
    return b.astype(xp.sum(xp.where(hit, x, xp.zeros_like(x)), axis=-1), x.dtype)


def _pivots_to_perm(b, pivots, m):
    """LAPACK row interchanges (1-based) -> ``perm`` with ``A[perm] == L @ U``."""
    xp = b.xp
    piv = b.astype(pivots, _i32(b)) - 1
    batch = _shape(piv)[:-1]
    ar = _const(b, np.arange(m), _i32(b))
    perm = xp.broadcast_to(ar, batch + (m,))
    for i in range(int(piv.shape[-1])):
        j = piv[..., i]
        pj = xp.expand_dims(_onehot_pick(b, perm, j), -1)
        pi = perm[..., i : i + 1]
        perm = xp.where(ar == i, pj, xp.where(ar == xp.expand_dims(j, -1), pi, perm))
    return perm


def _perm_to_pivots(b, perm, k):
    """The inverse of :func:`_pivots_to_perm` (for TensorFlow, whose LU returns a permutation)."""
    xp = b.xp
    m = int(perm.shape[-1])
    ar = _const(b, np.arange(m), perm.dtype)
    cur = xp.broadcast_to(ar, _shape(perm))
    piv = []
    for i in range(k):
        target = perm[..., i : i + 1]
        j = b.astype(xp.argmax(b.astype(cur == target, _i32(b)), axis=-1), perm.dtype)
        piv.append(j + 1)
        cj = xp.expand_dims(_onehot_pick(b, cur, j), -1)
        ci = cur[..., i : i + 1]
        cur = xp.where(ar == i, cj, xp.where(ar == xp.expand_dims(j, -1), ci, cur))
    return xp.stack(piv, axis=-1) if piv else xp.zeros(_shape(perm)[:-1] + (0,), dtype=perm.dtype)


def _lu_unrolled(b, a):
    """LAPACK's getf2 (partial pivoting, first maximum wins) unrolled over the static columns."""
    xp = b.xp
    shape = _shape(a)
    m, n = shape[-2:]
    k = min(m, n)
    batch = shape[:-2]
    i32 = _i32(b)
    rows = np.arange(m)[:, None]
    cols = np.arange(n)[None, :]
    ar = _const(b, np.arange(m), i32)
    perm = xp.broadcast_to(ar, batch + (m,))
    pivs = []
    for j in range(k):
        mag = xp.abs(a[..., :, j])
        cand = xp.where(np.arange(m) >= j, mag, -xp.ones_like(mag))
        p = b.astype(xp.argmax(cand, axis=-1), i32)  # (...,)
        pivs.append(p + 1)
        hit = xp.expand_dims(xp.expand_dims(p, -1) == ar, -1)  # (..., m, 1)
        row_p = xp.sum(xp.where(hit, a, xp.zeros_like(a)), axis=-2, keepdims=True)
        row_j = a[..., j : j + 1, :]
        a = xp.where(rows == j, row_p, xp.where(hit, row_j, a))
        perm_p = xp.expand_dims(_onehot_pick(b, perm, p), -1)
        perm = xp.where(ar == j, perm_p, xp.where(ar == xp.expand_dims(p, -1), perm[..., j : j + 1], perm))
        piv = a[..., j : j + 1, j : j + 1]
        col = a[..., :, j : j + 1]
        safe = xp.where(piv == 0, xp.ones_like(piv), piv)
        l_col = xp.where(piv == 0, col, col / safe)
        l_col = xp.where(rows > j, l_col, xp.zeros_like(l_col))  # (..., m, 1)
        upd = a - l_col * a[..., j : j + 1, :]
        a = xp.where((rows > j) & (cols > j), upd, xp.where((rows > j) & (cols == j), l_col, a))
    piv = xp.stack(pivs, axis=-1) if pivs else xp.zeros(batch + (0,), dtype=i32)
    return a, piv, perm


def _lu(b, a):
    """Partial-pivoting LU: (LU, 1-based int32 pivots, perm) with ``a[..., perm, :] == L @ U``."""
    shape = _shape(a)
    m, n = shape[-2:]
    k = min(m, n)
    if b.name == "jax":
        from jax import lax

        lu, piv, perm = lax.linalg.lu(a)
        return lu, piv + 1, perm
    if b.name == "tensorflow":  # tf.linalg.lu raises on singular input and needs square matrices
        return _lu_unrolled(b, a)
    from scipy.linalg import lu_factor

    a = np.asarray(a)
    if a.size == 0:
        piv = np.zeros(shape[:-2] + (k,), np.int32)
    else:
        lu_, piv = lu_factor(a, check_finite=False)
        a, piv = lu_, piv.astype(np.int32)
    piv = piv + 1
    return a, piv, _pivots_to_perm(b, piv, m)


def _tril_unit(b, lu, k):
    """The unit lower-triangular L (m x k) of a packed LU."""
    xp = b.xp
    m = int(lu.shape[-2])
    low = lu[..., :, :k]
    mask = np.tril(np.ones((m, k), bool), -1)
    return xp.where(mask, low, _const(b, np.eye(m, k), lu.dtype))


def _triu_part(b, lu, k):
    xp = b.xp
    n = int(lu.shape[-1])
    up = lu[..., :k, :]
    return xp.where(np.triu(np.ones((k, n), bool)), up, xp.zeros_like(up))


def _perm_matrix(b, perm, dtype):
    """P with ``A == P @ L @ U`` given ``A[perm] == L @ U``: P[i, j] = (perm[j] == i)."""
    xp = b.xp
    m = int(perm.shape[-1])
    hit = _const(b, np.arange(m)[:, None], perm.dtype) == xp.expand_dims(perm, -2)
    return b.astype(hit, dtype)


def _take_rows(b, x, perm):
    """``x[..., perm, :]`` with a batched ``perm``."""
    xp = b.xp
    batch = np.broadcast_shapes(_shape(perm)[:-1], _shape(x)[:-2])
    perm = xp.broadcast_to(perm, batch + _shape(perm)[-1:])
    x = xp.broadcast_to(x, batch + _shape(x)[-2:])
    if b.name == "tensorflow":
        return b.fw.gather(x, perm, batch_dims=len(batch), axis=len(batch))
    return xp.take_along_axis(x, xp.expand_dims(perm, -1), axis=-2)


def _lu_solve(b, lu, perm, rhs, adjoint=False):
    """Solve ``A x = rhs`` (or ``A^H x = rhs``) from ``A[perm] = L U``."""
    xp = b.xp
    if not adjoint:
        y = _take_rows(b, rhs, perm)
        y = _trsm(b, lu, y, lower=True, unit=True)
        return _trsm(b, lu, y, lower=False)
    # A^H = U^H L^H P^T:  x = P (L^H)^-1 (U^H)^-1 rhs
    luh = _mH(b, lu)
    y = _trsm(b, luh, rhs, lower=True)
    y = _trsm(b, luh, y, lower=False, unit=True)
    inv = b.fw.argsort(perm, axis=-1) if b.name == "tensorflow" else xp.argsort(perm, axis=-1)
    return _take_rows(b, y, b.astype(inv, perm.dtype))


@lower("aten.linalg_lu_factor_ex.default")
def linalg_lu_factor_ex(b, A, pivot=True, check_errors=False):
    """linalg_lu_factor_ex(Tensor A, *, bool pivot=True, bool check_errors=False) -> (Tensor LU, Tensor pivots, Tensor info)"""
    lu, piv, _ = _lu(b, A)
    return lu, piv, _lu_info(b, lu)


@lower("aten.linalg_lu.default")
def linalg_lu(b, A, pivot=True):
    """linalg_lu(Tensor A, *, bool pivot=True) -> (Tensor P, Tensor L, Tensor U)"""
    m, n = _shape(A)[-2:]
    k = min(m, n)
    lu, _, perm = _lu(b, A)
    return _perm_matrix(b, perm, A.dtype), _tril_unit(b, lu, k), _triu_part(b, lu, k)


@lower("aten.lu_unpack.default")
def lu_unpack(b, LU_data, LU_pivots, unpack_data=True, unpack_pivots=True):
    """lu_unpack(Tensor LU_data, Tensor LU_pivots, bool unpack_data=True, bool unpack_pivots=True) -> (Tensor P, Tensor L, Tensor U)"""
    m, n = _shape(LU_data)[-2:]
    k = min(m, n)
    if unpack_pivots:
        p = _perm_matrix(b, _pivots_to_perm(b, LU_pivots, m), LU_data.dtype)
    else:
        p = _empty(b, LU_data.dtype)
    if unpack_data:
        lo, up = _tril_unit(b, LU_data, k), _triu_part(b, LU_data, k)
    else:
        lo = up = _empty(b, LU_data.dtype)
    return p, lo, up


@lower("aten.linalg_lu_solve.default")
def linalg_lu_solve(b, LU, pivots, B, left=True, adjoint=False):
    """linalg_lu_solve(Tensor LU, Tensor pivots, Tensor B, *, bool left=True, bool adjoint=False) -> Tensor"""
    perm = _pivots_to_perm(b, pivots, int(LU.shape[-1]))
    if left:
        return _lu_solve(b, LU, perm, B, adjoint)
    # x A = B  <=>  A^H x^H = B^H ;  x A^H = B  <=>  A x^H = B^H
    return _mH(b, _lu_solve(b, LU, perm, _mH(b, B), not adjoint))


def _diag(b, x):
    return b.xp.diagonal(x, axis1=-2, axis2=-1)


def _perm_sign(b, piv, dtype):
    """(-1)^(number of row interchanges) from LAPACK pivots."""
    xp = b.xp
    k = int(piv.shape[-1])
    swaps = xp.sum(b.astype(piv != _const(b, np.arange(1, k + 1), piv.dtype), _i32(b)), axis=-1)
    return b.astype(1 - 2 * (swaps % 2), dtype)


@lower("aten._linalg_det.default")
def linalg_det(b, A):
    """_linalg_det(Tensor A) -> (Tensor result, Tensor LU, Tensor pivots)"""
    lu, piv, _ = _lu(b, A)
    det = b.xp.prod(_diag(b, lu), axis=-1) * _perm_sign(b, piv, lu.dtype)
    return det, lu, piv


@lower("aten._linalg_slogdet.default")
def linalg_slogdet(b, A):
    """_linalg_slogdet(Tensor A) -> (Tensor sign, Tensor logabsdet, Tensor LU, Tensor pivots)"""
    xp = b.xp
    lu, piv, _ = _lu(b, A)
    d = _diag(b, lu)
    ad = xp.abs(d)
    logabs = xp.sum(xp.log(ad), axis=-1)
    if b.is_complex(d.dtype):
        unit = xp.where(ad == 0, xp.zeros_like(d), d / b.astype(xp.where(ad == 0, xp.ones_like(ad), ad), d.dtype))
    else:
        unit = xp.sign(d)
    sign = xp.prod(unit, axis=-1) * _perm_sign(b, piv, d.dtype)
    return sign, logabs, lu, piv


def _is_vector_rhs(A, B):
    return len(B.shape) == 1 or (len(B.shape) == len(A.shape) - 1 and _shape(B) == _shape(A)[:-1])


@lower("aten._linalg_solve_ex.default")
def linalg_solve_ex(b, A, B, left=True, check_errors=False):
    """_linalg_solve_ex(Tensor A, Tensor B, *, bool left=True, bool check_errors=False) -> (Tensor result, Tensor LU, Tensor pivots, Tensor info)"""
    xp = b.xp
    vector = _is_vector_rhs(A, B)
    lu, piv, perm = _lu(b, A)
    rhs = xp.expand_dims(B, -1) if vector else B
    if left:
        x = _lu_solve(b, lu, perm, rhs)
    else:  # x A = B  <=>  A^T x^T = B^T
        x = _mT(b, _lu_solve_transpose(b, lu, perm, _mT(b, rhs)))
    if vector:
        x = x[..., 0]
    return x, lu, piv, _lu_info(b, lu)


def _lu_solve_transpose(b, lu, perm, rhs):
    """Solve ``A^T x = rhs`` (plain transpose, also for complex) from ``A[perm] = L U``."""
    if not b.is_complex(lu.dtype):
        return _lu_solve(b, lu, perm, rhs, adjoint=True)
    xp = b.xp
    return xp.conj(_lu_solve(b, lu, perm, xp.conj(rhs), adjoint=True))


@lower("aten.linalg_inv_ex.default")
def linalg_inv_ex(b, A, check_errors=False):
    """linalg_inv_ex(Tensor A, *, bool check_errors=False) -> (Tensor inverse, Tensor info)"""
    n = int(A.shape[-1])
    if n == 0:
        return A, _info(b, _shape(A)[:-2])
    if b.name == "tensorflow" and n > 32:  # the unrolled LU is for small matrices
        return b.fw.linalg.inv(A), _info(b, _shape(A)[:-2])
    # through the LU factorization: a singular matrix gives inf/NaN and info > 0, as in torch
    lu, _, perm = _lu(b, A)
    eye = b.xp.broadcast_to(_eye_like(b, A, n), _shape(A))
    return _lu_solve(b, lu, perm, eye), _lu_info(b, lu)


# ------------------------------------------------------------------------------------ Cholesky, triangular


def _cholesky_lower(b, a):
    """Lower Cholesky factor reading only the lower triangle of ``a``."""
    if b.name == "jax":
        from jax import lax

        return lax.linalg.cholesky(a, symmetrize_input=False)
    if b.name == "tensorflow":
        return b.fw.linalg.cholesky(a)
    if 0 in a.shape:
        return np.asarray(a)
    try:
        return np.linalg.cholesky(np.tril(a) + np.conj(np.swapaxes(np.tril(a, -1), -1, -2)))
    except np.linalg.LinAlgError:  # torch returns a partial factor and info > 0: NaN marks the failure
        return np.full(a.shape, np.nan, dtype=a.dtype)


def _cholesky(b, a, upper):
    if upper:  # the upper triangle of a is the lower triangle of a^H
        return _mH(b, _cholesky_lower(b, _mH(b, a)))
    return _cholesky_lower(b, a)


@lower("aten.linalg_cholesky_ex.default")
def linalg_cholesky_ex(b, self, upper=False, check_errors=False):
    """linalg_cholesky_ex(Tensor self, *, bool upper=False, bool check_errors=False) -> (Tensor L, Tensor info)"""
    factor = _cholesky(b, self, upper)
    d = b.xp.diagonal(factor, axis1=-2, axis2=-1)
    bad = b.xp.isnan(d) if b.is_complex(d.dtype) else ~(d > 0)  # info: the first non-positive pivot
    return factor, _first_bad(b, bad)


@lower("aten.cholesky.default")
def cholesky(b, self, upper=False):
    """cholesky(Tensor self, bool upper=False) -> Tensor"""
    return _cholesky(b, self, upper)


@lower("aten.cholesky_solve.default")
def cholesky_solve(b, self, input2, upper=False):
    """cholesky_solve(Tensor self, Tensor input2, bool upper=False) -> Tensor"""
    if upper:  # A = U^H U
        y = _trsm(b, _mH(b, input2), self, lower=True)
        return _trsm(b, input2, y, lower=False)
    y = _trsm(b, input2, self, lower=True)  # A = L L^H
    return _trsm(b, _mH(b, input2), y, lower=False)


@lower("aten.cholesky_inverse.default")
def cholesky_inverse(b, self, upper=False):
    """cholesky_inverse(Tensor self, bool upper=False) -> Tensor"""
    n = int(self.shape[-1])
    eye = b.xp.broadcast_to(_eye_like(b, self, n), _shape(self))
    return cholesky_solve(b, eye, self, upper)


@lower("aten.linalg_solve_triangular.default")
def linalg_solve_triangular(b, self, B, upper, left=True, unitriangular=False):
    """linalg_solve_triangular(Tensor self, Tensor B, *, bool upper, bool left=True, bool unitriangular=False) -> Tensor"""
    return _tri_solve(b, self, B, upper, left, unitriangular)


@lower("aten.triangular_solve.default")
def triangular_solve(b, self, A, upper=True, transpose=False, unitriangular=False):
    """triangular_solve(Tensor self, Tensor A, bool upper=True, bool transpose=False, bool unitriangular=False) -> (Tensor solution, Tensor cloned_coefficient)"""
    a = _mT(b, A) if transpose else A
    sol = _trsm(b, a, self, lower=(upper == transpose), unit=unitriangular)
    coeff = b.xp.broadcast_to(A, np.broadcast_shapes(_shape(A)[:-2], _shape(self)[:-2]) + _shape(A)[-2:])
    return sol, coeff


# ------------------------------------------------------------------------------------ QR and Householder


@lower("aten.linalg_qr.default")
def linalg_qr(b, A, mode="reduced"):
    """linalg_qr(Tensor A, str mode="reduced") -> (Tensor Q, Tensor R)"""
    if b.name == "numpy" and 0 in _shape(A):  # NumPy's QR rejects empty matrices
        m, n = _shape(A)[-2:]
        k = m if mode == "complete" else min(m, n)
        batch = _shape(A)[:-2]
        q = np.broadcast_to(np.eye(m, k, dtype=A.dtype), batch + (m, k)).copy()
        r = np.zeros(batch + (k, n), A.dtype)
    else:
        q, r = b.xp.linalg.qr(A, mode="complete" if mode == "complete" else "reduced")
    return (_empty(b, A.dtype), r) if mode == "r" else (q, r)


@lower("aten.linalg_qr.default", target="tensorflow")
def linalg_qr_tf(b, A, mode="reduced"):
    """linalg_qr(Tensor A, str mode="reduced") -> (Tensor Q, Tensor R)"""
    q, r = b.fw.linalg.qr(A, full_matrices=(mode == "complete"))
    return (_empty(b, A.dtype), r) if mode == "r" else (q, r)


def _householder_vectors(b, a, k):
    """The Householder vectors stored below the diagonal of ``a`` (unit diagonal, zeros above)."""
    xp = b.xp
    m, n = _shape(a)[-2:]
    low = a[..., :, :k]
    below = np.tril(np.ones((m, k), bool), -1)
    return xp.where(below, low, _const(b, np.eye(m, k), a.dtype))


def _apply_householder(b, v, tau, c, left=True, adjoint=False):
    """Apply Q = H_1 ... H_k (H_i = I - tau_i v_i v_i^H) to ``c``: Q c, Q^H c, c Q or c Q^H."""
    xp = b.xp
    k = int(v.shape[-1])
    conj = b.is_complex(v.dtype)
    order = range(k)
    # Q c = H_1 (H_2 (... H_k c)); Q^H c = H_k^H (... H_1^H c); c Q = ((c H_1) H_2) ...; c Q^H = c H_k^H ... H_1^H
    if left != adjoint:
        order = reversed(range(k))
    for i in order:
        vi = v[..., :, i : i + 1]  # (m, 1)
        ti = tau[..., i : i + 1]
        ti = xp.expand_dims(xp.conj(ti) if (adjoint and conj) else ti, -1)
        vh = xp.conj(_mT(b, vi)) if conj else _mT(b, vi)
        if left:
            c = c - ti * _matmul(b, vi, _matmul(b, vh, c))
        else:
            c = c - ti * _matmul(b, _matmul(b, c, vi), vh)
    return c


@lower("aten.linalg_householder_product.default")
def linalg_householder_product(b, input, tau):
    """linalg_householder_product(Tensor input, Tensor tau) -> Tensor"""
    m, n = _shape(input)[-2:]
    k = int(tau.shape[-1])
    v = _householder_vectors(b, input, k)
    eye = b.xp.broadcast_to(_const(b, np.eye(m, n), input.dtype), _shape(input))
    return _apply_householder(b, v, tau, eye, left=True)


@lower("aten.ormqr.default")
def ormqr(b, self, input2, input3, left=True, transpose=False):
    """ormqr(Tensor self, Tensor input2, Tensor input3, bool left=True, bool transpose=False) -> Tensor"""
    k = int(input2.shape[-1])
    v = _householder_vectors(b, self, k)
    return _apply_householder(b, v, input2, input3, left=left, adjoint=transpose)


@lower("aten.geqrf.default", target="numpy")
def geqrf(b, self):
    """geqrf(Tensor self) -> (Tensor a, Tensor tau)"""
    from scipy.linalg import qr

    a = np.asarray(self)
    shape = a.shape
    m, n = shape[-2:]
    k = min(m, n)
    flat = a.reshape((int(np.prod(shape[:-2])), m, n))
    out = np.empty_like(flat)
    taus = np.zeros((flat.shape[0], k), a.dtype)
    for i in range(flat.shape[0]):
        if k:
            (qr_, tau), _ = qr(flat[i], mode="raw", check_finite=False)
            out[i], taus[i] = qr_, tau
        else:
            out[i] = flat[i]
    return out.reshape(shape), taus.reshape(shape[:-2] + (k,))


def _complex(b, re, im):
    if b.name == "tensorflow":
        return b.fw.complex(re, im)
    if b.name == "jax":
        return b.fw.lax.complex(re, im)
    return re + 1j * im


@lower("aten.geqrf.default", target="jax")
@lower("aten.geqrf.default", target="tensorflow")
def geqrf_unrolled(b, self):
    """geqrf(Tensor self) -> (Tensor a, Tensor tau)"""
    # LAPACK's xGEQR2 with xLARFG reflectors, unrolled over the (static) columns
    xp = b.xp
    a = self
    m, n = _shape(a)[-2:]
    k = min(m, n)
    cplx = b.is_complex(a.dtype)
    rows, cols = np.arange(m), np.arange(n)
    taus = []
    for j in range(k):
        col = a[..., :, j]
        alpha = col[..., j]
        x = xp.where(rows > j, col, xp.zeros_like(col))
        ax = xp.abs(x)
        xnorm = xp.sqrt(xp.sum(ax * ax, axis=-1))
        ar = xp.real(alpha) if cplx else alpha
        ai = xp.imag(alpha) if cplx else xp.zeros_like(alpha)
        trivial = (xnorm == 0) & (ai == 0)
        norm = xp.sqrt(ar * ar + ai * ai + xnorm * xnorm)
        beta = xp.where(ar >= 0, -norm, norm)
        sb = xp.where(trivial, xp.ones_like(beta), beta)
        if cplx:
            tau = _complex(b, (sb - ar) / sb, -ai / sb)
            beta_c = _complex(b, beta, xp.zeros_like(beta))
        else:
            tau = (sb - ar) / sb
            beta_c = beta
        tau = xp.where(trivial, xp.zeros_like(tau), tau)
        denom = alpha - (_complex(b, sb, xp.zeros_like(sb)) if cplx else sb)
        scale = xp.where(trivial, xp.zeros_like(denom), 1 / xp.where(trivial, xp.ones_like(denom), denom))
        xs = x * xp.expand_dims(scale, -1)
        v = xs + _const(b, rows == j, a.dtype)
        diag = xp.where(trivial, alpha, beta_c)
        newcol = xp.where(rows == j, xp.expand_dims(diag, -1), xp.where(rows > j, xs, col))
        vh = xp.conj(v) if cplx else v
        w = xp.sum(xp.expand_dims(vh, -1) * a, axis=-2)  # v^H a
        tc = xp.conj(tau) if cplx else tau
        upd = a - xp.expand_dims(xp.expand_dims(tc, -1) * w, -2) * xp.expand_dims(v, -1)
        a = xp.where(cols > j, upd, xp.where(cols == j, xp.expand_dims(newcol, -1), a))
        taus.append(tau)
    tau = xp.stack(taus, axis=-1) if taus else xp.zeros(_shape(a)[:-2] + (0,), dtype=a.dtype)
    return a, tau


# --------------------------------------------------------------------------------- spectral decompositions


@lower("aten._linalg_svd.default")
def linalg_svd(b, A, full_matrices=False, compute_uv=True, driver=None):
    """_linalg_svd(Tensor A, bool full_matrices=False, bool compute_uv=True, *, str? driver=None) -> (Tensor U, Tensor S, Tensor Vh)"""
    xp = b.xp
    if not compute_uv:
        s = xp.linalg.svd(A, compute_uv=False)
        return _empty(b, A.dtype), s, _empty(b, A.dtype)
    u, s, vh = xp.linalg.svd(A, full_matrices=full_matrices)
    return u, s, vh


@lower("aten._linalg_svd.default", target="tensorflow")
def linalg_svd_tf(b, A, full_matrices=False, compute_uv=True, driver=None):
    """_linalg_svd(Tensor A, bool full_matrices=False, bool compute_uv=True, *, str? driver=None) -> (Tensor U, Tensor S, Tensor Vh)"""
    tf = b.fw
    if not compute_uv:
        return _empty(b, A.dtype), tf.linalg.svd(A, compute_uv=False), _empty(b, A.dtype)
    s, u, v = tf.linalg.svd(A, full_matrices=full_matrices)
    return u, s, _mH(b, v)


@lower("aten._linalg_eigh.default")
def linalg_eigh(b, A, UPLO="L", compute_v=True):
    """_linalg_eigh(Tensor A, str UPLO="L", bool compute_v=True) -> (Tensor eigenvalues, Tensor eigenvectors)"""
    w, v = np.linalg.eigh(A, UPLO=UPLO)
    return w, (v if compute_v else _empty(b, A.dtype))


@lower("aten._linalg_eigh.default", target="jax")
def linalg_eigh_jax(b, A, UPLO="L", compute_v=True):
    """_linalg_eigh(Tensor A, str UPLO="L", bool compute_v=True) -> (Tensor eigenvalues, Tensor eigenvectors)"""
    w, v = b.xp.linalg.eigh(A, UPLO=UPLO, symmetrize_input=False)  # torch reads one triangle only
    return w, (v if compute_v else _empty(b, A.dtype))


@lower("aten._linalg_eigh.default", target="tensorflow")
def linalg_eigh_tf(b, A, UPLO="L", compute_v=True):
    """_linalg_eigh(Tensor A, str UPLO="L", bool compute_v=True) -> (Tensor eigenvalues, Tensor eigenvectors)"""
    w, v = b.fw.linalg.eigh(_mH(b, A) if UPLO == "U" else A)  # reads the lower triangle: A's upper is A^H's
    return w, (v if compute_v else _empty(b, A.dtype))


@lower("aten.linalg_eig.default")
def linalg_eig(b, self):
    """linalg_eig(Tensor self) -> (Tensor eigenvalues, Tensor eigenvectors)"""
    w, v = b.xp.linalg.eig(self)
    return w, v


@lower("aten.linalg_eig.default", target="tensorflow")
def linalg_eig_tf(b, self):
    """linalg_eig(Tensor self) -> (Tensor eigenvalues, Tensor eigenvectors)"""
    return b.fw.linalg.eig(self)


@lower("aten.linalg_matrix_exp.default")
def linalg_matrix_exp(b, self):
    """linalg_matrix_exp(Tensor self) -> Tensor"""
    from scipy.linalg import expm

    return expm(self) if self.size else np.asarray(self)


@lower("aten.linalg_matrix_exp.default", target="jax")
def linalg_matrix_exp_jax(b, self):
    """linalg_matrix_exp(Tensor self) -> Tensor"""
    from jax.scipy.linalg import expm

    return expm(self)


@lower("aten.linalg_matrix_exp.default", target="tensorflow")
def linalg_matrix_exp_tf(b, self):
    """linalg_matrix_exp(Tensor self) -> Tensor"""
    return b.fw.linalg.expm(self)


@lower("aten.linalg_pinv.atol_rtol_tensor")
def linalg_pinv(b, self, atol=None, rtol=None, hermitian=False):
    """linalg_pinv.atol_rtol_tensor(Tensor self, *, Tensor? atol=None, Tensor? rtol=None, bool hermitian=False) -> Tensor"""
    xp = b.xp
    m, n = _shape(self)[-2:]
    real = _real_dtype(b, self.dtype)
    eps = float(np.finfo(b.dtype_name(real)).eps)
    default_rtol = eps * max(m, n)
    zero = _const(b, 0.0, real)
    atol_t = zero if atol is None else b.astype(atol, real)
    if rtol is not None:
        rtol_t = b.astype(rtol, real)
    elif atol is not None:
        rtol_t = xp.where(atol_t > 0, zero, _const(b, default_rtol, real))
    else:
        rtol_t = _const(b, default_rtol, real)
    if hermitian:
        s, u = {"jax": linalg_eigh_jax, "tensorflow": linalg_eigh_tf}.get(b.name, linalg_eigh)(b, self)
        sa = xp.abs(s)
        smax = xp.max(sa, axis=-1, keepdims=True) if n else xp.zeros_like(sa[..., :1])
        tol = xp.maximum(xp.expand_dims(atol_t, -1), xp.expand_dims(rtol_t, -1) * smax)
        sinv = xp.where(sa > tol, 1 / xp.where(sa > tol, s, xp.ones_like(s)), xp.zeros_like(s))
        return _matmul(b, u * xp.expand_dims(b.astype(sinv, self.dtype), -2), _mH(b, u))
    u, s, vh = (linalg_svd_tf if b.name == "tensorflow" else linalg_svd)(b, self, False, True)
    smax = s[..., :1] if min(m, n) else xp.zeros_like(s[..., :1])
    tol = xp.maximum(xp.expand_dims(atol_t, -1), xp.expand_dims(rtol_t, -1) * smax)
    sinv = xp.where(s > tol, 1 / xp.where(s > tol, s, xp.ones_like(s)), xp.zeros_like(s))
    return _matmul(b, _mH(b, vh) * xp.expand_dims(b.astype(sinv, self.dtype), -2), _mH(b, u))


# ---------------------------------------------------------------------------------------------- LDL^T


def _host_call(b, fn, outs, *args):
    """Run the NumPy function ``fn`` on the host: ``outs`` lists the (shape, dtype) of its results.

    For LAPACK routines that have no JAX primitive or TensorFlow op (Bunch-Kaufman LDL^T): JAX calls
    back with ``jax.pure_callback``, TensorFlow with ``tf.numpy_function`` (both work when compiled).
    """
    if b.name == "numpy":
        return fn(*[np.asarray(a) for a in args])
    if b.name == "jax":
        import jax

        specs = tuple(jax.ShapeDtypeStruct(shape, dtype) for shape, dtype in outs)
        return jax.pure_callback(
            lambda *xs: tuple(np.asarray(r).astype(d.dtype) for r, d in zip(fn(*[np.asarray(x) for x in xs]), specs)),
            specs,
            *args,
        )
    tf = b.fw
    res = tf.numpy_function(
        lambda *xs: tuple(np.asarray(r).astype(np.dtype(d.as_numpy_dtype)) for r, (_, d) in zip(fn(*xs), outs)),
        list(args),
        [d for _, d in outs],
        stateful=False,
    )
    for r, (shape, _) in zip(res, outs):
        r.set_shape(shape)
    return tuple(res)


def _lapack(name, hermitian, dtype):
    from scipy.linalg import lapack

    cplx = dtype.kind == "c"
    prefix = {"float32": "s", "float64": "d", "complex64": "c", "complex128": "z"}[dtype.name]
    return getattr(lapack, prefix + (("he" if (hermitian and cplx) else "sy") + name))


def _ldl_factor_np(hermitian):
    def run(a):
        shape = a.shape
        n = shape[-1]
        flat = a.reshape((int(np.prod(shape[:-2])), n, n))
        ld = np.zeros_like(flat)
        piv = np.zeros((flat.shape[0], n), np.int32)
        info = np.zeros(flat.shape[0], np.int32)
        fn = _lapack("trf", hermitian, a.dtype)
        for i in range(flat.shape[0]):
            if n:
                r = fn(flat[i], lower=1)
                ld[i], piv[i], info[i] = np.tril(r[0]), r[1], r[2]
        return ld.reshape(shape), piv.reshape(shape[:-1]), info.reshape(shape[:-2])

    return run


def _ldl_solve_np(hermitian):
    def run(ld, piv, rhs):
        batch = np.broadcast_shapes(ld.shape[:-2], rhs.shape[:-2])
        n, k = rhs.shape[-2:]
        nb = int(np.prod(batch))
        ld = np.broadcast_to(ld, batch + ld.shape[-2:]).reshape((nb, n, n))
        piv = np.broadcast_to(piv, batch + piv.shape[-1:]).reshape((nb, n))
        rhs = np.broadcast_to(rhs, batch + (n, k)).reshape((nb, n, k))
        fn = _lapack("trs", hermitian, ld.dtype)
        out = np.empty(rhs.shape, np.result_type(ld, rhs))
        for i in range(nb):
            out[i] = fn(ld[i], piv[i], rhs[i], lower=1)[0] if n else rhs[i]
        return (out.reshape(batch + (n, k)),)

    return run


@lower("aten.linalg_ldl_factor_ex.default")
def linalg_ldl_factor_ex(b, self, hermitian=False, check_errors=False):
    """linalg_ldl_factor_ex(Tensor self, *, bool hermitian=False, bool check_errors=False) -> (Tensor LD, Tensor pivots, Tensor info)"""
    shape = _shape(self)
    outs = [(shape, self.dtype), (shape[:-1], _i32(b)), (shape[:-2], _i32(b))]
    return _host_call(b, _ldl_factor_np(hermitian), outs, self)


@lower("aten.linalg_ldl_solve.default")
def linalg_ldl_solve(b, LD, pivots, B, hermitian=False):
    """linalg_ldl_solve(Tensor LD, Tensor pivots, Tensor B, *, bool hermitian=False) -> Tensor"""
    shape = np.broadcast_shapes(_shape(LD)[:-2], _shape(B)[:-2]) + _shape(B)[-2:]
    pivots = b.astype(pivots, _i32(b))
    return _host_call(b, _ldl_solve_np(hermitian), [(shape, B.dtype)], LD, pivots, B)[0]


@lower("aten._linalg_check_errors.default")
def linalg_check_errors(b, info, api_name, is_matrix):
    """_linalg_check_errors(Tensor info, str api_name, *, bool is_matrix) -> ()"""
    return None


# ------------------------------------------------------------------------------------------------- FFT


def _fft_norm(x_sizes, normalization):
    n = float(np.prod(x_sizes)) if len(x_sizes) else 1.0
    if normalization == 1:
        return 1.0 / math.sqrt(n)
    if normalization == 2:
        return 1.0 / n
    return 1.0


def _complex_of(b, x):
    name = b.dtype_name(x.dtype)
    if b.is_complex(x.dtype):
        return x
    return b.astype(x, b.dtype_by_name("complex128" if name == "float64" else "complex64"))


def _tf_along(b, x, axis, fn):
    """Apply ``fn`` (acting on the last axis) along ``axis``."""
    xp = b.xp
    nd = len(x.shape)
    axis = axis % nd
    if axis == nd - 1:
        return fn(x)
    return xp.moveaxis(fn(xp.moveaxis(x, axis, -1)), -1, axis)


def _c2c_raw(b, x, dims, forward):
    """Unnormalized complex DFT over ``dims`` (exponent sign by ``forward``)."""
    if not dims:
        return x
    if b.name == "tensorflow":
        tf = b.fw
        for d in dims:
            n = int(x.shape[d])
            if forward:
                x = _tf_along(b, x, d, tf.signal.fft)
            else:
                x = _tf_along(b, x, d, tf.signal.ifft) * n
        return x
    fft = b.xp.fft
    return fft.fftn(x, axes=dims) if forward else fft.ifftn(x, axes=dims, norm="forward")


@lower("aten._fft_c2c.default")
def fft_c2c(b, self, dim, normalization, forward):
    """_fft_c2c(Tensor self, SymInt[] dim, int normalization, bool forward) -> Tensor"""
    dims = [int(d) % len(self.shape) for d in dim]
    out = _c2c_raw(b, _complex_of(b, self), dims, forward)
    f = _fft_norm([self.shape[d] for d in dims], normalization)
    return out if f == 1.0 else out * f


@lower("aten._fft_r2c.default")
def fft_r2c(b, self, dim, normalization, onesided):
    """_fft_r2c(Tensor self, int[] dim, int normalization, bool onesided) -> Tensor"""
    dims = [int(d) % len(self.shape) for d in dim]
    f = _fft_norm([self.shape[d] for d in dims], normalization)
    x = self
    if b.dtype_name(x.dtype) in ("float16", "bfloat16"):
        x = b.astype(x, b.dtype_by_name("float32"))
    if not onesided:
        out = _c2c_raw(b, _complex_of(b, x), dims, True)
    elif b.name == "tensorflow":
        last = dims[-1]
        out = _tf_along(b, x, last, b.fw.signal.rfft)
        out = _c2c_raw(b, out, dims[:-1], True)
    else:
        out = b.xp.fft.rfftn(x, axes=dims)
    return out if f == 1.0 else out * f


@lower("aten._fft_c2r.default")
def fft_c2r(b, self, dim, normalization, last_dim_size):
    """_fft_c2r(Tensor self, int[] dim, int normalization, SymInt last_dim_size) -> Tensor"""
    dims = [int(d) % len(self.shape) for d in dim]
    sizes = [int(self.shape[d]) for d in dims[:-1]] + [int(last_dim_size)]
    f = _fft_norm(sizes, normalization)
    x = _complex_of(b, self)
    if b.name == "tensorflow":
        tf = b.fw
        x = _c2c_raw(b, x, dims[:-1], False)
        n = int(last_dim_size)
        out = _tf_along(b, x, dims[-1], lambda t: tf.signal.irfft(t, fft_length=[n])) * n
    else:
        out = b.xp.fft.irfftn(x, s=sizes, axes=dims, norm="forward")
    return out if f == 1.0 else out * f


@lower("aten.linalg_lstsq.default")
def linalg_lstsq(b, self, b_, rcond=None, driver=None):
    """linalg_lstsq(Tensor self, Tensor b, float? rcond=None, *, str? driver=None) -> (Tensor solution, Tensor residuals, Tensor rank, Tensor singular_values)"""
    xp = b.xp
    m, n = _shape(self)[-2:]
    vector = len(b_.shape) == len(self.shape) - 1
    rhs = xp.expand_dims(b_, -1) if vector else b_
    driver = driver or "gelsy"
    real = _real_dtype(b, self.dtype)
    if rcond is None or rcond <= 0:
        rcond = float(np.finfo(b.dtype_name(real)).eps) * max(m, n)
    u, s, vh = (linalg_svd_tf if b.name == "tensorflow" else linalg_svd)(b, self, False, True)
    smax = s[..., :1] if min(m, n) else xp.zeros_like(s[..., :1])
    keep = s > smax * rcond
    sinv = xp.where(keep, 1 / xp.where(keep, s, xp.ones_like(s)), xp.zeros_like(s))
    uh_b = _matmul(b, _mH(b, u), rhs)
    x = _matmul(b, _mH(b, vh), uh_b * xp.expand_dims(b.astype(sinv, self.dtype), -1))
    batch = _shape(x)[:-2]
    if driver != "gelsy" and m > n:
        r = xp.abs(_matmul(b, self, x) - rhs)
        residuals = xp.sum(r * r, axis=-2)
        if vector:
            residuals = residuals[..., 0]
    else:
        residuals = _empty(b, real)
    i64 = b.dtype_by_name("int64")
    if driver == "gels":
        rank = _empty(b, i64)
    else:
        rank = xp.broadcast_to(b.astype(xp.sum(b.astype(keep, _i32(b)), axis=-1), i64), batch)
    sv = xp.broadcast_to(s, batch + _shape(s)[-1:]) if driver in ("gelsd", "gelss") else _empty(b, real)
    return (x[..., 0] if vector else x), residuals, rank, sv
