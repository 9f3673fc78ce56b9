"""A torch ``nn.Module`` as a Keras 3 layer (TensorFlow backend).

Each distinct torch tensor becomes one weight made with ``add_weight`` (a ``tf.Variable`` underneath),
named after torch's name (``"0.weight"``) and in torch's layout: trainable parameters are trainable
weights, buffers and tensor attributes non-trainable ones. The layer therefore works in
``tf.GradientTape``, ``model.fit``, ``tf.function`` and ``tf.distribute`` like any Keras layer.

Mode follows Keras: ``training=True`` (which ``fit`` passes) runs the torch module in training mode and
writes buffer updates (BatchNorm running statistics) into the non-trainable weights; ``training=False``
or ``None`` is evaluation mode. Random ops draw seeds from the layer's ``keras.random.SeedGenerator``.
"""

from __future__ import annotations

import re
from typing import Any

import keras
import tensorflow as tf

from .core import ModuleCore, forward_config, mode_of


def _layer_name(cls: type) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


class _Options:
    """Keyword arguments of a layer call that are not tensors (see :meth:`TorchLayer.__call__`)."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, Any]):
        self.values = values


class TorchLayer(keras.layers.Layer):
    """``module`` as a Keras layer (see the module docstring). Build it with :func:`lazyport.transpile`.

    ``seed``: the seed of the layer's random stream (dropout and other random ops in training mode).
    """

    def __init__(self, module: Any, *, seed: int | None = None, name: str | None = None, **kwargs: Any):
        super().__init__(name=name or _layer_name(type(module)), **kwargs)
        core = ModuleCore(module, "tensorflow")
        self._lazyport_core = core
        infos = core.spec.infos
        names, weights = [], []
        for wname, value in core.arrays_of(module):  # one array at a time: the variable copies it
            info = infos[wname]
            integer = not value.dtype.is_floating and not value.dtype.is_complex
            # non-trainable state is updated inside replicas under tf.distribute: say how to combine it
            aggregation = "none" if info.trainable else ("only_first_replica" if integer else "mean")
            weights.append(
                self.add_weight(
                    shape=info.shape,
                    dtype=value.dtype.name,
                    initializer=lambda shape, dtype, v=value: v,
                    trainable=info.trainable,
                    autocast=False,
                    aggregation=aggregation,
                    name=wname,
                )
            )
            names.append(wname)
        self._lazyport_names = tuple(names)
        self._lazyport_weights = weights
        self._seed_generator = keras.random.SeedGenerator(seed)
        self.built = True

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # Keras binds call()'s **kwargs as one argument and refuses one that mixes tensors with anything else
        # (transformers' `attention_mask=mask, use_cache=False`, a cache object): the keyword arguments that
        # are not tensors travel beside them, in one value Keras does not look into
        plain = {k: v for k, v in kwargs.items() if k != "training" and not tf.is_tensor(v)}
        if plain:
            kwargs = {k: v for k, v in kwargs.items() if k not in plain}
            kwargs["lazyport_options"] = _Options(plain)
        return super().__call__(*args, **kwargs)

    @tf.autograph.experimental.do_not_convert
    def call(
        self, inputs: Any, *args: Any, training: bool | None = None, lazyport_options: Any = None, **kwargs: Any
    ) -> Any:
        """The module's forward on TensorFlow tensors; ``training`` selects torch's train/eval mode."""
        if lazyport_options is not None:
            kwargs = {**kwargs, **lazyport_options.values}
        state = {n: tf.convert_to_tensor(w.value) for n, w in zip(self._lazyport_names, self._lazyport_weights)}
        rng = None if "rng_key" in kwargs else self._seed_generator.next
        out, new = self._lazyport_core.call(state, mode_of(bool(training)), (inputs, *args), kwargs, rng)
        if new:
            by_name = dict(zip(self._lazyport_names, self._lazyport_weights))
            for n, value in new.items():
                if value is not state[n]:
                    by_name[n].assign(value)
        return out

    @property
    def torch_module(self) -> Any:
        """A new torch module with copies of the current weights (trained here or loaded, as they are now)."""
        return self._lazyport_core.torch_module(self.lazyport_state)

    @property
    def lazyport_core(self) -> ModuleCore:
        return self._lazyport_core

    @property
    def lazyport_state(self) -> dict[str, Any]:
        """The current weight values as a dict of tensors, by torch name."""
        return {n: tf.convert_to_tensor(w.value) for n, w in zip(self._lazyport_names, self._lazyport_weights)}

    def generate(self, input_ids: Any, attention_mask: Any = None, **kwargs: Any) -> Any:
        """Generate token ids as transformers' ``generate()`` does (greedy or sampling, static cache),
        the whole decode one compiled program: ``generate(input_ids, attention_mask=None, max_new_tokens=...,
        do_sample=False, temperature=..., top_k=..., top_p=..., eos_token_id=..., pad_token_id=...)``."""
        return self._lazyport_core.generate(self.lazyport_state, input_ids, attention_mask, **kwargs)

    def warm(self, *args: Any, training: bool = False, **kwargs: Any) -> TorchLayer:
        """Translate and compile the forward for the signature of ``args`` now."""
        self._lazyport_core.warm(self.lazyport_state, mode_of(training), args, kwargs)
        return self

    # the protocol lazyport.state_dict / load_state_dict use
    def _lazyport_values(self) -> dict[str, Any]:
        return self.lazyport_state

    def _lazyport_assign(self, values: dict[str, Any]) -> None:
        by_name = dict(zip(self._lazyport_names, self._lazyport_weights))
        for n, value in values.items():
            by_name[n].assign(value)

    def __getattr__(self, name: str) -> Any:
        return forward_config(self, name)
