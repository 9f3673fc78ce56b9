"""Eval-mode outputs of translated modules match torch on every target (and under jit/tf.function)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ..util import Target, assert_close
from .models import example, make, torch_input

torch = pytest.importorskip("torch")

import lazyport  # noqa: E402


def run_eval(translated: Any, target: str, *args: Any) -> Any:
    if target == "tensorflow":
        return translated(*args, training=False)
    translated.eval()
    return translated(*args)


def test_eval_outputs_match_torch(model_name: str, target: Target) -> None:
    model = make(model_name).eval()
    x = example(model_name)
    expected = model(torch_input(x))
    translated = lazyport.transpile(make(model_name), source="torch", target=target.name)
    assert_close(run_eval(translated, target.name, target.array(x)), expected, rtol=1e-4, atol=1e-5)


def test_kinds_of_translations() -> None:
    import flax.nnx as nnx
    import keras

    model = make("mlp")
    assert isinstance(lazyport.transpile(model, source="torch", target="jax"), nnx.Module)
    assert isinstance(lazyport.transpile(model, source="torch", target="tensorflow"), keras.layers.Layer)
    assert callable(lazyport.transpile(model, source="torch", target="numpy"))
    assert lazyport.transpile(model, source="torch", target="torch") is model


def test_under_jit_and_tf_function(model_name: str) -> None:
    import jax
    import tensorflow as tf
    from flax import nnx

    model = make(model_name).eval()
    x = example(model_name)
    expected = model(torch_input(x))
    jm = lazyport.transpile(make(model_name), source="torch", target="jax").eval()
    assert_close(nnx.jit(lambda m, v: m(v))(jm, jax.numpy.asarray(x)), expected, rtol=1e-4, atol=1e-5)
    graphdef, state = nnx.split(jm)
    jitted = jax.jit(lambda s, v: nnx.merge(graphdef, s)(v))  # the weights are arguments of the jitted function
    assert_close(jitted(state, jax.numpy.asarray(x)), expected, rtol=1e-4, atol=1e-5)

    layer = lazyport.transpile(make(model_name), source="torch", target="tensorflow")
    assert_close(tf.function(lambda v: layer(v, training=False))(tf.constant(x)), expected, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("case", ["gaussian_blur", "normalize", "rgb_to_hsv"])
def test_kornia_modules(case: str, target: Target) -> None:
    kornia = pytest.importorskip("kornia")
    rng = np.random.default_rng(0)
    img = rng.random((2, 3, 16, 16), dtype=np.float32)
    make_module = {
        "gaussian_blur": lambda k: k.filters.GaussianBlur2d((5, 5), (1.5, 1.5)),
        "normalize": lambda k: k.enhance.Normalize(
            mean=torch.tensor([0.4, 0.5, 0.6]), std=torch.tensor([0.2, 0.3, 0.25])
        ),
        "rgb_to_hsv": lambda k: k.color.RgbToHsv(),
    }[case]
    expected = make_module(kornia)(torch.from_numpy(img))
    translated = lazyport.transpile(make_module(kornia), source="torch", target=target.name)
    assert_close(run_eval(translated, target.name, target.array(img)), expected, rtol=1e-4, atol=1e-5)

    # the same classes reached through the import hook
    import importlib

    K = importlib.import_module(f"lazyport.{target.name}.kornia")
    hooked = {
        "gaussian_blur": lambda: K.filters.GaussianBlur2d((5, 5), (1.5, 1.5)),
        "normalize": lambda: K.enhance.Normalize(
            mean=target.array([0.4, 0.5, 0.6], np.float32), std=target.array([0.2, 0.3, 0.25], np.float32)
        ),
        "rgb_to_hsv": lambda: K.color.RgbToHsv(),
    }[case]()
    assert isinstance(
        hooked,
        K.filters.GaussianBlur2d
        if case == "gaussian_blur"
        else K.enhance.Normalize
        if case == "normalize"
        else K.color.RgbToHsv,
    )
    assert_close(run_eval(hooked, target.name, target.array(img)), expected, rtol=1e-4, atol=1e-5)
