"""lazyport in one page: a torch function and a kornia function, called from JAX, TensorFlow and NumPy.

python examples/quickstart.py
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

import lazyport


def normalize(x):
    import torch

    return torch.div(torch.sub(x, torch.mean(x)), torch.std(x))


def main() -> None:
    import jax.numpy as jnp
    import kornia
    import tensorflow as tf
    import torch

    x = np.random.default_rng(0).standard_normal(10).astype(np.float32)
    expected = normalize(torch.from_numpy(x)).numpy()

    for target, array in (("jax", jnp.asarray), ("tensorflow", tf.constant), ("numpy", np.asarray)):
        f = lazyport.transpile(normalize, source="torch", target=target)  # lazy: nothing translated yet
        t = time.perf_counter()
        y = f(array(x))  # first call: runs op by op and records the program: that is the translation
        first = time.perf_counter() - t
        ok = np.allclose(np.asarray(y), expected, atol=1e-6)
        f.wait()  # compile now (calls never need to: a signature is compiled once it is called often)
        f(array(x))
        t = time.perf_counter()
        y = f(array(x))
        again = time.perf_counter() - t
        ok = ok and np.allclose(np.asarray(y), expected, atol=1e-6)
        print(
            f"normalize → {target:10s} {type(y).__name__:12s} first call {first * 1e3:7.1f} ms, "
            f"compiled {again * 1e6:7.0f} µs, matches torch: {ok}"
        )

    # a whole torch library through the import hook: translated attribute by attribute, at first use
    import lazyport.jax.kornia as K

    img = np.random.default_rng(1).random((2, 3, 32, 32)).astype(np.float32)
    out = K.filters.gaussian_blur2d(jnp.asarray(img), (5, 5), (1.5, 1.5))
    ref = kornia.filters.gaussian_blur2d(torch.from_numpy(img), (5, 5), (1.5, 1.5)).numpy()
    print(
        f"lazyport.jax.kornia.filters.gaussian_blur2d: {type(out).__name__} {out.shape} {out.dtype}, "
        f"max |Δ| vs torch = {np.abs(np.asarray(out) - ref).max():.2e}"
    )
    hsv = K.color.RgbToHsv()(jnp.asarray(img))  # nn.Module classes too
    print(f"lazyport.jax.kornia.color.RgbToHsv()(x): {hsv.shape}")


if __name__ == "__main__":
    main()
