"""Mixture-of-experts: torch's grouped matrix product (``aten._grouped_mm``, every 2D/3D form), transformers'
custom op ``transformers::grouped_mm_fallback`` (and its backward), and whole MoE language models of
transformers compared with torch on every target, under jax.jit / tf.function, and differentiated."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport
from tests.util import TARGETS, Target, assert_close

MODES = [(t, False) for t in TARGETS] + [("jax", True), ("tensorflow", True)]
IDS = [f"{t}-{'jit' if j else 'eager'}" for t, j in MODES]

G, M, K, N = 3, 4, 4, 8
OFFS = np.array([4, 4, 8], np.int32)  # group 1 empty; positions 8..11 beyond offs[-1]


def call(fn, target, arrays, jit):
    f = lazyport.transpile(fn, source="torch", target=target)
    args = [Target(target).array(a) for a in arrays]
    if jit and target == "jax":
        import jax

        return jax.jit(f)(*args)
    if jit and target == "tensorflow":
        import tensorflow as tf

        return tf.function(f)(*args)
    return f(*args)


def rand(*shape, seed=0):
    return np.random.default_rng(seed + len(shape)).standard_normal(shape).astype(np.float32)


def gmm(a, b, offs):
    return torch._grouped_mm(a, b, offs=offs)


def gmm_no_offs(a, b):
    return torch.nn.functional.grouped_mm(a, b)


def column_major(x):
    """torch's CPU kernel wants a 2D right operand column-major."""
    return torch.from_numpy(np.ascontiguousarray(x.T)).T if x.ndim == 2 else torch.from_numpy(x)


# (name, a, b): b stored as given; torch's reference uses it column-major where its kernel insists
FORMS = {
    "2d-3d": (rand(12, K), rand(G, K, N)),
    "3d-2d": (rand(G, M, K), rand(K, 12)),
    "2d-2d": (rand(M, 12), rand(12, N)),
}


def expected_rows(name, a, b, out):
    """The part of torch's result that is defined: positions beyond offs[-1] are left uninitialised."""
    if name == "2d-3d":
        return out[:8]
    if name == "3d-2d":
        return out[:, :8]
    return out


@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_grouped_mm_forms(form, target, jit):
    a, b = FORMS[form]
    ref = torch._grouped_mm(torch.from_numpy(a), column_major(b), offs=torch.from_numpy(OFFS))
    got = Target.numpy(call(gmm, target, [a, b, OFFS], jit))
    assert_close(expected_rows(form, a, b, got), expected_rows(form, a, b, ref), rtol=1e-4, atol=1e-4)
    if form == "2d-3d":
        assert not got[8:].any()  # beyond offs[-1]: zeros, not garbage
    if form == "3d-2d":
        assert not got[:, 8:].any()


@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_grouped_mm_batched(target, jit):
    a, b = rand(G, M, K), rand(G, K, N)
    ref = gmm_no_offs(torch.from_numpy(a), torch.from_numpy(b))
    assert_close(call(gmm_no_offs, target, [a, b], jit), ref, rtol=1e-4, atol=1e-4)


def fallback(x, w, offs):
    return torch.ops.transformers.grouped_mm_fallback(x, w, offs)


def fallback_backward(x, w, offs, g):
    return torch.ops.transformers.grouped_mm_fallback_backward(x, w, offs, g)


@pytest.fixture(scope="module")
def transformers():
    from tests.zoo import libs

    tr = libs.load("transformers")
    import transformers.integrations.moe  # noqa: F401 (registers transformers::grouped_mm_fallback)

    return tr


@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_transformers_fallback_and_backward(transformers, target, jit):
    x, w, offs = rand(12, K), rand(G, K, N), OFFS.astype(np.int64)
    t = [torch.from_numpy(v) for v in (x, w, offs)]
    assert_close(call(fallback, target, [x, w, offs], jit), fallback(*t), rtol=1e-4, atol=1e-4)
    g = rand(12, N, seed=3)
    ref = fallback_backward(*t, torch.from_numpy(g))
    got = call(fallback_backward, target, [x, w, offs, g], jit)
    for r, o in zip(ref, got):
        assert_close(o, r, rtol=1e-4, atol=1e-4)


def test_grouped_mm_grad_jax_matches_torch_autograd(transformers):
    import jax
    import jax.numpy as jnp

    x, w, offs = rand(12, K), rand(G, K, N), OFFS
    xt, wt = torch.from_numpy(x).requires_grad_(), torch.from_numpy(w).requires_grad_()
    (fallback(xt, wt, torch.from_numpy(offs)) ** 2).sum().backward()

    f = lazyport.transpile(fallback, source="torch", target="jax")
    gx, gw = jax.jit(jax.grad(lambda x, w: (f(x, w, jnp.asarray(offs)) ** 2).sum(), argnums=(0, 1)))(
        jnp.asarray(x), jnp.asarray(w)
    )
    assert_close(gx, xt.grad, rtol=1e-4, atol=1e-4)
    assert_close(gw, wt.grad, rtol=1e-4, atol=1e-4)


def test_grouped_mm_grad_tensorflow_matches_torch_autograd(transformers):
    import tensorflow as tf

    x, w, offs = rand(12, K), rand(G, K, N), OFFS
    xt, wt = torch.from_numpy(x).requires_grad_(), torch.from_numpy(w).requires_grad_()
    (fallback(xt, wt, torch.from_numpy(offs)) ** 2).sum().backward()

    f = lazyport.transpile(fallback, source="torch", target="tensorflow")
    xv, wv = tf.Variable(x), tf.Variable(w)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(f(xv, wv, tf.constant(offs)) ** 2)
    gx, gw = tape.gradient(loss, [xv, wv])
    assert_close(gx, xt.grad, rtol=1e-4, atol=1e-4)
    assert_close(gw, wt.grad, rtol=1e-4, atol=1e-4)
