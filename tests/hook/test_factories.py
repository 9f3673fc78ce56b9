"""Issue #10 item 11: factories through the import hook run in torch and give translated results.

``lazyport.<target>.<library>.create_model(...)`` takes no arrays: it runs in torch, and its nn.Module
becomes a translated module (flax.nnx / Keras / NumPy callable); tensors become target arrays and
containers keep their structure. Classmethods of library classes do the same, and translated modules
passed back into the library reach torch as their torch modules, with the translation's weights.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np
import pytest

from ..util import TARGETS, Target, assert_close

torch = pytest.importorskip("torch")


def lib(target: str) -> Any:
    return importlib.import_module(f"lazyport.{target}.torchy_lib.models")


def kind_of(target: str) -> type:
    if target == "jax":
        from flax import nnx

        return nnx.Module
    if target == "tensorflow":
        import keras

        return keras.layers.Layer
    from lazyport.nn import ModuleInstanceProxy

    return ModuleInstanceProxy


@pytest.mark.parametrize("target", TARGETS)
def test_factory_returns_a_translated_module(torchy: Any, target: str) -> None:
    m = lib(target)
    net = m.create_model("net", width=3)
    assert isinstance(net, kind_of(target))
    assert isinstance(net, m.Net)
    x = np.arange(6.0, dtype=np.float32).reshape(2, 3)
    assert_close(net(Target(target).array(x)), torch.from_numpy(x) * torch.tensor([1.0, 2.0, 3.0]))
    with pytest.raises(ValueError, match="unknown model 'nope'"):  # the library's own error, unchanged
        m.create_model("nope")


@pytest.mark.parametrize("target", TARGETS)
def test_containers_keep_their_structure(torchy: Any, target: str) -> None:
    out = lib(target).model_and_table(width=2)
    assert sorted(out) == ["model", "name", "sizes", "table"]
    assert isinstance(out["model"], kind_of(target))
    assert (
        type(out["table"]).__module__.partition(".")[0]
        in {"jax": ("jax", "jaxlib"), "tensorflow": ("tensorflow",), "numpy": ("numpy",)}[target]
    )
    assert_close(out["table"], torch.ones(2))
    assert out["name"] == "net" and out["sizes"] == (2, [2])


@pytest.mark.parametrize("target", TARGETS)
def test_classmethods_build_translated_modules(torchy: Any, target: str) -> None:
    m = lib(target)
    net = m.AutoNet.from_config(m.Config(width=4))
    assert isinstance(net, kind_of(target)) and isinstance(net, m.Net)
    class_net = m.Net.__wrapped__  # nn.Module classes: their classmethods too (none here besides the defaults)
    assert class_net.__name__ == "Net"

    class Mine(m.AutoNet):  # a proxied class can still be subclassed
        pass

    assert issubclass(Mine, m.AutoNet.__wrapped__)


@pytest.mark.parametrize("target", TARGETS)
def test_translated_modules_passed_back_reach_torch_as_torch_modules(torchy: Any, target: str) -> None:
    m = lib(target)
    first, second = m.create_model("net"), m.Net(3)
    stack = m.Stack(first, second)
    assert isinstance(stack, kind_of(target))
    x = np.ones((1, 3), np.float32)
    assert_close(stack(Target(target).array(x)), torch.from_numpy(x) * torch.tensor([1.0, 4.0, 9.0]))


def test_passed_back_modules_carry_the_translations_weights(torchy: Any) -> None:
    import jax.numpy as jnp

    m = lib("jax")
    net = m.create_model("net")
    net.torch_state["scale"].set_value(jnp.asarray([10.0, 20.0, 30.0]))  # trained, say
    stack = m.Stack(net)
    assert_close(stack(jnp.ones((1, 3))), torch.tensor([[10.0, 20.0, 30.0]]))


def test_tensor_functions_without_arrays_still_translate(torchy: Any) -> None:
    """torch's own functions (random ones among them) stay translated: they draw from the target's RNG."""
    import jax

    import lazyport

    T = importlib.import_module("lazyport.jax.torch")
    lazyport.seed(0)
    a = T.randn(3)
    assert isinstance(a, jax.Array) and a.shape == (3,)
