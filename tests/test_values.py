"""Reads of tensor values from Python, and results in containers torch's pytree knows.

Every read (``.item()``, ``bool``/``int``/``float``/``__index__``, ``.tolist()``, ``.numpy()``,
``np.asarray``) gives the true value: from the input on a concrete call (the signature then runs op by op at
every call), from the constant for tensors built from Python values (which stay cached), and under
tracing an input-dependent read is a DataDependentError naming the line.
"""

from __future__ import annotations

import dataclasses
import operator

import numpy as np
import pytest
import torch
import torch.utils._pytree as pytree

import lazyport
from lazyport.engine import ConcreteEntry, Entry

from .util import Target, assert_close


def by_item(t):
    return t * t.max().item()


def by_bool(t):
    return t + 1 if bool(t.sum() > 0) else t - 1


def by_int(t):
    return t * int(t[0])


def by_float(t):
    return t * float(t.max())


def by_index(t):
    return t * [10.0, 20.0, 30.0, 40.0][operator.index(t.argmax())]


def by_tolist(t):
    return t * sum(t.tolist())


def by_numpy(t):
    return t * float(t.numpy().max())


def by_array(t):
    return t + float(np.asarray(t).sum())


READS = [by_item, by_bool, by_int, by_float, by_index, by_tolist, by_numpy, by_array]
VALUES = [
    np.array([3.0, 3.0, 3.0], np.float32),
    np.array([1.0, -2.0, 0.5], np.float32),
    np.array([-4.0, -1.0, -2.0], np.float32),
]


@pytest.mark.parametrize("fn", READS, ids=lambda f: f.__name__)
def test_value_reads_are_true_values(fn, target: Target) -> None:
    f = lazyport.transpile(fn, source="torch", target=target.name)
    for x in VALUES + VALUES:  # twice: later calls of the signature too
        assert_close(f(target.array(x)), fn(torch.from_numpy(x.copy())))
    (entry,) = f.cache.values()
    if fn in (by_numpy, by_array):  # an array the function may keep: no guard can stand for it
        assert type(entry) is ConcreteEntry, "a read of a tensor's array must never be cached"
    else:  # the value read is a guard: the program runs for calls that read the same value only
        assert type(entry) is Entry and entry.guards >= 1, "an input-dependent read is cached only behind guards"
        assert 1 <= len(entry.variants) <= len(VALUES) - 1  # one more program per value the guards tell apart
    assert f.cache_info().translations == 1


@pytest.mark.parametrize("fn", READS, ids=lambda f: f.__name__)
def test_value_reads_under_jax_jit(fn) -> None:
    import jax

    f = lazyport.transpile(fn, source="torch", target="jax")
    with pytest.raises(lazyport.DataDependentError, match="test_values.py"):
        jax.jit(f)(VALUES[0])


@pytest.mark.parametrize("fn", [by_item, by_tolist, by_numpy, by_array], ids=lambda f: f.__name__)
def test_value_reads_under_tf_function(fn) -> None:
    import tensorflow as tf

    f = lazyport.transpile(fn, source="torch", target="tensorflow")
    with pytest.raises(lazyport.DataDependentError, match="test_values.py"):
        tf.function(f)(tf.constant(VALUES[0]))


@pytest.mark.parametrize("fn", READS, ids=lambda f: f.__name__)
def test_value_reads_in_trace_graph(fn) -> None:
    with pytest.raises(lazyport.DataDependentError, match="test_values.py"):
        lazyport.trace_graph(fn, source="torch", target="numpy", args=(VALUES[0],))


def from_constants(t):
    # kornia and torchvision build tensors from Python values and read them back: that is no input read
    c = torch.tensor([0.5, 1.5, 2.0])
    scale = float(c.numpy().sum()) + sum(c.tolist()) + float(np.asarray(c).max()) + c[1].item()
    return t * scale + c


def test_constant_reads_stay_cached(target: Target) -> None:
    expected_scale = 4.0 + 4.0 + 2.0 + 1.5
    f = lazyport.transpile(from_constants, source="torch", target=target.name)
    for x in VALUES:
        assert_close(f(target.array(x)), x * expected_scale + np.array([0.5, 1.5, 2.0], np.float32))
    (entry,) = f.cache.values()
    assert type(entry) is Entry and entry.origin == "recorded"
    assert f.cache_info().translations == 1


def test_constant_reads_under_tracing() -> None:
    import jax
    import tensorflow as tf

    x = VALUES[1]
    expected = from_constants(torch.from_numpy(x.copy()))
    assert_close(jax.jit(lazyport.transpile(from_constants, source="torch", target="jax"))(x), expected)
    tf_f = tf.function(lazyport.transpile(from_constants, source="torch", target="tensorflow"))
    assert_close(tf_f(tf.constant(x)), expected)
    g = lazyport.trace_graph(from_constants, source="torch", target="numpy", args=(x,))
    assert_close(g(x), expected)
    assert_close(g(VALUES[2]), from_constants(torch.from_numpy(VALUES[2].copy())))


def test_numpy_of_a_value_is_read_only() -> None:
    """torch's .numpy() shares memory with the tensor; lazyport's is a copy, so a write to it would be lost:
    it is refused instead."""

    def writes(t):
        t.numpy()[0] = 7.0
        return t

    f = lazyport.transpile(writes, source="torch", target="numpy")
    with pytest.raises(ValueError, match="read-only"):
        f(VALUES[0].copy())


# ----------------------------------------------------------------------------- torch-pytree containers


@dataclasses.dataclass
class Output:  # like a Hugging Face ModelOutput: a container only torch's pytree knows
    logits: torch.Tensor
    hidden: tuple


pytree.register_dataclass(Output)


class Pair:
    def __init__(self, a, b):
        self.a, self.b = a, b


pytree.register_pytree_node(Pair, lambda p: ([p.a, p.b], None), lambda values, _: Pair(*values))


def to_output(x):
    return Output(logits=x * 2, hidden=(x + 1, {"n": x.sum()}))


def from_pair(p):
    return Pair(p.a + p.b, p.a * p.b)


def test_outputs_in_torch_pytree_containers(target: Target) -> None:
    x = VALUES[1]
    for f in (
        lazyport.transpile(to_output, source="torch", target=target.name),
        lazyport.transpile(to_output, source="torch", target=target.name, args=(target.array(x),)),
    ):
        for _ in range(3):  # recorded, then the program / compiled form
            out = f(target.array(x))
            assert type(out) is Output
            assert lazyport_arrays(target, [out.logits, out.hidden[0], out.hidden[1]["n"]])
            assert_close(out.logits, x * 2)
            assert_close(out.hidden[1]["n"], np.float32(x.sum()))


def test_inputs_in_torch_pytree_containers(target: Target) -> None:
    x, y = VALUES[0], VALUES[1]
    f = lazyport.transpile(from_pair, source="torch", target=target.name)
    for _ in range(3):
        out = f(Pair(target.array(x), target.array(y)))
        assert type(out) is Pair
        assert_close(out.a, x + y)
        assert_close(out.b, x * y)


def test_outputs_under_jit() -> None:
    import jax

    f = lazyport.transpile(to_output, source="torch", target="jax")
    assert_close(jax.jit(lambda x: f(x).hidden[1]["n"])(VALUES[1]), np.float32(VALUES[1].sum()))


def test_an_output_that_is_no_value_is_an_error(target: Target) -> None:
    def returns_module(x):
        return x * 2, torch.nn.Identity()

    f = lazyport.transpile(returns_module, source="torch", target=target.name)
    with pytest.raises(lazyport.TranslationError, match="Identity"):
        f(target.array(VALUES[0]))
    assert len(f.cache) == 0


def test_shapes_come_back_as_tuples(target: Target) -> None:
    f = lazyport.transpile(lambda x: (x + 1, x.shape), source="torch", target=target.name)
    for _ in range(2):
        out, shape = f(target.array(np.zeros((2, 3), np.float32)))
        assert type(shape) is tuple and shape == (2, 3)


def lazyport_arrays(target: Target, values) -> bool:
    import importlib

    backend = importlib.import_module("lazyport.backends").get_backend(target.name)
    return all(backend.is_array(v) for v in values)
