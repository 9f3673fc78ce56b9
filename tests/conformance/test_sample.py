"""A sample of kornia's own tests through lazyport (the whole suite: tests/conformance/README.md).

Runs kornia's color/ tests and filters/test_gaussian.py, test_sobel.py, test_median.py through the
conformance harness, once on plain kornia and once round-tripped through lazyport's JAX translation
(each a pytest subprocess: the harness patches kornia for the whole process), and asserts that at least
99.5% of the applicable tests that pass on plain kornia pass through lazyport.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .report import rates

pytestmark = pytest.mark.conformance

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
TESTS = HERE / "kornia" / "tests"
SAMPLE = [
    TESTS / "color",
    TESTS / "filters" / "test_gaussian.py",
    TESTS / "filters" / "test_sobel.py",
    TESTS / "filters" / "test_median.py",
]
TARGET = "jax"


def run(target: str, out: Path) -> dict:
    env = dict(os.environ, LAZYPORT_CONFORMANCE_TARGET=target, LAZYPORT_CONFORMANCE_JSON=str(out))
    env.pop("KORNIA_TEST_OPTIMIZER", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *map(str, SAMPLE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.exists(), f"no summary from the {target} run:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return json.loads(out.read_text())


def test_kornia_sample_through_lazyport(tmp_path: Path) -> None:
    runs = {}
    for target in ("torch", TARGET):
        data = run(target, tmp_path / f"{target}.json")
        runs[target] = {"collected": data["collected"], "tests": data["tests"], "seconds": data["seconds"]}
    r = rates(runs)[TARGET]
    assert r["collected"] > 300, r  # the sample was collected, not silently empty
    assert r["passing_in_plain_kornia"] > 250, r
    # the round trips happened: passing tests called translated kornia functions
    through = [t for t in runs[TARGET]["tests"].values() if t.get("outcome") == "passed" and t.get("roundtrips")]
    assert len(through) > 200, len(through)
    groups = r["failure_groups"]
    failures = "\n".join(f"{g['count']} {g['function']}: {g['error']} (e.g. {g['example']})" for g in groups)
    assert r["rate"] >= 99.5, f"{r['passing_through_lazyport']}/{r['passing_in_plain_kornia']}:\n{failures}"
