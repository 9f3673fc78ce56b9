"""Model zoo benchmark: every case of tests/zoo/cases.py on every target, against torch eager and, on
JAX, against ``jax.jit`` over the module's state, in one run. Not collected by pytest.

    python benchmarks/bench_zoo.py [--targets jax,tensorflow,numpy] [--cases timm.resnet,...]
                                   [--repeat 100] [--rounds 3]

Per case and target, with a fresh translation (a new ``lazyport.transpile`` of the torch module, or the
library function through ``lazyport.<target>.<library>``):

* "pass": the first call and a steady call both equal torch's result (the zoo's tolerances);
* "first call": the first call of the translated model or function (it runs op by op and records the
  translation; the one-time warm-up of the process is paid before the first case);
* "steady": after ``lazyport.wait()`` and warm-up calls, the median time of a plain call (each call
  waited for: ``jax.block_until_ready``), and its ratio to torch eager (``torch.no_grad()``);
* "vs jax.jit" (JAX only): the ratio to the hand-written JAX way of running the same model fast:
  ``graphdef, state = nnx.split(model)`` and ``jax.jit(lambda state, xs: nnx.merge(graphdef, state)(*xs))``
  called with ``state`` (its outputs as a tuple of arrays, since a ``ModelOutput`` is no JAX type); for
  function cases, ``jax.jit`` over the translated function.

Medians are taken per round of ``--repeat`` calls and then over ``--rounds`` rounds, which interleave
lazyport, torch and ``jax.jit`` (on a shared machine a burst of load then hits all three alike).
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

from timing import median_time  # noqa: E402  (benchmarks/timing.py, beside this script)


def rounds_time(fns: dict[str, object], repeat: int, rounds: int) -> dict[str, float]:
    """Per name, the median over ``rounds`` of the median of ``repeat`` calls; the names alternate per round."""
    per: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            per[name].append(median_time(fn, repeat))
    return {name: statistics.median(ts) for name, ts in per.items()}


def syncer(target: str):
    if target == "jax":
        import jax

        return jax.block_until_ready
    return lambda r: r  # TensorFlow's eager ops and NumPy return finished results


def warm_up(target: str) -> None:
    """The process's one-time cost (torch's dispatch machinery, meta kernels, the target's imports)."""
    import torch

    import lazyport
    from tests.zoo.harness import to_target

    f = lazyport.transpile(lambda x: torch.nn.functional.relu(x) * 2 + x.mean(), source="torch", target=target)
    import numpy as np

    (x,), _ = to_target(((np.ones((2, 3), np.float32),), {}), target)
    f(x)
    lazyport.wait()


def jit_baseline(case, fn, args: tuple, kwargs: dict):
    """The hand-written fast JAX call: ``jax.jit`` over ``nnx.split`` state (modules) or over ``fn``."""
    import jax
    from flax import nnx

    from tests.zoo.harness import leaves, split_arrays

    arrays, rebuild = split_arrays(args, kwargs)
    if case.is_module:
        graphdef, state = nnx.split(fn)

        @jax.jit
        def forward(state, xs):
            a, k = rebuild(xs)
            return tuple(leaves(nnx.merge(graphdef, state)(*a, **k)))

        return lambda: jax.block_until_ready(forward(state, arrays))

    jitted = jax.jit(lambda xs: tuple(leaves(fn(*rebuild(xs)[0], **rebuild(xs)[1]))))
    return lambda: jax.block_until_ready(jitted(arrays))


def bench_case(case, targets: list[str], repeat: int, rounds: int, warm_calls: int) -> list[dict]:
    import torch

    import lazyport
    from tests.zoo import harness

    expected = harness.reference(case)
    targs, tkwargs = harness.to_torch(harness.inputs(case))
    torch_fn = harness.torch_module(case) if case.is_module else harness.torch_function(case)

    def torch_call() -> None:
        with torch.no_grad():
            torch_fn(*targs, **tkwargs)

    torch_call()
    rows = []
    for target in targets:
        row = {"case": case.name, "target": target}
        rows.append(row)
        sync = syncer(target)
        try:
            fn = harness.translated(case, target)
            args, kwargs = harness.to_target(harness.inputs(case), target)
            t = time.perf_counter()
            out = sync(harness.call(fn, args, kwargs, target))
            row["first"] = time.perf_counter() - t
            harness.compare(harness.leaves(out), expected, case, target)
            lazyport.wait(timeout=600)

            def plain(fn=fn, args=args, kwargs=kwargs, target=target, sync=sync) -> None:
                sync(harness.call(fn, args, kwargs, target))

            for _ in range(warm_calls):  # compiled, and the executor chosen (Entry.executor)
                plain()
            lazyport.wait(timeout=600)
            for _ in range(warm_calls):
                plain()
            harness.compare(harness.leaves(harness.call(fn, args, kwargs, target)), expected, case, target)
            fns = {"plain": plain, "torch": torch_call}
            if target == "jax":
                fns["jit"] = jit_baseline(case, fn, args, kwargs)
                for _ in range(5):
                    fns["jit"]()
            row.update(rounds_time(fns, repeat, rounds))
            row["pass"] = "pass"
        except Exception as exc:  # reported in the table, the run goes on
            row["pass"] = f"FAIL: {type(exc).__name__}: {str(exc).splitlines()[0][:80] if str(exc) else ''}"
        print(f"# {case.name} {target}: {row['pass']}", file=sys.stderr)
    return rows


def table(rows: list[dict], targets: list[str]) -> str:
    ms = lambda s: f"{s * 1e3:.2f}"
    lines = [
        "| case | target | pass | first call (ms) | steady (ms) | steady / torch eager | steady / jax.jit |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r["pass"] != "pass":
            lines.append(f"| {r['case']} | {r['target']} | {r['pass']} | | | | |")
            continue
        jit = f"{r['plain'] / r['jit']:.2f}" if "jit" in r else ""
        lines.append(
            f"| {r['case']} | {r['target']} | pass | {ms(r['first'])} | {ms(r['plain'])} "
            f"| {r['plain'] / r['torch']:.2f} | {jit} |"
        )
    lines.append("")
    passed = [r for r in rows if r["pass"] == "pass"]
    for target in targets:
        mine = [r for r in passed if r["target"] == target]
        if not mine:
            continue
        total = sum(1 for r in rows if r["target"] == target)
        parts = [
            f"{len(mine)}/{total} pass",
            f"first call {ms(statistics.median(r['first'] for r in mine))} ms",
            f"steady / torch eager {statistics.median(r['plain'] / r['torch'] for r in mine):.2f}",
        ]
        if target == "jax":
            modules = [r for r in mine if r["module"]]
            parts.append(
                f"steady / jax.jit {statistics.median(r['plain'] / r['jit'] for r in mine):.2f} "
                f"(models only: {statistics.median(r['plain'] / r['jit'] for r in modules):.2f}"
                f" over {len(modules)})"
                if modules
                else ""
            )
        lines.append(f"median over the zoo, {target}: " + ", ".join(p for p in parts if p))
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", default="jax,tensorflow,numpy")
    parser.add_argument("--cases", default="", help="comma-separated case names (default: every case)")
    parser.add_argument("--models-only", action="store_true", help="only the cases that translate an nn.Module")
    parser.add_argument("--repeat", type=int, default=100, help="calls per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm-calls", type=int, default=30, help="calls before timing, twice (compile, executor)")
    parser.add_argument(
        "--torch-threads",
        type=int,
        default=None,
        help="torch.set_num_threads (on a busy shared machine torch's thread pool spins)",
    )
    args = parser.parse_args()

    import torch

    from tests.zoo import libs
    from tests.zoo.cases import BY_NAME, CASES

    if args.torch_threads:
        torch.set_num_threads(args.torch_threads)
    targets = args.targets.split(",")
    cases = [BY_NAME[n] for n in args.cases.split(",")] if args.cases else CASES
    if args.models_only:
        cases = [c for c in cases if c.is_module]
    for target in targets:
        warm_up(target)
    rows = []
    for case in cases:
        libs.load(case.library)
        for row in bench_case(case, targets, args.repeat, args.rounds, args.warm_calls):
            row["module"] = case.is_module
            rows.append(row)
    print(
        f"median of {args.rounds} rounds x {args.repeat} calls; torch {torch.__version__}, "
        f"{torch.get_num_threads()} torch threads\n"
    )
    print(table(rows, targets))


if __name__ == "__main__":
    main()
