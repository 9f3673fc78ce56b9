"""Does a library use torch? Judged from its code as well: a library may import torch only inside its
functions (``def f(x): import torch``), so neither its import-time globals nor (when it declares torch
as an optional extra, or has no distribution metadata) its requirements show it.

:func:`imports_torch` is the pure predicate, over one file's source text; :func:`library_imports_torch`
reads the library's own ``.py`` files (bounded in count and size: this runs only before refusing a
library) and asks it of each.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from typing import Any

MAX_FILES = 400  # files of one library read at most
MAX_FILE_BYTES = 1_000_000  # larger files (generated tables) are skipped
_TORCH = "torch"
_LOOSE = re.compile(r"^[ \t]*(?:import[ \t]+torch\b|from[ \t]+torch\b[\w.]*[ \t]+import\b)", re.MULTILINE)
_IMPORTERS = frozenset({"import_module", "__import__"})


def _is_torch(name: str | None) -> bool:
    return name is not None and (name == _TORCH or name.startswith(_TORCH + "."))


def imports_torch(source: str) -> bool:
    """True if the Python ``source`` imports torch or a torch submodule anywhere (at the top, inside a
    function or a ``try``), including ``importlib.import_module("torch")`` / ``__import__("torch")``.

    Mentions in strings, comments and names such as ``torchvision`` or ``torch_utils`` do not count.
    Source that does not parse (written for another Python version) is matched line by line instead.

    >>> imports_torch("def f():\\n    from torch.nn import functional as F")
    True
    >>> imports_torch("import torchvision  # uses torch")
    False
    """
    if _TORCH not in source:
        return False
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return _LOOSE.search(source) is not None
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            if any(_is_torch(alias.name) for alias in node.names):
                return True
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and _is_torch(node.module):
                return True
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            arg = node.args[0]
            if (
                name in _IMPORTERS
                and isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
                and _is_torch(arg.value)
            ):
                return True
    return False


def library_files(module: Any, max_files: int = MAX_FILES) -> Iterator[str]:
    """Paths of the ``.py`` files of the (root) ``module``: its own file, then its package directories
    breadth-first (top-level files before those of subpackages), at most ``max_files``."""
    count = 0
    own = getattr(module, "__file__", None)
    if own and own.endswith(".py"):
        count += 1
        yield own
    dirs = [d for d in list(getattr(module, "__path__", None) or []) if isinstance(d, str)]
    while dirs and count < max_files:
        directory = dirs.pop(0)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith((".", "__pycache__")):
                continue
            if entry.is_dir(follow_symlinks=False):
                if os.path.isfile(os.path.join(entry.path, "__init__.py")):
                    dirs.append(entry.path)
            elif entry.name.endswith(".py") and entry.path != own:
                count += 1
                yield entry.path
                if count >= max_files:
                    return


def library_imports_torch(module: Any) -> bool:
    """Does any of the library ``module``'s own source files import torch (see :func:`imports_torch`)?"""
    for path in library_files(module):
        try:
            if os.path.getsize(path) > MAX_FILE_BYTES:
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                source = f.read()
        except OSError:
            continue
        if imports_torch(source):
            return True
    return False
