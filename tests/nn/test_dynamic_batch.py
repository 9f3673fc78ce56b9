"""Translated modules under varying batch sizes (automatic dynamic sizes): a Keras layer takes a ``None``
batch (``keras.Input``, a functional model, ``fit`` whose last batch is smaller) and trains as torch does;
a flax.nnx module called with many batch sizes, eagerly and under ``nnx.jit``, translates at most twice.
Every result is compared with torch's."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ..util import assert_close
from .models import example, loss_target, make, torch_input

torch = pytest.importorskip("torch")

import lazyport  # noqa: E402

EVAL = (False, False)
TRAIN = (True, True)


def torch_eval(name: str, x: np.ndarray, state: dict[str, Any] | None = None) -> Any:
    model = make(name, dropout=0.0).eval()
    if state is not None:
        model.load_state_dict(state)
    with torch.no_grad():
        return model(torch_input(x))


@pytest.fixture(autouse=True)
def automatic(monkeypatch):
    monkeypatch.delenv("LAZYPORT_DYNAMIC", raising=False)


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_keras_input_with_a_none_batch(name: str) -> None:
    import keras

    layer = lazyport.transpile(make(name, dropout=0.0), source="torch", target="tensorflow")
    x = example(name, batch=9)
    inp = keras.Input(shape=x.shape[1:], dtype=x.dtype.name)
    model = keras.Model(inp, layer(inp))
    assert tuple(model.output.shape)[0] is None
    for b in (3, 9, 2, 5, 1):
        assert_close(model(x[:b]), torch_eval(name, x[:b]), rtol=1e-4, atol=1e-5)
    # (batches of 4, 4 and 1 through one graph with a None batch: the size 1 takes a static translation)
    assert_close(model.predict(x, batch_size=4, verbose=0), torch_eval(name, x), rtol=1e-4, atol=1e-5)
    fn = layer.lazyport_core.function(EVAL)
    symbolic = [e for e in fn.cache.values() if "dims" in e.program.lowered.meta]
    assert len(symbolic) == 1 and fn.cache_info().translations <= 3  # (the None batch; a size of 1; one more)


def test_keras_fit_with_a_smaller_last_batch_trains_as_torch() -> None:
    """fit on 70 samples with batch_size=32 (batches of 32, 32 and 6), without shuffling, against the same
    three SGD steps in torch; then the functional model's forward against torch with the trained weights."""
    import keras

    name, lr = "cnn", 0.05
    x, y = example(name, batch=70), loss_target(name, batch=70)
    layer = lazyport.transpile(make(name, dropout=0.0), source="torch", target="tensorflow")
    inp = keras.Input(shape=x.shape[1:])
    model = keras.Model(inp, layer(inp))
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="mse")
    history = model.fit(x, y, batch_size=32, epochs=1, shuffle=False, verbose=0)
    assert np.isfinite(history.history["loss"][0])

    reference = make(name, dropout=0.0).train()
    opt = torch.optim.SGD(reference.parameters(), lr=lr)
    for start in (0, 32, 64):
        xb, yb = torch_input(x[start : start + 32]), torch.from_numpy(y[start : start + 32])
        opt.zero_grad()
        ((reference(xb) - yb) ** 2).mean().backward()
        opt.step()
    got = lazyport.state_dict(layer)
    for key, want in reference.state_dict().items():
        np.testing.assert_allclose(got[key].numpy(), want.numpy(), rtol=1e-4, atol=1e-4, err_msg=key)
    assert got["features.1.num_batches_tracked"].item() == 3
    assert layer.lazyport_core.function(TRAIN).cache_info().translations <= 2
    trained = {k: v.clone() for k, v in reference.state_dict().items()}
    for b in (6, 13, 1):
        assert_close(model(x[:b]), torch_eval(name, x[:b], trained), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_nnx_module_with_varying_batch_sizes(name: str) -> None:
    import jax.numpy as jnp
    from flax import nnx

    model = lazyport.transpile(make(name, dropout=0.0), source="torch", target="jax").eval()
    x = example(name, batch=40)
    for b in (2, 5, 3, 8, 17, 40, 5):
        assert_close(model(jnp.asarray(x[:b])), torch_eval(name, x[:b]), rtol=1e-4, atol=1e-5)

    @nnx.jit
    def forward(m: Any, v: Any) -> Any:
        return m(v)

    for b in (4, 11, 2, 23):
        assert_close(forward(model, jnp.asarray(x[:b])), torch_eval(name, x[:b]), rtol=1e-4, atol=1e-5)
    assert model.lazyport_core.function(EVAL).cache_info().translations == 2


def test_nnx_train_steps_with_varying_batch_sizes_match_torch() -> None:
    """nnx.jit + nnx.grad SGD steps at batch sizes 8, 5 and 3 (the forward in training mode: BatchNorm batch
    statistics), against the same steps in torch."""
    import jax.numpy as jnp
    import optax
    from flax import nnx

    name, lr = "cnn", 0.1
    x, y = example(name, batch=16), loss_target(name, batch=16)
    model = lazyport.transpile(make(name, dropout=0.0), source="torch", target="jax")
    optimizer = nnx.Optimizer(model, optax.sgd(lr), wrt=nnx.Param)

    @nnx.jit
    def step(m: Any, opt: Any, v: Any, t: Any) -> Any:
        loss, grads = nnx.value_and_grad(lambda m: jnp.mean((m(v) - t) ** 2))(m)
        opt.update(m, grads)
        return loss

    reference = make(name, dropout=0.0).train()
    torch_opt = torch.optim.SGD(reference.parameters(), lr=lr)
    start = 0
    for b in (8, 5, 3):
        xb, yb = x[start : start + b], y[start : start + b]
        start += b
        loss = step(model, optimizer, jnp.asarray(xb), jnp.asarray(yb))
        torch_opt.zero_grad()
        want = ((reference(torch_input(xb)) - torch.from_numpy(yb)) ** 2).mean()
        want.backward()
        torch_opt.step()
        assert_close(loss, want.detach(), rtol=1e-4, atol=1e-5)
    got = lazyport.state_dict(model)
    for key, want in reference.state_dict().items():
        np.testing.assert_allclose(got[key].numpy(), want.numpy(), rtol=1e-4, atol=1e-4, err_msg=key)
    assert model.lazyport_core.function(TRAIN).cache_info().translations == 2


def test_keras_fit_with_a_last_batch_of_one_is_refused_not_wrong() -> None:
    """A training trace with a None batch keeps the size >= 2 check (no tf.cond branch for a size of 1 under a
    gradient tape): fit whose last batch holds one sample raises naming the dim."""
    import keras
    import tensorflow as tf

    layer = lazyport.transpile(make("cnn", dropout=0.0), source="torch", target="tensorflow")
    inp = keras.Input(shape=(3, 8, 8))
    model = keras.Model(inp, layer(inp))
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"dim 0 \(arg1_0\) is unknown in this trace"):
        model.fit(example("cnn", batch=33), loss_target("cnn", batch=33), batch_size=32, shuffle=False, verbose=0)
