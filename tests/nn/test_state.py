"""State: weights converted once and passed as graph inputs, tied weights shared, state_dict round trips,
classes reached through lazyport.transpile and the import hook."""

from __future__ import annotations

import numpy as np
import pytest

from ..util import Target, assert_close
from .models import Transformer, example, make, torch_input

torch = pytest.importorskip("torch")

import lazyport  # noqa: E402
from lazyport.errors import StateDictError, TranslationError  # noqa: E402
from lazyport.nn.export import _resolve  # noqa: E402


def call_eval(translated, target: str, *args):
    if target == "tensorflow":
        return translated(*args, training=False)
    return translated.eval()(*args)


def test_weights_are_graph_inputs_and_converted_once(target: Target) -> None:
    translated = lazyport.transpile(make("cnn"), source="torch", target=target.name)
    x = target.array(example("cnn"))
    call_eval(translated, target.name, x)
    core = _resolve(translated)[1]
    (fn,) = core._fns.values()
    fn.wait()
    (entry,) = fn.cache.values()
    record = entry.program.lowered
    n_state = len(core.spec.infos)
    assert len(record.params) == n_state + 1
    assert not record.consts  # nothing baked in as a constant
    values = _resolve(translated)[0]._lazyport_values()
    call_eval(translated, target.name, x)
    again = _resolve(translated)[0]._lazyport_values()
    if target.name != "tensorflow":  # (Keras reads its variables afresh at every call)
        assert all(values[k] is again[k] for k in values)


def test_tied_weights_stay_shared() -> None:
    from flax import nnx

    model = lazyport.transpile(Transformer(), source="torch", target="jax")
    assert "head.weight" not in model.torch_state and "embed.weight" in model.torch_state
    params = nnx.state(model, nnx.Param)
    assert len(params["torch_state"]) == len(list(Transformer().parameters()))
    sd = lazyport.state_dict(model)
    assert list(sd) == list(Transformer().state_dict())
    assert sd["head.weight"] is sd["embed.weight"]
    layer = lazyport.transpile(Transformer(), source="torch", target="tensorflow")
    assert len(layer.trainable_weights) == len(list(Transformer().parameters()))


def test_state_dict_round_trip(model_name: str, target: Target) -> None:
    source = make(model_name)
    with torch.no_grad():  # other weights than the module the translation was made from
        for p in source.parameters():
            p.add_(torch.randn_like(p) * 0.1)
    if model_name == "cnn":
        source.features[1].running_mean.fill_(0.3)
    source.eval()
    translated = lazyport.transpile(make(model_name), source="torch", target=target.name)
    result = lazyport.load_state_dict(translated, source.state_dict())
    assert result.missing_keys == [] and result.unexpected_keys == []
    x = example(model_name)
    assert_close(call_eval(translated, target.name, target.array(x)), source(torch_input(x)), rtol=1e-4, atol=1e-5)
    exported = lazyport.state_dict(translated)
    for k, v in source.state_dict().items():
        assert exported[k].dtype == v.dtype and torch.equal(exported[k], v), k
    fresh = make(model_name)
    fresh.load_state_dict(exported)  # torch takes it back


def test_load_state_dict_errors() -> None:
    model = lazyport.transpile(make("mlp"), source="torch", target="numpy")
    sd = make("mlp").state_dict()
    with pytest.raises(StateDictError, match="missing.*net.0.bias.*strict=False"):
        lazyport.load_state_dict(model, {k: v for k, v in sd.items() if k != "net.0.bias"})
    partial = lazyport.load_state_dict(model, {"net.0.bias": sd["net.0.bias"], "other": torch.zeros(1)}, strict=False)
    assert partial.unexpected_keys == ["other"] and "net.0.weight" in partial.missing_keys
    with pytest.raises(StateDictError, match="shape"):
        lazyport.load_state_dict(model, {**sd, "net.0.bias": torch.zeros(3)})
    with pytest.raises(TranslationError, match="not a translated nn.Module"):
        lazyport.state_dict(object())


def test_transpile_classes_and_eager_args() -> None:
    import flax.nnx as nnx
    import keras

    x = example("mlp")
    JaxMLP = lazyport.transpile(torch.nn.Linear, source="torch", target="jax")
    lin = JaxMLP(6, 3, rngs=nnx.Rngs(0))
    assert isinstance(lin, nnx.Module) and isinstance(lin, JaxMLP) and lin.in_features == 6
    assert lin(x).shape == (4, 3)
    with pytest.raises(AttributeError, match="configuration only"):
        _ = lin.weight
    TfLinear = lazyport.transpile(torch.nn.Linear, source="torch", target="tensorflow")
    assert isinstance(TfLinear(6, 3), keras.layers.Layer)
    eager = lazyport.transpile(make("mlp"), source="torch", target="jax", args=(x,))
    (fn,) = eager.lazyport_core._fns.values()
    assert len(fn.cache) == 1  # translated and compiled at transpile time
    assert eager(x).shape == (4, 3)


def test_hook_classes_give_target_modules() -> None:
    import importlib

    import flax.nnx as nnx
    import keras

    tnn = importlib.import_module("lazyport.jax.torch.nn")
    conv = tnn.Conv2d(3, 4, 3, groups=1)
    assert isinstance(conv, nnx.Module) and isinstance(conv, tnn.Conv2d)
    assert sorted(conv.torch_state) == ["bias", "weight"]
    tfnn = importlib.import_module("lazyport.tensorflow.torch.nn")
    assert isinstance(tfnn.BatchNorm1d(4), keras.layers.Layer)
    x = np.random.default_rng(0).standard_normal((2, 3, 5, 5)).astype(np.float32)
    assert conv(x).shape == (2, 4, 3, 3)
