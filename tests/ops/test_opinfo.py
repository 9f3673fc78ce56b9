"""torch's OpInfo database through lazyport.transpile, per target, compared with torch.

Every float32 entry runs up to 3 samples; random ops are compared on shape and dtype only. Known
failures live in xfail.py with a reason (strict: a fixed entry must leave the table). The whole sweep is
marked slow; `pytest -m slow tests/ops` runs it, `python tests/ops/rate.py` prints the pass rates.
"""

from __future__ import annotations

import pytest

pytest.importorskip("expecttest", reason="torch's OpInfo database needs the expecttest package")

from lazyport.targets import TARGETS

from . import harness, xfail

ENTRIES = harness.entries()


def _params():
    for op in ENTRIES:
        for target in TARGETS:
            why = xfail.reason(target, harness.entry_id(op))
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            yield pytest.param(op, target, id=f"{target}-{harness.entry_id(op)}", marks=marks)


@pytest.mark.slow
@pytest.mark.parametrize("op, target", list(_params()))
def test_opinfo(op, target):
    try:
        harness.check(op, target)
    except harness.TorchCannotRun as exc:
        pytest.skip(str(exc))
