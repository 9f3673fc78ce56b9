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

from ..tracebacks import at_boundary
from . import shortcut
from .core import ModuleCore, forward_config
from .state import BUFFER, PARAM, TensorInfo

_MISSED = object()  # a shortcut that does not apply to this call


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
        infos = core.spec.infos
        self.torch_state = nnx.Dict({name: _variable_type(infos[name])(a) for name, a in core.arrays_of(module)})
        self.rngs = rngs if rngs is not None else nnx.Rngs(0)
        self.deterministic = not module.training
        self.use_running_average = not module.training

    def __call__(self, *args: Any, rngs: Any = None, **kwargs: Any) -> Any:
        """The module's forward on JAX arrays; ``rngs`` (an ``nnx.Rngs`` or a key) overrides ``self.rngs``.

        A steady call of a signature already run (concrete arrays, no random numbers) takes its
        :class:`~lazyport.nn.shortcut.Shortcut`: the variables' values are read directly, in the order
        the program takes them, instead of through ``get_value`` (about 9 µs per variable) and the
        engine's flattening and lookup."""
        core = self.lazyport_core
        mode = (not self.deterministic, not self.use_running_average)
        fn = core.function(mode)
        key = None if "rng_key" in kwargs else shortcut.call_key(fn, args, kwargs)
        if key is not None:
            found = fn.shortcuts.get(key)
            if found:
                out = self._run_shortcut(found, args, kwargs)
                if out is not _MISSED:
                    return out
        variables = dict(self.torch_state.items())
        state = {name: v.get_value() for name, v in variables.items()}
        rng = None if "rng_key" in kwargs else _key_source(rngs if rngs is not None else self.rngs)
        out, new = core.call(state, mode, args, kwargs, rng)
        direct = (
            key is not None
            and key not in fn.shortcuts
            and all(  # concrete, no hooks or refs in between
                state[name] is v._raw_value and fn.args.is_concrete(state[name]) for name, v in variables.items()
            )
        )
        self._write(new, state)
        if direct:
            if len(fn.shortcuts) >= fn.cache.maxsize:
                fn.shortcuts.clear()
            fn.shortcuts[key] = shortcut.make(fn, state, args, kwargs) or False  # False: none for this signature
        return out

    def _run_shortcut(self, found: shortcut.Shortcut, args: tuple, kwargs: dict) -> Any:
        """``found``'s call, or ``_MISSED`` when the state is not what it was made for (engine's path)."""
        try:
            variables = found.get(vars(self.torch_state))
            values = [v._raw_value for v in variables]
            if any("on_get_value" in v._var_metadata for v in variables):
                return _MISSED
        except (KeyError, AttributeError):  # a variable removed or replaced by something else
            return _MISSED
        if not found.check(values):
            return _MISSED
        try:
            out, new = found.run(values, args, kwargs)
        except Exception as exc:  # as the engine's own calls: the user's frames, not lazyport's
            raise at_boundary(exc, found.fn.fn, "jax")  # noqa: B904
        if new:
            self._write(new, dict(zip(found.names, values)))
        return out

    def _write(self, new: dict[str, Any], state: dict[str, Any]) -> None:
        for name, value in new.items():
            if value is not state[name]:  # unchanged buffers are not written (plain jax.jit forbids writes)
                self.torch_state[name].set_value(value)

    @property
    def torch_module(self) -> Any:
        """A new torch module with copies of the current weights (trained here or loaded, as they are now)."""
        return self.lazyport_core.torch_module(self.lazyport_state)

    @property
    def lazyport_state(self) -> dict[str, Any]:
        """The current values of ``torch_state`` as a plain dict of arrays."""
        return {name: v.get_value() for name, v in self.torch_state.items()}

    @property
    def training(self) -> bool:
        return not self.deterministic

    def train(self, **attributes: Any) -> TorchModule:
        """nnx's ``train()`` (``deterministic=False``, ``use_running_average=False``); returns ``self``."""
        super().train(**attributes)
        return self

    def eval(self, **attributes: Any) -> TorchModule:
        """nnx's ``eval()`` (``deterministic=True``, ``use_running_average=True``); returns ``self``."""
        super().eval(**attributes)
        return self

    def generate(self, input_ids: Any, attention_mask: Any = None, **kwargs: Any) -> Any:
        """Generate token ids as transformers' ``generate()`` does (greedy or sampling, static cache),
        the whole decode one compiled program: ``generate(input_ids, attention_mask=None, max_new_tokens=...,
        do_sample=False, temperature=..., top_k=..., top_p=..., eos_token_id=..., pad_token_id=...)``."""
        state = {name: v.get_value() for name, v in self.torch_state.items()}
        return self.lazyport_core.generate(state, input_ids, attention_mask, **kwargs)

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
