"""In-place writes to inputs (``x.add_(1)``, ``out=y``) and float static arguments keyed by their bits.

A torch function that writes into its input changes the caller's tensor. The translation does the same
where the target's arrays can change (NumPy arrays for every target, ``tf.Variable``); where they cannot
(JAX arrays, ``tf.Tensor``) the result is still torch's and a warning, once per function, says that the
caller's array keeps its old value. Never a dropped write without a word.
"""

from __future__ import annotations

import logging
import math
import pickle

import numpy as np
import pytest
import torch

import lazyport

from .util import TARGETS, Target, assert_close


def add_one_(x):
    x.add_(1)
    return x * 2


def mul_out(x, y):
    torch.mul(x, 3, out=y)
    return y + 0


def slice_write(x):
    x[0].mul_(10)
    return x.sum()


def keep_old(x):
    old = x.clone()
    x.sub_(1)
    return old, x


def run_torch(fn, *arrays):
    tensors = [torch.from_numpy(np.array(a, copy=True)) for a in arrays]
    out = fn(*tensors)
    return out, [t.numpy() for t in tensors]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("fn", [add_one_, slice_write, keep_old], ids=lambda f: f.__name__)
def test_numpy_inputs_are_written_back(fn, target):
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    expected, (expected_x,) = run_torch(fn, x)
    g = lazyport.transpile(fn, source="torch", target=target)
    for _ in range(3):  # the first call, the recorded program, the compiled form
        got = g(x)
        for gl, el in zip(
            got if isinstance(got, tuple) else [got], expected if isinstance(expected, tuple) else [expected]
        ):
            assert_close(gl, el)
        np.testing.assert_array_equal(x, expected_x)
        x = np.arange(6, dtype=np.float32).reshape(2, 3)  # afresh for the next round
    g.wait()
    got = g(x)
    np.testing.assert_array_equal(x, expected_x)


@pytest.mark.parametrize("target", TARGETS)
def test_out_argument_is_written_back(target):
    x = np.arange(4, dtype=np.float32)
    y = np.zeros(4, dtype=np.float32)
    g = lazyport.transpile(mul_out, source="torch", target=target)
    got = g(x, y)
    assert_close(got, torch.arange(4.0) * 3)
    np.testing.assert_array_equal(y, np.arange(4, dtype=np.float32) * 3)
    np.testing.assert_array_equal(x, np.arange(4, dtype=np.float32))  # the input that was only read


def test_result_that_aliases_the_input_keeps_its_value():
    """``old = x.clone()`` may be the input array itself in the NumPy program: writing the input must
    not change the result that was read before the write."""
    x = np.ones(3, dtype=np.float32)
    old, new = lazyport.transpile(keep_old, source="torch", target="numpy")(x)
    np.testing.assert_array_equal(old, np.ones(3))
    np.testing.assert_array_equal(new, np.zeros(3))
    np.testing.assert_array_equal(x, np.zeros(3))


def test_tf_variable_is_assigned_eagerly_and_in_tf_function():
    tf = pytest.importorskip("tensorflow")
    g = lazyport.transpile(add_one_, source="torch", target="tensorflow")
    v = tf.Variable(np.ones(3, np.float32))
    assert_close(g(v), torch.full((3,), 4.0))
    np.testing.assert_array_equal(v.numpy(), np.full(3, 2.0))
    step = tf.function(g)
    assert_close(step(v), torch.full((3,), 6.0))
    np.testing.assert_array_equal(v.numpy(), np.full(3, 3.0))


@pytest.mark.parametrize("target", ["jax", "tensorflow"])
def test_immutable_inputs_warn_once_and_give_torchs_result(target, caplog):
    g = lazyport.transpile(add_one_, source="torch", target=target)
    x = Target(target).array(np.ones(3, np.float32))
    with caplog.at_level(logging.WARNING, logger="lazyport"):
        for _ in range(3):
            assert_close(g(x), torch.full((3,), 4.0))
    np.testing.assert_array_equal(Target.numpy(x), np.ones(3))  # unchanged: it cannot change
    warnings = [r for r in caplog.records if "writes in place to its input x" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in caplog.records]
    assert "keeps its old value" in warnings[0].getMessage()


def test_under_jax_jit_the_result_is_right_and_the_write_is_reported(caplog):
    jax = pytest.importorskip("jax")
    g = lazyport.transpile(add_one_, source="torch", target="jax")
    with caplog.at_level(logging.WARNING, logger="lazyport"):
        out = jax.jit(g)(jax.numpy.ones(3))
    assert_close(out, torch.full((3,), 4.0))
    assert any("writes in place" in r.getMessage() for r in caplog.records)


def test_graph_of_a_function_that_writes_its_input_is_refused():
    with pytest.raises(lazyport.TranslationError, match="writes in place to its input x"):
        lazyport.trace_graph(add_one_, source="torch", target="numpy", args=(np.ones(3, np.float32),))


def test_writes_survive_the_persistent_cache(tmp_path, monkeypatch):
    """A record read from disk writes back as the fresh one did."""
    from lazyport import diskcache

    monkeypatch.setenv(diskcache.ENV, str(tmp_path))
    x = np.ones(3, np.float32)
    lazyport.transpile(add_one_, source="torch", target="numpy")(x)
    assert diskcache.usage().entries == 1
    g = lazyport.transpile(add_one_, source="torch", target="numpy")
    x = np.ones(3, np.float32)
    assert_close(g(x), torch.full((3,), 4.0))
    assert g.last_entry.origin == "disk"
    np.testing.assert_array_equal(x, np.full(3, 2.0))


# ----------------------------------------------------------------------------- float keys


def divide(x, d):
    return x / d


@pytest.mark.parametrize("target", TARGETS)
def test_negative_zero_is_not_zero(target):
    g = lazyport.transpile(divide, source="torch", target=target)
    x = Target(target).array(np.ones(2, np.float32))
    assert_close(g(x, 0.0), torch.ones(2) / 0.0)
    assert_close(g(x, -0.0), torch.ones(2) / -0.0)  # -inf, not the +inf of the 0.0 translation
    assert np.all(Target.numpy(g(x, -0.0)) == -np.inf)


@pytest.mark.parametrize(
    "value",
    [math.nan, np.float32("nan"), np.float64(-0.0), complex(0.0, -0.0)],
    ids=["nan", "np.float32-nan", "np.float64-negzero", "complex"],
)
def test_a_float_static_is_one_translation(value):
    g = lazyport.transpile(divide, source="torch", target="numpy")
    x = np.ones(2, np.float32)
    for _ in range(4):
        g(x, value)
    info = g.cache_info()
    assert (info.misses, info.hits, info.currsize) == (1, 3, 1), info


def test_float_keys_on_disk_differ():
    from lazyport import diskcache

    key = lambda v: diskcache.signature_text((None, (float, diskcache.float_key(v))))
    assert key(0.0) != key(-0.0)
    assert key(math.nan) == key(float("nan"))
    assert diskcache.signature_text((None, (str, "nan"))) != key(math.nan)
    assert pickle.loads(pickle.dumps(diskcache.float_key(-0.0))) == diskcache.float_key(-0.0)
