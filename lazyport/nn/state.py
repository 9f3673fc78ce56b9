"""What a module's state is: its tensors by name, which of them are trained, and torch's names for them.

A translated module keeps one target variable per distinct torch tensor (a *canonical* name, the first
name torch lists it under). Tied weights (one tensor reachable under two names) therefore stay one
variable, and :func:`state_dict` lists the tensor under every name ``module.state_dict()`` uses.
"""

from __future__ import annotations

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

    def initial(self, module: torch.nn.Module) -> dict[str, torch.Tensor]:
        """The current torch values of the canonical tensors."""
        state = module_state(module)
        return {n: state[n] for n in self.infos}


def to_target(tensor: torch.Tensor, target: str) -> Any:
    """A ``target`` array with the values of ``tensor``."""
    return tensor_to_target(tensor, target)


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
