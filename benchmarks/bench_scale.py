"""Scale benchmark: costs that should not grow with the work (first calls, program length, memory of
large models). Not collected by pytest.

    python benchmarks/bench_scale.py [--sections first_call,ops,gpt2,weights] [--targets jax,tensorflow,numpy]
        [--repeat 3] [--ops 30,300,3000,10000] [--gpt2-targets jax]

One function per section, chosen with ``--sections`` (comma-separated; default: all).

* ``first_call``: with ``args=`` the translation and its compile happen in ``transpile`` /
  ``trace_graph``; the first call against the tenth, per target, for a normalize function and four
  kornia functions (medians over ``--repeat`` fresh translations). Goal: first <= max(2 x tenth, 0.5 ms).
* ``ops``: a lazy first call (op by op, recorded) of pointwise chains ``x = sin(x) * 1.01 + 0.1`` of
  ``--ops`` ATen ops, per target, in microseconds per op. Goal: flat (<= 1.3x end to end), <= 30 us/op.
* ``gpt2``: GPT-2 small (below), 128 tokens: the first call translated to ``--gpt2-targets`` against
  torch's own first forward, each in a fresh subprocess. Goal: <= 1.5x torch's.
* ``weights``: are a model's weights held once? GPT-2 small (transformers ``GPT2LMHeadModel``, the
  default ``GPT2Config``, random weights, 475 MB float32), per target in a fresh subprocess: the
  process's resident memory (``VmRSS``, after ``gc.collect()`` and glibc's ``malloc_trim(0)``) before
  building the model (after a warm-up: a one-layer GPT-2 of width 64 translated and called, so that the
  libraries, the target's runtime and lazyport's machinery are loaded already), after building
  it, after translating it (and the peak during translation, ``VmHWM`` reset just before), after the
  first translated call (and its peak), and after ``del model; gc.collect()``. Bytes beyond torch's
  copy are given as a multiple of the weight bytes ``W``: translating should add about 1 W (the
  target's copy) at peak and after, and once the torch model is deleted the process should hold about
  1 W in all. The translated call's logits are checked against torch's, before and after the deletion.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Callable

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

MB = 1 << 20


# ---------------------------------------------------------------------------------------- weights
def _status(field: str) -> int:
    """A ``/proc/self/status`` field (``VmRSS``, ``VmHWM``) in bytes."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _settle() -> int:
    """Resident bytes once Python's garbage and glibc's free pages are returned."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:  # not glibc
        pass
    return _status("VmRSS")


def _reset_peak() -> None:
    """Restart ``VmHWM`` from the current RSS (Linux: ``5`` into ``clear_refs``)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _weights_child(target: str) -> None:
    """One target's measurements, printed as one JSON line (run in a fresh interpreter)."""
    import numpy as np
    import torch

    import lazyport
    import lazyport.nn
    from lazyport.backends import get_backend
    from tests.zoo import libs

    tr = libs.load("transformers")
    ids_np = np.random.default_rng(0).integers(0, 50257, (1, 16)).astype(np.int64)
    ids = get_backend(target).asarray(ids_np)
    # warm-up: a one-layer GPT-2 of width 64, translated and called, so that "before" already holds the
    # libraries' code, the target's runtime and lazyport's machinery (what any first model pays, not
    # what grows with the weights)
    tiny = tr.GPT2LMHeadModel(tr.GPT2Config(n_layer=1, n_embd=64, n_head=2)).eval()
    lazyport.transpile(tiny, source="torch", target=target)(ids)
    with torch.no_grad():
        tiny(torch.from_numpy(ids_np))
    del tiny

    rss: dict[str, int] = {"before": _settle()}
    torch.manual_seed(0)
    model = tr.GPT2LMHeadModel(tr.GPT2Config()).eval()
    seen: dict[int, int] = {}
    for t in [*model.parameters(), *model.buffers()]:
        seen[id(t)] = t.numel() * t.element_size()
    weight_bytes = sum(seen.values())
    with torch.no_grad():
        want = model(torch.from_numpy(ids_np)).logits.numpy()
    rss["built"] = _settle()

    _reset_peak()
    translated = lazyport.transpile(model, source="torch", target=target)
    rss["translate_peak"] = _status("VmHWM")
    rss["translated"] = _settle()

    def logits() -> np.ndarray:
        out = translated(ids)
        return np.asarray(out.logits if hasattr(out, "logits") else out["logits"])

    _reset_peak()
    got = logits()
    rss["call_peak"] = _status("VmHWM")
    rss["called"] = _settle()
    err_before = float(np.max(np.abs(got - want)))

    probe = next(model.parameters())
    import weakref

    alive = weakref.ref(probe)
    del model, probe, t, seen
    rss["deleted"] = _settle()
    err_after = float(np.max(np.abs(logits() - want)))
    print(
        json.dumps(
            {
                "target": target,
                "weight_bytes": weight_bytes,
                "rss": rss,
                "err_before": err_before,
                "err_after": err_after,
                "parameter_freed": alive() is None,
            }
        )
    )


def section_weights(opts: argparse.Namespace) -> None:
    """GPT-2 small per target, each in a fresh subprocess (see the module docstring)."""
    rows = []
    for target in opts.targets.split(","):
        proc = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", "weights", target],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode or not lines:
            raise SystemExit(f"weights {target}: the subprocess failed\n{proc.stderr[-4000:]}")
        r = json.loads(lines[-1])
        if max(r["err_before"], r["err_after"]) > 1e-3:
            raise SystemExit(f"weights {target}: logits differ from torch's: {r}")
        rows.append(r)
        print(f"done {target}", file=sys.stderr)
    w = rows[0]["weight_bytes"]
    print(f"\nGPT-2 small (GPT2LMHeadModel, default GPT2Config): weights W = {w / MB:.0f} MB float32\n")
    print("RSS in MB; in brackets, bytes beyond torch's copy (RSS after building less RSS before it) / W\n")
    print(
        "| target | before | torch model built | translated | translation peak | first call | first call peak "
        "| after del model | held after del / W | after del beyond torch's copy / W | torch parameter freed |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        s = r["rss"]

        def beyond(key: str, s: dict[str, int] = s) -> str:
            return f"{s[key] / MB:.0f} ({(s[key] - s['built']) / w:+.2f})"

        held = (s["deleted"] - s["before"]) / w
        cells = [
            r["target"],
            f"{s['before'] / MB:.0f}",
            f"{s['built'] / MB:.0f} (torch: {(s['built'] - s['before']) / w:.2f})",
            beyond("translated"),
            beyond("translate_peak"),
            beyond("called"),
            beyond("call_peak"),
            f"{s['deleted'] / MB:.0f}",
            f"{held:.2f}",
            f"{(s['deleted'] - s['built']) / w:+.2f}",
            "yes" if r["parameter_freed"] else "no",
        ]
        print("| " + " | ".join(cells) + " |")


# ------------------------------------------------------------------------------- first calls and scale
def _target_array(target: str, x):
    from lazyport.backends import get_backend

    return get_backend(target).asarray(x)


def _sync(target: str):
    if target == "jax":
        import jax

        return jax.block_until_ready
    return lambda r: r


def _eager_cases():
    """(name, torch function, input shape): a normalize function and kornia functions."""
    import kornia

    def normalize(x):
        return (x - x.mean(dim=(-2, -1), keepdim=True)) / (x.std(dim=(-2, -1), keepdim=True) + 1e-5)

    return [
        ("normalize", normalize, (1, 3, 64, 64)),
        ("color.rgb_to_grayscale", kornia.color.rgb_to_grayscale, (1, 3, 64, 64)),
        ("color.rgb_to_hsv", kornia.color.rgb_to_hsv, (1, 3, 64, 64)),
        ("filters.gaussian_blur2d", lambda x: kornia.filters.gaussian_blur2d(x, (5, 5), (1.5, 1.5)), (1, 3, 64, 64)),
        ("filters.sobel", kornia.filters.sobel, (1, 3, 64, 64)),
    ]


def section_first_call(opts: argparse.Namespace) -> None:
    """(a) With ``args=``: the first call against the tenth, for transpile and trace_graph on each target
    (the medians over ``--repeat`` fresh translations); the goal is first <= max(2 x tenth, 0.5 ms)."""
    import time

    import numpy as np
    import torch

    import lazyport

    print("\n(a) First call after args= (translated and compiled in transpile / trace_graph), ms\n")
    print("| target | function | API | first call | tenth call | first / tenth | goal max(2 x tenth, 0.5 ms) |")
    print("|---|---|---|---:|---:|---:|---|")
    cases = _eager_cases()
    for target in opts.targets.split(","):
        sync = _sync(target)
        for name, fn, shape in cases:
            x_np = np.random.default_rng(0).random(shape, dtype=np.float32)
            want = fn(torch.from_numpy(x_np)).numpy()
            for api in ("transpile", "trace_graph"):
                make = getattr(lazyport, api)
                firsts, tenths = [], []
                for _ in range(opts.repeat):
                    x = _target_array(target, x_np)
                    f = make(fn, source="torch", target=target, args=(x,))
                    times = []
                    for _ in range(10):
                        t = time.perf_counter()
                        out = sync(f(x))
                        times.append(time.perf_counter() - t)
                    if not np.allclose(np.asarray(out), want, rtol=1e-4, atol=1e-5):
                        raise SystemExit(f"first_call {target} {name} {api}: the result differs from torch's")
                    firsts.append(times[0])
                    tenths.append(times[9])
                first, tenth = 1e3 * float(np.median(firsts)), 1e3 * float(np.median(tenths))
                ok = "yes" if first <= max(2 * tenth, 0.5) else "**no**"
                print(f"| {target} | {name} | {api} | {first:.3f} | {tenth:.3f} | {first / tenth:.1f} | {ok} |")


def _chain(n: int):
    import torch

    def chain(x):
        for _ in range(n):
            x = torch.sin(x) * 1.01 + 0.1
        return x

    chain.__name__ = chain.__qualname__ = f"chain{n}"
    return chain


def section_ops(opts: argparse.Namespace) -> None:
    """(b) A lazy first call (op by op, recorded) of a chain of pointwise ops, ``x = sin(x) * 1.01 + 0.1``
    repeated (3 ATen ops each), per target: microseconds per op, flat from 30 to 10,000 ops is the goal."""
    import time

    import numpy as np
    import torch

    import lazyport

    sizes = [int(s) for s in opts.ops.split(",")]
    print("\n(b) First call of a pointwise chain (op by op, recorded), microseconds per ATen op\n")
    print("| target | " + " | ".join(f"{n} ops" for n in sizes) + " | largest / smallest |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    x_np = np.random.default_rng(0).random((4, 4), dtype=np.float32)
    for target in opts.targets.split(","):
        sync = _sync(target)
        x = _target_array(target, x_np)
        sync(lazyport.transpile(_chain(3), source="torch", target=target)(x))  # (the process's one-time warm-up)
        per_op = []
        for size in sizes:
            fn = _chain(size // 3)
            want = fn(torch.from_numpy(x_np)).numpy()
            best = float("inf")
            for _ in range(1 if size > 3000 else 2):
                f = lazyport.transpile(fn, source="torch", target=target)
                t = time.perf_counter()
                out = sync(f(x))
                best = min(best, time.perf_counter() - t)
                if not np.allclose(np.asarray(out), want, rtol=1e-4, atol=1e-5):
                    raise SystemExit(f"ops {target} {size}: the result differs from torch's")
            per_op.append(1e6 * best / (3 * (size // 3)))
        cells = " | ".join(f"{u:.1f}" for u in per_op)
        print(f"| {target} | {cells} | {per_op[-1] / per_op[0]:.2f} |")


def _gpt2_child(target: str) -> None:
    """GPT-2 small's first forward (torch's, or translated to ``target``), timed, as one JSON line."""
    import time

    import numpy as np
    import torch

    import lazyport
    from tests.zoo import libs

    if target == "jax":
        import jax  # noqa: F401

        import lazyport.nn.jax
    elif target == "tensorflow":
        import tensorflow  # noqa: F401

        import lazyport.nn.keras
    tr = libs.load("transformers")
    torch.manual_seed(0)
    model = tr.GPT2LMHeadModel(tr.GPT2Config()).eval()
    ids = np.random.default_rng(0).integers(0, 50257, (1, 128)).astype(np.int64)
    if target == "torch":
        t = time.perf_counter()
        with torch.no_grad():
            model(torch.from_numpy(ids))
        print(json.dumps({"target": target, "first": time.perf_counter() - t, "err": 0.0}))
        return
    translated = lazyport.transpile(model, source="torch", target=target)
    from lazyport.backends import get_backend

    x = get_backend(target).asarray(ids)
    sync = _sync(target)
    t = time.perf_counter()
    out = translated(x)
    logits = sync(out.logits if hasattr(out, "logits") else out["logits"])
    first = time.perf_counter() - t
    with torch.no_grad():
        want = model(torch.from_numpy(ids)).logits.numpy()
    err = float(np.max(np.abs(np.asarray(logits) - want)))
    print(json.dumps({"target": target, "first": first, "err": err}))


def section_gpt2(opts: argparse.Namespace) -> None:
    """(c) GPT-2 small (transformers GPT2LMHeadModel, default GPT2Config, random weights, 128 tokens): the
    translated first call against torch's own first forward, each in a fresh subprocess (both real first
    calls; the model is built before the clock starts). Goal: at most 1.5 x torch's."""
    rows = {}
    for target in ["torch", *opts.gpt2_targets.split(",")]:
        proc = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", "gpt2", target],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode or not lines:
            raise SystemExit(f"gpt2 {target}: the subprocess failed\n{proc.stderr[-4000:]}")
        rows[target] = json.loads(lines[-1])
        if rows[target]["err"] > 1e-3:
            raise SystemExit(f"gpt2 {target}: logits differ from torch's: {rows[target]}")
    torch_s = rows.pop("torch")["first"]
    print("\n(c) GPT-2 small, 128 tokens: first call, seconds (each in a fresh process)\n")
    print("| target | torch first forward | translated first call | ratio | max abs logit error |")
    print("|---|---:|---:|---:|---:|")
    for target, r in rows.items():
        print(f"| {target} | {torch_s:.2f} | {r['first']:.2f} | {r['first'] / torch_s:.2f} | {r['err']:.1e} |")


SECTIONS: dict[str, Callable[[argparse.Namespace], None]] = {
    "first_call": section_first_call,
    "ops": section_ops,
    "gpt2": section_gpt2,
    "weights": section_weights,
}
CHILDREN: dict[str, Callable[[str], None]] = {"gpt2": _gpt2_child, "weights": _weights_child}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":  # a section's measurement in a fresh interpreter
        CHILDREN[sys.argv[2]](sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated: {', '.join(SECTIONS)}")
    parser.add_argument("--targets", default="jax,tensorflow,numpy")
    parser.add_argument("--repeat", type=int, default=3, help="first_call: fresh translations per case (medians)")
    parser.add_argument("--ops", default="30,300,3000,10000", help="ops: chain lengths (ATen ops)")
    parser.add_argument("--gpt2-targets", default="jax", help="gpt2: targets to translate to")
    opts = parser.parse_args()
    for name in opts.sections.split(","):
        if name not in SECTIONS:
            parser.error(f"unknown section {name!r}; choose from {', '.join(SECTIONS)}")
        SECTIONS[name](opts)


if __name__ == "__main__":
    main()
