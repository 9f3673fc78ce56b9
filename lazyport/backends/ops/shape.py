"""Shape and view lowerings. The captured graph is functional: a view op (view, permute, slice...) and
its ``*_copy`` twin both lower to a new array. Shapes and sizes are static Python ints, except in graphs
captured with ``dynamic_shapes``, where they may be sizes read at run time (see ops/symbolic.py)."""

from __future__ import annotations

from ..registry import lower
from .symbolic import as_shape, dims_of, known


def _axis(dim, ndim):
    """A dim as a non-negative axis (a 0-d tensor accepts 0 and -1)."""
    return dim % max(ndim, 1)


def _index(ndim, axis, item):
    """An index tuple selecting ``item`` along ``axis`` and everything elsewhere."""
    return (slice(None),) * axis + (item,) + (slice(None),) * (ndim - axis - 1)


def _slice(x, axis, start, stop, step=1):
    """``x[start:stop:step]`` along ``axis``, the bounds clamped to static ints (torch's huge ends)."""
    if not isinstance(x.shape[axis], int):  # a size read at run time (dynamic_shapes): the target clamps
        return x[_index(x.ndim, axis, slice(start, stop, step))]
    start, stop, step = slice(start, stop, step).indices(x.shape[axis])
    if start >= stop:
        start = stop = min(start, x.shape[axis])
    return x[_index(x.ndim, axis, slice(start, stop, step))]


# ----------------------------------------------------------------------------- reshaping


@lower("aten.view.default", "aten.view_copy.default", "aten._unsafe_view.default")
def view(b, self, size):
    """view(Tensor(a) self, SymInt[] size) -> Tensor(a)
    view_copy(Tensor self, SymInt[] size) -> Tensor
    _unsafe_view(Tensor self, SymInt[] size) -> Tensor"""
    return b.xp.reshape(self, tuple(size))


def _squeezed(b, x, dims):
    if x.ndim == 0:
        return x
    axes = {d % x.ndim for d in dims}
    shape = tuple(s for i, s in enumerate(x.shape) if not (i in axes and s == 1))
    return x if shape == tuple(x.shape) else b.xp.reshape(x, shape)


@lower("aten.squeeze.dim", "aten.squeeze_copy.dim", "aten.squeeze_.dim")
def squeeze_dim(b, self, dim):
    """squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)
    squeeze_copy.dim(Tensor self, int dim) -> Tensor
    squeeze_.dim(Tensor(a!) self, int dim) -> Tensor(a!)"""
    return _squeezed(b, self, [dim])


@lower("aten.squeeze.dims", "aten.squeeze_copy.dims", "aten.squeeze_.dims")
def squeeze_dims(b, self, dim):
    """squeeze.dims(Tensor(a) self, int[] dim) -> Tensor(a)
    squeeze_copy.dims(Tensor self, int[] dim) -> Tensor
    squeeze_.dims(Tensor(a!) self, int[] dim) -> Tensor(a!)"""
    return _squeezed(b, self, dim)


@lower("aten.squeeze.default", "aten.squeeze_copy.default", "aten.squeeze_.default")
def squeeze(b, self):
    """squeeze(Tensor(a) self) -> Tensor(a)
    squeeze_copy(Tensor self) -> Tensor
    squeeze_(Tensor(a!) self) -> Tensor(a!)"""
    return _squeezed(b, self, range(self.ndim))


@lower("aten.unsqueeze.default", "aten.unsqueeze_copy.default", "aten.unsqueeze_.default")
def unsqueeze(b, self, dim):
    """unsqueeze(Tensor(a) self, int dim) -> Tensor(a)
    unsqueeze_copy(Tensor self, int dim) -> Tensor
    unsqueeze_(Tensor(a!) self, int dim) -> Tensor(a!)"""
    return b.xp.expand_dims(self, dim % (self.ndim + 1))


@lower("aten.expand.default", "aten.expand_copy.default")
def expand(b, self, size, implicit=False):
    """expand(Tensor(a) self, SymInt[] size, *, bool implicit=False) -> Tensor(a)
    expand_copy(Tensor self, SymInt[] size, *, bool implicit=False) -> Tensor"""
    lead = len(size) - self.ndim
    if not (known(size) and known(self.shape)):  # sizes read at run time (dynamic_shapes)
        dims = dims_of(b, self)
        shape = [dims[i - lead] if isinstance(s, int) and s == -1 else s for i, s in enumerate(size)]
        return (b.fw.broadcast_to if b.name == "tensorflow" else b.xp.broadcast_to)(self, as_shape(b, shape))
    shape = tuple(self.shape[i - lead] if s == -1 else s for i, s in enumerate(size))
    if shape == tuple(self.shape):
        return self
    return b.xp.broadcast_to(self, shape)


@lower("aten.repeat.default")
def repeat(b, self, repeats):
    """repeat(Tensor self, SymInt[] repeats) -> Tensor"""
    return b.xp.tile(self, tuple(repeats))


# ----------------------------------------------------------------------------- transposing


@lower("aten.permute.default", "aten.permute_copy.default")
def permute(b, self, dims):
    """permute(Tensor(a) self, int[] dims) -> Tensor(a)
    permute_copy(Tensor self, int[] dims) -> Tensor"""
    if self.ndim == 0:
        return self
    return b.xp.transpose(self, tuple(d % self.ndim for d in dims))


@lower("aten.transpose.int", "aten.transpose_copy.int", "aten.transpose_.default")
def transpose(b, self, dim0, dim1):
    """transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)
    transpose_copy.int(Tensor self, int dim0, int dim1) -> Tensor
    transpose_(Tensor(a!) self, int dim0, int dim1) -> Tensor(a!)"""
    if self.ndim < 2:
        return self
    return b.xp.swapaxes(self, dim0 % self.ndim, dim1 % self.ndim)


@lower("aten.t.default", "aten.t_copy.default", "aten.t_.default")
def t(b, self):
    """t(Tensor(a) self) -> Tensor(a)
    t_copy(Tensor self) -> Tensor
    t_(Tensor(a!) self) -> Tensor(a!)"""
    return self if self.ndim < 2 else b.xp.swapaxes(self, 0, 1)


@lower("aten.flip.default")
def flip(b, self, dims):
    """flip(Tensor self, int[] dims) -> Tensor"""
    if self.ndim == 0 or len(dims) == 0:
        return self
    return b.xp.flip(self, axis=tuple(d % self.ndim for d in dims))


@lower("aten.flip.default", target="tensorflow")
def flip_tf(b, self, dims):
    """flip(Tensor self, int[] dims) -> Tensor"""
    if self.ndim == 0 or len(dims) == 0:
        return self
    return b.fw.reverse(self, axis=[d % self.ndim for d in dims])


@lower("aten.diagonal.default", "aten.diagonal_copy.default")
def diagonal(b, self, offset=0, dim1=0, dim2=1):
    """diagonal(Tensor(a) self, int offset=0, int dim1=0, int dim2=1) -> Tensor(a)
    diagonal_copy(Tensor self, int offset=0, int dim1=0, int dim2=1) -> Tensor"""
    return b.xp.diagonal(self, offset=offset, axis1=dim1 % self.ndim, axis2=dim2 % self.ndim)


# ----------------------------------------------------------------------------- slicing


@lower("aten.slice.Tensor", "aten.slice_copy.Tensor")
def slice_(b, self, dim=0, start=None, end=None, step=1):
    """slice.Tensor(Tensor(a) self, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1) -> Tensor(a)
    slice_copy.Tensor(Tensor self, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1) -> Tensor"""
    return _slice(self, _axis(dim, self.ndim), start, end, step)


@lower("aten.narrow.default", "aten.narrow_copy.default")
def narrow(b, self, dim, start, length):
    """narrow(Tensor(a) self, int dim, SymInt start, SymInt length) -> Tensor(a)
    narrow_copy(Tensor self, int dim, SymInt start, SymInt length) -> Tensor"""
    axis = _axis(dim, self.ndim)
    if start < 0:
        start += self.shape[axis]
    return _slice(self, axis, start, start + length)


@lower("aten.select.int", "aten.select_copy.int")
def select(b, self, dim, index):
    """select.int(Tensor(a) self, int dim, SymInt index) -> Tensor(a)
    select_copy.int(Tensor self, int dim, SymInt index) -> Tensor"""
    axis = _axis(dim, self.ndim)
    if not isinstance(self.shape[axis], int):  # a size read at run time: the target's own negative indexing
        return self[_index(self.ndim, axis, index)]
    return self[_index(self.ndim, axis, index % self.shape[axis])]


def _split(x, sizes, dim):
    axis = _axis(dim, x.ndim)
    out, start = [], 0
    for s in sizes:
        out.append(_slice(x, axis, start, start + s))
        start += s
    return out


@lower("aten.split_with_sizes.default", "aten.split_with_sizes_copy.default")
def split_with_sizes(b, self, split_sizes, dim=0):
    """split_with_sizes(Tensor(a -> *) self, SymInt[] split_sizes, int dim=0) -> Tensor(a)[]
    split_with_sizes_copy(Tensor self, SymInt[] split_sizes, int dim=0) -> Tensor[]"""
    return _split(self, split_sizes, dim)


@lower("aten.split.Tensor", "aten.split_copy.Tensor")
def split(b, self, split_size, dim=0):
    """split.Tensor(Tensor(a -> *) self, SymInt split_size, int dim=0) -> Tensor(a)[]
    split_copy.Tensor(Tensor self, SymInt split_size, int dim=0) -> Tensor[]"""
    n = self.shape[_axis(dim, self.ndim)]
    if split_size <= 0 or n == 0:
        return [self]
    sizes = [split_size] * (n // split_size) + ([n % split_size] if n % split_size else [])
    return _split(self, sizes, dim)


@lower("aten.unbind.int", "aten.unbind_copy.int")
def unbind(b, self, dim=0):
    """unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]
    unbind_copy.int(Tensor self, int dim=0) -> Tensor[]"""
    axis = _axis(dim, self.ndim)
    return [self[_index(self.ndim, axis, i)] for i in range(self.shape[axis])]


@lower("aten.unfold.default", "aten.unfold_copy.default")
def unfold(b, self, dimension, size, step):
    """unfold(Tensor(a) self, int dimension, int size, int step) -> Tensor(a)
    unfold_copy(Tensor self, int dimension, int size, int step) -> Tensor"""
    xp = b.xp
    if self.ndim == 0:  # the one window of a 0-d tensor (size 1) is the 1-d tensor
        return xp.reshape(self, (1,))
    x = self
    axis = _axis(dimension, x.ndim)
    windows = (x.shape[axis] - size) // step + 1
    idx = [[w * step + j for j in range(size)] for w in range(windows)]
    if windows == 0 or size == 0:
        shape = list(x.shape)
        shape[axis] = windows
        return xp.zeros(tuple(shape) + (size,), dtype=x.dtype)
    out = xp.take(x, xp.asarray(idx), axis=axis)  # (..., windows, size, ...)
    return xp.moveaxis(out, axis + 1, -1)


# ----------------------------------------------------------------------------- joining and padding


@lower("aten.cat.default")
def cat(b, tensors, dim=0):
    """cat(Tensor[] tensors, int dim=0) -> Tensor"""
    # torch skips legacy empty 1-d tensors next to tensors of other ranks
    kept = [t for t in tensors if not (t.ndim == 1 and t.shape[0] == 0)] or list(tensors[:1])
    if len(kept) == 1:
        return kept[0]
    return b.xp.concatenate(kept, axis=_axis(dim, kept[0].ndim))


@lower("aten.stack.default")
def stack(b, tensors, dim=0):
    """stack(Tensor[] tensors, int dim=0) -> Tensor"""
    # (lowered rather than decomposed: torch's Python decomposition imports torch._dynamo on a first call)
    axis = _axis(dim, tensors[0].ndim + 1)
    return cat(b, [b.xp.expand_dims(t, axis) for t in tensors], axis)


@lower("aten.constant_pad_nd.default")
def constant_pad_nd(b, self, pad, value=0):
    """constant_pad_nd(Tensor self, SymInt[] pad, Scalar value=0) -> Tensor"""
    x, nd = self, self.ndim
    widths = [(0, 0)] * nd
    for i in range(len(pad) // 2):
        axis = nd - 1 - i
        left, right = pad[2 * i], pad[2 * i + 1]
        if left < 0 or right < 0:  # negative padding crops
            x = _slice(x, axis, max(-left, 0), x.shape[axis] - max(-right, 0))
        widths[axis] = (max(left, 0), max(right, 0))
    if all(w == (0, 0) for w in widths):
        return x
    return b.xp.pad(x, widths, constant_values=b.asarray(value, dtype=x.dtype))


@lower("aten.constant_pad_nd.default", target="tensorflow")
def constant_pad_nd_tf(b, self, pad, value=0):
    """constant_pad_nd(Tensor self, SymInt[] pad, Scalar value=0) -> Tensor"""
    x, nd = self, self.ndim
    widths = [[0, 0] for _ in range(nd)]
    for i in range(len(pad) // 2):
        axis = nd - 1 - i
        left, right = pad[2 * i], pad[2 * i + 1]
        if left < 0 or right < 0:
            x = _slice(x, axis, max(-left, 0), x.shape[axis] - max(-right, 0))
        widths[axis] = [max(left, 0), max(right, 0)]
    if all(w == [0, 0] for w in widths):
        return x
    tf = b.fw
    return tf.pad(x, widths, constant_values=tf.cast(value, x.dtype))


# ----------------------------------------------------------------------------- complex views


@lower("aten._conj.default", "aten._conj_copy.default", "aten._conj_physical.default")
def conj(b, self):
    """_conj(Tensor(a) self) -> Tensor(a)
    _conj_copy(Tensor self) -> Tensor
    _conj_physical(Tensor self) -> Tensor"""
    return b.xp.conj(self) if b.is_complex(self.dtype) else self


@lower("aten._neg_view.default", "aten._neg_view_copy.default")
def neg_view(b, self):
    """_neg_view(Tensor(a) self) -> Tensor(a)
    _neg_view_copy(Tensor self) -> Tensor"""
    return b.xp.negative(self)


@lower("aten.view_as_real.default", "aten.view_as_real_copy.default")
def view_as_real(b, self):
    """view_as_real(Tensor(a) self) -> Tensor(a)
    view_as_real_copy(Tensor self) -> Tensor"""
    return b.xp.stack([b.xp.real(self), b.xp.imag(self)], axis=-1)


@lower("aten.view_as_complex.default", "aten.view_as_complex_copy.default")
def view_as_complex(b, self):
    """view_as_complex(Tensor(a) self) -> Tensor(a)
    view_as_complex_copy(Tensor self) -> Tensor"""
    np = b.fw  # NumPy: reinterpret the (re, im) pairs
    real, kind = (np.float32, np.complex64) if self.dtype == np.float32 else (np.float64, np.complex128)
    return np.ascontiguousarray(self.astype(real)).view(kind)[..., 0]


@lower("aten.view_as_complex.default", "aten.view_as_complex_copy.default", target="jax")
def view_as_complex_jax(b, self):
    """view_as_complex(Tensor(a) self) -> Tensor(a)
    view_as_complex_copy(Tensor self) -> Tensor"""
    return b.fw.lax.complex(self[..., 0], self[..., 1])


@lower("aten.view_as_complex.default", "aten.view_as_complex_copy.default", target="tensorflow")
def view_as_complex_tf(b, self):
    """view_as_complex(Tensor(a) self) -> Tensor(a)
    view_as_complex_copy(Tensor self) -> Tensor"""
    return b.fw.complex(self[..., 0], self[..., 1])


# ----------------------------------------------------------------------------- reinterpreting bits


def _itemsize(b, dtype):
    name = b.dtype_name(dtype)  # bool, uint8 ... complex128: the bits are in the name
    return 1 if name == "bool" else int("".join(c for c in name if c.isdigit())) // 8


def _bitcast_shape(b, shape, src, dst):
    """torch's view(dtype): the last dim scales by the ratio of the element sizes."""
    s, d = _itemsize(b, src), _itemsize(b, dst)
    return s, d, tuple(shape[:-1]) + ((shape[-1] * s // d,) if shape else ())


@lower("aten.view.dtype", "aten.view_copy.dtype")
def view_dtype(b, self, dtype):
    """view.dtype(Tensor(a) self, ScalarType dtype) -> Tensor(a)
    view_copy.dtype(Tensor self, ScalarType dtype) -> Tensor"""
    np = b.fw
    return np.ascontiguousarray(self).view(dtype)


@lower("aten.view.dtype", "aten.view_copy.dtype", target="jax")
def view_dtype_jax(b, self, dtype):
    """view.dtype(Tensor(a) self, ScalarType dtype) -> Tensor(a)
    view_copy.dtype(Tensor self, ScalarType dtype) -> Tensor"""
    return _bitcast(b, self, dtype, b.fw.lax.bitcast_convert_type)


@lower("aten.view.dtype", "aten.view_copy.dtype", target="tensorflow")
def view_dtype_tf(b, self, dtype):
    """view.dtype(Tensor(a) self, ScalarType dtype) -> Tensor(a)
    view_copy.dtype(Tensor self, ScalarType dtype) -> Tensor"""
    return _bitcast(b, self, dtype, b.fw.bitcast)


def _bitcast(b, x, dtype, cast):
    """Bitcast with ``cast`` (lax.bitcast_convert_type / tf.bitcast: a size change adds or eats a last dim)."""
    xp = b.xp
    u8 = b.dtype_by_name("uint8")
    if b.dtype_name(x.dtype) == "bool":
        x = b.astype(x, u8)
    to_bool = b.dtype_name(dtype) == "bool"
    target = u8 if to_bool else dtype
    s, d, shape = _bitcast_shape(b, tuple(x.shape), x.dtype, target)
    if s == d:
        out = cast(x, target)
    elif s > d:
        out = xp.reshape(cast(x, target), shape)
    else:
        out = cast(xp.reshape(x, tuple(x.shape[:-1]) + (x.shape[-1] * s // d, d // s)), target)
    return xp.not_equal(out, 0) if to_bool else out
