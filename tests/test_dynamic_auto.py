"""Automatic dynamic sizes (``LAZYPORT_DYNAMIC=auto``): a lazy translation called with a second size of some
dims is translated once more with those dims symbolic, and that translation serves every later size; results
equal torch's for every size. Code that specialises on a size, sizes a condition of the code rejects and sizes
0/1 get static translations; ``LAZYPORT_DYNAMIC=off`` translates each size."""

from __future__ import annotations

import logging

import numpy as np
import pytest
import torch

import lazyport
from lazyport import diskcache
from lazyport.errors import ConfigError

from .util import check, torch_of

RNG = np.random.default_rng(5)


@pytest.fixture(autouse=True)
def own_cache_dir(tmp_path, monkeypatch):
    """A persistent cache of this test's own: no other test's entry turns a translation into a disk read."""
    monkeypatch.setenv(diskcache.ENV, str(tmp_path / "cache"))
    monkeypatch.delenv("LAZYPORT_DYNAMIC", raising=False)


def images(b, c=3, h=8, w=8):
    return RNG.random((b, c, h, w), dtype=np.float32)


def blur(x):
    import kornia

    return kornia.filters.gaussian_blur2d(x, (5, 5), (1.5, 1.5))


def gray(x):
    import kornia

    return kornia.color.rgb_to_grayscale(x)


@pytest.mark.parametrize("fn", [blur, gray], ids=["gaussian_blur2d", "rgb_to_grayscale"])
def test_fifty_batch_sizes_translate_at_most_twice(target, fn):
    f = lazyport.transpile(fn, source="torch", target=target.name)
    sizes = [int(b) for b in RNG.permutation(np.arange(2, 52))]
    for b in sizes:
        x = images(b)
        check(f(target.array(x)), torch_of(fn, x))
    assert f.cache_info().translations == 2
    assert f.last_entry.program.lowered.meta["dims"] == {(0, 0): "x_0"}
    lazyport.wait()  # the compiled form (jax.jit; a tf.function with a None batch dim) serves every size too
    assert f.last_entry.compile_error is None
    for b in (7, 60):
        x = images(b)
        check(f(target.array(x)), torch_of(fn, x))
    assert f.cache_info().translations == 2


def test_off_translates_every_size(monkeypatch):
    monkeypatch.setenv("LAZYPORT_DYNAMIC", "off")
    f = lazyport.transpile(gray, source="torch", target="numpy")
    for b in (2, 3, 4, 5):
        x = images(b)
        check(f(x), torch_of(gray, x))
    assert f.cache_info().translations == 4


def test_bad_setting_is_a_config_error(monkeypatch):
    monkeypatch.setenv("LAZYPORT_DYNAMIC", "always")
    with pytest.raises(ConfigError, match="LAZYPORT_DYNAMIC='always' is not one of auto, off"):
        lazyport.transpile(gray, source="torch", target="numpy")


def test_a_dim_that_differs_later_widens_the_set(target):
    f = lazyport.transpile(blur, source="torch", target=target.name)
    for shape in ((2, 3, 8, 8), (3, 3, 8, 8), (4, 3, 8, 8)):
        x = RNG.random(shape, dtype=np.float32)
        check(f(target.array(x)), torch_of(blur, x))
    assert f.cache_info().translations == 2
    for shape in ((4, 3, 12, 9), (2, 3, 9, 14), (5, 3, 16, 8)):  # height and width differ too: once more
        x = RNG.random(shape, dtype=np.float32)
        check(f(target.array(x)), torch_of(blur, x))
    assert f.cache_info().translations == 3
    assert sorted(f.last_entry.program.lowered.meta["dims"].values()) == ["x_0", "x_2", "x_3"]


def test_sizes_one_and_zero_are_static(target):
    f = lazyport.transpile(gray, source="torch", target=target.name)
    for b in (2, 3, 1, 4, 0, 1):
        x = images(b)
        check(f(target.array(x)), torch_of(gray, x))
    assert f.cache_info().translations == 4  # 2 (static), the symbolic one, 1 and 0 (static)


def pinned(x):
    """Specialises on the batch size: int() of it makes the code one program per size."""
    n = int(x.shape[0])
    return x * torch.arange(n, dtype=x.dtype).reshape(n, 1)


def test_code_that_specialises_falls_back_to_static_sizes(target, caplog):
    f = lazyport.transpile(pinned, source="torch", target=target.name)
    with caplog.at_level(logging.INFO, logger="lazyport.engine"):
        for b in (2, 3, 4, 5, 3):
            x = RNG.random((b, 4), dtype=np.float32)
            check(f(target.array(x)), torch_of(pinned, x))
    assert f.cache_info().translations == 4  # one per size, none symbolic
    said = [r.getMessage() for r in caplog.records if "no translation with dynamic sizes" in r.getMessage()]
    assert len(said) == 1 and "SpecializationError" in said[0]


def branchy(x):
    return x * 2 if x.shape[0] > 3 else x - 1


def test_sizes_a_condition_of_the_code_rejects_are_static(target):
    f = lazyport.transpile(branchy, source="torch", target=target.name)
    for b in (5, 6, 3, 9, 2, 3):
        x = RNG.random((b, 3), dtype=np.float32)
        check(f(target.array(x)), torch_of(branchy, x))
    assert f.cache_info().translations == 4  # 5, the symbolic one for b > 3, then 3 and 2 statically


def rows(x, y):
    """Two inputs whose batch dims the code ties together (x + y broadcast)."""
    b = x.shape[0]
    flat = x.view(b, -1)
    return flat * 2 + y.reshape(-1, 1), torch.arange(b) * flat.sum(1)


def test_dims_the_code_ties_are_one_condition(target):
    f = lazyport.transpile(rows, source="torch", target=target.name)
    for b in (2, 3, 6, 11):
        x, y = RNG.random((b, 3, 4), dtype=np.float32), RNG.random(b, dtype=np.float32)
        check(f(target.array(x), target.array(y)), torch_of(rows, x, y))
    assert f.cache_info().translations == 2
    conditions = [c.text for c in f.last_entry.program.lowered.meta["conditions"]]
    assert conditions in (["y_0 == x_0"], ["x_0 == y_0"])
    with pytest.raises(RuntimeError, match="must match the size"):  # torch eager's own error
        f(target.array(RNG.random((5, 3, 4), dtype=np.float32)), target.array(RNG.random(6, dtype=np.float32)))


def test_under_jax_jit():
    import jax
    import jax.numpy as jnp

    f = lazyport.transpile(blur, source="torch", target="jax")
    jitted = jax.jit(f)
    for b in (2, 3, 5, 8, 4):
        x = images(b)
        check(jitted(jnp.asarray(x)), torch_of(blur, x))
    assert f.cache_info().translations == 2


def test_under_tf_function_a_none_dim_is_dynamic_from_the_start():
    import tensorflow as tf

    f = lazyport.transpile(blur, source="torch", target="tensorflow")
    graph = tf.function(lambda x: f(x), input_signature=[tf.TensorSpec([None, 3, 8, 8], tf.float32)], autograph=False)
    for b in (3, 6, 1, 2):  # (a size of 1 takes a static translation made with the graph, through tf.cond)
        x = images(b)
        check(graph(tf.constant(x)), torch_of(blur, x))
    assert len(graph._list_all_concrete_functions()) == 1
    assert f.cache_info().translations == 2
    assert [e.program.lowered.meta.get("dims") for e in f.cache.values()] == [{(0, 0): "x_0"}, None]
    for b in (4, 7):  # eager calls of other sizes use that translation too
        x = images(b)
        check(f(tf.constant(x)), torch_of(blur, x))
    assert f.cache_info().translations == 2
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"dim 0 \(x_0\) is unknown in this trace.*>= 1"):
        graph(tf.constant(images(0)))


def test_none_dim_with_code_that_specialises_is_a_clear_error():
    import tensorflow as tf

    from lazyport.errors import DynamicShapesError

    f = lazyport.transpile(pinned, source="torch", target="tensorflow")
    graph = tf.function(lambda x: f(x), input_signature=[tf.TensorSpec([None, 4], tf.float32)], autograph=False)
    with pytest.raises(DynamicShapesError, match="leaves sizes unknown.*SpecializationError"):
        graph(tf.constant(RNG.random((3, 4), dtype=np.float32)))


def test_persistent_cache_keeps_the_static_translations(target):
    """A first call is recorded and stored on disk; the symbolic translation stays in memory, so a new
    function object (as a new process) reads the first size from disk and captures the second once."""
    first = lazyport.transpile(gray, source="torch", target=target.name)
    for b in (2, 3, 4):
        first(target.array(images(b)))
    assert first.cache_info().translations == 2
    again = lazyport.transpile(gray, source="torch", target=target.name)
    for b in (2, 3, 4, 9):
        x = images(b)
        check(again(target.array(x)), torch_of(gray, x))
    assert again.last_entry.origin == "captured"
    assert again.cache_info().translations == 1  # (size 2 from disk)


def test_cache_clear_forgets_the_dynamic_dims():
    f = lazyport.transpile(gray, source="torch", target="numpy")
    for b in (2, 3):
        f(images(b))
    f.cache_clear()
    with_disk_off = f.cache_info()
    assert with_disk_off.translations == 0
    f(images(5))  # a first call again: static (a new family), not the forgotten symbolic translation
    assert "dims" not in f.last_entry.program.lowered.meta


def test_trace_graph_keeps_static_signatures():
    """Graphs are not made dynamic automatically (their readable code folds sizes in): use dynamic_shapes."""
    g = lazyport.trace_graph(gray, source="torch", target="numpy")
    for b in (2, 3, 4):
        x = images(b)
        check(g(x), torch_of(gray, x))
    assert g._translated.cache_info().translations == 3


def test_numpy_target_imports_no_other_framework():
    """The symbolic translation of a NumPy function imports neither TensorFlow nor JAX (a fresh process)."""
    import subprocess
    import sys

    code = (
        "import sys, numpy as np, torch, lazyport\n"
        "f = lazyport.transpile(lambda x: torch.sin(x) * 2, source='torch', target='numpy')\n"
        "for n in (3, 4, 5): f(np.ones(n, np.float32))\n"
        "assert f.cache_info().translations == 2, f.cache_info()\n"
        "print(sorted(m for m in ('tensorflow', 'jax') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
