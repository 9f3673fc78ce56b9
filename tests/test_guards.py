"""Guarded programs: a recorded first call that reads values computed from its inputs keeps them as
guards and stays compiled; a call whose guard fails takes the other branch (or raises torch's error),
never the recorded branch's result."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest
import torch

import lazyport
from lazyport.engine import Entry

from .util import Target, assert_close


def normalise(x):
    if x.max() > 1:  # 0..255 images to 0..1
        x = x / 255
    return torch.sin(x) * 2 + 1


BIG = np.linspace(0, 255, 12, dtype=np.float32).reshape(3, 4)
SMALL = BIG / 1000


def _want(fn, x):
    return fn(torch.from_numpy(x.copy())).numpy()


def test_a_guard_flipping_between_calls_takes_each_branch(target: Target):
    f = lazyport.transpile(normalise, source="torch", target=target.name)
    for x in (BIG, SMALL, SMALL, BIG, SMALL, BIG, BIG):
        assert_close(f(target.array(x)), _want(normalise, x))
    (entry,) = f.cache.values()
    assert type(entry) is Entry and entry.guards == 1 and len(entry.variants) == 1
    assert f.cache_info().translations == 1


def test_both_variants_run_their_programs_not_op_by_op(target: Target, monkeypatch):
    f = lazyport.transpile(normalise, source="torch", target=target.name)
    for x in (BIG, SMALL):
        f(target.array(x))
    f.wait()
    runs = []
    real = type(f)._op_by_op
    monkeypatch.setattr(type(f), "_op_by_op", lambda self, *a, **k: runs.append(1) or real(self, *a, **k))
    for x in (BIG, SMALL) * 10:
        assert_close(f(target.array(x)), _want(normalise, x))
    assert not runs


def scaled(x):
    return x * x.sum().item()  # the value itself is baked in: every new sum fails the guard


def test_the_variant_bound_then_op_by_op(target: Target, monkeypatch, caplog):
    monkeypatch.setenv("LAZYPORT_GUARD_VARIANTS", "2")
    f = lazyport.transpile(scaled, source="torch", target=target.name)
    xs = [np.full((2, 2), v, np.float32) for v in (1.0, 2.0, 3.0, 4.0, 1.0, 2.0)]
    with caplog.at_level(logging.WARNING, logger="lazyport"):
        for x in xs:
            assert_close(f(target.array(x)), _want(scaled, x))
    (entry,) = f.cache.values()
    assert len(entry.variants) == 1  # two programs; the sums 3 and 4 matched neither and ran op by op
    assert "differ again" in caplog.text


def test_threads_calling_both_branches_at_once(target: Target):
    f = lazyport.transpile(normalise, source="torch", target=target.name)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for k in range(20):
                x = BIG if (i + k) % 2 else SMALL
                assert_close(f(target.array(x)), _want(normalise, x))
        except BaseException as e:  # (reported below: pytest does not see other threads' failures)
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[0]


_DISK = textwrap.dedent(
    """
    import numpy as np, torch, lazyport
    from tests.test_guards import normalise, BIG, SMALL
    f = lazyport.transpile(normalise, source="torch", target="numpy")
    for x in (BIG, SMALL, BIG):
        np.testing.assert_allclose(f(x), normalise(torch.from_numpy(x.copy())).numpy(), rtol=1e-5, atol=1e-6)
    entry = f.cache.values()[0]
    print(entry.origin, entry.guards, f.cache_info().translations)
    """
)


def test_guards_are_stored_with_their_program_across_processes(tmp_path):
    env = {**os.environ, "LAZYPORT_CACHE_DIR": str(tmp_path)}
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    first = subprocess.run([sys.executable, "-c", _DISK], env=env, cwd=root, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == ["recorded", "1", "1"]
    second = subprocess.run([sys.executable, "-c", _DISK], env=env, cwd=root, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert second.stdout.split() == ["disk", "1", "0"]  # the guarded program, read back, still guards


def test_under_jax_jit_a_guarded_signature_is_traced_as_before():
    import jax

    f = lazyport.transpile(normalise, source="torch", target="jax")
    f(BIG)  # a concrete call records the guarded program
    with pytest.raises(lazyport.DataDependentError, match=r"test_guards.py.*\n.*if x.max\(\) > 1"):
        jax.jit(f)(BIG)


@pytest.fixture(scope="module")
def kornia():
    return pytest.importorskip("kornia")


def test_kornia_checks_raise_on_concrete_calls(kornia, target: Target):
    """kornia guards its checks with ``is_compiling()``; a concrete call is eager, so they run."""
    blur = lazyport.transpile(kornia.filters.gaussian_blur2d, source="torch", target=target.name)
    img = target.array(np.random.default_rng(0).random((1, 3, 16, 16), dtype=np.float32))
    with pytest.raises(Exception, match="sigma must be positive"):  # the first call
        blur(img, (5, 5), (-1.5, 1.5))
    assert blur(img, (5, 5), (1.5, 1.5)).shape == (1, 3, 16, 16)
    with pytest.raises(Exception, match="sigma must be positive"):  # after a good call of another signature
        blur(img, (5, 5), (-1.5, 1.5))


def test_kornia_tensor_checks_raise_on_concrete_calls(kornia, target: Target):
    """A check on a tensor argument (a value of the inputs) is a guard: a later bad call raises."""
    blur = lazyport.transpile(kornia.filters.gaussian_blur2d, source="torch", target=target.name)
    img = np.random.default_rng(0).random((1, 3, 16, 16), dtype=np.float32)
    good, bad = np.array([[1.5, 1.5]], np.float32), np.array([[-1.5, 1.5]], np.float32)
    want = kornia.filters.gaussian_blur2d(torch.from_numpy(img), (5, 5), torch.from_numpy(good)).numpy()
    assert_close(blur(target.array(img), (5, 5), target.array(good)), want)
    with pytest.raises(Exception, match="sigma must be positive"):
        blur(target.array(img), (5, 5), target.array(bad))
    assert_close(blur(target.array(img), (5, 5), target.array(good)), want)


def test_kornia_functions_its_own_suite_found_failing(kornia, target: Target):
    """equalize_clahe (a Python number torch wraps into a tensor, 256 // x, reached the div lowering) and
    mutual_information_loss (it reads values: op by op, and DataDependentError, before guards)."""
    rng = np.random.default_rng(0)
    img = rng.random((1, 3, 32, 32), dtype=np.float32)
    clahe = lazyport.transpile(kornia.enhance.equalize_clahe, source="torch", target=target.name)
    for _ in range(2):
        assert_close(clahe(target.array(img)), kornia.enhance.equalize_clahe(torch.from_numpy(img)).numpy())
    a, b = rng.random((2, 10), dtype=np.float32), rng.random((2, 10), dtype=np.float32)
    mi = lazyport.transpile(kornia.losses.mutual_information_loss, source="torch", target=target.name)
    want = kornia.losses.mutual_information_loss(torch.from_numpy(a), torch.from_numpy(b)).numpy()
    for _ in range(2):
        assert_close(mi(target.array(a), target.array(b)), want)


def test_eager_args_record_with_eager_semantics(kornia, target: Target):
    """``args=`` records the call as a lazy first call does: a check raises at transpile, guards hold later."""
    img = np.random.default_rng(0).random((1, 3, 16, 16), dtype=np.float32)
    bad, good = np.array([[-1.5, 1.5]], np.float32), np.array([[1.5, 1.5]], np.float32)
    blur = kornia.filters.gaussian_blur2d
    with pytest.raises(Exception, match="sigma must be positive"):
        lazyport.transpile(
            blur, source="torch", target=target.name, args=(target.array(img), (5, 5), target.array(bad))
        )
    f = lazyport.transpile(
        blur, source="torch", target=target.name, args=(target.array(img), (5, 5), target.array(good))
    )
    with pytest.raises(Exception, match="sigma must be positive"):
        f(target.array(img), (5, 5), target.array(bad))
    f = lazyport.transpile(normalise, source="torch", target=target.name, args=(target.array(BIG),))
    for x in (SMALL, BIG):
        assert_close(f(target.array(x)), _want(normalise, x))


def test_a_call_torch_refuses_raises_torchs_error(kornia, target: Target):
    """Sizes that do not match (kornia's elastic_transform2d with a noise field of another size): torch's
    own message, not the one of a capture's fake tensors."""
    rng = np.random.default_rng(0)
    img, noise = rng.random((1, 3, 32, 32), dtype=np.float32), rng.random((1, 2, 16, 16), dtype=np.float32)
    fn = kornia.geometry.transform.elastic_transform2d
    with pytest.raises(RuntimeError) as want:
        fn(torch.from_numpy(img), torch.from_numpy(noise))
    f = lazyport.transpile(fn, source="torch", target=target.name)
    with pytest.raises(RuntimeError) as got:
        f(target.array(img), target.array(noise))
    assert str(got.value).splitlines()[0] == str(want.value).splitlines()[0]


def test_compile_mode_first_calls(kornia, target: Target, monkeypatch):
    """LAZYPORT_FIRST_CALL=compile answers with the compiled form: equalize_clahe's wrapped number reaches
    TensorFlow's div too; auc_from_errors' compiled program reads a value the op-by-op run read otherwise
    (its guard fails on the recording's own values: the recorded result stands)."""
    monkeypatch.setenv("LAZYPORT_FIRST_CALL", "compile")
    x = np.random.default_rng(0).random((1, 10, 20), dtype=np.float32)
    clahe = lazyport.transpile(kornia.enhance.equalize_clahe, source="torch", target=target.name)
    assert_close(clahe(target.array(x)), kornia.enhance.equalize_clahe(torch.from_numpy(x)).numpy())
    errors = np.array([2.0, 4.0, 6.0], np.float32)
    auc = lazyport.transpile(kornia.metrics.auc_from_errors, source="torch", target=target.name)
    want = kornia.metrics.auc_from_errors(torch.from_numpy(errors))
    for _ in range(2):
        got = auc(target.array(errors))
        assert got.keys() == want.keys()
        for k in want:
            np.testing.assert_allclose(float(got[k]), float(want[k]), rtol=1e-5)
