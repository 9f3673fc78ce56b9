"""While translating, torch code runs as under torch's own tracers (lazyport.capture.tracer).

``torch.compiler.is_compiling()`` is True, so trace-aware libraries (transformers' masks, kornia) take
their tracing path rather than reading values; old-style ``torch.autograd.Function`` s run their forward
beneath functionalization. Outside translations, and in other threads, torch is left as it was.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

import lazyport
from lazyport.capture.tracer import as_tracer
from lazyport.engine import ConcreteEntry, Entry

from .util import TARGETS, Target, assert_close


def mask_like_transformers(x, mask):
    """A value read unless a tracer runs (transformers' ``padding_mask.all()``): both paths agree."""
    if not torch.compiler.is_compiling() and bool(mask.all()):
        return x * 2
    return x * 2 * mask


class Doubled(torch.autograd.Function):
    """Old style: forward(ctx, ...) without setup_context (torchaudio's IIR filters are such)."""

    @staticmethod
    def forward(ctx, x, k):
        ctx.save_for_backward(x)
        ctx.k = k
        return x * k + torch.sin(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * (ctx.k + torch.cos(x)), None


def old_style(x):
    return Doubled.apply(x, 3.0).sum(-1)


@pytest.mark.parametrize("target", TARGETS)
def test_a_trace_aware_branch_is_one_program(target):
    f = lazyport.transpile(mask_like_transformers, source="torch", target=target)
    x, mask = np.arange(6, dtype=np.float32).reshape(2, 3), np.ones((2, 3), np.float32)
    got = f(Target(target).array(x), Target(target).array(mask))
    assert_close(got, mask_like_transformers(torch.from_numpy(x), torch.from_numpy(mask)))
    assert isinstance(f.last_entry, Entry), "it would run op by op at every call"
    assert not isinstance(f.last_entry, ConcreteEntry)
    assert torch.compiler.is_compiling() is False


def test_under_jit_too():
    jax = pytest.importorskip("jax")
    f = lazyport.transpile(mask_like_transformers, source="torch", target="jax")
    x = jax.numpy.arange(6.0).reshape(2, 3)
    assert_close(jax.jit(f)(x, jax.numpy.ones((2, 3))), torch.arange(6.0).reshape(2, 3) * 2)


@pytest.mark.parametrize("target", TARGETS)
def test_old_style_autograd_function(target):
    x = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)
    expected = old_style(torch.from_numpy(x))
    assert_close(lazyport.transpile(old_style, source="torch", target=target)(Target(target).array(x)), expected)
    g = lazyport.transpile(old_style, source="torch", target=target, args=(Target(target).array(x),))
    assert_close(g(Target(target).array(x)), expected)  # the captured program too


def test_old_style_function_gradient_matches_torchs_backward():
    jax = pytest.importorskip("jax")
    x = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)
    t = torch.from_numpy(x.copy()).requires_grad_()
    old_style(t).sum().backward()
    f = lazyport.transpile(old_style, source="torch", target="jax")
    got = jax.grad(lambda a: f(a).sum())(jax.numpy.asarray(x))
    assert_close(got, t.grad, rtol=1e-5, atol=1e-5)


def test_torch_is_left_as_it_was():
    original = torch.autograd.Function.__dict__["apply"]
    lazyport.transpile(old_style, source="torch", target="numpy")(np.ones((2, 4), np.float32))
    assert torch.autograd.Function.__dict__["apply"] is original
    assert torch.compiler.is_compiling() is False
    with pytest.raises(RuntimeError, match="setup_context"):  # torch's own rule, outside translations
        torch.func.functionalize(old_style)(torch.ones(2, 4))


def test_other_threads_keep_torchs_apply():
    """During a translation in one thread, another thread's functorch transform still gets torch's error."""
    seen: list[str] = []
    inside = threading.Event()
    leave = threading.Event()

    def translating():
        with as_tracer():
            inside.set()
            leave.wait(30)

    t = threading.Thread(target=translating)
    t.start()
    try:
        assert inside.wait(30)
        try:
            torch.func.functionalize(old_style)(torch.ones(2, 4))
        except RuntimeError as exc:
            seen.append(str(exc))
    finally:
        leave.set()
        t.join()
    assert seen and "setup_context" in seen[0]
    assert torch.autograd.Function.__dict__["apply"] is not None and torch.compiler.is_compiling() is False
