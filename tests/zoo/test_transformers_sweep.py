"""transformers' own model mappings, swept: every text and vision ``AutoModel`` architecture, tiny, on every target.

The architectures, tiny configurations and the run are :mod:`tests.zoo.sweep`; what fails today is the
strict table :mod:`tests.zoo.sweep_xfail` (``XFAIL`` by model type, target and mode; ``NOT_BUILDABLE``
for the architectures whose own code fails on a tiny configuration or on the generic inputs).

By default only :data:`tests.zoo.sweep.SAMPLE` runs: 22 models (a model per family with its own
attention, cache or expert code), their default call on every target and mode, and ``use_cache=False``
where the default call is an xfail; 116 tests, 3 min 10 s in one process (``-n 0``) on this 2-core
machine shared with two other engineers' runs (load average 3-5), and 13 s more for the 119
not-buildable checks and the table checks. The whole sweep is ``-m slow`` (2071 tests)::

    .venv/bin/python -m pytest -n 1 -m slow tests/zoo/test_transformers_sweep.py
    LAZYPORT_SWEEP=all .venv/bin/python -m pytest -n 1 tests/zoo/test_transformers_sweep.py  # the same

and ``python -m tests.zoo.sweep`` prints the counts per target from the tables.
"""

from __future__ import annotations

import os
import re

import pytest

from lazyport.targets import TARGETS

from . import libs, sweep
from .sweep_xfail import NOT_BUILDABLE, XFAIL


def full_sweep(config: pytest.Config) -> bool:
    """``-m slow`` (or ``LAZYPORT_SWEEP=all``): every architecture; otherwise the sample."""
    markexpr = config.option.markexpr or ""
    return os.environ.get("LAZYPORT_SWEEP") == "all" or bool(re.search(r"(?<!not )\bslow\b", markexpr))


def sample_modes(a: sweep.Arch, target: str) -> list[str]:
    """The sample's modes: the default call; ``use_cache=False`` too where the default call is an xfail."""
    modes = sweep.modes_for(a, target)
    return [m for m in modes if not m.endswith("-nocache") or (a.model_type, target, m[: -len("-nocache")]) in XFAIL]


def _runs(model_types: list[str], full: bool) -> list:
    out = []
    for mt in model_types:
        if mt in NOT_BUILDABLE:
            continue
        a = sweep.arch(mt)
        for target in TARGETS:
            for mode in sweep.modes_for(a, target) if full else sample_modes(a, target):
                reason = XFAIL.get((mt, target, mode))
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                out.append(pytest.param(mt, target, mode, marks=marks, id=f"{mt}-{target}-{mode}"))
    return out


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.name == "test_sweep":
        libs.require("transformers")
        full = full_sweep(metafunc.config)
        types = [a.model_type for a in sweep.architectures()] if full else list(sweep.SAMPLE)
        marks = [pytest.mark.slow] if full else []
        metafunc.parametrize(
            ("model_type", "target", "mode"),
            [pytest.param(*p.values, marks=[*p.marks, *marks], id=p.id) for p in _runs(types, full)],
        )
    if metafunc.definition.name == "test_not_buildable":  # fast (most fail while being built): always all
        metafunc.parametrize("model_type", sorted(NOT_BUILDABLE))


def test_sweep(model_type: str, target: str, mode: str) -> None:
    libs.require({"jax": "flax", "tensorflow": "keras", "numpy": "numpy"}[target])
    sweep.run(model_type, target, mode)


def test_not_buildable(model_type: str) -> None:
    """Strict too: an architecture recorded as not buildable still is (else it must join the sweep)."""
    why = sweep.torch_check(model_type)
    assert why is not None, f"{model_type} builds and runs in torch now: remove it from NOT_BUILDABLE"


def test_sample_is_in_scope_and_buildable() -> None:
    libs.require("transformers")
    for mt in sweep.SAMPLE:
        assert sweep.classify(mt) in ("text", "vision"), mt
        assert mt not in NOT_BUILDABLE, mt


@pytest.mark.slow
def test_tables_name_real_runs() -> None:
    """Every xfail entry is a run the sweep makes, and every not-buildable entry an in-scope architecture."""
    libs.require("transformers")
    archs = {a.model_type: a for a in sweep.architectures()}
    runs = {
        (mt, t, m) for mt, a in archs.items() if mt not in NOT_BUILDABLE for t in TARGETS for m in sweep.modes_for(a, t)
    }
    assert set(XFAIL) <= runs, sorted(set(XFAIL) - runs)
    assert set(NOT_BUILDABLE) <= set(archs), sorted(set(NOT_BUILDABLE) - set(archs))
    assert all(XFAIL.values()) and all(NOT_BUILDABLE.values())
