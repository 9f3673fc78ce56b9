"""Libraries that import torch only inside their functions (or in a submodule imported later) are
torch-based libraries for ``lazyport.<target>.<library>``: detected from their source files. The
predicate over source text is pure and tested as such."""

from __future__ import annotations

import importlib
import os
from typing import Any

import numpy as np
import pytest
import torch

import lazyport
from lazyport.hook.finder import NotTorchLibraryError
from lazyport.hook.torchuse import imports_torch, library_files, library_imports_torch

from ..util import Target, assert_close
from .conftest import FAKELIB


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import torch\n", True),
        ("import numpy as np, torch.nn as nn\n", True),
        ("from torch import nn\n", True),
        ("from torch.nn.functional import relu\n", True),
        ("def f(x):\n    import torch\n    return torch.sin(x)\n", True),
        (
            "class A:\n    def m(self):\n        try:\n            from torch import fft\n        except ImportError:\n"
            "            pass\n",
            True,
        ),
        ("import importlib\ndef f():\n    return importlib.import_module('torch.nn')\n", True),
        ("def f():\n    return __import__('torch')\n", True),
        ("", False),
        ("import numpy as np\n", False),
        ('"""Example:\n\n    import torch\n"""\n', False),  # a docstring
        ("# import torch\nx = 1\n", False),  # a comment
        ("s = 'from torch import nn'\n", False),  # a string
        ("import torchvision\nimport torch_geometric\n", False),  # other packages
        ("from .torch import helpers\nfrom . import torch\n", False),  # the library's own module named torch
        ("torch = None\ntorch.sin\n", False),  # a name, not an import
        ("def f(:\n    import torch\n", True),  # does not parse: line by line
        ("def f(:\n    torch = 1\n", False),
    ],
)
def test_imports_torch_predicate(source: str, expected: bool) -> None:
    assert imports_torch(source) is expected


def test_library_files_breadth_first_and_bounded(torchy: Any) -> None:
    import deep_torchy

    files = [os.path.relpath(p, FAKELIB) for p in library_files(deep_torchy)]
    assert files == [
        os.path.join("deep_torchy", "__init__.py"),
        os.path.join("deep_torchy", "impl", "__init__.py"),
        os.path.join("deep_torchy", "impl", "core.py"),
    ]
    assert len(list(library_files(deep_torchy, max_files=2))) == 2
    import mentions_torch

    assert [os.path.basename(p) for p in library_files(mentions_torch)] == ["mentions_torch.py"]
    assert library_imports_torch(deep_torchy) and not library_imports_torch(mentions_torch)


@pytest.mark.parametrize("target", ["jax", "tensorflow", "numpy"])
def test_library_importing_torch_inside_functions(torchy: Any, target: str) -> None:
    import lazy_torchy

    lib = importlib.import_module(f"lazyport.{target}.lazy_torchy")
    assert not any(v is torch for v in vars(lazy_torchy).values())  # nothing at import time says torch
    t = Target(target)
    x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)
    assert_close(lib.double(t.array(x)), lazy_torchy.double(torch.from_numpy(x)))
    assert_close(lib.smooth(t.array(x)), lazy_torchy.smooth(torch.from_numpy(x)))


def test_library_importing_torch_in_a_later_submodule(torchy: Any) -> None:
    import sys

    import deep_torchy

    assert "deep_torchy.impl.core" not in sys.modules
    lib = lazyport.transpile(deep_torchy, source="torch", target="numpy")
    x = np.linspace(-2, 2, 6, dtype=np.float32)
    assert_close(lib.scale(x, 2.0), deep_torchy.scale(torch.from_numpy(x), 2.0))


def test_library_only_mentioning_torch_is_refused(torchy: Any) -> None:
    with pytest.raises(NotTorchLibraryError, match="'mentions_torch' does not use torch"):
        importlib.import_module("lazyport.jax.mentions_torch")
