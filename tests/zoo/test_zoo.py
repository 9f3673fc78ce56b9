"""The model zoo (:mod:`tests.zoo.cases`) on every target, eager and compiled, and gradients, against torch.

Each case × target × mode is one test; the failing ones are strict xfails in :mod:`tests.zoo.xfail`,
each naming the issue item that fixes it.
"""

from __future__ import annotations

import pytest

from lazyport.targets import TARGETS

from . import libs
from .cases import CASES, Case
from .harness import modes_for, run
from .xfail import XFAIL


def _params() -> list:
    out = []
    for case in CASES:
        for target in TARGETS:
            for mode in modes_for(case, target):
                reason = XFAIL.get((case.name, target, mode))
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                out.append(pytest.param(case, target, mode, marks=marks, id=f"{case.name}-{target}-{mode}"))
    return out


@pytest.mark.parametrize(("case", "target", "mode"), _params())
def test_zoo(case: Case, target: str, mode: str) -> None:
    libs.require(case.library)
    libs.require({"jax": "flax", "tensorflow": "keras", "numpy": "numpy"}[target])
    run(case, target, mode)


def test_xfail_table_names_real_cases() -> None:
    """Every xfail entry is a case, target and mode the suite runs (a stale entry would hide nothing)."""
    runs = {(c.name, t, m) for c in CASES for t in TARGETS for m in modes_for(c, t)}
    assert set(XFAIL) <= runs, sorted(set(XFAIL) - runs)
    assert all(reason.startswith("item ") for reason in XFAIL.values())


def test_coverage_of_the_issue() -> None:
    names = {c.name for c in CASES}
    for lib, models in {
        "timm": ["resnet", "mobilenetv3", "efficientnet", "convnext", "vit", "swin", "mobilevit", "regnet"],
        "transformers": ["bert", "gpt2", "t5", "vit", "whisper", "wav2vec2", "llama"],
        "torchvision": [
            "resnet18",
            "resize",
            "rotate",
            "affine",
            "perspective",
            "elastic",
            "gaussian_blur",
            "adjust_hue",
            "equalize",
            "adjust_sharpness",
        ],
        "torchaudio": ["spectrogram", "melspectrogram", "mfcc", "resample", "lfilter", "lowpass_biquad"],
    }.items():
        assert {f"{lib}.{m}" for m in models} <= names
    assert sum(c.grad for c in CASES) >= 8


def test_readme_table_is_the_xfail_table() -> None:
    import os

    from .report import table

    path = os.path.join(os.path.dirname(__file__), "..", "..", "README.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    block = text.split("<!-- zoo-table -->\n", 1)[1].split("\n<!-- /zoo-table -->", 1)[0]
    assert block == table(), "README's zoo table is stale: paste the output of python -m tests.zoo.report"
