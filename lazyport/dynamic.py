"""Explicit dynamic dims: ``transpile(..., dynamic_shapes=...)`` and ``trace_graph(..., dynamic_shapes=...)``.

The spec follows ``torch.export``: one entry per positional argument (a sequence, or a dict keyed by
parameter name), each ``None`` (static) or ``{dim_index: "name"}``; equal names mean equal sizes. The
first call (or ``args=``) fixes a *template*: every array argument's rank and static sizes, and which dims
are which names. A call is checked against it (:meth:`DynamicShapes.key`): dims named alike must agree,
static dims must keep their size, and its key replaces the dynamic sizes by their names, so every size
shares one translation, captured with symbolic sizes (:mod:`lazyport.capture.symbolic`). A call with a
size of 0 or 1 on a dynamic dim keeps its concrete sizes in the key: torch assumes a dynamic size is at
least 2 (a size of 1 may broadcast or squeeze differently), so such a call gets a static translation of
its own. The conditions the traced code assumed (``h < 16``) are checked once per size combination.

Imports no framework; torch is imported by the capture only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import optree

from .errors import DynamicShapesError, ShapeRelationError
from .signature import positional_params

_log = logging.getLogger("lazyport.engine")


@dataclass
class Template:
    """What the first call fixed: per array input, its label, rank, static sizes and dynamic dims."""

    labels: list[str]
    ranks: list[int]
    static: list[dict[int, int]]  # array index -> {dim: size}
    named: list[dict[int, str]]  # array index -> {dim: name}
    hints: dict[str, int]  # name -> the size it had at the first call


@dataclass
class DynamicShapes:
    """A function's ``dynamic_shapes``, bound to its positional parameters at the first call."""

    spec: Any
    params: list[str]
    entries: dict[int, dict[int, str]]  # positional index -> {dim: name} (negative dims resolved at binding)
    template: Template | None = None
    _layouts: dict[Any, list[tuple[int, dict[int, str]]]] = field(default_factory=dict)  # treedef -> bindings
    _checked: dict[Any, None] = field(default_factory=dict)  # size combinations whose conditions hold

    @classmethod
    def parse(cls, spec: Any, fn: Callable[..., Any]) -> DynamicShapes:
        """Validate ``spec`` (torch.export's convention) against ``fn``'s positional parameters."""
        params = positional_params(fn)
        if isinstance(spec, dict) and all(isinstance(k, str) for k in spec):
            unknown = [k for k in spec if k not in params]
            if unknown:
                raise DynamicShapesError(
                    f"dynamic_shapes names {unknown}, which are not positional parameters of "
                    f"{getattr(fn, '__qualname__', fn)} ({', '.join(params)})"
                )
            items = [(params.index(k), v) for k, v in spec.items()]
        elif isinstance(spec, list | tuple):
            items = list(enumerate(spec))
        else:
            raise DynamicShapesError(
                "dynamic_shapes takes one entry per positional argument, as torch.export does: a tuple such as "
                "({0: 'batch'}, None), or a dict keyed by parameter name; each entry None (static) or "
                f"{{dim_index: 'name'}}; got {spec!r}"
            )
        entries: dict[int, dict[int, str]] = {}
        for i, entry in items:
            if entry is None:
                continue
            if not isinstance(entry, dict):
                raise DynamicShapesError(
                    f"dynamic_shapes entry {i} ({_param(params, i)}) is {entry!r}: each entry is None (all dims "
                    "static) or a dict {dim_index: 'name'}; torch.export.Dim objects are not taken, name the dim "
                    "with a string instead"
                )
            dims: dict[int, str] = {}
            for d, name in entry.items():
                if type(d) is not int:
                    raise DynamicShapesError(f"dynamic_shapes entry {i} ({_param(params, i)}): dim {d!r} is not an int")
                if not isinstance(name, str) or not name.isidentifier():
                    raise DynamicShapesError(
                        f"dynamic_shapes entry {i} ({_param(params, i)}): dim {d} is named {name!r}; names are "
                        "identifier strings such as 'batch' (equal names mean equal sizes)"
                    )
                dims[d] = name
            if dims:
                entries[i] = dims
        if not entries:
            raise DynamicShapesError("dynamic_shapes names no dim: leave it out for static shapes")
        return cls(spec, params, entries)

    # ----- per call
    def _bindings(self, parts: Sequence[Any], treedef: Any) -> list[tuple[int, dict[int, str]]]:
        """(array index, {dim: name}) of the arguments that name dims, for this call structure."""
        found = self._layouts.get(treedef)
        if found is not None:
            return found
        array_index, n = {}, 0
        for leaf_i, part in enumerate(parts):
            if isinstance(part[0], tuple):
                array_index[leaf_i] = n
                n += 1
        try:
            args: Any
            args, _ = optree.tree_unflatten(treedef, list(range(len(parts))))
        except Exception as exc:  # (a structure optree cannot rebuild: no positional arguments to bind)
            raise DynamicShapesError("dynamic_shapes needs the call's positional arguments") from exc
        found = []
        for i, dims in sorted(self.entries.items()):
            if i >= len(args):
                raise DynamicShapesError(
                    f"dynamic_shapes names dims of positional argument {i} ({_param(self.params, i)}), but the call "
                    f"passes {len(args)} positional argument(s); pass it positionally"
                )
            leaf = args[i]
            if type(leaf) is not int or leaf not in array_index:
                raise DynamicShapesError(
                    f"dynamic_shapes names dims of argument {_param(self.params, i)}, which is not an array (a "
                    "container or a Python value): entries name dims of array arguments only"
                )
            rank = len(parts[leaf][0])
            resolved = {}
            for d, name in dims.items():
                if not -rank <= d < rank:
                    raise DynamicShapesError(
                        f"dynamic_shapes: argument {_param(self.params, i)} has {rank} dims, so it has no dim {d}"
                    )
                resolved[d % rank] = name
            found.append((array_index[leaf], resolved))
        self._layouts[treedef] = found
        return found

    def key(self, parts: list[Any], treedef: Any, labels: Callable[[], list[str]]) -> list[Any]:
        """The signature parts of a call: dynamic sizes replaced by their names (one translation for every
        size), after checking the call against the template; raises ShapeRelationError naming the argument,
        the dim and the relation it breaks. ``labels`` gives the array inputs' names (first call only)."""
        bindings = self._bindings(parts[1:], treedef)
        arrays = [i for i, p in enumerate(parts) if i and isinstance(p[0], tuple)]  # parts index per array
        t = self.template
        if t is None:
            t = self.template = self._make_template(parts, arrays, bindings, labels())
        if len(arrays) != len(t.ranks):
            raise ShapeRelationError(
                f"the translation with dynamic_shapes takes {len(t.ranks)} array argument(s) "
                f"({', '.join(t.labels)}), this call {len(arrays)}"
            )
        sizes: dict[str, Any] = {}
        seen: dict[str, str] = {}
        small = False
        for j, pi in enumerate(arrays):
            shape, dtype = parts[pi]
            if len(shape) != t.ranks[j]:
                raise ShapeRelationError(
                    f"argument {t.labels[j]} has {len(shape)} dims; the translation with "
                    f"dynamic_shapes was made for {t.ranks[j]} (shape {self._describe(j)})"
                )
            for d, want in t.static[j].items():
                if shape[d] != want:
                    given = f"gives size {shape[d]}" if shape[d] is not None else "leaves it unknown (None)"
                    raise ShapeRelationError(
                        f"argument {t.labels[j]} dim {d} is static (size {want}, shape {self._describe(j)}), but this "
                        f"call {given}; name it in dynamic_shapes to make it dynamic"
                    )
            for d, name in t.named[j].items():
                size = shape[d]
                if type(size) is not int:  # a dim unknown while tracing (tf.function None, jax.export)
                    continue
                if name in sizes and sizes[name] != size:
                    raise ShapeRelationError(
                        f"argument {t.labels[j]} dim {d} and {seen[name]} are both {name!r} in dynamic_shapes, so "
                        f"their sizes must be equal; this call gives {size} and {sizes[name]}"
                    )
                sizes[name] = size
                seen[name] = f"{t.labels[j]} dim {d}"
                small = small or size < 2
        if small:  # torch's capture assumes dynamic sizes >= 2: this call gets a static translation
            return parts
        out = list(parts)
        for j, pi in enumerate(arrays):
            if t.named[j]:
                shape, dtype = parts[pi]
                out[pi] = (tuple(t.named[j].get(d, s) for d, s in enumerate(shape)), dtype)
        return out

    def _make_template(self, parts: list[Any], arrays: list[int], bindings: list, labels: list[str]) -> Template:
        named: list[dict[int, str]] = [{} for _ in arrays]
        for j, dims in bindings:
            named[j] = dict(dims)
        ranks: list[int] = []
        static: list[dict[int, int]] = []
        hints: dict[str, int] = {}
        for j, pi in enumerate(arrays):
            shape = parts[pi][0]
            ranks.append(len(shape))
            static.append({d: s for d, s in enumerate(shape) if d not in named[j]})
            for d, name in named[j].items():
                if type(shape[d]) is not int:
                    raise DynamicShapesError(
                        f"the first call of a translation with dynamic_shapes needs concrete sizes (argument "
                        f"{_label(labels, j)} has shape {tuple(shape)}): pass args= or call it once outside "
                        "tf.function / jax.export"
                    )
                if hints.setdefault(name, shape[d]) != shape[d]:
                    raise ShapeRelationError(
                        f"dims named {name!r} in dynamic_shapes have different sizes in the first call "
                        f"({hints[name]} and {shape[d]}, argument {_label(labels, j)} dim {d})"
                    )
        if any(v < 2 for v in hints.values()):
            small = [n for n, v in hints.items() if v < 2]
            raise DynamicShapesError(
                f"the example size of dynamic dim(s) {small} is {[hints[n] for n in small]}: give examples of at "
                "least 2 for dynamic dims (torch specialises sizes 0 and 1 while capturing)"
            )
        labels = [_label(labels, j) for j in range(len(arrays))]
        return Template(labels, ranks, static, named, hints)

    def _describe(self, j: int) -> str:
        t = self.template
        assert t is not None
        return "(" + ", ".join(t.named[j].get(d) or str(t.static[j][d]) for d in range(t.ranks[j])) + ")"

    @staticmethod
    def dims_of(key: Any) -> dict[tuple[int, int], str] | None:
        """(array input, dim) -> name for a key made by :meth:`key` (None for a static key)."""
        dims: dict[tuple[int, int], str] = {}
        j = 0
        for part in key[1:]:
            if isinstance(part[0], tuple):
                for d, s in enumerate(part[0]):
                    if isinstance(s, str):
                        dims[(j, d)] = s
                j += 1
        return dims or None

    def hint(self, j: int, shape: Sequence[Any]) -> tuple[int, ...]:
        """``shape`` of array input ``j`` with unknown dynamic dims replaced by the template's sizes (the
        capture's hints), for a first translation made while tracing (a tf.function with None dims)."""
        t = self.template
        if t is None:
            return tuple(shape)
        return tuple(
            t.hints[t.named[j][d]] if type(s) is not int and d in t.named[j] else s for d, s in enumerate(shape)
        )

    def check_conditions(self, conditions: Sequence[Any], arrays: Sequence[Any]) -> Sequence[Any]:
        """Raise ShapeRelationError unless this call's sizes satisfy every condition the traced code assumed;
        returns the arrays to run on (under a tf.function with None dims: after the graph's size checks)."""
        t = self.template
        if t is None:
            return arrays
        sizes: dict[str, int] = {}
        unknown = []
        for j, a in enumerate(arrays[: len(t.named)]):
            for d, name in t.named[j].items():
                size = a.shape[d]
                if type(size) is int:
                    sizes[name] = size
                else:
                    unknown.append((j, d, name, a, size))
        if unknown:
            checks = self._check_unknown(unknown, conditions or (), sizes)
            if checks:  # the program's ops run after the checks (else an op's own shape error may come first)
                import sys

                tf = sys.modules["tensorflow"]
                with tf.control_dependencies(checks):
                    arrays = [tf.identity(a) if isinstance(a, tf.Tensor) else a for a in arrays]
        if not conditions:
            return arrays
        combo = tuple(sorted(sizes.items()))
        if combo in self._checked:
            return arrays
        for cond in conditions:
            if all(n in sizes for _, n in cond.symbols) and not cond.holds(sizes):
                raise ShapeRelationError(
                    f"this call's sizes ({', '.join(f'{k}={v}' for k, v in combo)}) break {cond.text}, which the "
                    "function's code assumed when it was translated with dynamic_shapes (a branch or a check on "
                    "the sizes); the translation serves only sizes where it holds"
                )
        if len(self._checked) > 4096:
            self._checked.clear()
        self._checked[combo] = None
        return arrays

    def _check_unknown(self, unknown: list, conditions: Sequence[Any], known: dict[str, int]) -> list[Any]:
        """Sizes unknown while tracing (a tf.function's None dims, jax.export's symbolic dims) must still meet
        what the translation assumes: its conditions cannot be checked there, so they are refused; sizes >= 2
        are checked in the graph (TensorFlow) or must be declared (jax.export constraints)."""
        import sys

        t = self.template
        assert t is not None
        names = {name for _, _, name, _, _ in unknown}
        for cond in conditions:
            if any(n in names for _, n in cond.symbols):
                raise ShapeRelationError(
                    f"the translation assumes {cond.text} of its dynamic sizes (the function's code branched on "
                    f"them), and this trace leaves {', '.join(sorted(names))} unknown, so it cannot check that: trace "
                    "with concrete sizes (jax.jit, a tf.function without None dims) or make the dim static"
                )
        first: dict[str, tuple[str, Any]] = {}  # name -> (where, size) of its first unknown occurrence
        checks: list[Any] = []  # TensorFlow assertion ops
        for j, d, name, array, size in unknown:
            here = f"{t.labels[j]} dim {d}"
            if type(array).__module__.startswith("tensorflow") and size is None:
                tf = sys.modules["tensorflow"]  # checks in the caller's graph, run with it
                dim = tf.shape(array)[d]
                checks.append(
                    tf.debugging.assert_greater_equal(
                        dim,
                        2,
                        message=(
                            f"{here} ({name}) is dynamic: the translation serves sizes >= 2 "
                            "(torch's capture assumes so); "
                            "call with the size given in the tf.function's input signature for 0 or 1"
                        ),
                    )
                )
                other = (None, known[name]) if name in known else first.setdefault(name, (here, dim))
                if other[1] is not dim:
                    checks.append(
                        tf.debugging.assert_equal(
                            dim,
                            tf.cast(other[1], dim.dtype),
                            message=(
                                f"{here} and {other[0] or 'another dim'} are both {name!r} in dynamic_shapes, so their "
                                "sizes must be equal"
                            ),
                        )
                    )
                continue
            other = (None, known[name]) if name in known else first.setdefault(name, (here, size))
            try:
                same = other[1] is size or bool(size == other[1])
            except Exception:
                same = False
            if not same:
                raise ShapeRelationError(
                    f"{here} and {other[0] or 'another dim'} are both {name!r} in dynamic_shapes, but this trace "
                    f"gives them sizes that need not be equal ({size} and {other[1]}): use one symbolic dim for both"
                )
            try:
                ok = bool(size >= 2)
            except Exception:  # (jax.export cannot decide it without a constraint)
                ok = False
            if not ok:
                raise ShapeRelationError(
                    f"{t.labels[j]} dim {d} ({name}) is the symbolic size {size}, which may be below 2; the "
                    "translation serves sizes >= 2 (torch's capture assumes so): declare it, e.g. "
                    f"jax.export.symbolic_shape({str(size)!r}, constraints=[{str(size) + ' >= 2'!r}])"
                )
        return checks


def rename_sizes(lowered: Any, names: dict[str, str]) -> None:
    """Write the symbolic sizes of a record's shapes (``s44 + 2``) in the user's dim names (``h + 2``)."""
    import re

    if not names:
        return
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")

    def fix(shape: Any) -> Any:
        if not shape:
            return shape
        return [pattern.sub(lambda m: names[m.group(1)], s) if isinstance(s, str) else s for s in shape]

    lowered.param_shapes = [fix(s) for s in lowered.param_shapes]
    for ins in lowered.instrs:
        ins.shape = fix(ins.shape)


def _param(params: list[str], i: int) -> str:
    return params[i] if i < len(params) else f"#{i}"


def _label(labels: list[str], j: int) -> str:
    return labels[j] if j < len(labels) else f"#{j}"


# ----------------------------------------------------------------------------- sizes unknown while tracing


def failing_op(lowered: Any, backend: Any, arrays: Sequence[Any]) -> Any:
    """The first instruction of ``lowered`` whose lowering raises on ``arrays`` (run op by op, e.g. on a
    tf.function's symbolic tensors with None dims), or None."""
    from .backends import registry
    from .lower import const_array, evaluate

    failed: list[Any] = []

    def call(ins: Any, args: list, kwargs: dict) -> Any:
        try:
            return registry.lookup(ins.op, backend.name)(backend, *args, **kwargs)
        except Exception:
            failed.append(ins)
            raise

    env = dict(zip(lowered.params, arrays))
    with backend.outside_tracing():
        for key in lowered.consts:
            env[key] = const_array(lowered, key, backend)
    try:
        evaluate(lowered, backend, env, call=call)
    except Exception:
        pass
    return failed[0] if failed else None


def unknown_sizes_error(lowered: Any, backend: Any, arrays: Sequence[Any], exc: BaseException) -> BaseException:
    """What to raise when a translation with dynamic dims fails on arrays whose sizes are unknown (a
    tf.function input signature with None dims): a DynamicShapesError naming the op whose lowering needs a
    static size and the line that reached it, or ``exc`` itself when the sizes were known or no op is to blame."""
    if all(type(d) is int for a in arrays for d in a.shape):
        return exc
    ins = failing_op(lowered, backend, arrays)
    if ins is None:
        return exc
    where = f'\n  File "{ins.src[0]}", line {ins.src[1]}\n    {ins.src[2]}' if ins.src else ""
    shapes = ", ".join(f"{p}: {list(a.shape)}" for p, a in zip(lowered.params, arrays))
    detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
    return DynamicShapesError(
        f"the {backend.name} lowering of {ins.op} needs static sizes, and this trace leaves dims unknown ({shapes}): "
        f"{detail}. Give tf.function an input signature with those sizes, or none (it then traces each shape){where}"
    )


# ----------------------------------------------------------------------------- compiling for every size


def polymorphic_stage(backend: Any, dims: dict[tuple[int, int], str]) -> Callable[..., Any]:
    """``backend.stage`` for a program that serves every size of the dims ``dims``: JAX's ``jax.jit``
    (which compiles each concrete shape it meets, under the hood), TensorFlow's ``tf.function`` with
    ``None`` for those dims (one graph for every size; if a lowering needs a static size there, a
    ``tf.function`` that retraces per shape), NumPy's program itself."""
    name = backend.name

    def stage(fn: Callable[..., Any], example: Sequence[Any]) -> Callable[[], Callable[..., Any]]:
        if name == "jax":
            import jax

            jitted = jax.jit(fn)

            def finish_jax() -> Callable[..., Any]:
                # (example may be arrays or ArraySpecs, as compile_pending passes: compiled from their avals)
                jitted.lower(*(jax.ShapeDtypeStruct(a.shape, a.dtype) for a in example)).compile()
                return jitted

            return finish_jax
        if name == "tensorflow":
            import tensorflow as tf

            spec = [
                tf.TensorSpec([None if (j, d) in dims else s for d, s in enumerate(a.shape)], a.dtype)
                for j, a in enumerate(example)
            ]

            def finish_tf() -> Callable[..., Any]:
                try:
                    return tf.function(fn, input_signature=spec, autograph=False).get_concrete_function()
                except Exception as exc:
                    _log.info(
                        "a tf.function with None dims failed (%s); it traces per shape instead",
                        str(exc).split("\n", 1)[0],
                    )
                    return tf.function(fn, autograph=False, reduce_retracing=False)

            return finish_tf
        return backend.stage(fn, example)

    return stage
