"""Translated functions, import-hook function/class/module proxies pickle by reference to their torch
original and target: unpickled (here or in a new process) they translate afresh and give torch's result.
An original that pickle cannot refer to (lambda, local function) is a lazyport PicklingError saying why."""

from __future__ import annotations

import copy
import functools
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

import lazyport

from .util import assert_close

kornia = pytest.importorskip("kornia", reason="the hook cases use kornia (the test extra installs it)")

ROOT = Path(__file__).resolve().parent.parent


def shifted_sine(x, shift=1.0):
    return torch.sin(x) * 2 + shift


@lazyport.transpile(source="torch", target="numpy")
def decorated(x):
    return torch.tanh(x) - x.mean()


def image() -> np.ndarray:
    return np.linspace(0, 1, 2 * 3 * 5 * 4, dtype=np.float32).reshape(2, 3, 5, 4)


def picklable_objects():
    """(translated object, how to call it on ``image()``, torch's result)."""
    x = torch.from_numpy(image())
    return [
        (lazyport.transpile(shifted_sine, source="torch", target="jax", cache_size=7), "call", shifted_sine(x)),
        (decorated, "call", torch.tanh(x) - x.mean()),
        (lazyport.jax.kornia.color.rgb_to_grayscale, "call", kornia.color.rgb_to_grayscale(x)),
        (lazyport.transpile(kornia, source="torch", target="tensorflow"), "module", kornia.color.rgb_to_grayscale(x)),
        (lazyport.numpy.kornia.filters.GaussianBlur2d, "class", kornia.filters.GaussianBlur2d((3, 3), (1.0, 1.0))(x)),
    ]


def use(obj, how, x):
    if how == "module":
        return obj.color.rgb_to_grayscale(x)
    if how == "class":
        return obj((3, 3), (1.0, 1.0))(x)
    return obj(x)


def test_round_trip_in_process():
    for obj, how, expected in picklable_objects():
        use(obj, how, image())  # translated (locks, caches, compiled code) before pickling
        for protocol in (2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
            back = pickle.loads(pickle.dumps(obj, protocol))
            assert type(back) is type(obj)
            assert_close(use(back, how, image()), expected)
    f = lazyport.transpile(shifted_sine, source="torch", target="jax", cache_size=7)
    back = pickle.loads(pickle.dumps(f))
    assert back is not f and back.fn is shifted_sine and back.target == "jax" and back.cache.maxsize == 7
    assert pickle.loads(pickle.dumps(decorated)) is decorated  # the module's global, by name
    proxy = lazyport.jax.kornia.color.rgb_to_grayscale
    assert pickle.loads(pickle.dumps(proxy)) is proxy  # proxies are shared per (target, original)
    assert pickle.loads(pickle.dumps(lazyport.jax.kornia)) is lazyport.jax.kornia


def test_copy_is_the_function_itself():
    f = lazyport.transpile(shifted_sine, source="torch", target="numpy")
    assert copy.copy(f) is f and copy.deepcopy([f])[0] is f


_UNPICKLE = """
import pickle, sys
objects, x = pickle.loads(sys.stdin.buffer.read())
import numpy as np
out = []
for obj, how in objects:
    if how == "module":
        r = obj.color.rgb_to_grayscale(x)
    elif how == "class":
        r = obj((3, 3), (1.0, 1.0))(x)
    else:
        r = obj(x)
    out.append(np.asarray(r))
sys.stdout.buffer.write(pickle.dumps(out))
"""


def test_round_trip_in_a_new_process():
    cases = picklable_objects()
    payload = pickle.dumps(([(obj, how) for obj, how, _ in cases], image()))
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    run = subprocess.run(
        [sys.executable, "-c", _UNPICKLE], input=payload, capture_output=True, cwd=ROOT, env=env, timeout=300
    )
    assert run.returncode == 0, run.stderr.decode()[-3000:]
    results = pickle.loads(run.stdout)
    assert len(results) == len(cases)
    for got, (_, _, expected) in zip(results, cases):
        assert_close(got, expected)


def test_lambda_and_local_function_raise_a_lazyport_error():
    def local(x):
        return x + 1

    with pytest.raises(lazyport.LazyportError, match="is a lambda"):
        pickle.dumps(lazyport.transpile(lambda x: x * 2, source="torch", target="jax"))
    with pytest.raises(pickle.PicklingError, match="defined inside another function.*top level of an importable"):
        pickle.dumps(lazyport.transpile(local, source="torch", target="numpy"))
    with pytest.raises(lazyport.LazyportError, match="cannot be pickled"):
        pickle.dumps(lazyport.transpile(functools.partial(lambda x, y: x + y, y=1), source="torch", target="numpy"))


def test_renamed_original_raises_a_lazyport_error():
    def renamed(x):
        return x - 1

    renamed.__qualname__ = "no_such_function_here"
    with pytest.raises(lazyport.LazyportError, match="does not name it"):
        pickle.dumps(lazyport.transpile(renamed, source="torch", target="numpy"))


def test_partial_of_a_module_function_pickles():
    f = lazyport.transpile(functools.partial(shifted_sine, shift=3.0), source="torch", target="numpy")
    back = pickle.loads(pickle.dumps(f))
    assert_close(back(image()), shifted_sine(torch.from_numpy(image()), shift=3.0))
