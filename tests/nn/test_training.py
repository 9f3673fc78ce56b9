"""Training parity with torch: gradients, one SGD step, BatchNorm statistics, dropout randomness,
nnx.jit + nnx.grad, and Keras ``model.fit``."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ..util import Target, assert_close
from .models import example, loss_target, make, torch_input, torch_sgd_step

torch = pytest.importorskip("torch")

import lazyport  # noqa: E402
from lazyport.nn import translate_module  # noqa: E402

LR = 0.1


def assert_state_close(translated: Any, expected: dict[str, Any], atol: float = 1e-4) -> None:
    got = lazyport.state_dict(translated)
    assert list(got) == list(expected)
    for name, value in expected.items():
        assert got[name].dtype == value.dtype, name
        np.testing.assert_allclose(got[name].numpy(), value.numpy(), atol=atol, rtol=1e-4, err_msg=name)


def test_jax_gradients_and_sgd_step(model_name: str) -> None:
    import jax.numpy as jnp
    import optax
    from flax import nnx

    x, y = example(model_name), loss_target(model_name)
    grads_t, after = torch_sgd_step(make(model_name, dropout=0.0), x, y, LR)

    model = lazyport.transpile(make(model_name, dropout=0.0), source="torch", target="jax")
    assert model.training  # a fresh torch module is in training mode, and so is its translation

    def loss_fn(m: Any) -> Any:
        return jnp.mean((m(jnp.asarray(x)) - y) ** 2)

    grads = nnx.grad(loss_fn)(model)
    for name, g in grads_t.items():
        assert_close(grads["torch_state"][name].get_value(), g, rtol=1e-4, atol=1e-5)
    optimizer = nnx.Optimizer(model, optax.sgd(LR), wrt=nnx.Param)
    optimizer.update(model, grads)
    assert_state_close(model, after)  # parameters and BatchNorm running statistics


def test_tensorflow_gradients_and_sgd_step(model_name: str) -> None:
    import keras
    import tensorflow as tf

    x, y = example(model_name), loss_target(model_name)
    grads_t, after = torch_sgd_step(make(model_name, dropout=0.0), x, y, LR)

    layer = lazyport.transpile(make(model_name, dropout=0.0), source="torch", target="tensorflow")
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((layer(tf.constant(x), training=True) - y) ** 2)
    weights = layer.trainable_weights
    grads = tape.gradient(loss, weights)
    assert sorted(w.name for w in weights) == sorted(grads_t)
    for w, g in zip(weights, grads):
        assert_close(g, grads_t[w.name], rtol=1e-4, atol=1e-5)
    keras.optimizers.SGD(LR).apply_gradients(zip(grads, weights))
    assert_state_close(layer, after)


def test_batchnorm_statistics_in_training_mode(target: Target) -> None:
    x = example("cnn", batch=6)
    model = make("cnn").train()
    model(torch_input(x))
    expected = model.state_dict()
    translated = lazyport.transpile(make("cnn"), source="torch", target=target.name)
    if target.name == "tensorflow":
        translated(target.array(x), training=True)
        translated(target.array(x), training=False)  # evaluation mode leaves them alone
    else:
        translated.train()(target.array(x))
        translated.eval()(target.array(x))
    assert_state_close(translated, expected)
    assert lazyport.state_dict(translated)["features.1.num_batches_tracked"].item() == 1


def test_nnx_jit_train_step_matches_torch() -> None:
    import jax.numpy as jnp
    import optax
    from flax import nnx

    x, y = example("cnn"), loss_target("cnn")
    _, after = torch_sgd_step(make("cnn", dropout=0.0), x, y, LR)
    model = lazyport.transpile(make("cnn", dropout=0.0), source="torch", target="jax")
    optimizer = nnx.Optimizer(model, optax.sgd(LR), wrt=nnx.Param)

    @nnx.jit
    def step(model: Any, optimizer: Any, x: Any, y: Any) -> Any:
        loss, grads = nnx.value_and_grad(lambda m: jnp.mean((m(x) - y) ** 2))(model)
        optimizer.update(model, grads)
        return loss

    loss = step(model, optimizer, jnp.asarray(x), jnp.asarray(y))
    assert np.isfinite(float(loss))
    assert_state_close(model, after)
    step(model, optimizer, jnp.asarray(x), jnp.asarray(y))  # a second step reuses the compiled one
    assert lazyport.state_dict(model)["features.1.num_batches_tracked"].item() == 2


def test_jax_dropout_draws_from_nnx_rngs() -> None:
    import jax
    import jax.numpy as jnp
    from flax import nnx

    ones = jnp.ones((64, 64), jnp.float32)
    drop = lazyport.transpile(torch.nn.Dropout(0.5), source="torch", target="jax")
    a, b = drop(ones), drop(ones)
    assert set(np.unique(np.asarray(a))) <= {0.0, 2.0} and 0.3 < float((a == 0).mean()) < 0.7
    assert not np.array_equal(a, b)  # the key stream advances
    m1 = translate_module(torch.nn.Dropout(0.5), "jax", rngs=nnx.Rngs(dropout=3))
    m2 = translate_module(torch.nn.Dropout(0.5), "jax", rngs=nnx.Rngs(dropout=3))
    np.testing.assert_array_equal(m1(ones), m2(ones))  # same seed, same masks
    np.testing.assert_array_equal(drop(ones, rngs=jax.random.key(7)), drop(ones, rngs=jax.random.key(7)))
    jitted = nnx.jit(lambda m, v: m(v))
    c, d = jitted(m1, ones), jitted(m1, ones)
    assert not np.array_equal(c, d)  # under nnx.jit the Rngs state is carried out and advances
    np.testing.assert_array_equal(drop.eval()(ones), ones)


def test_tensorflow_dropout_draws_from_the_layer_seed() -> None:
    import tensorflow as tf

    ones = tf.ones((64, 64))
    layer = translate_module(torch.nn.Dropout(0.5), "tensorflow", seed=1)
    a, b = layer(ones, training=True), layer(ones, training=True)
    assert set(np.unique(a.numpy())) <= {0.0, 2.0} and 0.3 < float(np.mean(a.numpy() == 0)) < 0.7
    assert not np.array_equal(a, b)
    again = translate_module(torch.nn.Dropout(0.5), "tensorflow", seed=1)
    np.testing.assert_array_equal(again(ones, training=True), a)
    run = tf.function(lambda v: layer(v, training=True))
    assert not np.array_equal(run(ones), run(ones))
    np.testing.assert_array_equal(layer(ones), ones)  # training=None: evaluation mode


def test_keras_fit_smoke() -> None:
    import keras

    layer = lazyport.transpile(make("cnn"), source="torch", target="tensorflow")

    class Model(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.body = layer

        def call(self, x: Any, training: bool | None = None) -> Any:
            return self.body(x, training=training)

    model = Model()
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
    x, y = example("cnn", batch=16), loss_target("cnn", batch=16)
    before = lazyport.state_dict(layer)
    history = model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    after = lazyport.state_dict(layer)
    assert np.isfinite(history.history["loss"][0])
    assert not torch.equal(before["head.weight"], after["head.weight"])
    assert not torch.equal(before["features.1.running_mean"], after["features.1.running_mean"])
    assert after["features.1.num_batches_tracked"].item() == 2
    assert len(model.trainable_weights) == sum(1 for _ in make("cnn").parameters())
    assert model.predict(x, batch_size=8, verbose=0).shape == (16, 5)
