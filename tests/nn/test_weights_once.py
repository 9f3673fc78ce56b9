"""The weights are held once: a translation keeps no torch tensor of the module alive, shares no memory
that torch could still write, and still goes back to torch (``.torch_module``, ``state_dict``, the
module translated again) with its current weights after the torch module is gone."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import numpy as np
import pytest

from ..util import Target, assert_close
from .models import example, make, torch_input

torch = pytest.importorskip("torch")

import lazyport  # noqa: E402
from lazyport.nn.export import _resolve  # noqa: E402

MODELS = ["mlp", "cnn", "transformer"]  # plain, BatchNorm buffers, tied weights + MultiheadAttention


def run(translated: Any, target: Target, x: np.ndarray) -> Any:
    """The translated module's evaluation-mode output on ``x``."""
    if target.name == "tensorflow":
        return translated(target.array(x), training=False)
    return translated.eval()(target.array(x))


def torch_eval(model: Any, x: np.ndarray) -> Any:
    with torch.no_grad():
        return model.eval()(torch_input(x))


def tensor_refs(model: Any) -> list[weakref.ref]:
    return [weakref.ref(t) for t in (*model.parameters(), *model.buffers())]


@pytest.mark.parametrize("name", MODELS)
def test_torch_tensors_die_with_the_module(name: str, target: Target) -> None:
    model = make(name, dropout=0.0).eval()
    x = example(name)
    want = torch_eval(model, x)
    translated = lazyport.transpile(model, source="torch", target=target.name)
    refs = tensor_refs(model)
    del model
    gc.collect()
    assert all(r() is None for r in refs)
    assert_close(run(translated, target, x), want)
    assert all(t.is_meta for t in _resolve(translated)[1].module.state_dict().values())  # the skeleton's


@pytest.mark.parametrize("name", MODELS)
def test_no_target_array_shares_torch_memory(name: str, target: Target) -> None:
    """The caller may keep the torch module and write its tensors in place: the translation must not see it."""
    model = make(name, dropout=0.0).eval()
    x = example(name)
    want = torch_eval(model, x)
    translated = lazyport.transpile(model, source="torch", target=target.name)
    with torch.no_grad():
        for t in (*model.parameters(), *model.buffers()):
            t.add_(1) if t.is_floating_point() else t.add_(3)
    assert_close(run(translated, target, x), want)
    if target.name == "numpy":
        assert all(a.flags.owndata for a in translated.lazyport_state.values())


def sgd_step(translated: Any, target: Target, x: np.ndarray) -> None:
    """One training step on the target's own machinery (the weights change there, not in torch)."""
    y = np.ones((x.shape[0], 3), np.float32)
    if target.name == "jax":
        import jax.numpy as jnp
        import optax
        from flax import nnx

        translated.train()
        grads = nnx.grad(lambda m: jnp.mean((m(jnp.asarray(x)) - y) ** 2))(translated)
        nnx.Optimizer(translated, optax.sgd(0.5), wrt=nnx.Param).update(translated, grads)
    elif target.name == "tensorflow":
        import keras
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((translated(tf.constant(x), training=True) - y) ** 2)
        grads = tape.gradient(loss, translated.trainable_weights)
        keras.optimizers.SGD(0.5).apply_gradients(zip(grads, translated.trainable_weights))
    else:  # NumPy has no autodiff: new weights through load_state_dict
        sd = lazyport.state_dict(translated)
        lazyport.load_state_dict(translated, {k: v * 2 for k, v in sd.items()})


def assert_same_state(module: Any, translated: Any) -> None:
    sd, expected = module.state_dict(), lazyport.state_dict(translated)
    assert list(sd) == list(expected)
    for k, v in expected.items():
        assert not sd[k].is_meta and sd[k].dtype == v.dtype, k
        np.testing.assert_array_equal(sd[k].numpy(), v.numpy(), err_msg=k)


def test_back_to_torch_after_the_module_is_gone(target: Target) -> None:
    model = make("mlp", dropout=0.0)
    x = example("mlp")
    translated = lazyport.transpile(model, source="torch", target=target.name)
    refs = tensor_refs(model)
    del model
    gc.collect()
    assert all(r() is None for r in refs)
    sgd_step(translated, target, x)
    got = run(translated, target, x)

    module = translated.torch_module  # a new torch module with the trained weights
    assert isinstance(module, torch.nn.Module) and type(module).__name__ == "MLP"
    assert_same_state(module, translated)
    assert all(p.requires_grad for p in module.parameters())
    assert_close(got, torch_eval(module, x))
    with torch.no_grad():  # its tensors are copies: writing them leaves the translation alone
        for p in module.parameters():
            p.zero_()
    assert_close(run(translated, target, x), Target.numpy(got))
    assert translated.torch_module is not module  # rebuilt from the current weights at every access


def test_tied_weights_stay_tied_on_the_way_back(target: Target) -> None:
    model = make("transformer", dropout=0.0)
    x = example("transformer")
    want = torch_eval(model, x)
    translated = lazyport.transpile(model, source="torch", target=target.name)
    del model
    gc.collect()
    sd = lazyport.state_dict(translated)
    lazyport.load_state_dict(translated, {k: v + 0.25 if v.is_floating_point() else v for k, v in sd.items()})
    module = translated.torch_module
    assert module.head.weight is module.embed.weight
    assert_same_state(module, translated)
    assert_close(run(translated, target, x), torch_eval(module, x), rtol=1e-4, atol=1e-4)
    assert not np.allclose(Target.numpy(run(translated, target, x)), want.numpy())  # (the load did change it)


def test_batchnorm_statistics_come_back_after_training(target: Target) -> None:
    """Buffers written by a training-mode forward (running statistics) are what torch_module holds."""
    model = make("cnn", dropout=0.0).train()
    x = example("cnn", batch=6)
    reference = make("cnn", dropout=0.0).train()
    reference(torch_input(x))
    translated = lazyport.transpile(model, source="torch", target=target.name)
    del model
    gc.collect()
    if target.name == "tensorflow":
        translated(target.array(x), training=True)
    else:
        translated.train()(target.array(x))
    module = translated.torch_module
    assert_same_state(module, translated)
    for k, v in reference.state_dict().items():
        np.testing.assert_allclose(module.state_dict()[k].numpy(), v.numpy(), rtol=1e-4, atol=1e-5, err_msg=k)


def test_a_numpy_translation_translates_again_with_its_weights() -> None:
    model = make("mlp", dropout=0.0)
    x = example("mlp")
    translated = lazyport.transpile(model, source="torch", target="numpy")
    del model
    gc.collect()
    sd = lazyport.state_dict(translated)
    lazyport.load_state_dict(translated, {k: v * 3 for k, v in sd.items()})
    want = run(translated, Target("numpy"), x)
    assert translated.net[0].weight.is_meta  # attributes read through to the skeleton: no weights there
    again = lazyport.transpile(translated, source="torch", target="jax")
    assert_close(run(again, Target("jax"), x), want)


def test_a_module_that_cannot_be_copied_is_kept_with_a_warning() -> None:
    """No skeleton without a copy: the module stays (weights held twice, said so), the answers stay right."""
    import threading

    model = make("mlp", dropout=0.0).eval()
    model.lock = threading.Lock()  # deepcopy refuses locks
    x = example("mlp")
    with pytest.warns(ResourceWarning, match="held twice"):
        translated = lazyport.transpile(model, source="torch", target="numpy")
    assert_close(run(translated, Target("numpy"), x), torch_eval(model, x))
    sd = lazyport.state_dict(translated)
    lazyport.load_state_dict(translated, {k: v * 2 for k, v in sd.items()})
    assert translated.torch_module is model  # the kept module, given the translation's weights
    assert_same_state(model, translated)


def test_tensorflow_takes_tensors_at_any_alignment() -> None:
    """The one-copy DLPack path needs TensorFlow's 64-byte alignment; other tensors take NumPy's path."""
    import tensorflow as tf

    from lazyport.nn.state import to_target

    base = torch.arange(64, dtype=torch.float32)
    for offset in range(5):  # views at 0, 4, 8, 12, 16 bytes past an aligned allocation
        t = base[offset : offset + 3]
        got = to_target(t, "tensorflow")
        assert isinstance(got, tf.Tensor) and got.numpy().tolist() == t.tolist()
    got = to_target(base, "tensorflow")
    with torch.no_grad():
        base.add_(1)  # a copy: torch's write is not seen
    assert got.numpy().tolist() == list(range(64))
