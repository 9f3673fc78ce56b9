"""Translations compose with the target's own transforms, and gradients equal torch autograd."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport

RNG = np.random.default_rng(1)


def loss_fn(x, w):
    h = torch.tanh(x @ w)
    return (torch.nn.functional.softplus(h) * torch.sigmoid(x.sum(-1, keepdim=True))).mean()


def layer(x, w, b):
    return torch.relu(torch.nn.functional.linear(x, w, b)).pow(2).sum(-1)


def torch_grads(fn, *arrays):
    ts = [torch.tensor(a, requires_grad=True) for a in arrays]
    fn(*ts).backward()
    return [t.grad.numpy() for t in ts]


X = RNG.standard_normal((4, 3)).astype(np.float32)
W = RNG.standard_normal((3, 5)).astype(np.float32)


def test_jax_jit_grad_vmap():
    import jax
    import jax.numpy as jnp

    f = lazyport.transpile(loss_fn, source="torch", target="jax")
    x, w = jnp.asarray(X), jnp.asarray(W)
    expected = loss_fn(torch.from_numpy(X), torch.from_numpy(W)).item()
    np.testing.assert_allclose(float(f(x, w)), expected, rtol=1e-5)
    np.testing.assert_allclose(float(jax.jit(f)(x, w)), expected, rtol=1e-5)

    gx, gw = jax.grad(f, argnums=(0, 1))(x, w)
    tx, tw = torch_grads(loss_fn, X, W)
    np.testing.assert_allclose(np.asarray(gx), tx, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(np.asarray(gw), tw, rtol=1e-4, atol=1e-6)
    gx2, _ = jax.jit(jax.grad(f, argnums=(0, 1)))(x, w)
    np.testing.assert_allclose(np.asarray(gx2), tx, rtol=1e-4, atol=1e-6)

    batched = jax.vmap(f, in_axes=(0, None))(jnp.stack([x, 2 * x]), w)
    for i, scale in enumerate((1, 2)):
        e = loss_fn(torch.from_numpy(scale * X), torch.from_numpy(W)).item()
        np.testing.assert_allclose(float(batched[i]), e, rtol=1e-5)


def test_jax_grad_through_linear():
    import jax
    import jax.numpy as jnp

    wl = RNG.standard_normal((5, 3)).astype(np.float32)
    bl = RNG.standard_normal(5).astype(np.float32)
    f = lazyport.transpile(layer, source="torch", target="jax")
    g = jax.grad(lambda *a: f(*a).sum(), argnums=(0, 1, 2))(jnp.asarray(X), jnp.asarray(wl), jnp.asarray(bl))
    t = torch_grads(lambda *a: layer(*a).sum(), X, wl, bl)
    for a, b in zip(g, t):
        np.testing.assert_allclose(np.asarray(a), b, rtol=1e-4, atol=1e-5)


def test_tf_function_and_gradient_tape():
    import tensorflow as tf

    f = lazyport.transpile(loss_fn, source="torch", target="tensorflow")
    x, w = tf.constant(X), tf.Variable(W)
    expected = loss_fn(torch.from_numpy(X), torch.from_numpy(W)).item()
    np.testing.assert_allclose(float(tf.function(f)(x, w)), expected, rtol=1e-5)

    tx, tw = torch_grads(loss_fn, X, W)
    for _ in range(2):  # first call (eager) and a later one (compiled)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x, w)
        gx, gw = tape.gradient(y, [x, w])
        np.testing.assert_allclose(gx.numpy(), tx, rtol=1e-4, atol=1e-6)
        np.testing.assert_allclose(gw.numpy(), tw, rtol=1e-4, atol=1e-6)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            y = f(x, w)
        return tape.gradient(y, w)

    np.testing.assert_allclose(step().numpy(), tw, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("mode", ["interpret", "compile"])
def test_jax_first_call_paths_agree(monkeypatch, mode):
    import jax.numpy as jnp

    monkeypatch.setenv("LAZYPORT_FIRST_CALL", mode)
    f = lazyport.transpile(loss_fn, source="torch", target="jax")
    got = [float(f(jnp.asarray(X), jnp.asarray(W))) for _ in range(3)]
    expected = loss_fn(torch.from_numpy(X), torch.from_numpy(W)).item()
    np.testing.assert_allclose(got, expected, rtol=1e-5)


def test_threads_translate_once(monkeypatch):
    import threading

    import lazyport.capture

    calls = []
    real_capture = lazyport.capture.capture

    def counting(fn, *args, **kwargs):
        calls.append(fn)
        return real_capture(fn, *args, **kwargs)

    monkeypatch.setattr(lazyport.capture, "capture", counting)

    def counted(x):
        return x * 2 + 1

    f = lazyport.transpile(counted, source="torch", target="numpy")
    x = np.arange(4, dtype=np.float32)
    results = [None] * 8
    barrier = threading.Barrier(8)

    def work(i):
        barrier.wait()
        results[i] = f(x)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [], "first calls are recorded, not captured"
    assert f.cache_info().translations == 1, "the first call was recorded more than once"
    assert len(f.cache) == 1
    for r in results:
        np.testing.assert_array_equal(r, x * 2 + 1)
