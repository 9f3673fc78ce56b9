"""``lazyport.trace_graph``'s result: a translated function you can also read, inspect and save.

A :class:`Graph` is a translated function in *graph mode*: calls go through the engine exactly like a
``lazyport.transpile`` result (per-signature capture, LRU, persistent cache, ``jax.jit`` /
``tf.function``), and in addition the graph of the current signature is available as

* ``.code`` — readable target source, one line per ATen op, names taken from the torch source
  (see :mod:`lazyport.codegen` for how the lines are obtained);
* ``.ops`` — how often each ATen op occurs; ``.signature`` — inputs and outputs;
* ``.show()`` — a table of the nodes (and a picture when graphviz or matplotlib is installed);
* ``.save(path)`` — a standalone module that imports only the target framework (and NumPy);
* ``.check(*args)`` — :func:`compare` against torch, node by node.

Graph mode differs from ``transpile`` in one respect: a function whose control flow reads input values
(``if x.sum() > 0:``) has no graph — one graph per signature would silently bake in one branch — so
capturing it raises :class:`~lazyport.DataDependentError` naming the line, eagerly (``args=``) or at
the first call. ``transpile`` runs such functions op by op instead.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import optree

from . import trees
from .diskcache import FloatBits
from .errors import LazyportError
from .lower import Item, Op, Stop, evaluate
from .signature import leaf_paths


@dataclass(frozen=True)
class GraphSignature:
    """The inputs and outputs of one traced signature, as target dtypes and static shapes."""

    name: str
    inputs: tuple[tuple[str, str], ...]  # (parameter path, "float32[1,3,8,8]" or "=2.0" for a static value)
    outputs: str

    def __str__(self) -> str:
        args = ", ".join(f"{n}: {t}" if not t.startswith("=") else f"{n}{t}" for n, t in self.inputs)
        return f"{self.name}({args}) -> {self.outputs}"


def _describe(backend: Any, dtype: str | None, shape: Any) -> str:
    if dtype is None:
        return "tuple"
    name = backend.dtype_name(backend.dtype_by_name(dtype))
    return f"{name}[{','.join(str(s) for s in (shape or []))}]"


def signature_of(fn: Any, name: str, key: tuple, lowered: Any, backend: Any) -> GraphSignature:
    """A readable :class:`GraphSignature` from the engine's signature key and the lowered graph."""
    descs = []
    for kind, value in key[1:]:
        if isinstance(kind, tuple):
            descs.append(f"{backend.dtype_name(value)}[{','.join(str(s) for s in kind)}]")
        elif kind is slice:
            descs.append(f"=slice{value}")
        else:
            descs.append(f"={value.value if isinstance(value, FloatBits) else value!r}")
    inputs = [
        (base + "".join(f"[{p!r}]" for p in rest), desc)
        for (base, rest), desc in zip(leaf_paths(fn, key[0], descs), descs)
    ]
    info = lowered.var_info()
    texts = []
    for o in lowered.outputs:
        if isinstance(o, dict) and "v" in o:
            texts.append(_describe(backend, *info.get(o["v"], (None, None))))
        else:
            texts.append(repr(o))
    try:
        out_tree = optree.tree_unflatten(lowered.out_spec, texts)
        outputs = _render_tree(out_tree)
    except Exception:
        outputs = "(" + ", ".join(texts) + ")"
    return GraphSignature(name, tuple(inputs), outputs)


def _render_tree(x: Any) -> str:
    if isinstance(x, str):
        return x
    if isinstance(x, tuple):
        return "(" + ", ".join(_render_tree(v) for v in x) + ("," if len(x) == 1 else "") + ")"
    if isinstance(x, list):
        return "[" + ", ".join(_render_tree(v) for v in x) + "]"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k!r}: {_render_tree(v)}" for k, v in x.items()) + "}"
    return repr(x)


class Graph:
    """A torch function traced to a graph of ``target`` ops; call it with target arrays."""

    autograph_info__: dict[str, Any] = {}  # tf.function: do not convert our call path (see engine)

    def __init__(self, fn: Callable[..., Any], target: str, cache_size: int | None = None, dynamic_shapes: Any = None):
        from .engine import TranslatedFunction

        self.fn = fn
        self._translated = TranslatedFunction(
            fn, target, cache_size=cache_size, graph_mode=True, dynamic_shapes=dynamic_shapes
        )
        self.backend = self._translated.backend
        self.target = self.backend.name
        self._gens: dict[int, Any] = {}
        functools.update_wrapper(self, fn, updated=())

    # ----- calling and tracing
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._translated(*args, **kwargs)

    def trace(self, *args: Any, **kwargs: Any) -> Graph:
        """Capture, lower and compile for the signature of ``args``/``kwargs`` now (the eager form)."""
        self._translated.warm(*args, **kwargs)
        return self

    def cache_info(self) -> Any:
        """``CacheInfo(hits, misses, translations, currsize, maxsize)`` of the graph's signatures, as
        :meth:`lazyport.engine.TranslatedFunction.cache_info` (``translations`` counts captures)."""
        return self._translated.cache_info()

    def cache_clear(self) -> None:
        """Forget the traced signatures held in memory and reset :meth:`cache_info` (the disk cache stays)."""
        self._translated.cache_clear()
        self._gens = {}

    @property
    def traced(self) -> bool:
        return self._translated.last_entry is not None

    @property
    def name(self) -> str:
        return self._translated.args.name

    def _entry(self) -> Any:
        entry = self._translated.last_entry
        if entry is None:
            raise LazyportError(
                f"{self!r} has not been traced yet: call it once, or pass example arguments "
                "(lazyport.trace_graph(fn, target=..., args=(x,))) to trace it now"
            )
        return entry

    @property
    def lowered(self) -> Any:
        """The :class:`~lazyport.lower.Lowered` record of the current graph.

        The current graph is that of the most recently traced signature; ``g.trace(*args)`` selects the
        signature of ``args`` (free when it was traced before).
        """
        return self._entry().program.lowered

    @property
    def signature(self) -> GraphSignature:
        """Inputs and outputs of the current graph (see :attr:`lowered`)."""
        return signature_of(self.fn, self.name, self._translated.last_key, self.lowered, self.backend)

    @property
    def signatures(self) -> list[GraphSignature]:
        """Every signature traced so far (still in the cache)."""
        return [
            signature_of(self.fn, self.name, key, entry.program.lowered, self.backend)
            for key, entry in self._translated.cache.items()
        ]

    @property
    def ops(self) -> dict[str, int]:
        """ATen op -> how many nodes of the current graph call it."""
        return dict(sorted(self.lowered.op_counts().items(), key=lambda kv: (-kv[1], kv[0])))

    def _codegen(self) -> Any:
        from .codegen import generate
        from .errors import TranslationError

        lowered = self.lowered
        if lowered.meta.get("dims"):
            raise TranslationError(
                f"{self.name}: g.code and g.save() write the target calls with their sizes folded in, so a graph "
                "with dynamic dims has no readable source yet; g.export(path, format='jax' or 'savedmodel') writes "
                "it for every size, and the graph itself runs"
            )
        gen = self._gens.get(id(lowered))
        if gen is None or gen.lowered is not lowered:
            gen = generate(lowered, self.backend, self.name)
            self._gens = {id(lowered): gen}
        return gen

    @property
    def code(self) -> str:
        """Readable target source of the current graph: one line per op, names from the torch source."""
        return self._codegen().code

    def save(self, path: str | os.PathLike) -> Path:
        """Write a standalone module (imports only the target framework and NumPy) defining the graph
        as a function named like the torch function; returns the path."""
        from ._version import __version__
        from .diskcache.fingerprint import distribution_version

        gen = self._codegen()
        sig = self.signature
        fw = {"jax": "jax", "tensorflow": "tensorflow", "numpy": "numpy"}[self.target]
        rng = ""
        if gen.needs_rng:
            rng = {
                "jax": "\nIt draws random numbers: pass rng=jax.random.key(n).",
                "tensorflow": "\nIt draws random numbers: pass rng, an int64 tensor of 2 seeds "
                "(tf.random.get_global_generator().make_seeds(1)[:, 0]).",
                "numpy": "\nIt draws random numbers: pass rng=np.random (or a RandomState).",
            }[self.target]
        doc = (
            f"{sig}\n\n{self.name}, translated from torch to {self.target} by lazyport {__version__} "
            f"(torch {distribution_version('torch')}, {fw} {distribution_version(fw)}).\n"
            f"Standalone: imports {fw} and NumPy only; no torch, no lazyport. Inputs are the array arguments "
            f"in the order above (static arguments are fixed); shapes and dtypes must match.{rng}"
        )
        src = gen.module(doc)
        path = Path(path)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(src)
        os.replace(tmp, path)
        return path

    def export(self, path: str | os.PathLike, format: str | None = None) -> Path:
        """Write the current graph as a deployable artifact that needs neither torch nor lazyport:
        ``"jax"`` a serialized ``jax.export.Exported`` (dynamic dims symbolic), ``"savedmodel"`` a
        TensorFlow SavedModel (``serving_default`` takes the parameter names, dynamic dims ``None``),
        ``"tflite"`` a TensorFlow Lite flatbuffer. See :mod:`lazyport.export`."""
        from .export import export

        return export(self, Path(path), format)

    def check(self, *args: Any, rtol: float = 1e-4, atol: float = 1e-5, **kwargs: Any) -> Comparison:
        """:func:`compare` this graph's function against torch on ``args``."""
        return compare(self.fn, *args, target=self.target, rtol=rtol, atol=atol, **kwargs)

    # ----- looking at it
    def table(self) -> str:
        """The nodes as a text table: name, op, inputs, result type, torch source line."""
        lw = self.lowered
        info = lw.var_info()
        rows = [("#", "name", "op", "inputs", "result", "source")]
        for i, p in enumerate(lw.params):
            rows.append((str(i), p, "input", "", _describe(self.backend, *info[p]), ""))
        n = len(rows) - 1
        for ins in lw.instrs:
            var = ins.var
            if type(ins) is Item:
                op, inputs, src = f"[{ins.index}]", ins.base, None
            else:
                op, inputs, src = ins.op, ", ".join(ins.inputs()), ins.src
            where = f"{os.path.basename(src[0])}:{src[1]}  {src[2]}" if src else ""
            rows.append((str(n), var, op, inputs, _describe(self.backend, *info.get(var, (None, None))), where))
            n += 1
        widths = [min(max(len(r[i]) for r in rows), 40) for i in range(5)]
        lines = [f"{self.signature}  ({self.target}, {sum(lw.op_counts().values())} ops)"]
        for r in rows:
            cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(r[:5], widths)]
            lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths)) + "  " + r[5])
        return "\n".join(line.rstrip() for line in lines)

    def show(self, file: str | os.PathLike | None = None, picture: bool | None = None) -> Any:
        """Print :meth:`table`; also draw the graph with graphviz or matplotlib when installed.

        Returns the picture (a ``graphviz.Digraph`` or a matplotlib ``Figure``), or None. ``file`` saves
        the picture there. ``picture=False`` prints the table only.
        """
        print(self.table())
        if picture is False:
            return None
        pic = _draw(self, file)
        if pic is None and picture:
            raise LazyportError("drawing a graph needs graphviz (with its `dot` program) or matplotlib")
        return pic

    def __repr__(self) -> str:
        name = getattr(self.fn, "__qualname__", self.name)
        if not self.traced:
            return f"<lazyport Graph of {name} -> {self.target}, not traced yet>"
        ops = sum(self.lowered.op_counts().values())
        return f"<lazyport Graph of {name} -> {self.target}: {ops} ops, {self.signature}>"


def _edges(lw: Any) -> tuple[list[str], list[tuple[str, str]], dict[str, str]]:
    nodes = list(lw.params)
    labels = {p: p for p in lw.params}
    edges = []
    for ins in lw.instrs:
        var = ins.var
        nodes.append(var)
        if type(ins) is Item:
            labels[var] = f"{var}\n[{ins.index}]"
        else:
            labels[var] = f"{var}\n{ins.op.removeprefix('aten.').removesuffix('.default')}"
        edges += [(u, var) for u in ins.inputs() if u in labels]
    return nodes, edges, labels


def _draw(graph: Graph, file: Any) -> Any:
    lw = graph.lowered
    nodes, edges, labels = _edges(lw)
    outs = [o["v"] for o in lw.outputs if isinstance(o, dict) and "v" in o]
    try:
        import graphviz

        if shutil.which("dot"):
            g = graphviz.Digraph(graph.name, graph_attr={"rankdir": "TB"}, node_attr={"shape": "box"})
            for n in nodes:
                g.node(
                    n,
                    labels[n],
                    style="filled",
                    fillcolor="lightblue" if n in lw.params else ("lightgreen" if n in outs else "white"),
                )
            for u, v in edges:
                g.edge(u, v)
            if file is not None:
                fmt = Path(file).suffix.lstrip(".") or "png"
                g.render(str(Path(file).with_suffix("")), format=fmt, cleanup=True)
            return g
    except ImportError:
        pass
    if "matplotlib" not in sys.modules:
        try:
            import matplotlib

            if file is not None or not os.environ.get("DISPLAY"):
                matplotlib.use("Agg", force=False)
        except ImportError:
            return None
    import matplotlib.pyplot as plt

    depth: dict[str, int] = {}
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    for u, v in edges:
        preds[v].append(u)
    for n in nodes:
        depth[n] = 1 + max((depth[p] for p in preds[n]), default=-1)
    rows: dict[int, list[str]] = {}
    for n in nodes:
        rows.setdefault(depth[n], []).append(n)
    pos = {n: (i - (len(r) - 1) / 2, -d) for d, r in rows.items() for i, n in enumerate(r)}
    width = max(len(r) for r in rows.values())
    fig, ax = plt.subplots(figsize=(min(2 + 1.6 * width, 40), min(1 + 0.9 * len(rows), 80)))
    for u, v in edges:
        (x0, y0), (x1, y1) = pos[u], pos[v]
        ax.annotate(
            "", xy=(x1, y1 + 0.15), xytext=(x0, y0 - 0.15), arrowprops={"arrowstyle": "->", "color": "0.5", "lw": 0.8}
        )
    for n, (x, y) in pos.items():
        color = "lightblue" if n in lw.params else ("lightgreen" if n in outs else "white")
        ax.text(
            x, y, labels[n], ha="center", va="center", fontsize=7, bbox={"boxstyle": "round", "fc": color, "ec": "0.3"}
        )
    ax.set_xlim(-width / 2 - 1, width / 2 + 1)
    ax.set_ylim(-len(rows), 1)
    ax.axis("off")
    ax.set_title(str(graph.signature), fontsize=9)
    if file is not None:
        fig.savefig(file, bbox_inches="tight")
    return fig


# ----------------------------------------------------------------------------- compare


@dataclass
class Mismatch:
    """The first node whose target value differs from torch's."""

    index: int  # position among the compared nodes
    var: str
    op: str
    source: tuple[str, int, str] | None  # (file, line, code) of the torch source that produced it
    reason: str  # "values", "shape", "dtype", "error: ..."
    max_abs: float | None
    torch: str  # "float32[3]"
    target: str

    def __str__(self) -> str:
        where = (
            f'\n  torch source: File "{self.source[0]}", line {self.source[1]}\n      {self.source[2]}'
            if self.source
            else "\n  torch source: unknown (not a line of Python)"
        )
        detail = f"max |target - torch| = {self.max_abs:.3g}" if self.max_abs is not None else self.reason
        return (
            f"node {self.index} `{self.var}` ({self.op}) differs: {detail}; "
            f"torch {self.torch}, target {self.target}{where}"
        )


@dataclass
class Comparison:
    """What :func:`compare` found. True when every node agrees within tolerance."""

    name: str
    target: str
    checked: int
    total: int
    mismatch: Mismatch | None
    rtol: float
    atol: float
    skipped: list[str]

    @property
    def ok(self) -> bool:
        return self.mismatch is None

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        head = f"lazyport.compare {self.name} -> {self.target} (rtol={self.rtol:g}, atol={self.atol:g}): "
        if self.ok:
            note = f"; {len(self.skipped)} random nodes fed torch's values" if self.skipped else ""
            return head + f"all {self.checked} nodes agree with torch{note}"
        return head + f"first difference after {self.checked} agreeing nodes\n  {self.mismatch}"

    __repr__ = __str__


def compare(
    fn: Callable[..., Any], *args: Any, target: str, rtol: float = 1e-4, atol: float = 1e-5, **kwargs: Any
) -> Comparison:
    """Run ``fn`` node by node in torch and on ``target`` and report the first node that differs.

    ``args``/``kwargs`` are target (or NumPy) arrays and static values, as for the translated function.
    The graph is captured with source lines; torch runs it on the same values (an FX interpreter over the
    captured graph) and the target runs it op by op, without compiling. Each node's target value is
    compared with torch's (``rtol``/``atol`` for floating values, exact for integers and booleans,
    dtype kinds and shapes must match); the first node that differs is reported with the torch
    source line that produced it. Random ops cannot agree, so they get torch's values on the target
    side. A function with data-dependent control flow is captured on these very values.
    """
    import numpy as np
    import torch
    import torch.fx as fx

    from .backends.registry import lookup
    from .capture import capture, capture_concrete, is_data_dependent
    from .engine import TranslatedFunction
    from .lower import lower_graph, tensor_from_numpy, tensor_to_numpy

    kwargs.pop("rng_key", None)
    tfn = TranslatedFunction(fn, target, graph_mode=True, persist=False)
    b = tfn.backend
    leaves, treedef = trees.flatten((args, kwargs))
    sig = tfn.args.read(leaves, treedef)
    arrays, rebuild, specs = sig.arrays, sig.rebuild(), sig.specs()
    tensors = [tensor_from_numpy(b.to_numpy(a), td) for a, (_, td) in zip(arrays, specs)]
    try:
        captured = capture(fn, specs, rebuild, stack=True)
    except Exception as exc:
        if not is_data_dependent(exc):
            raise
        captured = capture_concrete(fn, tensors, rebuild)
    lw = lower_graph(captured, sig.input_names(), tfn.args.name)

    torch_vals: dict[str, Any] = {}

    class Tap(fx.Interpreter):
        def run_node(self, n: fx.Node) -> Any:
            out = super().run_node(n)
            torch_vals[n.name] = out
            return out

    with torch.no_grad():
        Tap(captured.gm).run(*tensors)

    nodes = lw.meta["nodes"]
    env: dict[str, Any] = {}
    for key in lw.consts:
        env[key] = b.asarray(lw.consts[key], dtype=b.dtype_by_name(lw.const_dtypes[key]))

    def as_target(t: Any) -> Any:
        return b.asarray(tensor_to_numpy(t), dtype=b.dtype(t.dtype))

    checked, skipped = 0, []
    total = len(lw.params) + len(lw.instrs)
    result = None

    def check(i: int, var: str, op: str, src: Any, got: Any) -> Mismatch | None:
        want = torch_vals.get(nodes.get(var, ""))
        if not isinstance(want, torch.Tensor):
            return None
        w = tensor_to_numpy(want)
        tdesc = f"{w.dtype}[{','.join(map(str, w.shape))}]"
        try:
            g = np.asarray(b.to_numpy(got))
        except Exception:
            return Mismatch(i, var, op, src, f"not an array: {type(got).__name__}", None, tdesc, "?")
        gdesc = f"{g.dtype}[{','.join(map(str, g.shape))}]"
        if g.shape != w.shape:
            return Mismatch(i, var, op, src, "shape", None, tdesc, gdesc)
        kinds = {w.dtype.kind, g.dtype.kind}
        if len(kinds) > 1 and not kinds <= {"i", "u"}:
            return Mismatch(i, var, op, src, "dtype", None, tdesc, gdesc)
        if w.dtype.kind in "fc" or g.dtype.kind in "fc":
            g64 = g.astype(np.complex128 if "c" in kinds else np.float64)
            w64 = w.astype(g64.dtype)
            if not np.allclose(g64, w64, rtol=rtol, atol=atol, equal_nan=True):
                with np.errstate(all="ignore"):
                    diff = np.abs(g64 - w64)
                    diff = diff[~(np.isnan(g64) & np.isnan(w64))]
                    worst = float(np.nanmax(diff)) if diff.size and not np.all(np.isnan(diff)) else float("nan")
                return Mismatch(i, var, op, src, "values", worst, tdesc, gdesc)
        elif not np.array_equal(
            g.astype(np.int64) if g.dtype.kind in "iub" else g, w.astype(np.int64) if w.dtype.kind in "iub" else w
        ):
            diff = float(np.max(np.abs(g.astype(np.float64) - w.astype(np.float64)))) if g.size else 0.0
            return Mismatch(i, var, op, src, "values", diff, tdesc, gdesc)
        return None

    for p, a in zip(lw.params, arrays):
        env[p] = a
    index = len(lw.params)

    def where(ins: Any) -> tuple[str, Any]:
        if type(ins) is Item:
            return f"[{ins.index}] of {ins.base}", None
        return ins.op, tuple(ins.src) if ins.src else None

    def call(ins: Op, args: list, kwargs: dict) -> Any:
        nonlocal result
        if ins.rng is not None:  # random: torch's draw stands for the target's
            want = torch_vals.get(nodes.get(ins.var, ""))
            skipped.append(ins.var)
            return as_target(want) if isinstance(want, torch.Tensor) else None
        try:
            with np.errstate(all="ignore"):
                return lookup(ins.op, b.name)(b, *args, **kwargs)
        except Exception as exc:
            result = Mismatch(
                index, ins.var, ins.op, where(ins)[1], f"error: {type(exc).__name__}: {exc}", None, "?", "?"
            )
            raise Stop from None

    def after(ins: Any, out: Any) -> None:
        nonlocal result, checked, index
        if not (type(ins) is Op and ins.rng is not None):
            result = check(index, ins.var, *where(ins), out)
            if result is not None:
                raise Stop
            checked += 1
        index += 1

    evaluate(lw, b, env, call=call, after=after)
    name = getattr(fn, "__qualname__", tfn.args.name)
    return Comparison(name, b.name, checked, total, result, rtol, atol, skipped)
