"""``nn.Module`` instances as target callables whose weights are inputs, not constants.

:class:`TranslatedModule` converts the module's parameters, buffers and plain tensor attributes (kornia
keeps e.g. ``Normalize.mean`` that way) to target arrays once, and translates
``state, *args -> torch.func.functional_call(module, state, args)``. The state is an input of the
translated function: one translation serves every value of the weights, nothing is re-converted per
call, and ``jax.grad`` / ``GradientTape`` can differentiate with respect to it (see :meth:`apply`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import optree
import torch

from .backends import get_backend
from .backends.base import framework_of


def module_state(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    """Parameters, buffers and tensor attributes of ``module`` and its children, by dotted name.

    Shared tensors appear once (``functional_call`` re-ties them).
    """
    state: dict[str, torch.Tensor] = {}
    seen: set[int] = set()

    def add(name: str, t: torch.Tensor | None) -> None:
        if t is not None and id(t) not in seen:
            seen.add(id(t))
            state[name] = t.detach()

    for name, p in module.named_parameters():
        add(name, p)
    for name, b in module.named_buffers():
        add(name, b)
    for prefix, sub in module.named_modules():
        for attr, v in vars(sub).items():
            if isinstance(v, torch.Tensor):
                add(f"{prefix}.{attr}" if prefix else attr, v)
    return state


def stateless(module: torch.nn.Module) -> Callable[..., Any]:
    """``f(state, *args, **kwargs)``: ``module``'s forward with ``state`` swapped in for its tensors."""

    def forward(state: dict[str, torch.Tensor], *args: Any, **kwargs: Any) -> Any:
        return torch.func.functional_call(module, state, args, kwargs)

    cls = type(module)
    forward.__name__ = "forward"
    forward.__qualname__ = f"{cls.__qualname__}.forward"
    forward.__module__ = cls.__module__
    forward.__doc__ = cls.forward.__doc__
    return forward


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


class TranslatedModule:
    """``module`` called with ``target`` arrays; its state converted once and passed as an input."""

    def __init__(self, module: torch.nn.Module, target: str):
        from .engine import TranslatedFunction
        from .hook.proxy import tensor_to_target

        self.module = module
        self.backend = get_backend(target)
        self.target = self.backend.name
        self.state = {k: tensor_to_target(v, self.target) for k, v in module_state(module).items()}
        self._fn = stateless(module)
        self._translated = TranslatedFunction(self._fn, self.target)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._translated(self.state, *args, **kwargs)

    def apply(self, state: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        """Call with explicit ``state`` (same keys as :attr:`state`), e.g. to differentiate with respect to it."""
        return self._translated(state, *args, **kwargs)

    def train(self, mode: bool = True) -> TranslatedModule:
        """Switch the module's mode; the translation depends on it, so it starts afresh."""
        from .engine import TranslatedFunction

        if self.module.training != mode:
            self.module.train(mode)
            self._translated = TranslatedFunction(self._fn, self.target)
        return self

    def __repr__(self) -> str:
        return f"<lazyport {self.target} translation of {type(self.module).__qualname__}>"


def translate_module(module: torch.nn.Module, target: str) -> Any:
    """``module`` as a target callable that also shows the module's attributes (a wrapt proxy)."""
    from .hook.proxy import ModuleInstanceProxy

    return ModuleInstanceProxy(module, target)
