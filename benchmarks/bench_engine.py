"""Engine benchmark: first call and steady call of translated functions, against torch eager and
hand-written target code (jitted JAX, a tf.function, NumPy) in one run. Not collected by pytest.

    python benchmarks/bench_engine.py [--target jax] [--repeat 200]

Prints a Markdown table (the README quotes it). "warm-up" is the one-time cost of the first call in a
process (torch's dispatch machinery and its Python meta kernels, the target's imports); then, per
function, with a fresh lazy translation and no waiting in between:

* "first call": runs op by op and records the program (the translation);
* "calls 2-11": the mean of the next ten calls, made at once (the recorded program, or the compiled
  form once the background compile finished);
* "compiled form used from": calling on, as a loop would, the first call that ran compiled and how
  long after the end of the first call it came (a signature is compiled once its uncompiled calls have
  cost what its first call did);
* "steady": the median of later calls, against torch eager and, where one is written here, hand-written
  target code (`jax.jit`, a `tf.function` with an input signature, NumPy).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# first calls here measure translation: a throwaway persistent cache (bench_cache.py measures the disk)
os.environ.setdefault("LAZYPORT_CACHE_DIR", tempfile.mkdtemp(prefix="lazyport-bench-"))
warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402


def median_time(fn, repeat: int, sync=lambda r: r) -> float:
    """Median seconds per call; each sample times enough calls to last about 0.5 ms (timer noise)."""
    for _ in range(5):
        sync(fn())
    t = time.perf_counter()
    sync(fn())
    inner = max(1, int(5e-4 / max(time.perf_counter() - t, 1e-7)))
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(inner):
            r = fn()
        sync(r)
        times.append((time.perf_counter() - t) / inner)
    return statistics.median(times)


def kornia_cases(torch, kornia):
    K = kornia
    return {
        "color.rgb_to_grayscale": (lambda x: K.color.rgb_to_grayscale(x), (1, 3, 64, 64)),
        "color.rgb_to_hsv": (lambda x: K.color.rgb_to_hsv(x), (1, 3, 64, 64)),
        "color.rgb_to_lab": (lambda x: K.color.rgb_to_lab(x), (1, 3, 64, 64)),
        "enhance.adjust_brightness": (lambda x: K.enhance.adjust_brightness(x, 0.2), (1, 3, 64, 64)),
        "enhance.adjust_gamma": (lambda x: K.enhance.adjust_gamma(x, 2.2), (1, 3, 64, 64)),
        "enhance.normalize": (
            lambda x: K.enhance.normalize(x, torch.tensor([0.5, 0.4, 0.3]), torch.tensor([0.2, 0.2, 0.2])),
            (1, 3, 64, 64),
        ),
        "filters.gaussian_blur2d": (lambda x: K.filters.gaussian_blur2d(x, (5, 5), (1.5, 1.5)), (1, 3, 64, 64)),
        "filters.box_blur": (lambda x: K.filters.box_blur(x, (3, 3)), (1, 3, 64, 64)),
        "filters.sobel": (lambda x: K.filters.sobel(x), (1, 3, 64, 64)),
        "filters.laplacian": (lambda x: K.filters.laplacian(x, 5), (1, 3, 64, 64)),
        "filters.unsharp_mask": (lambda x: K.filters.unsharp_mask(x, (5, 5), (1.5, 1.5)), (1, 3, 64, 64)),
        "morphology.dilation": (lambda x: K.morphology.dilation(x, torch.ones(3, 3)), (1, 3, 64, 64)),
        "geometry.hflip": (lambda x: K.geometry.transform.hflip(x), (1, 3, 64, 64)),
        "geometry.rotate": (lambda x: K.geometry.transform.rotate(x, torch.tensor([30.0])), (1, 3, 64, 64)),
        "feature.harris_response": (lambda x: K.feature.harris_response(x), (1, 1, 64, 64)),
    }


def hand_written(xp):
    """The same computation written directly against a NumPy-like namespace, for a few simple cases."""

    def channels(values):
        return xp.reshape(xp.asarray(values, dtype="float32"), (1, 3, 1, 1))

    mean, std, weights = channels([0.5, 0.4, 0.3]), channels([0.2, 0.2, 0.2]), channels([0.299, 0.587, 0.114])
    return {
        "color.rgb_to_grayscale": lambda x: xp.sum(x * weights, axis=1, keepdims=True),
        "enhance.adjust_brightness": lambda x: xp.clip(x + 0.2, 0.0, 1.0),
        "enhance.adjust_gamma": lambda x: xp.clip(x**2.2, 0.0, 1.0),
        "enhance.normalize": lambda x: (x - mean) / std,
        "geometry.hflip": lambda x: xp.flip(x, axis=-1),
    }


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--target", default="jax", choices=["jax", "tensorflow", "numpy"])
    p.add_argument("--repeat", type=int, default=200)
    a = p.parse_args()

    t0 = time.perf_counter()
    import torch

    import lazyport
    from lazyport.backends import get_backend

    backend = get_backend(a.target)
    import_s = time.perf_counter() - t0

    if a.target == "jax":
        import jax
        import jax.numpy as jnp

        def sync(r):
            return jax.block_until_ready(r)
    else:

        def sync(r):
            return r

    def wait_compiled(f):
        """Wait for the background translation and compile a lazy first call started; its duration."""
        t = time.perf_counter()
        f.wait()
        return time.perf_counter() - t

    def normalize(x):
        return torch.div(torch.sub(x, torch.mean(x)), torch.std(x))

    rows = []
    x_np = np.random.default_rng(0).standard_normal(10).astype(np.float32)
    x_t = torch.from_numpy(x_np)
    x_b = backend.asarray(x_np)

    # one-time warm-up: the first call in this process (another function, so that normalize's first call
    # below is a translation of its own, not a hit in the persistent cache the warm-up wrote)
    def warm_up(x):
        return torch.sin(x) * 2 + x.mean()

    t = time.perf_counter()
    f = lazyport.transpile(warm_up, source="torch", target=a.target)
    sync(f(x_b))
    warmup_s = time.perf_counter() - t
    warmup_bg = wait_compiled(f)

    # normalize: lazy first call, eager transpile, steady, torch, hand-written target code
    f = lazyport.transpile(normalize, source="torch", target=a.target)
    t = time.perf_counter()
    sync(f(x_b))
    first = time.perf_counter() - t
    background = wait_compiled(f)
    t = time.perf_counter()
    fe = lazyport.transpile(normalize, source="torch", target=a.target, args=(x_b,))
    eager_transpile = time.perf_counter() - t
    t = time.perf_counter()
    sync(fe(x_b))
    eager_first_call = time.perf_counter() - t
    steady = median_time(lambda: f(x_b), a.repeat, sync)
    torch_t = median_time(lambda: normalize(x_t), a.repeat)
    if a.target == "jax":
        hand_fn = jax.jit(lambda x: (x - jnp.mean(x)) / jnp.std(x, ddof=1))
    elif a.target == "tensorflow":
        import tensorflow as tf

        hand_fn = tf.function(
            lambda x: (x - tf.reduce_mean(x)) / tf.math.reduce_std(x) * np.sqrt(9 / 10),
            input_signature=[tf.TensorSpec(x_b.shape, x_b.dtype)],
        )
    else:

        def hand_fn(x):
            return (x - x.mean()) / x.std(ddof=1)

    hand = median_time(lambda: hand_fn(x_b), a.repeat, sync)
    rows.append(("normalize (10 elements)", first, background, steady, torch_t, hand))

    import kornia

    if a.target == "jax":
        hands = {k: jax.jit(v) for k, v in hand_written(jnp).items()}
    elif a.target == "tensorflow":
        import tensorflow.experimental.numpy as tnp

        hands = {
            k: tf.function(v, input_signature=[tf.TensorSpec((1, 3, 64, 64), tf.float32)])
            for k, v in hand_written(tnp).items()
        }
    else:
        hands = hand_written(np)
    krows = []
    for name, (fn, shape) in kornia_cases(torch, kornia).items():
        img = np.random.default_rng(1).random(shape).astype(np.float32)
        it, ib = torch.from_numpy(img), backend.asarray(img)
        try:
            f = lazyport.transpile(fn, source="torch", target=a.target)
            t = time.perf_counter()
            sync(f(ib))
            end_first = time.perf_counter()
            first = end_first - t
            t = time.perf_counter()
            for _ in range(10):
                sync(f(ib))
            calls = (time.perf_counter() - t) / 10
            entry = f.last_entry
            n = 11  # keep calling, as a loop would, until the compiled form is used (at most 10 s)
            while getattr(entry, "compiled", True) is None and time.perf_counter() - end_first < 10:
                sync(f(ib))
                n += 1
            f.wait()
            ready = (entry.compiled_at - end_first) if getattr(entry, "compiled_at", None) else 0.0
            ready_calls = n if getattr(entry, "compiled_at", None) else 1
            steady = median_time(lambda f=f, ib=ib: f(ib), a.repeat, sync)
        except Exception as exc:  # report, keep measuring the rest
            print(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
            continue
        torch_t = median_time(lambda fn=fn, it=it: fn(it), a.repeat)
        hand = hands.get(name)
        hand_t = median_time(lambda h=hand, ib=ib: h(ib), a.repeat, sync) if hand else None
        runs = getattr(entry, "executor", "op by op")
        krows.append((f"kornia.{name} ({runs})", first, calls, ready, ready_calls, steady, torch_t, hand_t))

    print(
        f"target: {a.target}; import torch+lazyport+{a.target}: {import_s:.2f} s; "
        f"one-time warm-up (first call in the process): {warmup_s * 1e3:.0f} ms, then {warmup_bg * 1e3:.0f} ms "
        "in the background"
    )
    print(
        f"normalize: eager transpile(args=...) {eager_transpile * 1e3:.1f} ms, then its first call "
        f"{eager_first_call * 1e6:.0f} µs"
    )
    print()
    print(
        "| function | first call (ms) | then in background (ms) | steady (µs) | torch eager (µs) | steady / torch "
        "| hand-written target code (µs) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, first, background, steady, torch_t, hand in rows:
        h = f"{hand * 1e6:.1f} ({steady / hand:.2f}×)" if hand else ""
        print(
            f"| {name} | {first * 1e3:.1f} | {background * 1e3:.0f} | {steady * 1e6:.1f} | {torch_t * 1e6:.1f} "
            f"| {steady / torch_t:.2f} | {h} |"
        )
    print()
    print(
        "(after each name: what the steady calls run, the compiled form or the recorded program, whichever "
        "was faster on its first calls)\n"
    )
    print(
        "| kornia function | first call (ms) | calls 2-11, mean (µs) | / torch | compiled form used from "
        "| steady (µs) | / torch | / hand-written |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, first, calls, ready, ready_calls, steady, torch_t, hand_t in krows:
        h = f"{steady / hand_t:.2f}" if hand_t else ""
        print(
            f"| {name} | {first * 1e3:.1f} | {calls * 1e6:.0f} | {calls / torch_t:.2f} "
            f"| call {ready_calls}, {ready * 1e3:.0f} ms | {steady * 1e6:.1f} | {steady / torch_t:.2f} | {h} |"
        )
    if krows:
        med = statistics.median
        hs = [r[5] / r[7] for r in krows if r[7]]
        print()
        print(
            f"kornia set ({len(krows)} functions), medians: first call {med(r[1] for r in krows) * 1e3:.1f} ms; "
            f"calls 2-11 / torch {med(r[2] / r[6] for r in krows):.2f}; compiled form used from call "
            f"{med(r[4] for r in krows):.0f}, {med(r[3] for r in krows) * 1e3:.0f} ms after the first; "
            f"steady / torch {med(r[5] / r[6] for r in krows):.2f}; "
            f"steady / hand-written ({len(hs)} functions) {med(hs) if hs else float('nan'):.2f}"
        )


if __name__ == "__main__":
    main()
