"""The first-call fast paths: JAX results made from the NumPy program's arrays, and result metadata
taken from torch's CPU kernels instead of its (Python) meta kernels. Both must be invisible: the same
arrays, dtypes and results as the slow ways."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch

import lazyport

from .util import assert_close


@pytest.mark.parametrize(
    "make",
    [
        lambda: np.random.default_rng(0).random((1, 3, 8, 8), dtype=np.float32),
        lambda: np.random.default_rng(0).random((1, 3, 8, 8), dtype=np.float32)[..., ::-1],  # a strided view
        lambda: np.random.default_rng(0).random((4, 5), dtype=np.float32).T,
        lambda: np.array(2.5, np.float32),
        lambda: np.zeros((0, 3), np.int32),
        lambda: np.array([True, False]),
        lambda: np.arange(6, dtype=np.uint8).reshape(2, 3),
        lambda: (np.arange(4) + 1j).astype(np.complex64),
        lambda: np.arange(4, dtype=np.float16),
    ],
)
def test_jax_host_transfer_is_jnp_asarray(make):
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp

    from lazyport.backends import get_backend

    a = make()
    got, want = get_backend("jax").asarray(a), jnp.asarray(a)
    assert type(got) is type(want) and got.dtype == want.dtype and got.shape == want.shape
    assert got.weak_type == want.weak_type and got.committed == want.committed and got.sharding == want.sharding
    np.testing.assert_array_equal(np.asarray(got), a)
    if a.size and a.flags.writeable:
        before = a.copy()
        a[...] = 0  # a copy, as jnp.asarray makes: later writes to the NumPy array do not show
        np.testing.assert_array_equal(np.asarray(got), before)
    assert float(jnp.sum(jax.jit(lambda v: v.astype(jnp.float32) * 2)(got)).real) == pytest.approx(
        float(jnp.sum(want.astype(jnp.float32) * 2).real)
    )


def test_jax_wide_dtypes_still_narrow_without_x64():
    pytest.importorskip("jax")
    from lazyport.backends import get_backend

    b = get_backend("jax")
    if b.x64:
        pytest.skip("x64 is on in this process: nothing narrows")
    assert b.asarray(np.arange(3, dtype=np.float64)).dtype == np.float32
    assert b.asarray(np.arange(3, dtype=np.int64)).dtype == np.int32


def _ops(x, w):
    """Pointwise ops with promotion, reductions, a convolution, a concatenation, a non-contiguous
    input and integer math: the metadata of each must be torch's."""
    y = torch.sin(x) * 2 + x.mean(dim=1, keepdim=True)
    z = torch.nn.functional.conv2d(y, w, padding=1)
    t = z.transpose(2, 3).contiguous(memory_format=torch.channels_last)
    c = torch.cat([t, t.exp()], dim=1)
    n = (x * 10).to(torch.int32) // 3 + torch.ones(1, dtype=torch.int64)
    return c.sum(dim=(2, 3)), n.float().std(), torch.where(x > 0.5, x, -x).clamp(0, 1), t.stride()


@pytest.mark.parametrize("target", ["numpy", "jax", "tensorflow"])
def test_real_kernel_metadata_equals_torch(target):
    pytest.importorskip({"numpy": "numpy", "jax": "jax", "tensorflow": "tensorflow"}[target])
    from lazyport.backends import get_backend

    b = get_backend(target)
    rng = np.random.default_rng(1)
    x, w = rng.random((2, 3, 6, 6), dtype=np.float32), rng.random((4, 3, 3, 3), dtype=np.float32)
    want = _ops(torch.from_numpy(x), torch.from_numpy(w))
    f = lazyport.transpile(_ops, source="torch", target=target)
    for _ in range(2):  # the recorded first call, then the recorded program
        got = f(b.asarray(x), b.asarray(w))
        for g, e in zip(got[:3], want[:3]):
            assert_close(g, e)
        assert got[3] == want[3]  # strides torch reports, which the first call read off the metadata
    assert f.last_entry.origin == "recorded"


def test_first_call_does_not_import_torch_compiler_stack():
    """A process's first translated call takes its result metadata from torch's CPU kernels, so it does
    not import torch._dynamo (a second of warm-up here) for torch's Python meta kernels, nor for torch's
    Python decompositions of the ops kornia uses most (addcmul, stack, where, masked_fill, lerp are lowered)."""
    pytest.importorskip("kornia")
    script = textwrap.dedent("""
        import os, sys, tempfile
        os.environ["LAZYPORT_CACHE_DIR"] = tempfile.mkdtemp()
        import numpy as np, torch, kornia, lazyport
        x = np.random.default_rng(0).random((1, 3, 16, 16), dtype=np.float32)
        t = torch.from_numpy(x)
        for fn in (lambda x: kornia.color.rgb_to_hsv(torch.sin(x) * 0.5 + x.mean()),
                   kornia.color.rgb_to_grayscale,  # addcmul
                   lambda x: kornia.filters.gaussian_blur2d(x, (5, 5), (1.5, 1.5)),
                   lambda x: kornia.geometry.transform.rotate(x, torch.tensor([30.0])),  # stack, where
                   lambda x: kornia.enhance.normalize(x, torch.tensor([0.5, 0.4, 0.3]), torch.tensor([0.2] * 3))):
            y = lazyport.transpile(fn, source="torch", target="numpy")(x)
            assert np.allclose(y, fn(t).numpy(), atol=1e-5)
        print("torch._dynamo" in sys.modules)
    """)
    r = subprocess.run([sys.executable, "-P", "-c", script], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.strip().splitlines()[-1] == "False", r.stdout


@pytest.mark.parametrize(
    "make",
    [
        lambda: np.random.default_rng(0).random((1, 3, 8, 8), dtype=np.float32)[..., ::-1],
        lambda: np.array(2.5, np.float64),
        lambda: np.zeros((0, 3), np.int64),
        lambda: np.array([True, False]),
        lambda: np.arange(6, dtype=np.uint8).reshape(2, 3).T,
        lambda: np.arange(4, dtype=np.float16),
    ],
)
def test_tensorflow_host_transfer_is_convert_to_tensor(make):
    tf = pytest.importorskip("tensorflow")
    from lazyport.backends import get_backend

    a = make()
    got, want = get_backend("tensorflow").asarray(a), tf.convert_to_tensor(a)
    assert type(got) is type(want) and got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got.numpy(), a)
    if a.size:
        before = a.copy()
        a[...] = 0  # a copy: later writes to the NumPy array do not show
        np.testing.assert_array_equal(got.numpy(), before)
