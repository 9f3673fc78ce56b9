"""Print OpInfo pass rates per target: python tests/ops/rate.py [--target jax] [--only substr] [-v]

Counts entries that support float32 and are not random (as the Done-when rule says); random entries are
still run (shape/dtype) and reported separately.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import traceback
import warnings

# like the test suite: a throwaway persistent cache, never the user's
os.environ.setdefault("LAZYPORT_CACHE_DIR", tempfile.mkdtemp(prefix="lazyport-rate-cache-"))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
warnings.filterwarnings("ignore")

from tests.ops import harness, xfail  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--target", action="append")
    p.add_argument("--only", default=None)
    p.add_argument("-v", action="store_true")
    a = p.parse_args()
    targets = a.target or ["jax", "tensorflow", "numpy"]
    ops = [op for op in harness.entries() if a.only is None or a.only in harness.entry_id(op)]
    for target in targets:
        passed = failed = rnd = untestable = 0
        reasons = collections.Counter()
        for op in ops:
            random = False
            try:
                random = harness.check(op, target)
                ok = True
            except harness.TorchCannotRun:
                untestable += 1
                continue
            except BaseException as exc:  # noqa: B036 - report everything
                if isinstance(exc, KeyboardInterrupt):
                    raise
                ok = False
                try:
                    samples = list(op.sample_inputs("cpu", harness.torch.float32))[:1]
                    random = bool(samples) and harness.is_random(op, samples[0])
                except Exception:
                    random = False
                msg = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:160]
                reasons[msg.split(";")[0]] += 1
                if a.v:
                    known = xfail.reason(target, harness.entry_id(op))
                    print(f"  FAIL {target} {harness.entry_id(op)}{' (xfail)' if known else ''}: {msg}")
                    if os.environ.get("TB"):
                        traceback.print_exc()
            if random:
                rnd += 1
                continue
            passed += ok
            failed += not ok
        total = passed + failed
        print(
            f"{target}: {passed}/{total} = {100 * passed / max(total, 1):.1f}% non-random entries pass "
            f"({rnd} random entries run on shape/dtype; {untestable} entries torch cannot run on CPU)"
        )
        taken = harness.OP_BY_OP.pop("recorded", 0)
        other = sum(harness.OP_BY_OP.values())
        print(
            f"  lazy first calls: {taken}/{taken + other} non-random samples recorded, their recorded programs "
            f"matching torch uncompiled and compiled; {other} not recorded (below)"
        )
        if a.v:
            for msg, n in harness.OP_BY_OP.most_common(20):
                print(f"   {n:4d}  {msg}")
        harness.OP_BY_OP.clear()
        if a.v:
            for msg, n in reasons.most_common(40):
                print(f"   {n:4d}  {msg}")


if __name__ == "__main__":
    main()
