"""Lowerings, the helpers they use and a stand-in for the backend object ``b`` written out as standalone
source, for the nodes a generated module calls as ``aten.*`` (:meth:`~lazyport.codegen.CodeGen.module`,
``Graph.save()``): the copies are the engine's own code read with :mod:`ast`, renamed where names clash,
with annotations dropped.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import sys
import textwrap
import types
from typing import Any

from ..backends.registry import find
from .record import _OPS_PREFIX


class SaveError(Exception):
    """A lowering cannot be written out as standalone code."""


# ----------------------------------------------------------------------------- standalone copies of lowerings

_BACKEND_KEEP = {
    "__init__",
    "x64",
    "dtype_by_name",
    "dtype_name",
    "_dtype_name",
    "is_floating",
    "is_complex",
    "is_integer",
    "at_least_float32",
    "is_array",
    "is_traced",
    "asarray",
    "to_numpy",
    "astype",
    "ensure",
    "rng_fold",
    "rng_uniform",
    "rng_normal",
    "rng_integers",
    "from_numpy",
}
_ALLOWED_MODULES = (
    "numpy",
    "jax",
    "jaxlib",
    "tensorflow",
    "math",
    "itertools",
    "functools",
    "operator",
    "builtins",
    "ml_dtypes",
    "cmath",
    "threading",
    "collections",
    "typing",
    "contextlib",
)
_CANONICAL_IMPORTS = {
    "jax.numpy": ("jnp", "import jax.numpy as jnp"),
    "tensorflow.experimental.numpy": ("tnp", "import tensorflow.experimental.numpy as tnp"),
}


def _module_ast(modname: str) -> ast.Module:
    return ast.parse(inspect.getsource(sys.modules[modname]))


class _Emitter:
    """Writes lowerings, the helpers they use and a backend stand-in as standalone source."""

    def __init__(self, target: str):
        self.target = target
        self.imports: set[str] = set()
        self.names: dict[tuple[str, str], str] = {}  # (module, name) -> emitted name
        self.taken: dict[str, tuple[str, str]] = {}
        self.chunks: list[str] = []
        self.done: set[tuple[str, str]] = set()
        self.find_table: dict[str, str] = {}
        self.backend_class_name = ""
        self._asts: dict[str, ast.Module] = {}
        self._reserved = set(dir(builtins)) | set(
            "b aten jnp jax np tf tnp math find base64 _array ml_dtypes rng".split()
        )

    # ----- naming
    def emitted_name(self, modname: str, name: str) -> str:
        key = (modname, name)
        if key in self.names:
            return self.names[key]
        want = name
        if want in self._reserved or (want in self.taken and self.taken[want] != key):
            want = f"{name}__{modname.rpartition('.')[2]}"
        base, n = want, 1
        while want in self.taken and self.taken[want] != key:
            n += 1
            want = f"{base}{n}"
        self.names[key] = want
        self.taken[want] = key
        return want

    def _source_ast(self, modname: str) -> ast.Module:
        if modname not in self._asts:
            self._asts[modname] = _module_ast(modname)
        return self._asts[modname]

    # ----- lowerings
    def lowerings(self, fallbacks: dict[str, Any]) -> str:
        entries = []
        for key, fn in sorted(fallbacks.items()):
            name = self.function(fn)
            entries.append(f"    {key} = staticmethod({name})")
        chunks = list(self.chunks)
        if self.find_table:
            table = ", ".join(f"{op!r}: {n}" for op, n in sorted(self.find_table.items()))
            chunks.append(f"_FIND = {{{table}}}\n\n\ndef find(op, target):\n    return _FIND[op]")
        chunks.append('class aten:\n    """The ATen ops this graph calls as lowerings."""\n\n' + "\n".join(entries))
        return "\n\n\n".join(chunks)

    def function(self, fn: Any) -> str:
        modname = fn.__module__
        key = (modname, fn.__name__)
        name = self.emitted_name(modname, fn.__name__)
        if key in self.done:
            return name
        self.done.add(key)
        widens = getattr(fn, "widens", None)  # registered with at_least_float32 (backends.registry)
        if widens is not None:
            inner = self.function(widens)
            self.chunks.append(
                f"def {name}(b, *args, **kwargs):\n"
                f"    args = [b.at_least_float32(a) if hasattr(a, 'dtype') else a for a in args]\n"
                f"    return {inner}(b, *args, **kwargs)"
            )
            return name
        # (a lowering made from a table row carries its source: backends.registry.from_source)
        tree = ast.parse(getattr(fn, "source", None) or textwrap.dedent(inspect.getsource(fn)))
        fdef = tree.body[0]
        if not isinstance(fdef, ast.FunctionDef):
            raise SaveError(f"the source of the lowering {fn.__name__} is not a def")
        fdef.decorator_list = []
        _strip_annotations(fdef)
        refs = _global_refs(fdef)
        self._finds(fdef)
        rename = {fn.__name__: name}
        for ref in sorted(refs):
            new = self.dependency(fn.__globals__, modname, ref, fn.__name__)
            if new is not None:
                rename[ref] = new
        fdef.name = name
        _Renamer(rename).visit(fdef)
        _strip_annotations(fdef)
        self.chunks.append(ast.unparse(fdef))
        return name

    def _finds(self, fdef: ast.AST) -> None:
        """``find("aten.x.y", b.name)`` inside a lowering: include that op's lowering too."""
        for node in ast.walk(fdef):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "find"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                op = node.args[0].value
                if op not in self.find_table:
                    self.find_table[op] = ""
                    fn = find(op, self.target)
                    if fn is None:
                        raise SaveError(f"{op} has no lowering for {self.target}")
                    self.find_table[op] = self.function(fn)

    def dependency(self, g: dict[str, Any], modname: str, ref: str, user: str) -> str | None:
        if ref not in g:
            if hasattr(builtins, ref):
                return None
            raise SaveError(f"{user} uses {ref}, which is not defined")
        value = g[ref]
        if isinstance(value, types.ModuleType):
            self.module_import(value, ref)
            return None
        if (
            isinstance(value, types.FunctionType)
            and (value.__module__ or "").startswith(_OPS_PREFIX)
            and "<locals>" not in value.__qualname__
        ):  # (a closure made at import: its assignment, below)
            if value.__name__ == "find" and value.__module__.endswith("registry"):
                return None  # the emitted find() below
            return self.function(value)
        if isinstance(value, type) and issubclass(value, Exception) and value.__module__.startswith("lazyport"):
            name = self.emitted_name(value.__module__, value.__name__)
            if (value.__module__, value.__name__) not in self.done:
                self.done.add((value.__module__, value.__name__))
                base = next(c for c in value.__mro__[1:] if not c.__module__.startswith("lazyport"))
                self.chunks.append(f"class {name}({base.__name__}):\n    pass")
            return name
        if callable(value) and not isinstance(value, type) and getattr(value, "__module__", None):
            root = value.__module__.partition(".")[0]
            if root in _ALLOWED_MODULES and value.__module__ != "builtins":
                alias = ref
                self.imports.add(
                    f"from {value.__module__} import {value.__name__}"
                    + ("" if alias == value.__name__ else f" as {alias}")
                )
                return None
        # a module-level assignment of the lowering's module: copy the statement
        stmt = self._assignment(modname, ref)
        if stmt is not None and stmt.value is not None:  # (_assignment returns only assignments of a value)
            name = self.emitted_name(modname, ref)
            if (modname, ref) not in self.done:
                self.done.add((modname, ref))
                rename = {ref: name}
                for sub in sorted(_names_loaded(stmt.value)):
                    new = self.dependency(g, modname, sub, ref)
                    if new is not None:
                        rename[sub] = new
                stmt = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=stmt.value, lineno=0)
                _Renamer(rename).visit(stmt.value)
                self.chunks.append(ast.unparse(stmt))
            return name
        raise SaveError(f"{user} uses {ref} ({type(value).__name__}), which cannot be written out standalone")

    def _assignment(self, modname: str, ref: str) -> ast.Assign | ast.AnnAssign | None:
        try:
            tree = self._source_ast(modname)
        except (OSError, TypeError, KeyError):
            return None
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == ref for t in stmt.targets):
                if len(stmt.targets) == 1:
                    return stmt
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and stmt.target.id == ref
                and stmt.value is not None
            ):
                return stmt
        return None

    def module_import(self, mod: types.ModuleType, alias: str) -> None:
        root = mod.__name__.partition(".")[0]
        if root not in _ALLOWED_MODULES:
            raise SaveError(f"a lowering uses the module {mod.__name__}")
        canon = _CANONICAL_IMPORTS.get(mod.__name__)
        if canon is not None and canon[0] == alias:
            self.imports.add(canon[1])
        elif alias == mod.__name__:
            self.imports.add(f"import {alias}")
        else:
            self.imports.add(f"import {mod.__name__} as {alias}")

    # ----- the backend stand-in
    def backend_classes(self) -> str:
        from ..backends import get_backend

        cls = type(get_backend(self.target))
        chain = [c for c in cls.__mro__ if c is not object]
        out = []
        for c in reversed(chain):
            tree = ast.parse(textwrap.dedent(inspect.getsource(c)))
            cdef = tree.body[0]
            if not isinstance(cdef, ast.ClassDef):
                raise SaveError(f"the source of the backend class {c.__name__} is not a class")
            body: list[ast.stmt] = []
            g = sys.modules[c.__module__].__dict__
            rename: dict[str, str] = {}
            for stmt in cdef.body:
                if isinstance(stmt, ast.FunctionDef):
                    if stmt.name not in _BACKEND_KEEP:
                        continue
                    _strip_annotations(stmt)
                    for ref in _global_refs(stmt):
                        new = self.dependency(g, c.__module__, ref, f"{c.__name__}.{stmt.name}")
                        if new is not None:
                            rename[ref] = new
                    _strip_annotations(stmt)
                    body.append(stmt)
                elif isinstance(stmt, ast.Assign | ast.AnnAssign | ast.Expr):
                    if isinstance(stmt, ast.Assign | ast.AnnAssign):
                        for ref in _names_loaded(stmt.value) if stmt.value is not None else ():
                            new = self.dependency(g, c.__module__, ref, c.__name__)
                            if new is not None:
                                rename[ref] = new
                    if isinstance(stmt, ast.AnnAssign):
                        if stmt.value is None:
                            continue
                        stmt = ast.Assign(targets=[stmt.target], value=stmt.value, lineno=0)
                    body.append(stmt)
            for base in cdef.bases:
                for ref in _names_loaded(base):
                    rename.setdefault(ref, ref)
            cdef.body = body or [ast.Pass()]
            cdef.decorator_list = []
            _Renamer(rename).visit(cdef)
            out.append(ast.unparse(cdef))
        self.backend_class_name = cls.__name__
        return "\n\n\n".join(self.chunks_before_backend() + out)

    def chunks_before_backend(self) -> list[str]:
        chunks, self.chunks = self.chunks, []
        return chunks


def _global_refs(fdef: ast.AST) -> set[str]:
    """Names a function reads that it does not bind itself (its globals and builtins)."""
    bound: set[str] = set()
    loads: set[str] = set()
    for node in ast.walk(fdef):
        if isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for a in node.names:
                bound.add((a.asname or a.name).partition(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node is not fdef:
            bound.add(node.name)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return loads - bound


def _names_loaded(node: ast.AST) -> set[str]:
    """The free names an expression reads (a comprehension's own variables are not free)."""
    names = [n for n in ast.walk(node) if isinstance(n, ast.Name)]
    return {n.id for n in names if isinstance(n.ctx, ast.Load)} - {n.id for n in names if isinstance(n.ctx, ast.Store)}


class _NoAnnotations(ast.NodeTransformer):
    """Annotations are not needed to run and may name things a standalone module lacks (``Any``)."""

    def visit_arg(self, node: ast.arg) -> ast.arg:
        node.annotation = None
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        node.returns = None
        self.generic_visit(node)
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if node.value is None:
            return ast.Pass()
        return ast.copy_location(ast.Assign(targets=[node.target], value=node.value), node)


def _strip_annotations(fdef: ast.AST) -> None:
    _NoAnnotations().visit(fdef)
    ast.fix_missing_locations(fdef)


class _Renamer(ast.NodeTransformer):
    def __init__(self, mapping: dict[str, str]):
        self.mapping = mapping

    def visit_Name(self, node: ast.Name) -> ast.Name:
        if node.id in self.mapping:
            node.id = self.mapping[node.id]
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        if node.name in self.mapping:
            node.name = self.mapping[node.name]
        self.generic_visit(node)
        return node
