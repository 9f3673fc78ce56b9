"""``torch.cond`` and ``torch.while_loop`` become the target's control flow: one program for every input
value, so they run under ``jax.jit`` and ``tf.function`` and take the branch / loop count the values say."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lazyport

from .util import TARGETS, Target, assert_close


def branch(x):
    return torch.cond(x.sum() > 0, lambda x: x * 2, lambda x: x - 1, (x,))


def branch_two_operands(x, y):
    return torch.cond(x.mean() > y.mean(), lambda x, y: (x + y, x * y), lambda x, y: (x - y, y / 2), (x, y))


def doubling(x):
    """Doubles x until its sum passes 100: the count depends on the values."""
    def cond_fn(i, y):
        return y.sum() < 100

    def body_fn(i, y):
        return i + 1, y * 2

    i, y = torch.while_loop(cond_fn, body_fn, (torch.zeros((), dtype=torch.int64), x))
    return i, y


def with_extra(x, step):
    def cond_fn(y):
        return y.max() < 10

    def body_fn(y):
        return (y + step,)

    (y,) = torch.while_loop(cond_fn, body_fn, (x,))
    return y


VALUES = [np.array([1.0, 2.0, 3.0], np.float32), np.array([-4.0, 1.0, 0.5], np.float32),
          np.array([0.01, 0.02, 0.03], np.float32)]


def check(fn, target, *arrays, jit):
    expected = fn(*(torch.from_numpy(a.copy()) for a in arrays))
    f = lazyport.transpile(fn, source="torch", target=target)
    args = [Target(target).array(a) for a in arrays]
    if jit and target == "jax":
        import jax

        got = jax.jit(f)(*args)
    elif jit and target == "tensorflow":
        import tensorflow as tf

        got = tf.function(f)(*args)
    else:
        got = f(*args)
    expected = expected if isinstance(expected, tuple) else (expected,)
    got = got if isinstance(got, tuple | list) else (got,)
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert_close(g, e)
    return f


MODES = [(t, False) for t in TARGETS] + [("jax", True), ("tensorflow", True)]  # (NumPy has no jit)
IDS = [f"{t}-{'jit' if j else 'eager'}" for t, j in MODES]


@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_cond_takes_both_branches(target, jit):
    f = None
    for x in VALUES[:2]:  # positive and negative sum: one translation for both
        f = check(branch, target, x, jit=jit)
    if not jit:
        assert f.cache_info().translations == 1
    check(branch_two_operands, target, VALUES[0], VALUES[1], jit=jit)
    check(branch_two_operands, target, VALUES[1], VALUES[0], jit=jit)


@pytest.mark.parametrize("target, jit", MODES, ids=IDS)
def test_while_loop_counts_from_values(target, jit):
    for x in VALUES:  # 5, 4 (negative start) and 12 doublings: one program
        check(doubling, target, x, jit=jit)
    check(with_extra, target, VALUES[0], np.array([0.5, 1.0, 2.0], np.float32), jit=jit)


def test_cond_under_jax_grad_matches_torch():
    jax = pytest.importorskip("jax")
    f = lazyport.transpile(branch, source="torch", target="jax")
    for x in VALUES[:2]:
        t = torch.from_numpy(x.copy()).requires_grad_()
        branch(t).sum().backward()
        assert_close(jax.grad(lambda a: f(a).sum())(jax.numpy.asarray(x)), t.grad)


def test_trace_graph_runs_both_branches_and_says_its_code_is_not_written():
    x = VALUES[0]
    g = lazyport.trace_graph(branch, source="torch", target="numpy", args=(x,))
    assert_close(g(x), branch(torch.from_numpy(x)))
    assert_close(g(-x), branch(torch.from_numpy(-x)))
    assert "cond" in g.ops
    with pytest.raises(lazyport.TranslationError, match="torch.cond"):
        _ = g.code


def test_torchs_own_cond_keeps_working_after_a_translation():
    """A first call that meets torch.cond declines the op-by-op path inside torch.compile's eager entry;
    that must leave torch's eager torch.cond working."""
    x = VALUES[0]
    lazyport.transpile(branch, source="torch", target="numpy")(x)
    assert_close(branch(torch.from_numpy(x)), torch.from_numpy(x) * 2)
