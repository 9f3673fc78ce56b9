"""What a module's state is: its tensors by name, which of them are trained, and torch's names for them.

A translated module keeps one target variable per distinct torch tensor (a *canonical* name, the first
name torch lists it under). Tied weights (one tensor reachable under two names) therefore stay one
variable, and :func:`state_dict` lists the tensor under every name ``module.state_dict()`` uses.

The weights are held once, by the target: a translation keeps a :func:`skeleton` of the torch module
(its structure, configuration and Python attributes, each tensor replaced by a placeholder on torch's
``meta`` device, which has a shape and dtype but no memory), since ``functional_call`` swaps the state
in at every call anyway. Once the caller drops the torch module its tensors are freed. Where a
translation goes back to torch (``.torch_module``, modules passed to torch code) :func:`rebuild` makes a
new module from the skeleton and copies of the target's current values.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import optree
import torch

from ..backends.base import framework_of
from ..backends.convert import array_to_tensor, tensor_to_target

PARAM, BUFFER, CONSTANT = "param", "buffer", "constant"


@dataclass(frozen=True)
class TensorInfo:
    """One canonical tensor of a module."""

    name: str
    kind: str  # PARAM, BUFFER (registered buffer) or CONSTANT (a plain tensor attribute, e.g. kornia's)
    trainable: bool  # a parameter with requires_grad
    dtype: torch.dtype  # the torch dtype, restored on export (JAX without x64 holds int64 as int32)
    shape: tuple[int, ...]


def module_state(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    """Parameters, buffers and tensor attributes of ``module`` and its children, by dotted name.

    Shared tensors appear once, under their first name (``functional_call`` re-ties them).
    """
    return {info.name: t.detach() for info, t in _walk(module)}


def _walk(module: torch.nn.Module) -> list[tuple[TensorInfo, torch.Tensor]]:
    """(info, the tensor itself) per distinct tensor: parameters, then buffers, then tensor attributes."""
    out: list[tuple[TensorInfo, torch.Tensor]] = []
    seen: set[int] = set()

    def add(name: str, t: torch.Tensor | None, kind: str) -> None:
        if t is not None and id(t) not in seen:
            seen.add(id(t))
            trainable = kind == PARAM and t.requires_grad
            out.append((TensorInfo(name, kind, trainable, t.dtype, tuple(t.shape)), t))

    for name, p in module.named_parameters():
        add(name, p, PARAM)
    for name, b in module.named_buffers():
        add(name, b, BUFFER)
    for prefix, sub in module.named_modules():
        for attr, v in vars(sub).items():
            if isinstance(v, torch.Tensor):
                add(f"{prefix}.{attr}" if prefix else attr, v, CONSTANT)
    return out


class ModuleSpec:
    """The canonical tensors of ``module`` (in order) and torch's state_dict names for each of them."""

    def __init__(self, module: torch.nn.Module):
        walked = _walk(module)
        self.infos: dict[str, TensorInfo] = {info.name: info for info, _ in walked}
        self.buffers: tuple[str, ...] = tuple(n for n, i in self.infos.items() if i.kind == BUFFER)
        canonical = {id(t): info.name for info, t in walked}
        # torch's state_dict keys (persistent buffers; tied weights under every name) -> canonical name
        self.aliases: dict[str, str] = {}
        for key, t in module.state_dict(keep_vars=True).items():
            if isinstance(t, torch.Tensor) and id(t) in canonical:  # not extra state (get_extra_state)
                self.aliases[key] = canonical[id(t)]


def skeleton(module: torch.nn.Module) -> torch.nn.Module:
    """A copy of ``module`` whose tensors are ``meta`` placeholders of the same shapes, dtypes, ties and
    ``requires_grad``; everything else (submodules, configuration, Python attributes, training flags) is
    deep-copied. The copy holds no reference to ``module`` or its tensors.

    A module that cannot be deep-copied is kept as it is, with a warning: the translation is right, but
    the weights stay in memory twice while it lives.
    """
    memo: dict[int, Any] = {id(t): _placeholder(t) for _, t in _walk(module)}
    try:
        return copy.deepcopy(module, memo)
    except Exception as exc:  # an attribute deepcopy refuses (a lock, a C handle)
        warnings.warn(
            f"lazyport keeps the torch module {type(module).__qualname__} alive beside its translation (so its "
            f"weights are held twice): it cannot be copied without its tensors ({type(exc).__name__}: {exc})",
            ResourceWarning,
            stacklevel=4,
        )
        return module


def _placeholder(t: torch.Tensor) -> torch.Tensor:
    meta = torch.empty(t.shape, dtype=t.dtype, device="meta")
    if isinstance(t, torch.nn.Parameter):
        return torch.nn.Parameter(meta, requires_grad=t.requires_grad)
    return meta


def rebuild(skel: torch.nn.Module, tensors: dict[str, torch.Tensor]) -> torch.nn.Module:
    """A new torch module: a copy of :func:`skeleton` ``skel`` holding ``tensors`` (by canonical name) in
    place of its placeholders (parameters as parameters with the placeholder's ``requires_grad``; tied
    tensors stay tied)."""
    memo: dict[int, Any] = {}
    for info, t in _walk(skel):
        value = tensors[info.name]
        if isinstance(t, torch.nn.Parameter):
            value = torch.nn.Parameter(value, requires_grad=t.requires_grad)
        memo[id(t)] = value
    return copy.deepcopy(skel, memo)


def to_target(tensor: torch.Tensor, target: str) -> Any:
    """A ``target`` array with the values of ``tensor``, in memory of its own: never a view of torch's
    memory, which the torch module's owner may still write in place (``weight.add_(...)``)."""
    if target == "tensorflow":
        copied = _tf_copy(tensor)
        if copied is not None:
            return copied
    array = tensor_to_target(tensor, target)
    if type(array).__name__ == "ndarray" and not array.flags.owndata:  # NumPy: torch's memory, seen as an array
        array = array.copy()
    return array


def _tf_copy(tensor: torch.Tensor) -> Any:
    """A TensorFlow copy of a CPU ``tensor`` made in one copy, or None where DLPack cannot carry it.

    ``tf.constant`` of a NumPy array holds two copies until it returns, and a variable made from it a third
    for a moment (three times the largest tensor, at peak). DLPack gives TensorFlow a view of torch's
    memory, which ``DeepCopy`` copies once; the view itself must go no further: a variable made from
    it would keep torch's buffer and see torch's in-place writes.
    """
    import tensorflow as tf

    from ..backends import get_backend

    want = get_backend("tensorflow").dtype(tensor.dtype)  # (a dtype TensorFlow cannot compute with raises)
    t = tensor.detach()
    if t.device.type != "cpu" or not t.is_contiguous() or t.is_conj() or t.is_neg() or t.data_ptr() % 64:
        return None  # (TensorFlow aborts the process on a buffer not aligned as its allocator's, 64 bytes)
    try:
        view = tf.experimental.dlpack.from_dlpack(torch.utils.dlpack.to_dlpack(t))
    except Exception:  # a dtype one side's DLPack lacks: the NumPy way
        return None
    if view.dtype != want:
        return None
    return tf.raw_ops.DeepCopy(x=view)


def target_arrays(module: torch.nn.Module, spec: ModuleSpec, target: str) -> Iterator[tuple[str, Any]]:
    """``(canonical name, target array)`` per tensor of ``module``, converted one at a time, so that a
    wrapper that copies each array into a variable (Keras) holds one transient copy at most."""
    state = module_state(module)
    for name in spec.infos:
        yield name, to_target(state[name], target)


def to_torch_tensor(array: Any, target: str, dtype: torch.dtype) -> torch.Tensor:
    """A torch tensor of ``dtype`` with the values of the ``target`` array (a copy)."""
    return array_to_tensor(array, target, dtype)


def _is_foreign_array(x: Any) -> bool:
    fw = framework_of(x)
    if fw == "numpy":
        return type(x).__name__ == "ndarray"
    return fw in ("jax", "tensorflow") and hasattr(x, "shape") and hasattr(x, "dtype")


def to_torch(tree: Any) -> Any:
    """``tree`` with every JAX / TensorFlow / NumPy array replaced by a torch tensor (for constructors)."""

    def convert(x: Any) -> Any:
        if _is_foreign_array(x):
            import numpy as np

            a = x.numpy() if hasattr(x, "numpy") and type(x).__name__ != "ndarray" else np.asarray(x)
            return torch.from_numpy(np.array(a, copy=True))
        return x

    return optree.tree_map(convert, tree, none_is_leaf=True)
