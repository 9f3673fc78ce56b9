"""``nn.Module`` → flax.nnx module (JAX), Keras layer (TensorFlow), or a callable (NumPy).

* :mod:`.state`: what a module's state is (its tensors, torch's names for them, tied weights);
* :mod:`.core`: the translated forward ``(state, *args) -> (outputs, new buffers)``, one per mode;
* :mod:`.jax`, :mod:`.keras`, :mod:`.numpy`: the target wrappers holding the state as variables;
* :mod:`.proxy`: the NumPy translation of an instance, a proxy of the torch module around :mod:`.numpy`'s;
* :mod:`.export`: ``state_dict`` / ``load_state_dict`` in torch's names.

Frameworks are imported by the wrapper that needs them, when it is first used. See docs/nn.md.
"""

from __future__ import annotations

from typing import Any

from .core import ModuleCore, mode_of
from .export import LoadResult, load_state_dict, state_dict
from .numpy import TranslatedModule
from .proxy import ModuleInstanceProxy
from .state import ModuleSpec, module_state, to_torch

__all__ = [
    "LoadResult",
    "ModuleCore",
    "ModuleInstanceProxy",
    "ModuleSpec",
    "TranslatedModule",
    "load_state_dict",
    "mode_of",
    "module_state",
    "state_dict",
    "to_torch",
    "translate_module",
]


def translate_module(module: Any, target: str, **options: Any) -> Any:
    """``module`` (an ``nn.Module`` instance) translated to ``target``.

    JAX: a :class:`lazyport.nn.jax.TorchModule` (a ``flax.nnx.Module``; option ``rngs``).
    TensorFlow: a :class:`lazyport.nn.keras.TorchLayer` (a ``keras.layers.Layer``; options ``seed``, ``name``).
    NumPy: a callable proxy of the module (:class:`lazyport.nn.proxy.ModuleInstanceProxy`).
    The weights are converted once, now.
    """
    from ..backends import canonical_target

    target = canonical_target(target)
    if target == "jax":
        from .jax import TorchModule

        return TorchModule(module, **options)
    if target == "tensorflow":
        from .keras import TorchLayer

        return TorchLayer(module, **options)
    return ModuleInstanceProxy(module, target)
