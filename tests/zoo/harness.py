"""Running a zoo case in torch and through lazyport, in each mode, and comparing the two.

Modes: ``eager`` (every target: the first call, which runs op by op and records the translation, then
after ``lazyport.wait()`` the compiled form), ``jit`` (the translated model or function inside
``nnx.jit`` / ``jax.jit`` or ``tf.function``), ``grad`` (``jax.grad`` / ``nnx.grad`` or
``tf.GradientTape`` of a fixed linear loss of every float output, against torch autograd; module
cases differentiate with respect to the trainable parameters, function cases with respect to the first
float input).
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

import numpy as np
import optree

import lazyport

from ..util import Target, assert_close
from . import libs
from .cases import Case

MODES = ("eager", "jit", "grad")


def modes_for(case: Case, target: str) -> list[str]:
    if target == "numpy":
        return ["eager"]  # nothing to compile or differentiate with
    return ["eager", "jit"] + (["grad"] if case.grad else [])


# ---------------------------------------------------------------------------------------- trees
def is_array(x: Any) -> bool:
    return isinstance(x, np.ndarray)


def convert(tree: Any, fn: Any) -> Any:
    return optree.tree_map(lambda x: fn(x) if is_array(x) else x, tree, none_is_leaf=True)


def to_target(tree: Any, target: str) -> Any:
    t = Target(target)

    def one(x: np.ndarray) -> Any:
        if target == "jax" and x.dtype == np.int64:
            x = x.astype(np.int32)  # what a JAX user (x64 off) has
        return t.array(x)

    return convert(tree, one)


def to_torch(tree: Any) -> Any:
    import torch

    return convert(tree, lambda x: torch.from_numpy(x.copy()))


def leaves(tree: Any) -> list[Any]:
    """Leaves of a result, through torch's pytree (which knows ``ModelOutput``) and then optree."""
    import torch.utils._pytree as pytree

    return [leaf for part in pytree.tree_leaves(tree) for leaf in optree.tree_leaves(part, none_is_leaf=True)]


def inputs(case: Case) -> tuple[tuple, dict]:
    args, kwargs = case.inputs(np.random.default_rng(0))
    return args, {**case.kwargs, **kwargs}


def loss_weights(out_leaves: list[Any]) -> list[np.ndarray | None]:
    """A fixed random weight per float output (None for the others): the loss is sum(w * out)."""
    rng = np.random.default_rng(1)
    return [rng.standard_normal(tuple(o.shape)).astype(np.float32) if _is_float(o) else None for o in out_leaves]


def _is_float(x: Any) -> bool:
    dtype = getattr(x, "dtype", None)
    return dtype is not None and ("float" in str(dtype))


# ------------------------------------------------------------------------------------------ torch
@functools.cache
def torch_module(case: Case) -> Any:
    assert case.build is not None
    return case.build()


def torch_function(case: Case) -> Any:
    module, _, attr = case.fn.rpartition(".")
    return getattr(libs.load(module), attr)


@functools.cache
def reference(case: Case) -> list[Any]:
    import torch

    args, kwargs = to_torch(inputs(case))
    fn = torch_module(case) if case.is_module else torch_function(case)
    with torch.no_grad():
        return leaves(fn(*args, **kwargs))


def wrt_input(case: Case) -> bool:
    """Differentiate with respect to the first float input: function cases and modules without parameters."""
    return not case.is_module or not any(p.requires_grad for p in torch_module(case).parameters())


@functools.cache
def reference_grads(case: Case) -> dict[str, Any]:
    """torch's gradients of the loss: by parameter name (modules) or ``{"input": ...}`` (functions)."""
    import torch

    args, kwargs = to_torch(inputs(case))
    if not wrt_input(case):
        model = torch_module(case)
        model.zero_grad()
        out = model(*args, **kwargs)
    else:
        x = next(a for a in args if isinstance(a, torch.Tensor) and a.is_floating_point())
        x.requires_grad_(True)
        out = (torch_module(case) if case.is_module else torch_function(case))(*args, **kwargs)
    outs = leaves(out)
    loss = sum((o * torch.from_numpy(w)).sum() for o, w in zip(outs, loss_weights(outs)) if w is not None)
    loss.backward()
    if not wrt_input(case):
        grads = {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}
        model.zero_grad()
        return grads
    return {"input": x.grad.detach().clone()}


# ------------------------------------------------------------------------------------- translated
def translated(case: Case, target: str) -> Any:
    """The translated model (a fresh translation of the torch module) or the hooked library function."""
    if case.is_module:
        return lazyport.transpile(torch_module(case), source="torch", target=target)
    module, _, attr = case.fn.rpartition(".")
    libs.load(module)
    return getattr(importlib.import_module(f"lazyport.{target}.{module}"), attr)


def call(fn: Any, args: tuple, kwargs: dict, target: str) -> Any:
    """``fn(*args, **kwargs)``; a Keras layer gets its first keyword argument as its ``inputs``."""
    if target == "tensorflow" and not args and kwargs and hasattr(fn, "lazyport_core"):
        first, *rest = kwargs.items()
        return fn(first[1], **dict(rest))
    return fn(*args, **kwargs)


def split_arrays(args: tuple, kwargs: dict) -> tuple[list[Any], Any]:
    """The array leaves of ``(args, kwargs)`` and a function putting new ones in their places."""
    flat, spec = optree.tree_flatten((args, kwargs), none_is_leaf=True)
    where = [i for i, leaf in enumerate(flat) if hasattr(leaf, "shape") and hasattr(leaf, "dtype")]

    def rebuild(arrays: Any) -> tuple[tuple, dict]:
        full = list(flat)
        for i, a in zip(where, arrays):
            full[i] = a
        return optree.tree_unflatten(spec, full)

    return [flat[i] for i in where], rebuild


def run(case: Case, target: str, mode: str) -> None:
    expected = reference(case)
    fn = translated(case, target)
    args, kwargs = to_target(inputs(case), target)
    if mode == "eager":
        compare(leaves(call(fn, args, kwargs, target)), expected, case, target)  # recorded first call
        assert lazyport.wait(timeout=600)
        compare(leaves(call(fn, args, kwargs, target)), expected, case, target)  # compiled (or the program)
    elif mode == "jit":
        compare(list(jitted(case, fn, target, args, kwargs)), expected, case, target)
    else:
        check_grads(case, fn, target, args, kwargs)


def jitted(case: Case, fn: Any, target: str, args: tuple, kwargs: dict) -> Any:
    arrays, rebuild = split_arrays(args, kwargs)
    if target == "jax":
        import jax
        from flax import nnx

        if case.is_module:
            return nnx.jit(lambda m, *xs: tuple(leaves(m(*rebuild(xs)[0], **rebuild(xs)[1]))))(fn, *arrays)
        return jax.jit(lambda *xs: tuple(leaves(fn(*rebuild(xs)[0], **rebuild(xs)[1]))))(*arrays)
    import tensorflow as tf

    def body(*xs: Any) -> Any:
        a, k = rebuild(xs)
        return tuple(leaves(call(fn, a, k, target)))

    return tf.function(body)(*arrays)


def check_grads(case: Case, fn: Any, target: str, args: tuple, kwargs: dict) -> None:
    expected = reference_grads(case)
    weights = loss_weights(reference(case))
    arrays, rebuild = split_arrays(args, kwargs)
    by_input = wrt_input(case)
    first = next(i for i, a in enumerate(arrays) if _is_float(a)) if by_input else 0

    def loss_of(outs: list[Any], total: Any) -> Any:
        return sum(total(o * w) for o, w in zip(outs, weights) if w is not None)

    if target == "jax":
        import jax
        import jax.numpy as jnp
        from flax import nnx

        if not by_input:
            grads = nnx.grad(lambda m: loss_of(leaves(m(*args, **kwargs)), jnp.sum))(fn)["torch_state"]
            got = {name: grads[name].get_value() for name in expected}
        else:

            def loss_x(x: Any) -> Any:
                xs = list(arrays)
                xs[first] = x
                a, k = rebuild(xs)
                return loss_of(leaves(fn(*a, **k)), jnp.sum)

            got = {"input": jax.grad(loss_x)(arrays[first])}
    else:
        import tensorflow as tf

        with tf.GradientTape() as tape:
            if not by_input:
                watched = list(fn.trainable_weights)
                outs = leaves(call(fn, args, kwargs, target))
            else:
                watched = [arrays[first]]
                tape.watch(watched[0])
                a, k = rebuild([watched[0] if i == first else x for i, x in enumerate(arrays)])
                outs = leaves(call(fn, a, k, target))
            loss = loss_of(outs, tf.reduce_sum)
        grads = tape.gradient(loss, watched)
        # (an embedding's gradient is tf.IndexedSlices, as for Keras' own Embedding: dense to compare)
        grads = [tf.convert_to_tensor(g) if isinstance(g, tf.IndexedSlices) else g for g in grads]
        names = ["input"] if by_input else [w.name for w in watched]
        got = {n: g for n, g in zip(names, grads) if n in expected}
    assert sorted(got) == sorted(expected)
    for name, g in expected.items():
        assert got[name] is not None, f"no gradient for {name}"
        assert_close(got[name], g, rtol=1e-3, atol=1e-4)


def compare(got: list[Any], expected: list[Any], case: Case, target: str) -> None:
    import torch

    assert len(got) == len(expected), f"{len(got)} outputs, torch gives {len(expected)}"
    kinds = {"jax": ("jax", "jaxlib"), "tensorflow": ("tensorflow",), "numpy": ("numpy",)}[target]
    for g, e in zip(got, expected):
        if isinstance(e, torch.Tensor):
            assert type(g).__module__.partition(".")[0] in kinds, type(g)
            assert_close(g, e, rtol=case.rtol, atol=case.atol)
        else:
            assert g == e
