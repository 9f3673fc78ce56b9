"""Guard benchmark: a function with a value-dependent ``if`` against the same function without it, steady
calls, in one run. Not collected by pytest.

    python benchmarks/bench_guards.py [--targets jax,tensorflow,numpy] [--repeat 200]

``branchy`` normalises 0..255 images (``if x.max() > 1: x = x / 255``) and then runs two dozen pointwise
ops; ``straight`` is the same without the ``if`` (its input is already in 0..1). A translated ``branchy``
keeps the comparison it read as a guard and stays compiled. Per target: the median steady call of each
after both signatures are compiled (``lazyport.wait()``), the ratio branchy / straight (goal ≤ 1.2), and
the same with calls alternating between a 0..255 and a 0..1 input (both recorded variants), against
torch eager. Every result is checked against torch's.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("LAZYPORT_CACHE_DIR", tempfile.mkdtemp(prefix="lazyport-bench-"))
warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402
import timing  # noqa: E402  (benchmarks/timing.py, beside this script)
import torch  # noqa: E402


def body(x):
    for _ in range(8):
        x = torch.sin(x) * 1.01 + 0.1
    return x


def branchy(x):
    if x.max() > 1:
        x = x / 255
    return body(x)


def straight(x):
    return body(x)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", default="jax,tensorflow,numpy")
    parser.add_argument("--repeat", type=int, default=200)
    opts = parser.parse_args()

    import lazyport

    rng = np.random.default_rng(0)
    big = (rng.random((64, 64), dtype=np.float32) * 255).astype(np.float32)
    small = big / 255
    print("| target | torch eager | straight | branchy | branchy / straight | alternating 0..255 / 0..1 |")
    print("|---|---:|---:|---:|---:|---:|")
    t_torch = timing.median_time(lambda: branchy(torch.from_numpy(big)), opts.repeat, warmup=5)
    for target in opts.targets.split(","):
        to = {"jax": lambda a: __import__("jax.numpy").numpy.asarray(a), "tensorflow": None, "numpy": np.asarray}
        if target == "tensorflow":
            import tensorflow as tf

            to["tensorflow"] = tf.constant
        arr = to[target]
        xb, xs = arr(big), arr(small)
        fb = lazyport.transpile(branchy, source="torch", target=target)
        fs = lazyport.transpile(straight, source="torch", target=target)
        for _ in range(30):  # both variants of branchy recorded, everything compiled (or timed and chosen)
            fb(xb), fb(xs), fs(xs)
        lazyport.wait()
        for _ in range(30):
            fb(xb), fb(xs), fs(xs)
        for f, fn, x, ref in ((fb, branchy, xb, big), (fb, branchy, xs, small), (fs, straight, xs, small)):
            np.testing.assert_allclose(np.asarray(f(x)), fn(torch.from_numpy(ref)).numpy(), rtol=1e-4, atol=1e-5)
        sync = (lambda r: r.block_until_ready()) if target == "jax" else (lambda r: r)
        t_s, t_b, t_alt = steady(fb, fs, xb, xs, sync, opts.repeat)
        print(
            f"| {target} | {1e6 * t_torch:.0f} µs | {1e6 * t_s:.0f} µs | {1e6 * t_b:.0f} µs | {t_b / t_s:.2f} "
            f"| {t_alt / t_s:.2f} |"
        )


def steady(fb, fs, xb, xs, sync, repeat: int) -> tuple[float, float, float]:
    """Median seconds of a straight call, a branchy call, and a branchy call alternating its inputs."""
    t_s = timing.median_time(lambda: sync(fs(xs)), repeat, warmup=5)
    t_b = timing.median_time(lambda: sync(fb(xb)), repeat, warmup=5)
    t_alt = timing.median_time(lambda: (sync(fb(xb)), sync(fb(xs))), repeat, warmup=5) / 2
    return t_s, t_b, t_alt


if __name__ == "__main__":
    main()
