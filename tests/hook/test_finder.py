"""The finder's "should I handle this name" predicate, tested as a pure function, and import lightness."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lazyport.hook.finder import TARGETS, Request, parse, should_handle


@pytest.mark.parametrize(
    "name, expected",
    [
        ("lazyport.jax.kornia", Request("jax", "kornia")),
        ("lazyport.tensorflow.kornia.color", Request("tensorflow", "kornia.color")),
        ("lazyport.numpy.torch.nn.functional", Request("numpy", "torch.nn.functional")),
        ("lazyport.jax", Request("jax", "")),
        ("lazyport.pytorch.kornia", Request("pytorch", "kornia")),
        ("lazyport", None),
        ("lazyport.", None),
        ("lazyportx.jax.kornia", None),
        ("kornia", None),
        ("jax.numpy", None),
        ("", None),
    ],
)
def test_parse(name: str, expected: Request | None) -> None:
    assert parse(name) == expected


@pytest.mark.parametrize(
    "name, handled",
    [
        ("lazyport.jax.kornia", True),
        ("lazyport.jax", True),
        ("lazyport.numpy.kornia.filters.gaussian", True),
        ("lazyport.tensorflow.torch", True),
        ("lazyport.pytorch.kornia", False),  # not a target: the finder raises a clear error instead
        ("lazyport.api", False),
        ("lazyport.engine", False),
        ("lazyport.hook.finder", False),
        ("kornia", False),
        ("numpy", False),
    ],
)
def test_should_handle(name: str, handled: bool) -> None:
    assert should_handle(name) is handled


def test_targets_match_the_backends() -> None:
    from lazyport.backends.registry import TARGETS as REGISTRY_TARGETS

    assert set(TARGETS) == set(REGISTRY_TARGETS)


def _fresh(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


HEAVY = "('torch', 'jax', 'tensorflow', 'kornia', 'numpy', 'wrapt')"


def test_predicate_and_finder_import_nothing() -> None:
    code = (
        "import sys\n"
        "from lazyport.hook.finder import should_handle, parse\n"
        "assert should_handle('lazyport.jax.kornia') and not should_handle('kornia')\n"
        f"print(','.join(m for m in {HEAVY} if m in sys.modules))\n"
    )
    assert _fresh(code) == ""


def test_finder_is_installed_last_and_cheap() -> None:
    code = (
        "import sys, lazyport\n"
        "from lazyport.hook.finder import LazyportFinder\n"
        "print(type(sys.meta_path[-1]).__name__, sum(isinstance(f, LazyportFinder) for f in sys.meta_path))\n"
        "import importlib; importlib.reload(lazyport)\n"
        "print(sum(isinstance(f, LazyportFinder) for f in sys.meta_path))\n"
        "import json, email.mime.text\n"  # ordinary imports never reach the finder's loader
        f"print(','.join(m for m in {HEAVY} if m in sys.modules) or '-')\n"
    )
    assert _fresh(code).split("\n") == ["LazyportFinder 1", "1", "-"]


def test_target_package_imports_no_framework() -> None:
    code = (
        "import sys, lazyport.jax, lazyport.tensorflow, lazyport.numpy\n"
        "print(lazyport.jax.__name__, hasattr(lazyport.jax, '__path__'), hasattr(lazyport.jax, 'no_such_library'))\n"
        f"print(','.join(m for m in {HEAVY} if m in sys.modules) or '-')\n"
    )
    assert _fresh(code).split("\n") == ["lazyport.jax True False", "-"]
