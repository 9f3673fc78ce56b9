"""Steady calls of a translated flax.nnx module through its shortcut (lazyport/nn/shortcut.py): the same
results as torch, state updates, new weights and shapes, transforms after shortcut calls, cache_clear."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ..util import assert_close
from .models import example, make, torch_input

torch = pytest.importorskip("torch")
pytest.importorskip("flax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
from flax import nnx  # noqa: E402

import lazyport  # noqa: E402
from lazyport.nn.shortcut import Shortcut  # noqa: E402


def forward_fn(model: Any) -> Any:
    core = model.lazyport_core
    return core.function((not model.deterministic, not model.use_running_average))


def shortcuts(model: Any) -> list[Shortcut]:
    return [s for s in forward_fn(model).shortcuts.values() if s]


def torch_eval(module: torch.nn.Module, x: np.ndarray, state: dict | None = None) -> torch.Tensor:
    module.eval()
    with torch.no_grad():
        if state is None:
            return module(torch_input(x))
        return torch.func.functional_call(module, state, (torch_input(x),))


def test_steady_calls_take_the_shortcut_and_match_torch() -> None:
    source = make("cnn")
    expected = torch_eval(source, example("cnn"))
    model = lazyport.transpile(source, source="torch", target="jax").eval()
    x = jnp.asarray(example("cnn"))
    for i in range(6):
        assert_close(model(x), expected)
        if i == 2:
            lazyport.wait()  # the compiled form from here on
    (found,) = shortcuts(model)
    hits = forward_fn(model).cache_info().hits
    assert_close(model(x), expected)
    assert forward_fn(model).cache_info().hits == hits + 1  # counted as a hit of the signature
    assert found.entry.compiled is not None


def test_keyword_and_static_arguments() -> None:
    class Scaled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lin = torch.nn.Linear(3, 2)

        def forward(self, x: torch.Tensor, y: torch.Tensor | None = None, scale: int = 1) -> torch.Tensor:
            out = self.lin(x) * scale
            return out if y is None else out - y

    source = Scaled()
    model = lazyport.transpile(source, source="torch", target="jax").eval()
    x, y = np.ones((4, 3), np.float32), np.full((4, 2), 0.5, np.float32)
    for _ in range(3):
        for kwargs in ({"y": y, "scale": 2}, {"scale": 3, "y": y}, {"y": None, "scale": 2}, {"scale": 1}):
            with torch.no_grad():
                want = source(
                    torch.from_numpy(x),
                    **{k: torch.from_numpy(v) if isinstance(v, np.ndarray) else v for k, v in kwargs.items()},
                )
            got = model(
                jnp.asarray(x), **{k: jnp.asarray(v) if isinstance(v, np.ndarray) else v for k, v in kwargs.items()}
            )
            assert_close(got, want)
    assert len(shortcuts(model)) == 4  # one per key: keyword order and static values are part of it


def test_batchnorm_statistics_update_through_shortcut_calls() -> None:
    x = example("cnn", batch=6)
    source = make("cnn", dropout=0.0).train()
    for _ in range(4):
        source(torch_input(x))
    expected = source.state_dict()
    model = lazyport.transpile(make("cnn", dropout=0.0), source="torch", target="jax").train()
    for _ in range(4):
        model(jnp.asarray(x))
    assert shortcuts(model), "train-mode calls without random numbers take the shortcut too"
    got = lazyport.state_dict(model)
    for name, value in expected.items():
        np.testing.assert_allclose(got[name].numpy(), value.numpy(), atol=1e-4, rtol=1e-4, err_msg=name)
    assert got["features.1.num_batches_tracked"].item() == 4


def test_new_weights_are_read_at_the_next_call() -> None:
    source, other = make("mlp"), make("mlp")
    with torch.no_grad():
        for p in other.parameters():
            p.mul_(-1.5)
    x = example("mlp")
    model = lazyport.transpile(source, source="torch", target="jax").eval()
    for _ in range(3):
        model(jnp.asarray(x))
    assert shortcuts(model)
    lazyport.load_state_dict(model, other.state_dict())
    assert_close(model(jnp.asarray(x)), torch_eval(other, x))
    model.torch_state["net.0.bias"].set_value(jnp.zeros(16))  # one variable, set directly
    state = {**other.state_dict(), "net.0.bias": torch.zeros(16)}
    assert_close(model(jnp.asarray(x)), torch_eval(other, x, state))


def test_a_state_value_of_a_new_shape_is_translated_again() -> None:
    source = make("mlp")
    x = example("mlp")
    model = lazyport.transpile(source, source="torch", target="jax").eval()
    for _ in range(3):
        model(jnp.asarray(x))
    lazyport.wait()
    model(jnp.asarray(x))
    # a wider hidden layer: torch's Linear takes weights of any shape through functional_call
    rng = np.random.default_rng(0)
    wider = {name: t.detach().clone() for name, t in source.state_dict().items()}
    wider["net.0.weight"] = torch.from_numpy(rng.standard_normal((24, 6)).astype(np.float32))
    wider["net.0.bias"] = torch.from_numpy(rng.standard_normal(24).astype(np.float32))
    wider["net.3.weight"] = torch.from_numpy(rng.standard_normal((16, 24)).astype(np.float32))
    for name in ("net.0.weight", "net.0.bias", "net.3.weight"):
        model.torch_state[name].set_value(jnp.asarray(wider[name].numpy()))
    translations = forward_fn(model).cache_info().translations
    assert_close(model(jnp.asarray(x)), torch_eval(source, x, wider))
    assert forward_fn(model).cache_info().translations == translations + 1


def test_transforms_after_shortcut_calls() -> None:
    source = make("transformer")
    x = example("transformer")
    expected = torch_eval(source, x)
    model = lazyport.transpile(source, source="torch", target="jax").eval()
    for _ in range(3):
        model(jnp.asarray(x))
    assert shortcuts(model)
    assert_close(nnx.jit(lambda m, t: m(t))(model, jnp.asarray(x)), expected)
    graphdef, state = nnx.split(model)
    assert_close(jax.jit(lambda s, t: nnx.merge(graphdef, s)(t))(state, jnp.asarray(x)), expected)
    grads = nnx.grad(lambda m: jnp.sum(m(jnp.asarray(x))))(model)
    source.zero_grad()
    source(torch_input(x)).sum().backward()
    for name, p in source.named_parameters():
        if name in grads["torch_state"]:
            assert_close(grads["torch_state"][name].get_value(), p.grad, rtol=1e-4, atol=1e-5)
    assert_close(model(jnp.asarray(x)), expected)  # and plain calls again


def test_cache_clear_forgets_shortcuts() -> None:
    model = lazyport.transpile(make("mlp"), source="torch", target="jax").eval()
    x = jnp.asarray(example("mlp"))
    for _ in range(3):
        model(x)
    assert shortcuts(model)
    forward_fn(model).cache_clear()
    assert not forward_fn(model).shortcuts
    assert_close(model(x), torch_eval(model.torch_module, example("mlp")))


def test_model_output_is_rebuilt_as_torch_builds_it() -> None:
    """lazyport.trees builds Hugging Face ModelOutputs without ModelOutput.__post_init__'s iteration."""
    modeling_outputs = pytest.importorskip("transformers.modeling_outputs")
    import optree
    import torch.utils._pytree as pytree

    from lazyport import trees

    for cls, fields in [
        (modeling_outputs.BaseModelOutputWithPastAndCrossAttentions, ["last_hidden_state"]),
        (modeling_outputs.BaseModelOutputWithPooling, ["last_hidden_state", "pooler_output"]),
        (modeling_outputs.BaseModelOutput, ["hidden_states"]),
    ]:
        made = cls(**{f: torch.ones(2, 3) for f in fields})
        leaves, treedef = trees.flatten(made)
        values = [jnp.full((2, 3), i, jnp.float32) for i in range(len(leaves))]
        got = optree.tree_unflatten(treedef, values)
        want = pytree.SUPPORTED_NODES[cls].unflatten_fn(values, list(made.keys()))
        assert type(got) is cls
        assert list(got.items()) == list(want.items()) or all(
            a[0] == b[0] and a[1] is b[1] for a, b in zip(got.items(), want.items())
        )
        assert vars(got).keys() == vars(want).keys()
        assert all(vars(got)[k] is vars(want)[k] for k in vars(want))
        assert got.to_tuple()[0] is want.to_tuple()[0]


def test_batchnorm_statistics_of_recorded_first_calls(target: Any) -> None:
    """Without dropout a train-mode first call has no random op: BatchNorm's hidden in-place update of its
    running statistics (native_batch_norm's schema does not declare it) must still reach the state."""
    x = example("cnn", batch=6)
    source = make("cnn", dropout=0.0).train()
    for _ in range(3):
        source(torch_input(x))
    translated = lazyport.transpile(make("cnn", dropout=0.0), source="torch", target=target.name)
    for _ in range(3):
        if target.name == "tensorflow":
            translated(target.array(x), training=True)
        else:
            translated.train()(target.array(x))
    got = lazyport.state_dict(translated)
    for name, value in source.state_dict().items():
        np.testing.assert_allclose(got[name].numpy(), value.numpy(), atol=1e-4, rtol=1e-4, err_msg=name)
