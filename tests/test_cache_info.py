"""``cache_info()`` of translated functions and graphs: ``CacheInfo(hits, misses, translations, currsize,
maxsize)`` after sequences of calls whose signatures are known, and ``cache_clear()`` resetting it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport
from lazyport import diskcache
from lazyport.engine import CacheInfo, TranslatedFunction

from .util import Target, assert_close


@pytest.fixture(autouse=True)
def own_cache_dir(tmp_path, monkeypatch):
    """A persistent cache of this test's own, so that no entry of another test turns a translation into
    a disk read."""
    monkeypatch.setenv(diskcache.ENV, str(tmp_path / "cache"))


def scaled_sin(x, k=2.0):
    return torch.sin(x) * k


def branchy(x):
    if x.sum() > 0:
        return x * 2
    return x - 1


X4, X5, X6 = (np.linspace(0.1, 1.0, n, dtype=np.float32) for n in (4, 5, 6))


def test_it_is_a_named_tuple_in_functools_order():
    f = lazyport.transpile(scaled_sin, source="torch", target="numpy")
    info = f.cache_info()
    assert type(info) is CacheInfo and info._fields == ("hits", "misses", "translations", "currsize", "maxsize")
    assert info == (0, 0, 0, 0, 64)


@pytest.mark.parametrize("target", ["jax", "tensorflow", "numpy"])
def test_counts_after_calls_of_known_signatures(target):
    t = Target(target)
    f = lazyport.transpile(scaled_sin, source="torch", target=target)
    x4, x5 = t.array(X4), t.array(X5)
    f(x4)
    assert f.cache_info() == (0, 1, 1, 1, 64)  # one miss, recorded once
    f(x4)
    f(x4)
    assert f.cache_info() == (2, 1, 1, 1, 64)
    f(x5)  # a new shape
    f(x4, 3.0)  # a new static value
    f(t.array(X4.astype(np.int32)))  # a new dtype
    assert f.cache_info() == (2, 4, 4, 4, 64)
    assert_close(f(x4, 3.0), scaled_sin(torch.from_numpy(X4), 3.0))
    assert f.cache_info() == (3, 4, 4, 4, 64)


def test_hits_of_compiled_calls_are_counted():
    """Once compiled, calls take the engine's fast path: each still counts as a hit."""
    jnp = pytest.importorskip("jax.numpy")
    f = lazyport.transpile(scaled_sin, source="torch", target="jax")
    x = jnp.asarray(X4)
    for _ in range(5):
        f(x)
    f.wait()
    for _ in range(7):
        f(x)
    assert f.cache_info() == (11, 1, 1, 1, 64)


def test_a_capture_under_jit_is_a_translation_that_later_concrete_calls_hit():
    jax = pytest.importorskip("jax")
    f = lazyport.transpile(scaled_sin, source="torch", target="jax")
    x = jax.numpy.asarray(X4)
    jax.jit(f)(x)
    jax.jit(f)(x)  # jax's own cache: f is not called again
    assert f.cache_info() == (0, 1, 1, 1, 64)
    f(x)
    assert f.cache_info() == (1, 1, 1, 1, 64)


def test_lru_bound_evicts_and_evicted_signatures_translate_again(monkeypatch):
    monkeypatch.setenv("LAZYPORT_DYNAMIC", "off")  # (each size its own signature; tests/test_dynamic_auto.py: auto)
    f = lazyport.transpile(scaled_sin, source="torch", target="numpy", cache_size=2)
    for x in (X4, X5, X6, X4):  # X4 was evicted by X6 and is read back from the persistent cache
        f(x)
    assert f.cache_info() == (0, 4, 3, 2, 2)
    monkeypatch.setenv(diskcache.ENV, "off")
    f(X5)  # evicted by X4, and now no disk to read it from: translated again
    assert f.cache_info() == (0, 5, 4, 2, 2)
    f(X4)
    f(X5)
    assert f.cache_info() == (2, 5, 4, 2, 2)


def test_eager_translation_counts_no_miss():
    f = lazyport.transpile(scaled_sin, source="torch", target="numpy", args=(X4,))
    assert f.cache_info() == (0, 0, 1, 1, 64)
    f(X4)
    assert f.cache_info() == (1, 0, 1, 1, 64)


def test_a_signature_read_from_disk_is_a_miss_but_no_translation():
    TranslatedFunction(scaled_sin, "numpy")(X4)  # writes the entry
    f = TranslatedFunction(scaled_sin, "numpy")  # nothing in memory
    f(X4)
    assert f.last_entry.origin == "disk"
    assert f.cache_info() == (0, 1, 0, 1, 64)


def test_value_dependent_signature_is_one_translation_and_then_hits():
    f = lazyport.transpile(branchy, source="torch", target="numpy")
    for x in (X4, -X4, X4):  # both branches, one signature: run op by op each time
        assert_close(f(x), branchy(torch.from_numpy(x)))
    assert f.cache_info() == (2, 1, 1, 1, 64)


def test_cache_clear_resets_the_counts():
    f = lazyport.transpile(scaled_sin, source="torch", target="numpy")
    f(X4)
    f(X4)
    f.cache_clear()
    assert f.cache_info() == (0, 0, 0, 0, 64)
    f(X4)  # read back from the persistent cache: a miss, not a translation
    assert f.cache_info() == (0, 1, 0, 1, 64)


def test_graph_cache_info_and_clear():
    g = lazyport.trace_graph(scaled_sin, source="torch", target="numpy", args=(X4,))
    assert g.cache_info() == (0, 0, 1, 1, 64)  # traced now: a capture, no call yet
    g(X4)
    g(X4)
    g(X5)
    assert g.cache_info() == (2, 1, 2, 2, 64)
    assert len(g.signatures) == 2
    g.cache_clear()
    assert g.cache_info() == (0, 0, 0, 0, 64)
    assert not g.traced and g.signatures == []
    lazy = lazyport.trace_graph(scaled_sin, source="torch", target="numpy", cache_size=3)
    lazy(X6)
    lazy(X6)
    assert lazy.cache_info() == (1, 1, 1, 1, 3)
    assert "sin" in lazy.code


def test_auto_sums_its_targets():
    jnp = pytest.importorskip("jax.numpy")
    f = lazyport.transpile(scaled_sin, source="torch", target="auto")
    f(X4)
    f(jnp.asarray(X4))
    f(X4)
    assert f.cache_info() == (1, 2, 2, 2, 128)  # numpy's and jax's, each of 64
    assert f.for_target("numpy").cache_info() == (1, 1, 1, 1, 64)


def test_the_readme_example():
    """README: three calls of one shape and one of another give (2, 2, 2, 2, 64)."""
    f = lazyport.transpile(scaled_sin, source="torch", target="numpy")
    for x in (X4, X4, X4, X5):
        f(x)
    assert f.cache_info() == (2, 2, 2, 2, 64)
