"""Automatic dynamic sizes: one kornia function over 50 batch sizes, before (``LAZYPORT_DYNAMIC=off``) and
after (``auto``). Not collected by pytest.

    python benchmarks/bench_dynamic.py                 # every target
    python benchmarks/bench_dynamic.py --target jax

Per target and mode, a child process (persistent cache off, so every translation really translates) calls
``kornia.filters.gaussian_blur2d(x, (5, 5), (1.5, 1.5))`` on ``x`` of shape (b, 3, 32, 32) for 50 batch sizes
b = 1..50 in a fixed shuffled order, each result checked against torch. Reported: the number of
translations (``cache_info().translations``; with automatic sizes: the first size, the symbolic translation
and the size 1), the total time of those 50 first calls and the slowest of them, the total of a second pass
over the same 50 sizes (every size translated by then), and torch eager's total for the same 50 calls.
The process's one-time warm-up (imports, torch's first run) is taken out by one call on another shape
first; what the symbolic capture imports the first time (torch's compiler stack) is in the "after" total.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TARGETS = ("jax", "tensorflow", "numpy")
SIZES = 50


def _sync(out):
    if hasattr(out, "block_until_ready"):
        out.block_until_ready()
    elif hasattr(out, "numpy"):
        out.numpy()
    return out


def child(target: str) -> dict:
    """Run in a child process: the 50 calls, timed, in the mode LAZYPORT_DYNAMIC says."""
    import kornia
    import numpy as np
    import torch

    import lazyport

    torch.set_num_threads(1)  # (torch eager on one thread: steadier on a shared machine, as bench_nn's option)

    def blur(x):
        return kornia.filters.gaussian_blur2d(x, (5, 5), (1.5, 1.5))

    convert = {
        "jax": lambda a: __import__("jax.numpy").numpy.asarray(a),
        "tensorflow": lambda a: __import__("tensorflow").constant(a),
        "numpy": lambda a: a,
    }[target]
    rng = np.random.default_rng(0)
    sizes = [int(b) for b in rng.permutation(np.arange(1, SIZES + 1))]
    inputs = {b: rng.random((b, 3, 32, 32), dtype=np.float32) for b in sizes}
    arrays = {b: convert(x) for b, x in inputs.items()}
    tensors = {b: torch.from_numpy(x) for b, x in inputs.items()}

    warm = lazyport.transpile(blur, source="torch", target=target)  # the process's one-time warm-up
    _sync(warm(convert(rng.random((2, 3, 20, 20), dtype=np.float32))))
    with torch.no_grad():
        blur(torch.ones(2, 3, 20, 20))

    f = lazyport.transpile(blur, source="torch", target=target)
    outs, times = {}, []
    for b in sizes:
        t = time.perf_counter()
        outs[b] = _sync(f(arrays[b]))
        times.append(time.perf_counter() - t)
    first = sum(times)
    start = time.perf_counter()
    for b in sizes:
        _sync(f(arrays[b]))
    second = time.perf_counter() - start
    with torch.no_grad():
        start = time.perf_counter()
        want = {b: blur(tensors[b]) for b in sizes}
        eager = time.perf_counter() - start
    for b in sizes:
        np.testing.assert_allclose(np.asarray(outs[b]), want[b].numpy(), rtol=1e-4, atol=1e-5)
    return {
        "translations": f.cache_info().translations,
        "first": first,
        "slowest": max(times),
        "second": second,
        "torch": eager,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=TARGETS, action="append")
    parser.add_argument("--child", choices=TARGETS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    rows = []
    for target in args.target or TARGETS:
        for mode, label in (("off", "before (off)"), ("auto", "after (auto)")):
            env = {**os.environ, "LAZYPORT_DYNAMIC": mode, "LAZYPORT_CACHE_DIR": "off"}
            done = subprocess.run(
                [sys.executable, __file__, "--child", target], env=env, capture_output=True, text=True, check=True
            )
            r = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(
                f"| {target} | {label} | {r['translations']} | {r['first']:.2f} s | {r['slowest']:.2f} s | "
                f"{1e3 * r['second']:.1f} ms | {1e3 * r['torch']:.1f} ms |"
            )
    print(
        f"| target | automatic dynamic | translations | {SIZES} first calls | slowest of them | "
        f"the {SIZES} sizes again | torch eager, {SIZES} calls |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
