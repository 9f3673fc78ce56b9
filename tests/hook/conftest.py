"""Fixtures for the import-hook tests: a tiny torch-based library on sys.path, and isolation.

Every test runs inside ``isolated``: whatever it installs is uninstalled, ``builtins.__import__`` and
``sys.meta_path`` are restored, and the ``lazyport.<target>.*`` modules it imported are dropped from
``sys.modules`` in ``finally``.
"""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

FAKELIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fakelib")
FAKE_NAMES = ("torchy_lib", "not_torchy", "lazy_torchy", "deep_torchy", "mentions_torch")


def _is_fake(name: str) -> bool:
    return any(name == n or name.startswith(n + ".") for n in FAKE_NAMES)


@pytest.fixture(scope="session")
def torchy() -> Iterator[Any]:
    """The real ``torchy_lib`` module (imported from tests/hook/fakelib)."""
    sys.path.insert(0, FAKELIB)
    try:
        import torchy_lib

        yield torchy_lib
    finally:
        sys.path.remove(FAKELIB)
        for name in [n for n in sys.modules if _is_fake(n) or _is_fake(n.split(".", 2)[-1])]:
            del sys.modules[name]
        from lazyport.hook import proxy

        for key in [k for k in proxy._modules if _is_fake(k[1])]:
            del proxy._modules[key]


@pytest.fixture(autouse=True)
def isolated() -> Iterator[None]:
    from lazyport.hook import activate

    saved_import = builtins.__import__
    saved_meta_path = list(sys.meta_path)
    saved_modules = set(sys.modules)
    try:
        yield
    finally:
        activate.uninstall()
        builtins.__import__ = saved_import
        activate._wrapper_installed = False if saved_import is not activate._lazyport_import else True
        sys.meta_path[:] = saved_meta_path
        for name in set(sys.modules) - saved_modules:
            if name.startswith(("lazyport.jax.", "lazyport.tensorflow.", "lazyport.numpy.", "lazyport.auto.")):
                del sys.modules[name]
