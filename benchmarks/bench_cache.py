"""Lazy vs eager, and the persistent graph cache across processes. Not collected by pytest.

    python benchmarks/bench_cache.py                       # both sections, all targets
    python benchmarks/bench_cache.py --section disk --target jax

Section "lazy-eager" (one process, persistent cache off so every translation really captures): per
function, the lazy form's first and second call, and the eager form's construction (``args=``) and its
first and second call. Eager's first call should cost about what its second does.

Section "disk" (the kornia benchmark set, per target): a child process with an empty cache directory
calls every function (cold: the first call runs op by op and records the program, which is written to
disk as the call returns), then a second child with the same directory does the same (warm: every
signature comes from disk, nothing runs op by op). Reported per child: the median, max and sum of the
per-function first calls, plus the process's import time. Each function's first call is timed alone:
the previous function is compiled (``lazyport.wait()``) before the next one.
Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TARGETS = ("jax", "tensorflow", "numpy")


def kornia_cases(torch, K):
    """The kornia set of bench_engine.py (the same 15 functions and shapes)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from bench_engine import kornia_cases as cases

    return cases(torch, K)


def _sync(out):
    for leaf in out if isinstance(out, tuple | list) else [out]:
        if hasattr(leaf, "block_until_ready"):
            leaf.block_until_ready()
        elif hasattr(leaf, "numpy"):
            leaf.numpy()
    return out


def _ms(fn, *args):
    t = time.perf_counter()
    out = _sync(fn(*args))
    return (time.perf_counter() - t) * 1000, out


# ----------------------------------------------------------------------------- child: one process, one target
def child(target: str) -> None:
    t0 = time.perf_counter()
    import kornia
    import numpy as np
    import torch

    import lazyport
    from lazyport.backends import get_backend

    b = get_backend(target)
    import_ms = (time.perf_counter() - t0) * 1000
    rows = {}
    rng = np.random.default_rng(0)
    for name, (fn, shape) in kornia_cases(torch, kornia).items():
        x = b.asarray(rng.random(shape, dtype=np.float32))
        f = lazyport.transpile(fn, source="torch", target=target)
        first, out = _ms(f, x)
        from_disk = getattr(f.last_entry, "origin", None) == "disk"
        lazyport.wait()  # compile this function before timing the next one
        second, _ = _ms(f, x)
        rows[name] = {
            "first": first,
            "second": second,
            "disk": from_disk,
            "checksum": float(np.nansum(np.asarray(b.to_numpy(out), dtype=np.float64))),
        }
    print(json.dumps({"import_ms": import_ms, "rows": rows}))


def disk_section(targets, python: str) -> None:
    print("### Persistent graph cache: first calls of the kornia set in a fresh process\n")
    print("| target | process | import | first call median | max | sum | from disk | steady median |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for target in targets:
        cache = tempfile.mkdtemp(prefix="lazyport-bench-cache-")
        results = []
        for label in ("cold (empty cache)", "warm (second process)"):
            env = {**os.environ, "LAZYPORT_CACHE_DIR": cache}
            proc = subprocess.run(
                [python, os.path.abspath(__file__), "--child", target], capture_output=True, text=True, env=env
            )
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"child failed for {target}")
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            results.append(res)
            firsts = [r["first"] for r in res["rows"].values()]
            steady = [r["second"] for r in res["rows"].values()]
            disk = sum(r["disk"] for r in res["rows"].values())
            print(
                f"| {target} | {label} | {res['import_ms']:.0f} ms | {statistics.median(firsts):.1f} ms | "
                f"{max(firsts):.1f} ms | {sum(firsts):.0f} ms | {disk}/{len(firsts)} | "
                f"{statistics.median(steady):.2f} ms |"
            )
        cold, warm = (r["rows"] for r in results)
        bad = [
            n for n in cold if abs(cold[n]["checksum"] - warm[n]["checksum"]) > 1e-3 * (1 + abs(cold[n]["checksum"]))
        ]
        if bad:
            print(f"\nWARNING: {target}: results differ between cold and warm for {bad}")
    print(
        "\nPer-function first call is timed alone (the previous function is compiled before the next);"
        " 'import' is torch + kornia + lazyport + the target framework."
    )


# ----------------------------------------------------------------------------- lazy vs eager
def lazy_eager_section(targets) -> None:
    os.environ["LAZYPORT_CACHE_DIR"] = "off"  # every translation captures: this is about lazy vs eager
    import kornia
    import numpy as np
    import torch

    import lazyport
    from lazyport.backends import get_backend

    def normalize(x):
        return torch.div(torch.sub(x, torch.mean(x)), torch.std(x))

    cases = {"normalize": (normalize, (10,))}
    ks = kornia_cases(torch, kornia)
    for name in ("color.rgb_to_hsv", "filters.gaussian_blur2d", "filters.sobel", "geometry.rotate"):
        cases[name] = ks[name]
    lazyport.transpile(lambda t: t + 1, target="numpy")(np.ones(2, np.float32))  # torch's one-time warm-up
    lazyport.wait()

    print("### Lazy vs eager (one process, persistent cache off)\n")
    print("| target | function | form | make | first call | second call |")
    print("|---|---|---|---:|---:|---:|")
    summary = []
    for target in targets:
        b = get_backend(target)
        for name, (fn, shape) in cases.items():
            x = b.asarray(np.random.default_rng(0).random(shape, dtype=np.float32))
            for api in ("transpile", "trace_graph"):
                make = getattr(lazyport, api)
                t = time.perf_counter()
                lazy = make(fn, source="torch", target=target)
                make_ms = (time.perf_counter() - t) * 1000
                first, _ = _ms(lazy, x)
                lazyport.wait()
                second, _ = _ms(lazy, x)
                print(f"| {target} | {name} | {api} lazy | {make_ms:.1f} ms | {first:.1f} ms | {second:.2f} ms |")
                t = time.perf_counter()
                eager = make(fn, source="torch", target=target, args=(x,))
                make_ms = (time.perf_counter() - t) * 1000
                e_first, _ = _ms(eager, x)
                e_second, _ = _ms(eager, x)
                print(
                    f"| {target} | {name} | {api} eager (args=) | {make_ms:.1f} ms | {e_first:.2f} ms | "
                    f"{e_second:.2f} ms |"
                )
                summary.append((target, api, first, second, e_first, e_second))
    # transpile's lazy first call runs op by op; trace_graph's captures (its result is the graph)
    print("\nMedians over the functions:\n")
    print("| target | API | lazy first call | lazy second call | eager first call | eager second call |")
    print("|---|---|---:|---:|---:|---:|")
    for target in targets:
        for api in ("transpile", "trace_graph"):
            rows = [r for r in summary if r[:2] == (target, api)]
            cols = [statistics.median(r[i] for r in rows) for i in range(2, 6)]
            print(f"| {target} | {api} | " + " | ".join(f"{c:.2f} ms" for c in cols) + " |")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--section", choices=["all", "lazy-eager", "disk"], default="all")
    p.add_argument("--target", choices=TARGETS)
    p.add_argument("--child", choices=TARGETS, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        child(a.child)
        return
    targets = [a.target] if a.target else list(TARGETS)
    if a.section in ("all", "disk"):
        disk_section(targets, sys.executable)
        print()
    if a.section in ("all", "lazy-eager"):
        lazy_eager_section(targets)


if __name__ == "__main__":
    main()
