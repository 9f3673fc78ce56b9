"""Copies, conversions, assertions and other bookkeeping ops that functionalization leaves behind."""

from __future__ import annotations

from ..registry import lower, not_lowered


@lower("aten._to_copy.default")
def to_copy(b, self, *, dtype=None, layout=None, device=None, pin_memory=None, non_blocking=False, memory_format=None):
    """_to_copy(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, bool non_blocking=False, MemoryFormat? memory_format=None) -> Tensor"""
    if dtype is None:
        return self
    if b.is_complex(self.dtype) and not b.is_complex(dtype):
        self = b.xp.real(self)
    return b.astype(self, dtype)


@lower("aten.clone.default")
def clone(b, self, *, memory_format=None):
    """clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor"""
    return self


@lower("aten.alias.default")
def alias(b, self):
    """alias(Tensor(a) self) -> Tensor(a)"""
    return self


@lower("aten.lift_fresh_copy.default")
def lift_fresh_copy(b, self):
    """lift_fresh_copy(Tensor self) -> Tensor"""
    return self


@lower("aten.detach_copy.default")
def detach_copy(b, self):
    """detach_copy(Tensor self) -> Tensor"""
    return self


@lower("aten.copy_.default")
def copy_(b, self, src, non_blocking=False):
    """copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor(a!)"""
    # Functionalization writes input mutations back with copy_; target arrays are immutable, so the
    # write-back produces the new value and the caller's array is left as it was.
    return b.xp.broadcast_to(b.astype(src, self.dtype), tuple(self.shape))


@lower("aten._assert_async.msg")
def assert_async(b, self, assert_msg):
    """_assert_async.msg(Tensor self, str assert_msg) -> ()"""
    return None


@lower("aten._assert_async.default")
def assert_async_default(b, self):
    """_assert_async(Tensor self) -> ()"""
    return None


@lower("aten._assert_tensor_metadata.default")
def assert_tensor_metadata(b, a, size=None, stride=None, dtype=None, *, device=None, layout=None):
    """_assert_tensor_metadata(Tensor a, SymInt[]? size=None, SymInt[]? stride=None, ScalarType? dtype=None, *, Device? device=None, Layout? layout=None) -> ()"""
    return None


@lower("aten._assert_scalar.default")
def assert_scalar(b, self, assert_msg):
    """_assert_scalar(Scalar self, str assert_msg) -> ()"""
    return None


@lower("aten._local_scalar_dense.default")
def local_scalar_dense(b, self):
    """_local_scalar_dense(Tensor self) -> Scalar"""
    return b.xp.reshape(self, ())


@lower("aten.empty_permuted.default")
def empty_permuted(b, size, physical_layout, *, dtype=None, layout=None, device=None, pin_memory=None):
    """empty_permuted(SymInt[] size, int[] physical_layout, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return b.xp.zeros(tuple(size), dtype=dtype)


@lower("aten.new_empty_strided.default")
def new_empty_strided(b, self, size, stride, *, dtype=None, layout=None, device=None, pin_memory=None):
    """new_empty_strided(Tensor self, SymInt[] size, SymInt[] stride, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor"""
    return b.xp.zeros(tuple(size), dtype=dtype if dtype is not None else self.dtype)


@lower("aten.resize.default")
def resize(b, self, size, *, memory_format=None):
    """resize(Tensor self, SymInt[] size, *, MemoryFormat? memory_format=None) -> Tensor"""
    n = 1
    for s in size:
        n *= s
    flat = b.xp.reshape(self, (-1,))
    if n <= flat.shape[0]:
        return b.xp.reshape(flat[:n], tuple(size))
    pad = b.xp.zeros((n - flat.shape[0],), dtype=self.dtype)  # torch leaves new memory uninitialised
    return b.xp.reshape(b.xp.concatenate([flat, pad]), tuple(size))


for _op in ("aten.sym_storage_offset.default", "aten.sym_stride.int", "aten.sym_is_contiguous.default"):
    not_lowered(
        _op,
        "a memory-layout query: target arrays have no strides or storage (sym_size and sym_numel "
        "are lowered in ops/symbolic.py)",
    )
for _op in ("aten._to_sparse.default", "aten._to_sparse.sparse_dim"):
    not_lowered(_op, "sparse layouts have no equivalent in the dense target arrays")
not_lowered("aten.hash_tensor.default", "torch's tensor hash is defined on its bit patterns in memory")
not_lowered(
    "aten.resize_.default",
    "an in-place resize of a tensor's storage: captured graphs are functional "
    "(aten.resize, lowered above, is its functional form)",
)
for _op in (
    "torch_nn._linear_cross_entropy_batch_chunked.default",
    "torch_nn._linear_cross_entropy_batch_chunked_no_reduction.default",
):
    not_lowered(_op, "a torch.nn custom op without an ATen decomposition; not lowered yet")
