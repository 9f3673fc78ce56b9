"""Reads of a tensor's value from Python: the one list of them, and how to see through functionalization.

A torch function can read a tensor's value in many ways (``.item()``, ``bool(t)``, ``.tolist()``,
``.numpy()``, ``np.asarray(t)``, its storage). Under lazyport none of them may read memory: the tensors
a translated function sees hold no torch storage (the op-by-op run keeps target arrays, capture has
fake tensors). A :class:`~torch.overrides.TorchFunctionMode` sees each of these calls before it reaches
the tensor; the interpreter and capture both install one that answers with :data:`READS`.
"""

from __future__ import annotations

from typing import Any

import torch

_T = torch.Tensor
# the Tensor methods that read values; those with no torch op beneath them (numpy, tolist, __array__,
# storage) would otherwise read memory that was never written
READS = frozenset(
    {
        _T.item,
        _T.tolist,
        _T.numpy,
        _T.__array__,
        _T.__bool__,
        _T.__int__,
        _T.__float__,
        _T.__index__,
        _T.__complex__,
        _T.data_ptr,
        _T.untyped_storage,
        _T.storage,
        _T.__dlpack__,
    }
)
# reads of memory itself: no value lazyport can give stands for them
MEMORY_READS = frozenset({_T.data_ptr, _T.untyped_storage, _T.storage, _T.__dlpack__})
# autograd flags a forward may set (transformers' MRA calls requires_grad_()): without effect on the
# values, and gradients of a translation are the target's (jax.grad, GradientTape), so both modes
# return the tensor; functionalization would refuse them
GRAD_FLAGS = frozenset({_T.requires_grad_})


def unwrap_functional(t: Any) -> Any:
    """The tensor beneath functionalization's wrappers (brought up to date with pending writes)."""
    is_functional = torch._C._functorch.is_functionaltensor
    while isinstance(t, torch.Tensor) and is_functional(t):
        torch._sync(t)
        t = torch._from_functional_tensor(t)
    return t


def answer(func: Any, value: Any, args: tuple, kwargs: dict) -> Any:
    """What the read ``func`` returns for a tensor whose value is the NumPy array ``value``."""
    import numpy as np

    value = np.asarray(value)
    if func is _T.tolist:
        return value.tolist()
    if func is _T.numpy or func is _T.__array__:
        dtype = args[1] if len(args) > 1 else kwargs.get("dtype")
        out = np.array(value, dtype=dtype)
        # torch shares memory with the array; this one is a copy, so writing to it would be a write
        # that never reaches the tensor: refuse it loudly instead
        out.setflags(write=False)
        return out
    if value.size != 1:
        raise RuntimeError(f"a Tensor with {value.size} elements cannot be converted to Scalar")
    item = value.reshape(()).item()
    if func is _T.__bool__:
        return bool(item)
    if func is _T.__int__ or func is _T.__index__:
        if func is _T.__index__ and not isinstance(item, int | bool):
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(item)
    if func is _T.__float__:
        return float(item)
    if func is _T.__complex__:
        return complex(item)
    return item
