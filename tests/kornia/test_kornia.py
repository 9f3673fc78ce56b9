"""The real kornia package through ``lazyport.<target>.kornia``, compared with kornia on torch.

Every case in :mod:`tests.kornia.cases` runs on each target, then again inside ``jax.jit`` /
``tf.function`` unless it takes no array (``jit=False``, with the reason). A function whose control
flow reads input values would fail there with a clear :class:`~lazyport.DataDependentError`
(tests/test_values.py); none of these does, now that canny's loop is a ``torch.while_loop``.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

import numpy as np
import optree
import pytest

import lazyport

from ..util import TARGETS, Target, assert_close
from .cases import CLASSES, FUNCTIONS, Case

torch = pytest.importorskip("torch")
kornia = pytest.importorskip("kornia")

JIT_TARGETS = ["jax", "tensorflow"]


def resolve(root: Any, path: str) -> Any:
    for part in path.split("."):
        root = getattr(root, part)
    return root


def translated_kornia(target: str) -> Any:
    return importlib.import_module(f"lazyport.{target}.kornia")


def inputs(case: Case) -> tuple[tuple, dict]:
    return case.make(np.random.default_rng(0))


def convert(tree: Any, fn: Any) -> Any:
    return optree.tree_map(lambda x: fn(x) if isinstance(x, np.ndarray) else x, tree, none_is_leaf=True)


def to_target(tree: Any, target: str) -> Any:
    t = Target(target)

    def one(x: np.ndarray) -> Any:
        if target == "jax" and x.dtype == np.int64:
            x = x.astype(np.int32)  # what a JAX user (x64 off) has
        return t.array(x)

    return convert(tree, one)


def to_torch(tree: Any) -> Any:
    return convert(tree, lambda x: torch.from_numpy(x.copy()))


def leaves(tree: Any) -> list[Any]:
    return optree.tree_leaves(tree, none_is_leaf=True)


@functools.cache
def reference(case: Case) -> list[Any]:
    args, kwargs = to_torch(inputs(case))
    fn = resolve(kornia, case.path)
    if case.ctor or case.ctor_kwargs or isinstance(fn, type):
        fn = fn(*to_torch(case.ctor), **to_torch(case.ctor_kwargs))
    with torch.no_grad():
        return leaves(fn(*args, **kwargs))


def call(fn: Any, args: tuple, kwargs: dict, target: str, jit: bool) -> Any:
    """``fn(*args, **kwargs)``, or the same inside the target's compiler with the arrays as arguments."""
    if not jit:
        return fn(*args, **kwargs)
    flat, spec = optree.tree_flatten((args, kwargs), none_is_leaf=True)
    where = [i for i, leaf in enumerate(flat) if hasattr(leaf, "shape") and hasattr(leaf, "dtype")]

    def run(*arrays: Any) -> Any:
        full = list(flat)
        for i, a in zip(where, arrays):
            full[i] = a
        a, k = optree.tree_unflatten(spec, full)
        return fn(*a, **k)

    arrays = [flat[i] for i in where]
    if target == "jax":
        import jax

        return jax.jit(run)(*arrays)
    import tensorflow as tf

    return tf.function(run)(*arrays)


def check(case: Case, target: str, jit: bool) -> None:
    expected = reference(case)
    lib = translated_kornia(target)
    fn = resolve(lib, case.path)
    args, kwargs = to_target(inputs(case), target)
    if case.ctor or case.ctor_kwargs or case in CLASSES:
        fn = fn(*to_target(case.ctor, target), **to_target(case.ctor_kwargs, target))
    # the first call records its program; the second runs it; the third, after lazyport.wait(), is compiled
    for i in range(1 if jit else 3):
        compare(leaves(call(fn, args, kwargs, target, jit)), expected, case, target)
        if i == 1:
            assert lazyport.wait(timeout=300)


def compare(got: list[Any], expected: list[Any], case: Case, target: str) -> None:
    assert len(got) == len(expected), f"{len(got)} outputs, torch gives {len(expected)}"
    for g, e in zip(got, expected):
        if isinstance(e, torch.Tensor):
            assert (
                type(g).__module__.partition(".")[0]
                in {"jax": ("jax", "jaxlib"), "tensorflow": ("tensorflow",), "numpy": ("numpy",)}[target]
            ), type(g)
            assert_close(g, e, rtol=case.rtol, atol=case.atol)
        else:
            assert g == e


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("case", FUNCTIONS, ids=Case.id.fget)
def test_function(case: Case, target: str) -> None:
    check(case, target, jit=False)


@pytest.mark.parametrize("target", JIT_TARGETS)
@pytest.mark.parametrize("case", [c for c in FUNCTIONS if c.jit], ids=Case.id.fget)
def test_function_jit(case: Case, target: str) -> None:
    check(case, target, jit=True)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("case", CLASSES, ids=Case.id.fget)
def test_class(case: Case, target: str) -> None:
    check(case, target, jit=False)


@pytest.mark.parametrize("target", JIT_TARGETS)
@pytest.mark.parametrize("case", [c for c in CLASSES if c.jit], ids=Case.id.fget)
def test_class_jit(case: Case, target: str) -> None:
    check(case, target, jit=True)


def test_coverage_of_the_issue() -> None:
    """At least 60 functions and 5 classes across the packages the issue names, and the special kinds."""
    packages = {c.path.partition(".")[0] for c in FUNCTIONS}
    assert {"color", "filters", "enhance", "geometry", "feature", "morphology", "losses", "metrics"} <= packages
    assert len(FUNCTIONS) >= 60 and len(CLASSES) >= 5
    names = {c.path for c in FUNCTIONS}
    assert {
        "filters.gaussian_blur2d",
        "filters.unsharp_mask",
        "feature.harris_response",
        "filters.canny",
        "losses.dice_loss",
        "losses.focal_loss",
    } <= names


def test_seed_example() -> None:
    """The example from the seeds: a module transpiled as a whole, called with a JAX array."""
    import jax

    import lazyport

    jax_kornia = lazyport.transpile(kornia, source="torch", target="jax")
    x = np.random.rand(2, 3, 4, 5)
    out = jax_kornia.color.bgr_to_grayscale(jax.numpy.array(x))
    assert isinstance(out, jax.Array)
    assert out.shape == (2, 1, 4, 5)
    expected = kornia.color.bgr_to_grayscale(torch.from_numpy(x.astype(np.float32)))
    assert_close(out, expected)


def test_same_object_every_way() -> None:
    import lazyport.jax.kornia as K
    import lazyport.jax.kornia.color as C
    from lazyport.jax import kornia as K2

    import lazyport

    assert K is K2 is lazyport.transpile(kornia, source="torch", target="jax") is lazyport.jax.kornia
    assert C is K.color
    assert K.color.rgb_to_hsv is C.rgb_to_hsv
    assert lazyport.transpile(kornia, source="torch", target="numpy") is not K
