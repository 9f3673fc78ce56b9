"""The readable target code of a lowered graph, and the :class:`CodeGen` record that holds it.

The program the engine runs calls one lowering per ATen op (``OP_aten_add_Tensor(B, a0, a1)``); here the
program is run with the recorder (:mod:`.record`) so its lines are the target calls themselves::

    mean = jnp.mean(x)
    var = jnp.var(x, ddof=1.0)
    std = jnp.sqrt(var)

Temporaries used once are folded into their consumer (:func:`_fold`), so one ATen op mostly reads as one
line; control-flow ops become the target's own control flow over module-level functions for their
branches and loop bodies. JAX is recorded under ``jax.eval_shape`` (tracers, nothing computed), NumPy and
TensorFlow on small synthetic inputs. A node whose lowering cannot be recorded becomes a call of the
lowering itself, ``aten.reflection_pad2d(b, x, [1, 1, 1, 1])``, whose source :meth:`CodeGen.module` copies
into the standalone module (:mod:`.emit`).
"""

from __future__ import annotations

import ast
import base64
import builtins
import keyword
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..backends.registry import find
from ..lower import Item, Lowered, const_array, evaluate, resolve
from .emit import SaveError, _Emitter
from .inputs import _example_rng, synthetic_inputs
from .record import (
    _IMPORT_LINES,
    NotRecordable,
    Rec,
    _Const,
    _has_rec,
    _Line,
    _Recorder,
    _text,
    _unwrap,
    _val,
)

_LINE_LIMIT = 140
_TEMP = re.compile(r"^_t\d+$")  # recorder temporaries (graph variables never start with "_")


def aten_key(op: str) -> str:
    """``reflection_pad2d`` for aten.reflection_pad2d.default, ``add_Tensor`` for aten.add.Tensor."""
    _, name, overload = (op.split(".") + ["", ""])[:3]
    key = name if overload in ("default", "") else f"{name}_{overload}"
    return key + "_" if keyword.iskeyword(key) else key


@dataclass
class CodeGen:
    """Generated code for one graph and target."""

    name: str
    target: str
    params: list[str]
    body: list[str]  # lines of the graph function (without indentation)
    consts: dict[str, _Const]
    lowered_consts: list[str]  # the graph's own constants (C0...) used by the body
    imports: set[str]
    fallbacks: dict[str, Any]  # aten key -> lowering function
    recorded: bool  # False: every node is a lowering call (recording failed its check)
    lowered: Lowered  # the translation the code was written from
    note: str = ""
    needs_rng: bool = False
    reasons: dict[str, str] = field(default_factory=dict)  # aten key -> why its lowering is called
    # the branches and loop bodies of control-flow ops, as module-level functions (source, in order), and
    # the constants of those subgraphs under their module names: name -> (NumPy array, torch dtype name)
    subfunctions: list[str] = field(default_factory=list)
    sub_consts: dict[str, tuple[Any, str]] = field(default_factory=dict)
    loop_tests: list[str] = field(default_factory=list)  # the functions that decide whether a loop goes on
    sub_records: list[tuple[Lowered, str]] = field(default_factory=list)  # (subgraph, its function's name)

    # ----- the readable form
    @property
    def code(self) -> str:
        lines = sorted(self._imports())
        notes = []
        if self.fallbacks:
            notes.append(
                f"# b: lazyport's {self.target} backend; aten.*: lazyport's lowerings of the ops "
                "written without a one-line form"
            )
            notes.append("#   (Graph.save() writes both out as plain code)")
        for name in self.lowered_consts:
            a = self.lowered.consts[name]
            notes.append(f"# {name}: constant {self.lowered.const_dtypes[name]}{list(a.shape)}")
        for name, (a, dtype) in self.sub_consts.items():
            notes.append(f"# {name}: constant {dtype}{list(a.shape)}")
        for name, c in self.consts.items():
            notes.append(f"# {name}: constant {c.value.dtype}{list(c.value.shape)}")
        if self.note:
            notes.append("# note: " + self.note.replace("\n", "\n#   "))  # (exception text: one comment per line)
        out = "\n".join(lines) + "\n\n"
        if notes:
            out += "\n".join(notes) + "\n\n"
        return out + "".join(f + "\n\n" for f in self.subfunctions) + self.function()

    def function(self) -> str:
        params = list(self.params) + (["rng"] if self.needs_rng else [])
        return f"def {self.name}({', '.join(params)}):\n" + "".join(
            textwrap.indent(line, "    ") + "\n" for line in self.body
        )  # (a loop's lines are several)

    def _imports(self) -> set[str]:
        imports = set(self.imports)
        if self.target == "jax":
            imports |= {"import jax", "import jax.numpy as jnp"}
        elif self.target == "tensorflow":
            imports |= {"import tensorflow as tf"}
        else:
            imports |= {"import numpy as np"}
        return imports

    # ----- the standalone module
    def module(self, doc: str = "", compile: bool = True) -> str:
        """A module that imports only the target framework (and NumPy, which every target uses)."""
        emitter = _Emitter(self.target)
        backend_src = emitter.backend_classes() if (self.fallbacks or self.needs_rng) else ""
        lowerings = emitter.lowerings(self.fallbacks) if self.fallbacks else ""
        imports = self._imports() | emitter.imports | {"import numpy as np"}
        if self.consts or self.lowered_consts or self.sub_consts:
            imports.add("import base64")
        out = [docstring(doc.strip()) if doc else '"""Generated by lazyport."""', ""]
        future = sorted(i for i in imports if i.startswith("from __future__"))
        out += (
            future
            + sorted(i for i in imports if i.startswith("import "))
            + sorted(i for i in imports if i.startswith("from ") and not i.startswith("from __future__"))
        )
        out.append("")
        if backend_src:
            out += [
                "",
                "# ---- a stand-in for lazyport's backend object `b` (copied from lazyport.backends)",
                backend_src,
                "",
                f"b = {emitter.backend_class_name}()",
                "",
            ]
        if lowerings:
            out += [
                "",
                "# ---- lowerings of the ops the graph calls as aten.* (copied from lazyport.backends.ops)",
                lowerings,
                "",
            ]
        if self.consts or self.lowered_consts or self.sub_consts:
            out += ["", "# ---- constants", _ARRAY_HELPER]
            for name in self.lowered_consts:
                out.append(f"{name} = {self._const_src(self.lowered.consts[name], self.lowered.const_dtypes[name])}")
            for name, (a, dtype) in self.sub_consts.items():
                out.append(f"{name} = {self._const_src(a, dtype)}")
            for name, c in self.consts.items():
                src = _array_src(c.value)
                if c.kind == "target":
                    src = self._target_array(src)
                out.append(f"{name} = {src}")
            out.append("")
        if self.subfunctions:
            out += ["", "# ---- branches and loop bodies", "\n\n\n".join(f.rstrip() for f in self.subfunctions), ""]
        out += ["", "# ---- the graph", self.function().rstrip(), ""]
        if compile:
            out += self._compile_src()
        out.append(f"__all__ = [{self.name!r}]")
        return "\n".join(out) + "\n"

    def _const_src(self, a: Any, dtype: str) -> str:
        from ..backends import get_backend

        arr = _array_src(a)
        b = get_backend(self.target)
        d = _dtype_src(self.target, b.dtype_name(b.dtype_by_name(dtype)))  # JAX without x64: int64 -> int32
        if self.target == "jax":
            return f"jnp.asarray({arr}, dtype={d})"
        if self.target == "tensorflow":
            return f"tf.convert_to_tensor(np.asarray({arr}), dtype={d})"
        return f"np.asarray({arr}, dtype={d})"

    def _target_array(self, src: str) -> str:
        if self.target == "jax":
            return f"jnp.asarray({src})"
        if self.target == "tensorflow":
            return f"tf.convert_to_tensor({src})"
        return src

    def _compile_src(self) -> list[str]:
        lw = self.lowered
        if self.target == "jax":
            return [f"{self.name} = jax.jit({self.name})  # compiled as lazyport compiles it", ""]
        if self.target == "tensorflow":
            if any(s is None or d is None for s, d in zip(lw.param_shapes, lw.param_dtypes)):
                raise SaveError("an input of the graph has no known shape or dtype for tf.TensorSpec")
            specs = ", ".join(
                f"tf.TensorSpec({tuple(s or ())!r}, {_dtype_src('tensorflow', d or '')})"
                for s, d in zip(lw.param_shapes, lw.param_dtypes)
            )
            if self.needs_rng:
                specs += (", " if specs else "") + "tf.TensorSpec((2,), tf.int64)"
            return [
                f"{self.name} = tf.function({self.name}, input_signature=[{specs}], autograph=False)"
                "  # as lazyport compiles it",
                "",
            ]
        return []


def docstring(text: str) -> str:
    """``text`` as a triple-quoted literal that evaluates to exactly ``text`` plus a newline, whatever it
    holds: the docstring of a saved module shows user values (static string arguments, dict keys), and a
    ``\"\"\"``, a trailing backslash or a NUL byte in them must not end the string or the module."""
    out = []
    for ch in text:
        if ch == "\\" or ch == '"':
            out.append("\\" + ch)
        elif ch == "\n" or ch == "\t" or ch.isprintable():
            out.append(ch)
        else:  # \r, \x00, U+2028, ...: written as their escapes
            out.append(repr(ch)[1:-1])
    literal = '"""' + "".join(out) + '\n"""'
    if ast.literal_eval(literal) != text + "\n":  # pragma: no cover - the escaping above is complete
        raise SaveError(f"cannot write {text!r} as a docstring")
    return literal


def _dtype_src(target: str, name: str) -> str:
    if target == "tensorflow":
        return f"tf.{name}"
    if target == "jax":
        return f"jnp.{name}"
    return f"np.{name}" if name != "bfloat16" else "ml_dtypes.bfloat16"


_ARRAY_HELPER = '''

def _array(data, dtype, shape):
    """A NumPy array from base64 text (constants are stored in the module itself)."""
    if dtype == "bfloat16":
        import ml_dtypes

        return np.frombuffer(base64.b64decode(data), np.uint16).view(ml_dtypes.bfloat16).reshape(shape).copy()
    return np.frombuffer(base64.b64decode(data), np.dtype(dtype)).reshape(shape).copy()
'''


def _array_src(a: Any) -> str:
    a = np.asarray(a).copy(order="C")  # (not ascontiguousarray: it makes 0-d arrays 1-d)
    name = a.dtype.name
    raw = a.view(np.uint16) if name == "bfloat16" else a
    if raw.dtype.byteorder == ">":
        raw = raw.byteswap().view(raw.dtype.newbyteorder("<"))
    data = base64.b64encode(raw.tobytes()).decode()
    dtype = name if name == "bfloat16" else raw.dtype.str
    return f"_array({data!r}, {dtype!r}, {tuple(a.shape)!r})"


def _generate(lowered: Lowered, backend: Any, name: str, record: bool) -> CodeGen:
    r = _Recorder(backend, record)
    state: dict[str, Any] = {}

    def run(*arrays: Any) -> tuple:
        state["out"] = _record_program(r, lowered, backend, arrays)
        return ()

    arrays = synthetic_inputs(lowered, backend)
    if lowered.needs_rng:
        arrays.append(_example_rng(backend))
    if backend.name == "jax":
        import jax

        jax.eval_shape(run, *arrays)
    else:
        with np.errstate(all="ignore"):
            run(*arrays)
    body, used_consts = state["out"]
    params = list(lowered.params)
    return CodeGen(
        name,
        backend.name,
        params,
        body,
        r.consts,
        used_consts,
        r.imports,
        r.fallbacks,
        record,
        needs_rng=lowered.needs_rng,
        lowered=lowered,
        reasons=r.reasons,
        subfunctions=[src for _, (_, src) in r.subfunctions.values()],
        sub_consts=r.sub_consts,
        loop_tests=r.loop_tests,
        sub_records=[(sub, n) for sub, (n, _) in r.subfunctions.values()],
    )


def _record_program(
    r: _Recorder, lw: Lowered, backend: Any, arrays: Any, const_names: dict[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """The body lines of ``lw`` and the constants they use; ``const_names`` renames constants (a
    subgraph's, which live at module level beside the graph's own)."""
    env: dict[str, Any] = {}
    r.used.update(lw.params)
    r.used.update(i.var for i in lw.instrs)
    r.used.update(lw.consts)
    for p, a in zip(lw.params, arrays):
        env[p] = Rec(r, p, a)
    rng = Rec(r, "rng", arrays[-1]) if lw.needs_rng else None
    for key in lw.consts:
        env[key] = Rec(r, (const_names or {}).get(key, key), const_array(lw, key, backend))
    info = lw.var_info()
    body: list[str] = []

    def value(a: Any) -> Any:
        return resolve(a, lw, env, backend)

    def finish(var: str, out: Any, start: int) -> None:
        """Name the op's result ``var`` and fold its single-use temporaries."""
        lines = r.lines[start:]
        del r.lines[start:]
        if type(out) is not Rec:  # a Python value, or a list of arrays built by the lowering
            lines.append(_Line(var, r.lit(out)))
            env[var] = Rec(r, var, _unwrap(out))
        else:
            text = _text(out)
            own = next((ln for ln in lines if ln.var == text), None)
            if own is None:
                if re.fullmatch(r"[A-Za-z_]\w*", text):
                    env[var] = Rec(r, text, _val(out))  # an alias: the op returned an existing array
                    body.extend(_fold(lines, None, r.used))
                    return
                lines.append(_Line(var, text, object.__getattribute__(out, "_atomic")))
            else:
                for ln in lines:
                    ln.expr = re.sub(rf"\b{re.escape(text)}\b", var, ln.expr)
                own.var = var
            env[var] = Rec(r, var, _val(out))
        body.extend(_fold(lines, var, r.used))

    for v, d in zip(lw.params, lw.param_dtypes):
        if d is not None:
            start = len(r.lines)
            out = r.rb.ensure(env[v], backend.dtype_by_name(d))
            if out is not env[v]:
                finish(v, out, start)
    start = 0

    def before(ins: Any) -> None:
        nonlocal start
        start = len(r.lines)

    def call(ins: Any, a: list, k: dict) -> Any:
        if ins.op in _CONTROL:
            return _control(r, lw, ins, a, backend)
        fn = find(ins.op, backend.name)
        out = None
        if r.record:
            try:
                if ins.rng is not None:
                    k["rng"] = r.rb.rng_fold(rng, ins.rng)
                out = r.rebind(fn)(r.rb, *a, **k)  # type: ignore[arg-type]  # the graph's ops have (def) lowerings
            except Exception as exc:
                del r.lines[start:]
                r.reasons.setdefault(aten_key(ins.op), f"{type(exc).__name__}: {exc}"[:300])
                out = None
        if out is None:
            out = _fallback(r, ins.op, fn, a, k, rng, ins.rng, info.get(ins.var), backend)
        return out

    def ensure(out: Any, dtype: Any) -> Any:
        try:
            return r.rb.ensure(out, dtype)
        except NotRecordable:
            return r.bind(f"b.ensure({r.lit(out)}, {r.lit(dtype)})", backend.ensure(_unwrap(out), dtype))

    evaluate(
        lw, backend, env, call=call, ensure=ensure, before=before, after=lambda ins, out: finish(ins.var, out, start)
    )
    outputs = [value(o) if isinstance(o, dict) else o for o in lw.outputs]
    body.append("return " + _render_outputs(r, lw, outputs))
    text = "\n".join(body)
    return body, [k for k in lw.consts if re.search(rf"\b{(const_names or {}).get(k, k)}\b", text)]


# ----------------------------------------------------------------------------- control flow

_CONTROL = ("cond", "while_loop", "scan", "map_impl")


def _subfunction(r: _Recorder, lw: Lowered, key: str, backend: Any) -> str:
    """The name of the module-level function written for subgraph ``key`` of ``lw`` (made once)."""
    sub = lw.subgraphs[key]
    done = r.subfunctions.get(id(sub))
    if done is not None:
        return done[1][0]
    # branch_true_graph_0 -> branch_true, f_while_loop_body_graph_0 -> f_body
    name = _fresh_name(r, re.sub(r"_graph_0(?=_|$)", "", sub.name).replace("while_loop_", ""))
    r.subfunctions[id(sub)] = (sub, (name, ""))
    const_names = {}
    for c in sub.consts:
        const_names[c] = _fresh_name(r, f"{name}_{c}")
    state: dict[str, Any] = {}

    def run(*arrays: Any) -> tuple:
        state["out"] = _record_program(r, sub, backend, arrays, const_names)
        return ()

    arrays = synthetic_inputs(sub, backend)
    if backend.name == "jax":
        import jax

        jax.eval_shape(run, *arrays)
    else:
        run(*arrays)
    body, used = state["out"]
    for c in used:
        r.sub_consts[const_names[c]] = (sub.consts[c], sub.const_dtypes[c])
    src = f"def {name}({', '.join(sub.params)}):\n" + "".join(textwrap.indent(ln, "    ") + "\n" for ln in body)
    del r.subfunctions[id(sub)]  # (re-inserted: a nested subgraph's function comes before the one using it)
    r.subfunctions[id(sub)] = (sub, (name, src))
    return name


def _fresh_name(r: _Recorder, want: str) -> str:
    name = re.sub(r"\W", "_", want).lstrip("_") or "graph"
    base, n = name, 0
    while name in r.used or keyword.iskeyword(name) or hasattr(builtins, name):
        n += 1
        name = f"{base}_{n}"
    r.used.add(name)
    return name


def _results(lw: Lowered, var: str, backend: Any) -> list[Any]:
    """Stand-ins for the list a control-flow op returns: arrays of the dtypes and shapes of the elements the
    graph takes from it (nothing is run while the code is written: a loop's count is the values')."""
    items = {i.index: i for i in lw.instrs if isinstance(i, Item) and i.base == var}
    out: list[Any] = [None] * (max(items) + 1 if items else 0)
    for index, it in items.items():
        out[index] = backend.asarray(
            np.zeros(tuple(it.shape or ())), dtype=backend.dtype_by_name(it.dtype or "float32")
        )
    return out


def _control(r: _Recorder, lw: Lowered, ins: Any, a: list, backend: Any) -> Rec:
    """``torch.cond`` / ``torch.while_loop`` as the target's own control flow over module-level functions
    for the branches / the loop's test and body (the lowerings in backends/ops/control.py, written out)."""
    t = backend.name
    fns = [_subfunction(r, lw, x["g"], backend) for x in ins.args if isinstance(x, dict) and "g" in x]
    lit = r.lit
    value = _results(lw, ins.var, backend)
    if t == "jax":
        r.imports |= {_IMPORT_LINES["jax"], _IMPORT_LINES["jnp"]}
    elif t == "tensorflow":
        r.imports.add(_IMPORT_LINES["tf"])

    def args(xs: Any) -> str:
        return ", ".join(lit(x) for x in xs)

    if ins.op == "cond":
        pred, _, _, operands = a
        true_fn, false_fn = fns
        ops = args(operands)
        if not _has_rec(pred):  # a branch decided by a Python value
            return r.bind(f"{true_fn if pred else false_fn}({ops})", value)
        if t == "jax":
            expr = f"jax.lax.cond(jnp.reshape({lit(pred)}, ()), {true_fn}, {false_fn}{', ' if ops else ''}{ops})"
        elif t == "tensorflow":
            expr = f"tf.cond(tf.reshape({lit(pred)}, ()), lambda: {true_fn}({ops}), lambda: {false_fn}({ops}))"
        else:
            expr = f"{true_fn}({ops}) if {lit(pred)} else {false_fn}({ops})"
        return r.bind(expr, value, atomic=False)
    if ins.op in ("scan", "map_impl"):
        return _scan_or_map(r, ins, a, fns[0], value, t)
    # while_loop(cond_fn, body_fn, carried_inputs, additional_inputs)
    _, _, carried, extra = a
    test, body = fns
    r.loop_tests.append(test)
    more = "".join(f", {lit(x)}" for x in extra)
    if t == "jax":
        return r.bind(
            f"jax.lax.while_loop(\n    lambda c: jnp.reshape({test}(*c{more})[0], ()),\n"
            f"    lambda c: {body}(*c{more}),\n    [{args(carried)}])",
            value,
        )
    if t == "tensorflow":
        return r.bind(
            f"tf.while_loop(\n    lambda *c: tf.reshape({test}(*c{more})[0], ()),\n"
            f"    lambda *c: {body}(*c{more}),\n    [{args(carried)}])",
            value,
        )
    loop = r.bind(f"[{args(carried)}]", value)
    v = _text(loop)
    r.statement(f"while {test}(*{v}{more})[0]:\n    {v} = {body}(*{v}{more})")
    return loop


def _fallback(
    r: _Recorder, op: str, fn: Any, a: list, k: dict, rng: Any, rng_index: Any, info: Any, backend: Any
) -> Rec:
    """The node as a call of its lowering: ``aten.op(b, ...)``."""
    key = aten_key(op)
    r.fallbacks[key] = fn
    if rng_index is not None:
        k = dict(k, rng=Rec(r, f"b.rng_fold(rng, {rng_index})", backend.rng_fold(_val(rng), rng_index)))
    parts = [r.lit(x) for x in a] + [f"{n}={r.lit(x)}" for n, x in k.items()]
    try:
        real = fn(backend, *_unwrap(a), **_unwrap(k))
    except Exception:
        if info is None or info[1] is None:
            raise
        real = backend.asarray(np.zeros(info[1]), dtype=backend.dtype_by_name(info[0]))
    return r.bind(f"aten.{key}(b, {', '.join(parts)})", real)


def _render_outputs(r: _Recorder, lw: Lowered, outputs: list[Any]) -> str:
    texts = [r.lit(o) for o in outputs]
    spec = lw.out_spec
    if spec is None:
        return "[" + ", ".join(texts) + "]"
    if spec.num_leaves == 1 and spec.num_nodes == 1:
        return texts[0]
    from ..diskcache import decode_structure, encode_tree

    tree = encode_tree(spec)
    if tree is None:
        return "[" + ", ".join(texts) + "]  # flat: the result's structure is not tuples, lists and dicts"
    structure = decode_structure(tree)

    def render(x: Any) -> str:
        if type(x) is int:
            return texts[x]
        if type(x) is tuple:
            return "(" + ", ".join(render(v) for v in x) + ("," if len(x) == 1 else "") + ")"
        if type(x) is list:
            return "[" + ", ".join(render(v) for v in x) + "]"
        return "{" + ", ".join(f"{k!r}: {render(v)}" for k, v in x.items()) + "}"

    return render(structure)


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A re.sub replacement that inserts ``text`` as it is (no backslash escapes)."""
    return lambda m: text


def _fold(lines: list[_Line], final: str | None = None, used: set[str] | None = None) -> list[str]:
    """Lines of one op with single-use temporaries folded into their consumer.

    Folding keeps the order in which calls happen (Python evaluates an expression's calls left to right,
    innermost first): a temporary is folded only when the temporaries a line uses are, in the order they
    appear in it, exactly the latest ones not yet written out. So the folded code makes the same calls in
    the same order (JAX: the same jaxpr; stateful random draws stay in order).
    """
    text_of = {ln.var: ln for ln in lines if ln.var is not None}
    uses: dict[str, int] = {}
    for ln in lines:
        for name in re.findall(r"\b_t\d+\b", ln.expr):
            uses[name] = uses.get(name, 0) + 1
    out: list[_Line] = []
    pending: list[_Line] = []  # single-use temporaries not written yet, in their original order
    for ln in lines:
        names = [n for n in re.findall(r"\b_t\d+\b", ln.expr) if n in text_of and any(p.var == n for p in pending)]
        k = len(names)
        if names and ln.var is not None and names == [p.var for p in pending[-k:]] and len(set(names)) == k:
            expr = ln.expr
            for p, pvar in zip(pending[-k:], names):  # (names are those temporaries' variables)
                sub = p.expr if p.atomic else f"({p.expr})"
                expr = re.sub(rf"\b{re.escape(pvar)}\b", _literal(sub), expr)
            if len(expr) <= _LINE_LIMIT:
                del pending[-k:]
                ln = _Line(ln.var, expr, ln.atomic)
            else:
                out.extend(pending)
                pending = []
        elif names:
            out.extend(pending)
            pending = []
        if ln.var is not None and _TEMP.match(ln.var) and uses.get(ln.var, 0) == 1:
            pending.append(ln)  # may be folded into the line that uses it
        elif ln.var is not None and _TEMP.match(ln.var) and uses.get(ln.var, 0) == 0 and ln.expr.isidentifier():
            continue  # an unused alias
        else:
            out.extend(pending)
            pending = []
            out.append(ln)
    out.extend(pending)
    # readable names for the temporaries that stay
    n = 0
    rename = {}
    used = used if used is not None else set()
    for ln in out:
        if ln.var is not None and _TEMP.match(ln.var):
            n += 1
            name = f"{final or 'tmp'}_{chr(96 + n) if n < 27 else n}"
            while name in used:
                n += 1
                name = f"{final or 'tmp'}_{chr(96 + n) if n < 27 else n}"
            used.add(name)
            rename[ln.var] = name
    text = []
    for ln in out:
        expr = ln.expr
        for old, new in rename.items():
            expr = re.sub(rf"\b{re.escape(old)}\b", new, expr)
        var = None if ln.var is None else rename.get(ln.var, ln.var)
        text.append(expr if var is None else f"{var} = {expr}")
    return text


def _scan_or_map(r: _Recorder, ins: Any, a: list, fn: str, value: list, t: str) -> Rec:
    """``scan(combine_fn, init, xs, additional)`` / ``map_impl(f, xs, pos_args)`` written out as the
    lowerings in backends/ops/control.py run them, over the module-level function ``fn``."""
    lit, v = r.lit, ins.var
    if ins.op == "scan":
        _, init, xs, extra = a
    else:
        _, xs, extra = a
        init = []
    n = len(init)
    more = "".join(f", {lit(x)}" for x in extra)
    xs_text = ", ".join(lit(x) for x in xs)
    first = ", ".join(f"{lit(x)}[0]" for x in xs)  # (TensorFlow: one step tells the outputs' types)
    if t == "numpy":
        r.imports.add(_IMPORT_LINES["np"])
    if ins.op == "map_impl":
        p, y = _fresh_name(r, "x"), _fresh_name(r, "y")
        if t == "jax":
            return r.bind(f"jax.lax.map(lambda {p}: {fn}(*{p}{more}), [{xs_text}])", value)
        if t == "tensorflow":
            one = r.bind(f"{fn}({first}{more})", value)
            return r.bind(
                f"tf.map_fn(tf.autograph.experimental.do_not_convert(lambda {p}: {fn}(*{p}{more})), "
                f"[{xs_text}],\n"
                f"          fn_output_signature=[tf.TensorSpec({y}.shape, {y}.dtype) for {y} in {lit(one)}])",
                value,
            )
        i = _fresh_name(r, "i")
        steps = r.bind(
            f"[{fn}({', '.join(f'{lit(x)}[{i}]' for x in xs)}{more}) for {i} in range(len({lit(xs[0])}))]", value
        )
        return r.bind(f"[np.stack({y}) for {y} in zip(*{lit(steps)})]", value)
    step, c, x, out = (_fresh_name(r, w) for w in (f"{v}_step", "c", "x", "out"))
    if t == "jax":
        r.statement(f"def {step}({c}, {x}):\n    {out} = {fn}(*{c}, *{x}{more})\n    return {out}[:{n}], {out}[{n}:]")
        both = r.bind(f"jax.lax.scan({step}, [{', '.join(lit(i_) for i_ in init)}], [{xs_text}])", value)
        return r.bind(f"[*{lit(both)}[0], *{lit(both)}[1]]", value)
    if t == "tensorflow":
        r.statement(
            f"def {step}({c}, {x}):\n    {out} = {fn}(*{c}[0], *{x}{more})\n    return {out}[:{n}], {out}[{n}:]"
        )
        y = _fresh_name(r, "y")
        one = r.bind(f"{fn}({', '.join(lit(i) for i in init)}, {first}{more})", value)
        both = r.bind(
            f"tf.scan(tf.autograph.experimental.do_not_convert({step}), [{xs_text}],\n"
            f"        initializer=([{', '.join(lit(i) for i in init)}], "
            f"[tf.zeros_like({y}) for {y} in {lit(one)}[{n}:]]))",
            value,
        )
        return r.bind(f"[*[{y}[-1] for {y} in {lit(both)}[0]], *{lit(both)}[1]]", value)
    carry, ys, i, y = (_fresh_name(r, w) for w in (f"{v}_carry", f"{v}_ys", "i", "y"))
    r.statement(
        f"{carry}, {ys} = [{', '.join(lit(i_) for i_ in init)}], []\n"
        f"for {i} in range(len({lit(xs[0])})):\n"
        f"    {out} = {fn}(*{carry}, {', '.join(f'{lit(x_)}[{i}]' for x_ in xs)}{more})\n"
        f"    {carry} = {out}[:{n}]\n    {ys}.append({out}[{n}:])"
    )
    return r.bind(f"[*{carry}, *[np.stack({y}) for {y} in zip(*{ys})]]", value)


def load(gen: CodeGen, compile: bool = False) -> Callable[..., Any]:
    """The generated module executed in a fresh namespace; returns the graph function."""
    return _exec_module(gen, compile)[gen.name]


def _exec_module(gen: CodeGen, compile: bool = False) -> dict[str, Any]:
    src = gen.module(compile=compile)
    env: dict[str, Any] = {"__name__": f"lazyport_generated_{gen.name}"}
    exec(builtins.compile(src, f"<lazyport generated {gen.target} {gen.name}>", "exec"), env)
    return env
