"""lazyport's modules import each other in one direction: no import cycle, counting imports inside functions.

The graph is read from the source with :mod:`ast`, not from ``sys.modules``, so an import that only runs
on some path (inside a function, a branch) counts as much as one at the top of a file.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lazyport"


def module_files(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package under ``root`` by dotted name (a package by its ``__init__``'s name)."""
    mods = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        mods[".".join(parts)] = path
    return mods


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def imports_of(name: str, path: Path, mods: dict[str, Path]) -> set[str]:
    """The package's modules that the module ``name`` imports anywhere in its source.

    ``from X import a`` is an edge to ``X.a`` when that is a module, else to ``X``; importing ``a.b.c`` also
    runs the packages ``a.b`` and ``a`` (edges to their ``__init__``), except those that contain the
    importing module itself, which are imported before it anyway."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    own = set(_ancestors(name)) | {package}
    explicit: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            explicit.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                if sub in mods:
                    explicit.add(sub)
                else:
                    explicit.add(source)  # a name read from the module ``source``
    edges = set()
    for target in explicit:
        while target and target not in mods:  # ``import lazyport.x.y`` of a module that is no file: its package
            target = target.rpartition(".")[0]
        if not target:
            continue
        edges.add(target)
        edges.update(a for a in _ancestors(target) if a not in own)
    edges.discard(name)
    return edges


def import_graph(root: Path = PACKAGE) -> nx.DiGraph:
    """The import graph of the package under ``root``: an edge ``a -> b`` when module ``a`` imports ``b``."""
    mods = module_files(root)
    graph = nx.DiGraph()
    graph.add_nodes_from(mods)
    for name, path in mods.items():
        graph.add_edges_from((name, target) for target in imports_of(name, path, mods))
    return graph


def describe_cycles(graph: nx.DiGraph) -> str:
    """Each group of modules that import each other around, with one cycle through it and its edges."""
    lines = []
    for comp in sorted((sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1), key=len):
        sub = graph.subgraph(comp)
        cycle = [a for a, _ in nx.find_cycle(sub, comp[0])]
        lines.append(f"{len(comp)} modules import each other: {' -> '.join(cycle + cycle[:1])}")
        lines.extend(f"    {a} -> {', '.join(sorted(sub.successors(a)))}" for a in comp)
    return "\n".join(lines)


def test_no_import_cycle():
    graph = import_graph()
    cycles = describe_cycles(graph)
    if cycles:
        pytest.fail(f"import cycles among lazyport's modules:\n{cycles}", pytrace=False)


def test_graph_sees_imports_in_functions_and_relative_ones():
    """The graph the cycle test checks is read right: edges it must have, from imports of each kind."""
    graph = import_graph()
    assert graph.has_edge("lazyport.engine", "lazyport.lower")  # ``from .lower import Program`` in a method
    assert graph.has_edge("lazyport.nn.state", "lazyport.backends.base")  # ``from ..backends.base import``
    assert graph.has_edge("lazyport.nn.state", "lazyport.backends")  # the package it runs first
    assert graph.has_edge("lazyport.engine", "lazyport.trees")  # ``from . import trees``
    assert graph.has_edge("lazyport", "lazyport.errors")
    assert not graph.has_edge("lazyport.nn.state", "lazyport.nn")  # its own package: imported before it


def test_cycle_is_found_and_printed(tmp_path):
    """A two-module cycle through an import inside a function, in a throwaway package, is reported."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from .. import a\n    return a\n")
    text = describe_cycles(import_graph(pkg))
    assert "2 modules import each other" in text
    assert "pkg.a -> pkg.sub.b -> pkg.a" in text or "pkg.sub.b -> pkg.a -> pkg.sub.b" in text


MAX_LINES = 800  # a module a newcomer can read through; the op tables (one function per ATen op) excepted


def test_modules_stay_small():
    long = {
        name: n
        for name, path in module_files().items()
        if ".backends.ops" not in name and (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines (split them along their jobs): {long}"
