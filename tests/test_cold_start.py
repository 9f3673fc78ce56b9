"""Cold processes: first calls of several kornia functions back to back, as every short script starts.

Each run is a fresh interpreter with an empty persistent cache; all must exit 0 with torch's results
(first calls once raced torch's compiler-stack imports between a background capture and the caller).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .util import TARGETS

pytest.importorskip("kornia", reason="the cold-start check uses kornia (the test extra installs it)")
RUNS = 20
SCRIPT = Path(__file__).with_name("cold_start_script.py")


def run_once(target: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="lazyport-cold-") as cache:
        env = {**os.environ, "LAZYPORT_CACHE_DIR": cache, "TF_CPP_MIN_LOG_LEVEL": "3"}
        env.pop("LAZYPORT_FIRST_CALL", None)
        # -P: the script's folder is not put on sys.path (tests/kornia is no kornia)
        return subprocess.run(
            [sys.executable, "-P", str(SCRIPT), target], capture_output=True, text=True, env=env, timeout=300
        )


@pytest.mark.slow
@pytest.mark.parametrize("target", TARGETS)
def test_cold_processes_first_call_kornia(target: str) -> None:
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(run_once, [target] * RUNS))
    failed = [r for r in runs if r.returncode != 0 or "ok lazyport" not in r.stdout]
    assert not failed, f"{len(failed)} of {RUNS} cold runs failed; first:\n{failed[0].stderr[-3000:]}"
