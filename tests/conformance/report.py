"""Combine conformance JSON summaries (``--conformance-json``) of plain kornia and lazyport targets.

    python tests/conformance/report.py DIR        # DIR holds <target>-<anything>.json files

For each target: tests collected, excluded by reason, applicable, passing in plain kornia (the
``torch`` files), passing through lazyport among those, the rate, and the failures grouped by their
first error line and the kornia function whose round trip raised (else the functions the test called).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def load(directory: Path) -> dict[str, dict[str, Any]]:
    """target -> {"collected": n, "tests": {nodeid: record}} merged over that target's files."""
    runs: dict[str, dict[str, Any]] = defaultdict(lambda: {"collected": 0, "tests": {}, "seconds": 0.0})
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text())
        run = runs[data["target"]]
        run["seconds"] += data.get("seconds", 0.0)
        run["tests"].update(data["tests"])  # a later file (a re-run of some tests) overrides an earlier one
        run["collected"] = len(run["tests"])
    return dict(runs)


def _normalize(msg: str) -> str:
    msg = re.sub(r"0x[0-9a-f]+", "0x…", msg)
    msg = re.sub(r"\d+(\.\d+)?(e-?\d+)?", "N", msg)
    return msg[:160]


def rates(runs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    plain = runs.get("torch", {"tests": {}})["tests"]
    out = {}
    for target, run in runs.items():
        tests = run["tests"]
        excluded = Counter(t["reason"] for t in tests.values() if t.get("outcome") == "excluded")
        kornia_skips = Counter(t["reason"] for t in tests.values() if t.get("outcome") in ("skipped", "xfail"))
        applicable = [n for n, t in tests.items() if t.get("outcome") in ("passed", "failed", "xpass")]
        plain_pass = [n for n in applicable if plain.get(n, {}).get("outcome") == "passed"]
        passing = [n for n in plain_pass if tests[n]["outcome"] == "passed"]
        translated = [
            n for n in passing if any(not k.startswith("passthrough") for k in tests[n].get("roundtrips", ""))
        ]
        passthrough = Counter(k for n in passing for k in tests[n].get("roundtrips", {}) if k.startswith("passthrough"))
        functions = {k for t in tests.values() for k in t.get("roundtrips", {}) if not k.startswith("passthrough")}
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for n in plain_pass:
            t = tests[n]
            if t["outcome"] == "passed":
                continue
            if t.get("fn_errors"):
                fn, msg = t["fn_errors"][0]
            else:
                called = sorted(k for k in t.get("roundtrips", {}) if not k.startswith("passthrough"))
                fn, msg = ", ".join(called[:3]) or "(no wrapped call)", t.get("error", "")
            groups[(_normalize(msg), fn)].append(n)
        out[target] = {
            "collected": run["collected"],
            "excluded": sum(excluded.values()),
            "excluded_by_reason": dict(excluded.most_common()),
            "skipped_or_xfail_by_kornia": sum(kornia_skips.values()),
            "kornia_skip_reasons": dict(kornia_skips.most_common(8)),
            "applicable": len(applicable),
            "passing_in_plain_kornia": len(plain_pass),
            "passing_through_lazyport": len(passing),
            "passing_with_a_round_trip": len(translated),
            "functions_round_tripped": len(functions),
            "passthrough_calls": dict(passthrough.most_common()),
            "rate": round(100.0 * len(passing) / len(plain_pass), 2) if plain_pass else None,
            "seconds": round(run["seconds"], 1),
            "failure_groups": sorted(
                ({"error": k[0], "function": k[1], "count": len(v), "example": v[0]} for k, v in groups.items()),
                key=lambda g: -g["count"],
            ),
        }
    return out


def _directory(nodeid: str) -> str:
    parts = nodeid.split("::")[0].split("/")
    return parts[parts.index("tests", 1) + 1] if "tests" in parts[1:] else parts[-1]


def main(argv: list[str]) -> int:
    directory = Path(argv[1] if len(argv) > 1 else ".")
    result = rates(load(directory))
    for target in sorted(result, key=lambda t: (t != "torch", t)):
        r = result[target]
        print(
            f"== {target}: collected {r['collected']}, excluded {r['excluded']}, applicable {r['applicable']}, "
            f"passing in plain kornia {r['passing_in_plain_kornia']}, through lazyport "
            f"{r['passing_through_lazyport']} ({r['rate']}%), {r['seconds']} s"
        )
        print(
            f"   passing tests that called a wrapped function: {r['passing_with_a_round_trip']} "
            f"({r['functions_round_tripped']} kornia functions); calls left to torch: {r['passthrough_calls']}"
        )
        for reason, n in r["excluded_by_reason"].items():
            print(f"   excluded {n:5d}  {reason}")
        print(f"   skipped/xfail by kornia itself: {r['skipped_or_xfail_by_kornia']} {r['kornia_skip_reasons']}")
        if target != "torch":
            for g in r["failure_groups"]:
                print(f"   FAIL {g['count']:4d}  {g['function']}: {g['error']}  e.g. {g['example']}")
    print("\nper directory (passing through lazyport / applicable and passing in plain kornia):")
    runs = load(directory)
    dirs = sorted({_directory(n) for run in runs.values() for n in run["tests"]})
    targets = sorted(runs, key=lambda t: (t != "torch", t))
    print("   " + "".join(f"{t:>16}" for t in ["directory", *targets[1:]]))
    for d in dirs:
        sub = {}
        for t in targets:
            tests = {n: v for n, v in runs[t]["tests"].items() if _directory(n) == d}
            sub[t] = {"collected": len(tests), "seconds": 0.0, "tests": tests}
        r = rates(sub)
        cells = [
            f"{r[t]['passing_through_lazyport']}/{r[t]['passing_in_plain_kornia']}" if sub[t]["tests"] else "-"
            for t in targets[1:]
        ]
        print("   " + "".join(f"{c:>16}" for c in [d, *cells]))
    if len(argv) > 2:
        Path(argv[2]).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
