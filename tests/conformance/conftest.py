"""kornia's own tests (tests/conformance/kornia, vendored) through lazyport: options, collection, the summary.

``pytest tests/conformance/kornia/tests/color --conformance-target jax`` (or ``LAZYPORT_CONFORMANCE_TARGET``)
runs them with kornia's public functions round-tripped through ``lazyport.transpile(..., target=jax)``;
``--conformance-target torch`` is plain kornia with the same exclusions. Without a target the vendored
directory is not collected. ``--conformance-json PATH`` writes every test's outcome for
``tests/conformance/report.py``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
VENDORED = HERE / "kornia"
TARGETS = ("torch", "numpy", "jax", "tensorflow")
ALIASES = {"np": "numpy", "tf": "tensorflow", "plain": "torch", "pytorch": "torch"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "kornia's tests through lazyport")
    group.addoption(
        "--conformance-target",
        default=os.environ.get("LAZYPORT_CONFORMANCE_TARGET") or None,
        help="numpy, jax, tensorflow (round trips through lazyport) or torch (plain kornia); "
        "env LAZYPORT_CONFORMANCE_TARGET. Without it tests/conformance/kornia is not collected.",
    )
    group.addoption(
        "--conformance-json",
        default=os.environ.get("LAZYPORT_CONFORMANCE_JSON") or None,
        help="write each test's outcome, exclusion reason and round trips to this JSON file",
    )


def _target(config: pytest.Config) -> str | None:
    t = config.getoption("--conformance-target", default=None)
    if t is None:
        return None
    t = ALIASES.get(t.lower(), t.lower())
    if t not in TARGETS:
        raise pytest.UsageError(f"--conformance-target must be one of {TARGETS}, not {t!r}")
    return t


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if _target(config) is None and (collection_path == VENDORED or VENDORED in collection_path.parents):
        return True  # the vendored suite runs only with a target (tests/conformance/README.md)
    return None


class Summary:
    def __init__(self, target: str, info: dict[str, int]) -> None:
        self.target, self.info = target, info
        self.tests: dict[str, dict[str, Any]] = {}
        self.collected = 0
        self.deselected_by_kornia: Counter[str] = Counter()
        self.start = time.time()

    def record(self, nodeid: str, **fields: Any) -> None:
        self.tests.setdefault(nodeid, {}).update(fields)


def pytest_configure(config: pytest.Config) -> None:
    target = _target(config)
    if target is None:
        return
    sys.path.insert(0, str(VENDORED))  # kornia's `testing` helpers
    for line in [
        "grad: mark a test as gradcheck test",
        "jit: mark a test as torchscript test",
        "nn: mark a test as module test",
        "tf32: sensitive to TF32 matmul precision",
    ]:
        config.addinivalue_line("markers", line)
    from . import harness

    info = harness.install(target)
    info["detectors"] = harness.install_detectors()
    config._conformance = Summary(target, info)  # type: ignore[attr-defined]


def _summary(config: pytest.Config) -> Summary | None:
    return getattr(config, "_conformance", None)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    s = _summary(config)
    if s is None:
        return
    s.collected = len(items)
    for item in items:
        if VENDORED in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.conformance)
    # kornia's conftest drops these without KORNIA_TEST_OPTIMIZER; count them as what they are
    if not os.environ.get("KORNIA_TEST_OPTIMIZER", "").strip():
        for item in items:
            n = item.name.lower()
            if "dynamo" in n or "compile" in n:
                reason = "torch.compile / dynamo (dropped by kornia's conftest)"
                s.record(item.nodeid, outcome="excluded", reason=reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    from . import harness

    harness.CURRENT.update(roundtrips=Counter(), errors=[], running=True)
    try:
        yield
    finally:
        harness.CURRENT["running"] = False


_CONFIG: list[pytest.Config] = []


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    _CONFIG.append(session.config)
    if _summary(session.config) is None:
        return
    # kornia's conftest makes "weights/" in the working directory for torch.hub: keep it out of the checkout
    weights = Path(tempfile.gettempdir()) / "lazyport-conformance-weights"
    for plugin in session.config.pluginmanager.get_plugins():
        if Path(getattr(plugin, "__file__", "") or "/") == VENDORED / "conftest.py":
            plugin.WEIGHTS_CACHE_DIR = str(weights) + os.sep


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    s = _summary(_CONFIG[-1]) if _CONFIG else None
    if s is None:
        return
    from . import harness

    if report.when == "setup" and report.passed:
        return
    if report.when == "teardown" and not report.failed:
        return
    outcome, reason = _outcome(report)
    fields: dict[str, Any] = {"outcome": outcome, "reason": reason}
    if report.when == "call" or outcome == "excluded":
        fields["roundtrips"] = dict(harness.CURRENT["roundtrips"])
        fields["fn_errors"] = list(harness.CURRENT["errors"])
    if report.failed:
        crash = getattr(report.longrepr, "reprcrash", None)
        msg = crash.message if crash is not None else str(report.longrepr)
        fields["error"] = (msg.strip().splitlines() or [""])[0][:300]
        fields["when"] = report.when
    if report.when == "teardown" and s.tests.get(report.nodeid, {}).get("outcome") == "failed":
        return
    s.record(report.nodeid, **fields)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    s = _summary(session.config)
    if s is None:
        return
    by_outcome = Counter(t.get("outcome", "not run") for t in s.tests.values())
    excluded = Counter(t["reason"] for t in s.tests.values() if t.get("outcome") == "excluded")
    exercised = sum(
        1
        for t in s.tests.values()
        if t.get("outcome") == "passed" and any(not k.startswith("passthrough") for k in t.get("roundtrips", {}))
    )
    out = {
        "target": s.target,
        "patched": s.info,
        "collected": s.collected,
        "outcomes": dict(by_outcome),
        "excluded_by_reason": dict(excluded.most_common()),
        "passed_calling_a_wrapped_function": exercised,
        "seconds": round(time.time() - s.start, 1),
        "tests": s.tests,
    }
    session.config._conformance_out = out  # type: ignore[attr-defined]
    path = session.config.getoption("--conformance-json", default=None)
    if path:
        Path(path).write_text(json.dumps(out, indent=1, sort_keys=True))


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    out = getattr(config, "_conformance_out", None)
    if out is None:
        return
    tr = terminalreporter
    tr.section(f"lazyport conformance: target {out['target']}")
    tr.line(f"patched {out['patched']['functions']} kornia functions ({out['patched']['attributes']} names)")
    tr.line(f"collected {out['collected']}; outcomes {out['outcomes']}")
    n = out["passed_calling_a_wrapped_function"]
    tr.line(f"passed, calling at least one wrapped kornia function (a round trip unless target torch): {n}")
    for reason, n in out["excluded_by_reason"].items():
        tr.line(f"  excluded {n:6d}  {reason}")


def _outcome(report: pytest.TestReport) -> tuple[str, str]:
    from .harness import EXCLUDED

    if report.skipped:
        if hasattr(report, "wasxfail"):
            return "xfail", str(report.wasxfail)
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        if reason.startswith(EXCLUDED):
            return "excluded", reason[len(EXCLUDED) :]
        return "skipped", reason
    if report.failed:
        return "failed", ""
    if hasattr(report, "wasxfail"):
        return "xpass", ""
    return "passed", ""
