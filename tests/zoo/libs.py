"""Importing the model libraries of the zoo: offline, and with torchvision's/torchaudio's C++ parts absent.

The registry's torchvision and torchaudio wheels are CUDA builds; their C++ extensions do not load
beside the CPU build of torch that development and CI pin. Their pure-Python parts (models,
``transforms.v2.functional``, torchaudio's transforms and filters) do not need them, but importing the
packages fails:

* torchvision registers a fake kernel for ``torchvision::nms``/``qnms`` unconditionally, and those
  operators exist only when ``_C.so`` loaded. :func:`import_torchvision` defines their two schemas
  (a ``torch.library`` fragment kept alive here; calling ``nms`` then raises that no kernel exists,
  as without the extension it must) and imports again.
* torchaudio's ``_load_lib`` raises when ``_torchaudio.so`` exists but cannot load.
  :func:`import_torchaudio` lets that one loader report "not available" (``False``), which makes
  torchaudio take its Python fallbacks (``lfilter``'s generic loop), and imports again.

Nothing here changes what torch computes. :func:`require` gives a library or, outside CI, skips with
the reason; in CI (``CI`` set, where ``pip install -e .[test]`` installs the zoo extra) a missing
library is an error, so the zoo cannot pass by skipping.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import types
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # models are built from configs: never reach the hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

_lock = threading.Lock()
_keep: list[Any] = []  # torch.library fragments must outlive the import


def _forget(root: str) -> None:
    for name in [n for n in sys.modules if n == root or n.startswith(root + ".")]:
        del sys.modules[name]


def import_torchvision() -> types.ModuleType:
    """``torchvision``, imported even when its C++ extension does not load (see the module docstring)."""
    with _lock:
        try:
            return importlib.import_module("torchvision")
        except RuntimeError as e:
            if "torchvision::" not in str(e):
                raise
        import torch

        lib = torch.library.Library("torchvision", "FRAGMENT")
        for op in ("nms", "qnms"):
            if not hasattr(torch.ops.torchvision, op):
                lib.define(f"{op}(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
        _keep.append(lib)
        _forget("torchvision")
        return importlib.import_module("torchvision")


def import_torchaudio() -> types.ModuleType:
    """``torchaudio``, imported even when its C++ extension does not load (see the module docstring)."""
    with _lock:
        try:
            return importlib.import_module("torchaudio")
        except OSError:
            utils = sys.modules.get("torchaudio._extension.utils")
            if utils is None:
                raise
        load = utils._load_lib

        def load_or_report_missing(lib: str) -> bool:
            try:
                return load(lib)
            except OSError:
                return False

        utils._load_lib = load_or_report_missing
        _forget("torchaudio")
        sys.modules["torchaudio._extension.utils"] = utils  # the patched loader is the one used again
        return importlib.import_module("torchaudio")


_IMPORTERS = {"torchvision": import_torchvision, "torchaudio": import_torchaudio}


def load(name: str) -> types.ModuleType:
    """Import ``name`` (a zoo library or one of its modules), tolerating the extensions as above."""
    root = name.partition(".")[0]
    if root in ("timm", "transformers"):  # timm imports torchvision; transformers both, when installed
        for importer in _IMPORTERS.values():
            try:
                importer()
            except ImportError:
                pass
    importer = _IMPORTERS.get(root)
    if importer is not None:
        importer()
    return importlib.import_module(name)


def require(name: str) -> types.ModuleType:
    """``load(name)``; when it is not installed: an error in CI, a skip saying why elsewhere."""
    import pytest

    try:
        return load(name)
    except ImportError as e:
        if os.environ.get("CI"):
            raise ImportError(
                f"{name} is needed by tests/zoo and CI installs it (the zoo extra, part of .[test]): {e}"
            ) from e
        pytest.skip(f"{name} is not installed (pip install -c constraints-cpu.txt -e '.[zoo]'): {e}")
