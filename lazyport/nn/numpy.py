"""A module as a plain callable on target arrays (the NumPy translation; the others subclass their
framework's module class, see :mod:`.jax` and :mod:`.keras`)."""

from __future__ import annotations

from typing import Any

import torch

from .core import ModuleCore, mode_of


class TranslatedModule:
    """``module`` called with ``target`` arrays; its state converted once and passed as an input.

    ``state`` maps canonical tensor names to target arrays. In training mode (``train()``, the mode the
    torch module was in) buffer updates such as BatchNorm's running statistics are written back into
    ``state``; random ops draw from the target's global generator (``np.random.seed`` for NumPy).
    """

    def __init__(self, module: torch.nn.Module, target: str):
        self.core = ModuleCore(module, target)
        self.module = self.core.module  # the skeleton (see lazyport.nn.state.skeleton): not ``module``
        self.target = self.core.target
        self.state: dict[str, Any] = dict(self.core.arrays_of(module))
        self.training = module.training

    @property
    def torch_module(self) -> torch.nn.Module:
        """A new torch module with copies of the current state (buffers updated in training mode included)."""
        return self.core.torch_module(self.state)

    @property
    def lazyport_core(self) -> ModuleCore:
        return self.core

    @property
    def _translated(self) -> Any:
        """The translated forward of the current mode (a :class:`~lazyport.engine.TranslatedFunction`)."""
        return self.core.function(mode_of(self.training))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        out, new = self.core.call(self.state, mode_of(self.training), args, kwargs)
        if new:
            self.state = {**self.state, **new}
        return out

    def apply(self, state: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        """Call with explicit ``state`` (same keys as :attr:`state`), e.g. to differentiate with respect to it.

        Returns the outputs only; buffer updates of training mode are dropped (``apply_with_state`` keeps them).
        """
        return self.apply_with_state(state, *args, **kwargs)[0]

    def apply_with_state(self, state: dict[str, Any], *args: Any, **kwargs: Any) -> tuple[Any, dict[str, Any]]:
        """``(outputs, new_state)``: a pure function of ``state`` (buffers updated in training mode)."""
        out, new = self.core.call(state, mode_of(self.training), args, kwargs)
        return out, {**state, **new}

    def generate(self, input_ids: Any, attention_mask: Any = None, **kwargs: Any) -> Any:
        """Generate token ids as transformers' ``generate()`` does (greedy or sampling, static cache),
        the whole decode one compiled program: ``generate(input_ids, attention_mask=None, max_new_tokens=...,
        do_sample=False, temperature=..., top_k=..., top_p=..., eos_token_id=..., pad_token_id=...)``."""
        return self.core.generate(self.state, input_ids, attention_mask, **kwargs)

    def warm(self, *args: Any, **kwargs: Any) -> None:
        """Translate and compile for the signature of ``args`` now."""
        self.core.warm(self.state, mode_of(self.training), args, kwargs)

    def train(self, mode: bool = True) -> TranslatedModule:
        """Training mode (``False``: evaluation); also sets the skeleton's flags (which the NumPy proxy shows
        and ``torch_module`` copies), as torch does."""
        self.training = bool(mode)
        self.module.train(mode)
        return self

    def eval(self) -> TranslatedModule:
        return self.train(False)

    # the protocol lazyport.state_dict / load_state_dict use
    def _lazyport_values(self) -> dict[str, Any]:
        return dict(self.state)

    def _lazyport_assign(self, values: dict[str, Any]) -> None:
        self.state = {**self.state, **values}

    def __repr__(self) -> str:
        return f"<lazyport {self.target} translation of {type(self.module).__qualname__}>"
