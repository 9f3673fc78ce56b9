"""A torch ``nn.Module`` as a ``flax.nnx.Module``.

Each distinct torch tensor becomes one nnx variable in the flat :class:`flax.nnx.Dict` ``torch_state``,
keyed by torch's name (``"0.weight"``, ``"norm.running_mean"``) and in torch's layout: trainable
parameters are :class:`flax.nnx.Param`, buffers :class:`Buffer` (an :class:`flax.nnx.BatchStat`),
plain tensor attributes and frozen parameters :class:`Constant`. So ``nnx.split(model, nnx.Param, ...)``,
``nnx.grad``, ``nnx.jit``, ``nnx.Optimizer(model, optax.sgd(...), wrt=nnx.Param)`` and ``jax.sharding``
work as with any nnx module.

Mode follows nnx: ``model.train()`` / ``model.eval()`` set ``deterministic`` and ``use_running_average``
(dropout and the like follow the first, BatchNorm-style running statistics the second). In training mode
the new running statistics are written into the ``Buffer`` variables (nnx carries them out of
``nnx.jit`` / ``nnx.grad``). Random ops draw keys from ``rngs`` (the stream ``dropout``, else
``default``), passed at construction or per call.
"""

from __future__ import annotations

from typing import Any

import jax
from flax import nnx

from .core import ModuleCore, forward_config
from .state import BUFFER, PARAM, TensorInfo


class Buffer(nnx.BatchStat):
    """A torch buffer (e.g. BatchNorm's running statistics): state that is not trained."""


class Constant(nnx.Variable):
    """A plain tensor attribute of a torch module (kornia's ``Normalize.mean``) or a frozen parameter."""


def _variable_type(info: TensorInfo) -> type[nnx.Variable]:
    if info.kind == PARAM and info.trainable:
        return nnx.Param
    return Buffer if info.kind == BUFFER else Constant


def _key_source(rngs: Any) -> Any:
    if isinstance(rngs, jax.Array):
        return lambda: rngs
    if isinstance(rngs, nnx.Rngs):
        return lambda: rngs.dropout()  # nnx.Rngs falls back to its 'default' stream
    return lambda: rngs()  # an nnx.RngStream


class TorchModule(nnx.Module):
    """``module`` as a flax.nnx module (see the module docstring). Build it with :func:`lazyport.transpile`.

    ``rngs``: the :class:`flax.nnx.Rngs` random ops draw from (``nnx.Rngs(0)`` when not given).
    """

    def __init__(self, module: Any, *, rngs: nnx.Rngs | None = None):
        core = ModuleCore(module, "jax")
        self.lazyport_core = core
        arrays = core.initial_arrays()
        self.torch_state = nnx.Dict({name: _variable_type(info)(arrays[name]) for name, info in core.spec.infos.items()})
        self.rngs = rngs if rngs is not None else nnx.Rngs(0)
        self.deterministic = not module.training
        self.use_running_average = not module.training

    def __call__(self, *args: Any, rngs: Any = None, **kwargs: Any) -> Any:
        """The module's forward on JAX arrays; ``rngs`` (an ``nnx.Rngs`` or a key) overrides ``self.rngs``."""
        mode = (not self.deterministic, not self.use_running_average)
        state = {name: v.get_value() for name, v in self.torch_state.items()}
        rng = None if "rng_key" in kwargs else _key_source(rngs if rngs is not None else self.rngs)
        out, new = self.lazyport_core.call(state, mode, args, kwargs, rng)
        for name, value in new.items():
            if value is not state[name]:  # unchanged buffers are not written (plain jax.jit forbids writes)
                self.torch_state[name].set_value(value)
        return out

    @property
    def torch_module(self) -> Any:
        """The original torch module (its own tensors are not updated by training here)."""
        return self.lazyport_core.module

    @property
    def lazyport_state(self) -> dict[str, Any]:
        """The current values of ``torch_state`` as a plain dict of arrays."""
        return {name: v.get_value() for name, v in self.torch_state.items()}

    @property
    def training(self) -> bool:
        return not self.deterministic

    def train(self, **attributes: Any) -> TorchModule:  # type: ignore[override]
        """nnx's ``train()`` (``deterministic=False``, ``use_running_average=False``); returns ``self``."""
        super().train(**attributes)
        return self

    def eval(self, **attributes: Any) -> TorchModule:  # type: ignore[override]
        """nnx's ``eval()`` (``deterministic=True``, ``use_running_average=True``); returns ``self``."""
        super().eval(**attributes)
        return self

    def warm(self, *args: Any, **kwargs: Any) -> TorchModule:
        """Translate and compile the forward of the current mode for the signature of ``args`` now."""
        mode = (not self.deterministic, not self.use_running_average)
        self.lazyport_core.warm(self.lazyport_state, mode, args, kwargs)
        return self

    # the protocol lazyport.state_dict / load_state_dict use
    def _lazyport_values(self) -> dict[str, Any]:
        return self.lazyport_state

    def _lazyport_assign(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            self.torch_state[name].set_value(value)

    def __getattr__(self, name: str) -> Any:
        return forward_config(self, name)

