"""The NumPy translation of an ``nn.Module`` instance: a wrapt proxy of the torch module's skeleton
(:func:`~lazyport.nn.state.skeleton`: the module without its weights, whose tensors are ``meta``
placeholders) that calls a :class:`~lazyport.nn.numpy.TranslatedModule`, so it still looks like the
module (``dir``, configuration attributes, ``isinstance``) while computing on NumPy arrays; the weights
are in ``lazyport_state``. JAX and TensorFlow get framework modules instead (:mod:`.jax`, :mod:`.keras`)."""

from __future__ import annotations

from typing import Any

from ..proxybase import Proxy
from .numpy import TranslatedModule


class ModuleInstanceProxy(Proxy):
    """An ``nn.Module`` instance seen from ``target``; see :class:`lazyport.nn.TranslatedModule`."""

    def __init__(self, module: Any, target: str):
        translated = TranslatedModule(module, target)
        super().__init__(translated.module)  # the skeleton: the proxy keeps no tensor of ``module`` alive
        self._self_target = target
        self._self_translated = translated

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._self_translated(*args, **kwargs)

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        return self._self_translated(*args, **kwargs)

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        """The translation's ``generate()`` (:meth:`lazyport.nn.TranslatedModule.generate`), not torch's."""
        return self._self_translated.generate(*args, **kwargs)

    def eval(self) -> ModuleInstanceProxy:
        return self.train(False)

    def train(self, mode: bool = True) -> ModuleInstanceProxy:
        self._self_translated.train(mode)
        return self

    @property
    def torch_module(self) -> Any:
        """A new torch module with copies of the current state (:attr:`TranslatedModule.torch_module`)."""
        return self._self_translated.torch_module

    @property
    def lazyport_state(self) -> dict[str, Any]:
        """The parameters, buffers and tensor attributes as target arrays (inputs of every call)."""
        return self._self_translated.state
