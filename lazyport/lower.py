"""Lower a captured ATen graph to straight-line target code.

Two steps, so that the second one needs no torch:

1. :func:`lower_graph` (torch side) turns the captured FX graph into a :class:`Lowered` record: one
   instruction per node — ATen op name, arguments, the dtype and shape torch computed for it, and the
   user's source line when the capture recorded stack traces. The record is plain data (JSON-able
   instructions plus NumPy constants), which is what the persistent cache stores
   (:mod:`lazyport.diskcache`) and what :mod:`lazyport.graph` turns into readable target code.
2. :class:`Program` renders the record for one backend: one line per node calling that op's lowering
   from the target's table, followed by a cast to the dtype torch computed for it, so torch's type
   promotion holds on every target without each lowering re-deriving it. The source is kept
   (``Program.source``) and executed once to get a plain Python function of flat target arrays.

The record is target-independent (op names, not lowerings): lowerings are looked up in the registry
whenever a :class:`Program` is built, so a cached record picks up fixed lowerings without re-capture.
"""

from __future__ import annotations

import builtins
import keyword
import math
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .backends.base import DTYPE_NAMES, Backend
from .backends.convert import tensor_from_numpy as tensor_from_numpy  # importable from here too
from .backends.convert import tensor_to_numpy
from .backends.registry import find, not_lowered_reason
from .errors import RecordError, UnsupportedDtypeError, UnsupportedOpError

# Names the generated code (here and in lazyport.graph) uses as globals; variables never take them.
# (self, cls: tf.function takes a first parameter named self for a method's)
RESERVED = frozenset("B ENSURE RNG rng aten b base64 ml_dtypes jnp jax np tf tnp math graph lax self cls".split())
_RESERVED_RE = re.compile(r"^(?:[CKDOG]\d+|OP_.*|D_.*)$")


def dtype_name(td: Any) -> str:
    """'float32' for torch.float32 (the names lazyport.backends.base.DTYPE_NAMES uses)."""
    return str(td).rpartition(".")[2]


# ----------------------------------------------------------------------------- the record


@dataclass(slots=True)
class Op:
    """``var = op(*args, **kwargs)``, cast to ``dtype``: one ATen op.

    ``args``/``kwargs`` are encoded values (see :class:`Lowered`); ``dtype`` is torch's result dtype
    name (None for tuple results and for checks with no result), ``shape`` its static shape; ``rng``
    is the op's stream index for random ops; ``src`` is ``[file, line, code]`` of the user source that
    produced it, when known."""

    var: str
    op: str
    args: list[Any]
    kwargs: dict[str, Any]
    dtype: str | None
    shape: list[int] | None
    rng: int | None = None
    src: list[Any] | None = None

    def inputs(self) -> list[str]:
        """The variables (and constants) the op reads."""
        return vars_in([self.args, self.kwargs])


@dataclass(slots=True)
class Item:
    """``var = base[index]``: an element of a tuple result."""

    var: str
    base: str
    index: int
    dtype: str | None
    shape: list[int] | None

    def inputs(self) -> list[str]:
        return [self.base]


Instr = Op | Item

# The op of a guard: ``Op(var, GUARD, [{"v": x}, kind, value], {}, "bool", [])`` is True where ``x`` still
# reads as ``value`` (kind "bool": ``bool(x)``; "item": its one element; "list": every element), the value
# a recorded first call read from a tensor computed from the inputs (``if x.max() > 1:``). Rendered as
# ``B.guard(x, kind, value)`` (lazyport.backends.base.Backend.guard), not through the op tables.
GUARD = "lazyport.guard"


def vars_in(tree: Any) -> list[str]:
    """The variables and constants an encoded value refers to, in order, once each."""
    found: list[str] = []

    def walk(a: Any) -> None:
        if isinstance(a, dict):
            if "v" in a or "c" in a:
                name = a["v"] if "v" in a else a["c"]
                if name not in found:
                    found.append(name)
            else:
                for x in a.values():
                    walk(x)
        elif isinstance(a, list | tuple):
            for x in a:
                walk(x)

    walk(tree)
    return found


@dataclass
class Lowered:
    """A captured graph as plain data: what a :class:`Program` (any target) is rendered from.

    ``instrs`` holds one :class:`Op` or :class:`Item` per graph node, in order.

    Encoded values are JSON: ints, floats, bools, strings and None as themselves, and tagged dicts
    ``{"v": var}`` (a variable), ``{"c": name}`` (an array constant in ``consts``), ``{"d": "float32"}``
    (a dtype), ``{"f": "inf"}`` (a non-finite float), ``{"x": [re, im]}`` (complex), ``{"l": [...]}``
    / ``{"t": [...]}`` (list / tuple), ``{"o": name}`` (any other object, in ``objects``: such a record
    is not persistable).
    """

    params: list[str]
    param_dtypes: list[str | None]
    param_shapes: list[list[int] | None]
    instrs: list[Instr]
    outputs: list[Any]  # encoded values, one per output leaf
    consts: dict[str, Any] = field(default_factory=dict)  # name -> NumPy array
    const_dtypes: dict[str, str] = field(default_factory=dict)  # name -> torch dtype name
    objects: dict[str, Any] = field(default_factory=dict)  # runtime-only values (not persistable)
    needs_rng: bool = False
    out_spec: Any = None  # optree treedef of the function's result (runtime)
    name: str = "graph"  # the torch function's name
    meta: dict[str, Any] = field(default_factory=dict)
    # in-place writes to inputs (``x.add_(1)``, ``out=x``): the indices of the params written, whose new
    # values are the last ``len(writes)`` entries of ``outputs`` (after the result's own leaves)
    writes: list[int] = field(default_factory=list)
    # the branches and loop bodies of torch.cond / torch.while_loop, each a program of its own, referred
    # to as {"g": name}; stored with the record (lazyport.diskcache)
    subgraphs: dict[str, Lowered] = field(default_factory=dict)
    # how many guards (GUARD instructions) the record holds: their results, True where the value read when
    # recording is the value now, are the last ``guards`` entries of ``outputs``; a call where one is False
    # is not this program's (lazyport.entry.Entry checks them, the NumPy program stops at the first)
    guards: int = 0

    @property
    def persistable(self) -> bool:
        return not self.objects and all(sub.persistable for sub in self.subgraphs.values())

    @property
    def out_dtypes(self) -> list[str | None]:
        dtypes = {i.var: i.dtype for i in self.instrs}
        dtypes.update(zip(self.params, self.param_dtypes))
        dtypes.update(self.const_dtypes)  # a result that is a constant
        return [dtypes.get(o["v"]) if isinstance(o, dict) and "v" in o else None for o in self.outputs]

    @property
    def op_count(self) -> int:
        """How many target ops the program runs."""
        return sum(type(i) is Op for i in self.instrs)

    def op_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for ins in self.instrs:
            if type(ins) is Op:
                counts[ins.op] = counts.get(ins.op, 0) + 1
        return counts

    def var_info(self) -> dict[str, tuple[str | None, list[int] | None]]:
        """var -> (dtype name, shape) for every array variable."""
        info = {p: (d, s) for p, d, s in zip(self.params, self.param_dtypes, self.param_shapes)}
        for ins in self.instrs:
            info[ins.var] = (ins.dtype, ins.shape)
        return info


def encode(a: Any, leaf: Callable[[Any], Any], objects: dict[str, Any]) -> Any:
    """``a`` as an encoded value (see :class:`Lowered`). ``leaf`` encodes what stands for an array (a
    graph node, a recorded tensor) or returns None; objects of no other kind go to ``objects``."""
    import torch

    e = leaf(a)
    if e is not None:
        return e
    if isinstance(a, list):
        return {"l": [encode(x, leaf, objects) for x in a]}
    if isinstance(a, tuple):
        return {"t": [encode(x, leaf, objects) for x in a]}
    if isinstance(a, torch.dtype):
        return {"d": dtype_name(a)}
    if a is None or isinstance(a, torch.device | torch.layout | torch.memory_format):
        return None
    if isinstance(a, bool | int | str):
        return a
    if isinstance(a, float):
        return a if math.isfinite(a) else {"f": repr(a)}
    if isinstance(a, complex):
        return {"x": [a.real, a.imag]}
    key = f"O{len(objects)}"
    objects[key] = a
    return {"o": key}


class Names(set[str]):
    """The variable names a record uses, with the next suffix to try for each base name: the n-th ``sin``
    of a program is named in constant time (probing ``sin_1``, ``sin_2``, ... from 1 at every op made
    recording and lowering quadratic in the program's length)."""

    def __init__(self) -> None:
        super().__init__()
        self.next: dict[str, int] = {}
        self.bases: dict[str, str] = {}  # wanted name -> the identifier it becomes


def _base_name(want: str) -> str:
    name = re.sub(r"\W", "_", want).lstrip("_") or "v"  # leading "_" is for generated temporaries
    if name[0].isdigit():
        name = "v_" + name
    if keyword.iskeyword(name) or hasattr(builtins, name) or name in RESERVED or _RESERVED_RE.match(name):
        name += "_"
    return name


def _unique_name(want: str, used: Names) -> str:
    base = used.bases.get(want)
    if base is None:
        base = used.bases[want] = _base_name(want)
    name = base
    n = used.next.get(base, 0)  # (every base_k with k < n is taken: names are never given back)
    if n:
        name = f"{base}_{n}"
    while name in used:
        n += 1
        name = f"{base}_{n}"
    used.next[base] = n
    used.add(name)
    return name


def _assigned_names(code: str) -> str | list[str] | None:
    """``mean`` for the source line ``mean = torch.mean(x)`` (also ``x += ...``, ``x: T = ...``);
    ``["r", "g", "b"]`` for ``r, g, b = torch.unbind(x)``."""
    import ast

    try:
        tree = ast.parse(code.strip())
    except SyntaxError:
        return None
    if len(tree.body) != 1:
        return None
    stmt = tree.body[0]
    target = None
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        target = stmt.target
    if isinstance(target, ast.Tuple | ast.List) and all(isinstance(e, ast.Name) for e in target.elts):
        return [e.id for e in target.elts if isinstance(e, ast.Name)]
    return target.id if isinstance(target, ast.Name) else None


def _user_frame(stack_trace: str | None) -> tuple[str, int, str] | None:
    """(file, line, code) of the innermost frame outside torch and lazyport in a node's stack trace."""
    if not stack_trace:
        return None
    from .capture import user_frame

    text = user_frame(stack_trace)
    if not text:
        return None
    m = re.match(r'\s*File "([^"]*)", line (\d+)(?:, in [^\n]*)?(?:\n\s*(.*))?', text)
    if not m:
        return None
    return m.group(1), int(m.group(2)), (m.group(3) or "").strip()


def _size_op_name(target: Any) -> str | None:
    """The ATen scalar op standing for a Python operator on symbolic sizes (``operator.mul`` on SymInts ->
    ``aten.mul.default``), which make_fx records for shape arithmetic; None for anything else."""
    import operator

    import torch

    names = _SIZE_OPS.get("table")
    if names is None:
        names = _SIZE_OPS["table"] = {
            operator.add: "aten.add.default",
            operator.sub: "aten.sub.default",
            operator.mul: "aten.mul.default",
            operator.floordiv: "aten.floordiv.default",
            operator.mod: "aten.remainder.default",
            operator.truediv: "aten.div.default",
            operator.pow: "aten.pow.Scalar_Scalar",
            operator.neg: "aten.neg.Scalar",
            operator.eq: "aten.eq.default",
            operator.ne: "aten.ne.default",
            operator.lt: "aten.lt.default",
            operator.le: "aten.le.default",
            operator.gt: "aten.gt.default",
            operator.ge: "aten.ge.default",
            torch.sym_float: "aten.Float.Scalar",
            torch.sym_int: "aten.Int.Scalar",
        }
    try:
        return names.get(target)
    except TypeError:  # an unhashable target
        return None


_SIZE_OPS: dict[str, dict[Any, str]] = {}


def lower_graph(captured: Any, input_names: list[str] | None = None, name: str = "graph") -> Lowered:
    """The :class:`Lowered` record of a captured graph (torch side; imported lazily)."""
    import operator

    import torch
    import torch.fx as fx

    gm = captured.gm
    used = Names()
    names: dict[Any, str] = {}
    consts: dict[str, Any] = {}
    const_dtypes: dict[str, str] = {}
    objects: dict[str, Any] = {}
    params: list[str] = []
    param_dtypes: list[str | None] = []
    param_shapes: list[list[int] | None] = []
    instrs: list[Instr] = []
    writes: dict[int, Any] = {}  # param index -> its new value, in the order the writes happen
    subgraphs: dict[str, Lowered] = {}
    subs: dict[Any, str] = {}  # get_attr node of a subgraph -> its name
    needs_rng = False

    def meta(node: Any) -> tuple[str | None, list[int] | None]:
        val = node.meta.get("val")
        if isinstance(val, torch.Tensor):  # (a symbolic size, captured with dynamic_shapes, as its text: "s0 + 2")
            return dtype_name(val.dtype), [s if isinstance(s, int) else str(s) for s in val.shape]
        return None, None

    def enc(a: Any) -> Any:
        return encode(
            a, lambda x: ({"g": subs[x]} if x in subs else {"v": names[x]}) if isinstance(x, fx.Node) else None, objects
        )

    # Names from the user's source: the last node a line `name = ...` produced is `name`.
    frames: dict[Any, tuple[str, int, str]] = {}
    nice: dict[Any, str] = {}
    nodes = list(gm.graph.nodes)
    for node in nodes:
        if node.op == "call_function":
            fr = _user_frame(node.meta.get("stack_trace"))
            if fr is not None:
                frames[node] = fr
    for i, node in enumerate(nodes):
        if node.op == "call_function" and node.target is operator.getitem and node.args[0] in frames:
            want = _assigned_names(frames[node.args[0]][2])  # r, g, b = torch.unbind(x)
            if isinstance(want, list) and isinstance(node.args[1], int) and node.args[1] < len(want):
                nice[node] = want[node.args[1]]
            continue
        fr = frames.get(node)
        if fr is None or not isinstance(node.meta.get("val"), torch.Tensor):
            continue
        nxt = next((n for n in nodes[i + 1 :] if n in frames and n.target is not operator.getitem), None)
        if nxt is not None and frames[nxt][:2] == fr[:2]:
            continue  # not the last node of this line
        want = _assigned_names(fr[2])
        if isinstance(want, str):
            nice[node] = want

    n_in = 0
    for node in nodes:
        if node.op == "placeholder":
            want = input_names[n_in] if input_names and n_in < len(input_names) else f"a{n_in}"
            n_in += 1
            v = names[node] = _unique_name(want, used)
            params.append(v)
            d, s = meta(node)
            param_dtypes.append(d)
            param_shapes.append(s)
        elif node.op == "get_attr":
            value = getattr(gm, node.target)
            key = f"C{len(consts)}"
            if isinstance(value, fx.GraphModule):  # a branch or loop body of a higher-order op
                key = f"G{len(subgraphs)}"
                sub = subgraphs[key] = lower_graph(type(captured)(value, None), None, f"{name}_{node.target}")
                if sub.needs_rng or sub.writes:
                    raise UnsupportedOpError(f"random ops or in-place writes to inputs inside {node.target}", "any")
                subs[node] = key
                continue
            if isinstance(value, torch.Tensor):
                consts[key] = tensor_to_numpy(value)
                const_dtypes[key] = dtype_name(value.dtype)
            else:
                key = f"O{len(objects)}"
                objects[key] = value
            names[node] = key
        elif node.op == "call_function":
            d, s = meta(node)
            v = names[node] = _unique_name(nice.get(node, node.name), used)
            if node.target is operator.getitem:
                instrs.append(Item(v, names[node.args[0]], node.args[1], d, s))
                continue
            target = node.target  # not an OpOverload (a higher-order op): the registry has no lowering
            args = [enc(a) for a in node.args]
            kwargs = {k: enc(x) for k, x in node.kwargs.items()}
            rng = None
            if torch.Tag.nondeterministic_seeded in getattr(target, "tags", ()):
                needs_rng = True  # each random op gets its own stream of the call's RNG
                rng = len(instrs)
            fr = frames.get(node)
            op_name = _size_op_name(target)  # arithmetic on symbolic sizes (capture with dynamic_shapes)
            instrs.append(Op(v, op_name or str(target), args, kwargs, d, s, rng, list(fr) if fr else None))
            if target is torch.ops.aten.copy_.default and node.args[0].op == "placeholder":
                # functionalization writes an input's mutation back with copy_: the caller's array
                # gets the new value (lazyport.engine writes it back where the target allows)
                writes[params.index(names[node.args[0]])] = {"v": v}
        elif node.op == "output":
            result = node.args[0] if isinstance(node.args[0], list | tuple) else [node.args[0]]  # (a loop's test)
            outputs = [enc(a) for a in result] + list(writes.values())
        else:  # call_module / call_method do not occur in make_fx graphs
            raise UnsupportedOpError(f"{node.op}:{node.target}", "any")
    node_of = {v: n.name for n, v in names.items() if n.op != "get_attr"}
    return Lowered(
        params,
        param_dtypes,
        param_shapes,
        instrs,
        outputs,
        consts,
        const_dtypes,
        objects,
        needs_rng,
        captured.out_spec,
        name,
        {"nodes": node_of},
        list(writes),
        subgraphs,
    )


# ----------------------------------------------------------------------------- rendering


def decode(a: Any, lowered: Lowered) -> Any:
    """An encoded value with variables left as ``{"v": name}``: for interpreters (compare, codegen)."""
    if isinstance(a, dict):
        if "l" in a:
            return [decode(x, lowered) for x in a["l"]]
        if "t" in a:
            return tuple(decode(x, lowered) for x in a["t"])
        if "f" in a:
            return float(a["f"])
        if "x" in a:
            return complex(*a["x"])
        if "o" in a:
            return lowered.objects[a["o"]]
    return a


def resolve(a: Any, lowered: Lowered, env: dict[str, Any], backend: Backend) -> Any:
    """An encoded argument with its variables and constants looked up in ``env`` and its dtypes made
    ``backend``'s: what an interpreter of the record (compare, codegen) passes to a lowering."""
    if isinstance(a, dict):
        if "v" in a:
            return env[a["v"]]
        if "c" in a:
            return env[a["c"]]
        if "d" in a:
            return backend.dtype_by_name(a["d"])
        if "l" in a:
            return [resolve(x, lowered, env, backend) for x in a["l"]]
        if "t" in a:
            return tuple(resolve(x, lowered, env, backend) for x in a["t"])
        if "g" in a:
            return Program(lowered.subgraphs[a["g"]], backend, own_results=False).fn
    return decode(a, lowered)


def const_array(lowered: Lowered, key: str, backend: Backend) -> Any:
    """A constant of the record as an array of ``backend`` (read-only where arrays are mutable)."""
    return backend.frozen(backend.asarray(lowered.consts[key], dtype=backend.dtype_by_name(lowered.const_dtypes[key])))


class Stop(Exception):
    """Raised by a hook of :func:`evaluate` to end the walk early."""


def evaluate(
    lw: Lowered,
    backend: Backend,
    env: dict[str, Any],
    *,
    call: Callable[[Op, list[Any], dict[str, Any]], Any],
    ensure: Callable[[Any, Any], Any] | None = None,
    before: Callable[[Instr], None] | None = None,
    after: Callable[[Instr, Any], None] | None = None,
) -> dict[str, Any]:
    """The one interpreter of a record: each instruction in order over ``env`` (which holds the inputs
    and constants), ``call`` running an op on its resolved arguments, ``ensure`` casting a result to
    torch's dtype (the backend's by default); ``before``/``after`` see each instruction (``after`` with
    its result) and may raise :class:`Stop`. :func:`lazyport.graph.compare` checks each value against
    torch this way, and :mod:`lazyport.codegen` records each lowering's target calls."""
    ensure = ensure or backend.ensure
    try:
        for ins in lw.instrs:
            if before is not None:
                before(ins)
            if isinstance(ins, Item):
                out = env[ins.base][ins.index]
            else:
                out = call(
                    ins,
                    [resolve(a, lw, env, backend) for a in ins.args],
                    {k: resolve(x, lw, env, backend) for k, x in ins.kwargs.items()},
                )
            if ins.dtype is not None and out is not None:
                out = ensure(out, backend.dtype_by_name(ins.dtype))
            env[ins.var] = out
            if after is not None:
                after(ins, out)
    except Stop:
        pass
    return env


# ----------------------------------------------------------------------------- checking a record

_OP_NAME = re.compile(r"^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$")  # aten.add.Tensor
_CONST_NAME = re.compile(r"^C\d+$")
_DTYPE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")  # float32, bfloat16, float8_e4m3fn
_OBJECT_NAME = re.compile(r"^O\d+$")
_SUBGRAPH_NAME = re.compile(r"^G\d+$")
_PLAIN = (type(None), bool, int, float, str)  # leaves written into the program by repr


def _is_identifier(name: Any) -> bool:
    return type(name) is str and name.isidentifier() and not keyword.iskeyword(name)


def check_record(lw: Lowered) -> None:
    """Raise :class:`RecordError` unless every name :class:`Program` would write into source is safe.

    A record is data (the persistent cache stores it), but its names become source: variables and
    parameters must be identifiers that are not keywords nor names the program itself binds, defined
    before they are read; constants ``C<n>`` of the record; dtypes torch's dtype names; op names dotted
    identifiers; kwargs keys identifiers; random-stream indices and item indices ints. Values are never
    written as source except plain ints, floats, bools, strings and None, by ``repr``."""

    def refuse(what: str) -> RecordError:
        return RecordError(
            f"the translation record of {lw.name!r} is refused: {what}. It is never executed; "
            "lazyport translates the function afresh instead (a persistent-cache entry like this "
            "one was not written by lazyport: clear the cache with `python -m lazyport cache clear`)"
        )

    defined: set[str] = set()

    def new_var(v: Any, what: str) -> None:
        if not _is_identifier(v) or v in RESERVED or _RESERVED_RE.match(v) or v == "RNG" or v in defined:
            raise refuse(f"{what} {v!r} is not a usable variable name")
        defined.add(v)

    def dtype(d: Any, what: str, optional: bool = True) -> None:
        # (written as D_<name>; whether the target has the dtype is computed_dtype's question)
        if not (d is None and optional) and not (type(d) is str and _DTYPE_NAME.fullmatch(d)):
            raise refuse(f"{what} {d!r} is not a dtype name")

    def value(a: Any, what: str, depth: int = 0) -> None:
        if depth > 100:
            raise refuse(f"{what} is nested too deeply")
        if isinstance(a, _PLAIN):
            return
        if type(a) is dict and len(a) == 1:
            ((tag, x),) = a.items()
            if tag == "v" and type(x) is str and (x in defined or (_CONST_NAME.fullmatch(x) and x in lw.consts)):
                return
            if tag == "c" and type(x) is str and _CONST_NAME.fullmatch(x) and x in lw.consts:
                return
            if tag == "o" and type(x) is str and _OBJECT_NAME.fullmatch(x) and x in lw.objects:
                return
            if tag == "g" and type(x) is str and _SUBGRAPH_NAME.fullmatch(x) and x in getattr(lw, "subgraphs", {}):
                return  # a branch or loop body (checked itself when its Program is built)
            if tag == "g" and type(x) is str and re.fullmatch(r"G\d+", x) and x in lw.subgraphs:
                return
            if tag == "d":
                return dtype(x, f"{what}: dtype", optional=False)
            if tag == "f" and type(x) is str:
                return
            if tag == "x" and type(x) is list and len(x) == 2 and all(type(p) in (int, float) for p in x):
                return
            if tag in ("l", "t") and type(x) is list:
                for y in x:
                    value(y, what, depth + 1)
                return
        raise refuse(
            f"{what} holds {str(a)[:80]!r}, which is neither a plain value nor a reference to a "
            "variable or constant of the graph"
        )

    for p, d in zip(lw.params, lw.param_dtypes, strict=True):
        new_var(p, "parameter")
        dtype(d, f"the dtype of parameter {p}")
    for k in lw.consts:
        if not (type(k) is str and _CONST_NAME.fullmatch(k)):
            raise refuse(f"constant name {k!r}")
    for ins in lw.instrs:
        if type(ins) is Item:
            if not (type(ins.base) is str and ins.base in defined) or type(ins.index) is not int:
                raise refuse(f"element {ins.index!r} of {ins.base!r} is not an element of a variable")
        elif type(ins) is Op:
            if not (type(ins.op) is str and _OP_NAME.fullmatch(ins.op)):
                raise refuse(f"op name {ins.op!r}")
            if ins.rng is not None and (type(ins.rng) is not int or ins.rng < 0):
                raise refuse(f"random-stream index {ins.rng!r} of {ins.op}")
            if type(ins.args) is not list or type(ins.kwargs) is not dict:
                raise refuse(f"the arguments of {ins.op}")
            for a in ins.args:
                value(a, f"an argument of {ins.op}")
            for k, a in ins.kwargs.items():
                if not _is_identifier(k) or k == "rng":
                    raise refuse(f"keyword argument name {k!r} of {ins.op}")
                value(a, f"keyword argument {k} of {ins.op}")
        else:
            raise refuse(f"instruction {ins!r}")
        dtype(ins.dtype, f"the dtype of {ins.var!r}")
        new_var(ins.var, "variable")
    for o in lw.outputs:
        value(o, "an output")


def _rendered(lw: Lowered) -> tuple[str, Any, set[str], dict[str, Any], dict[str, tuple[str, Any]]]:
    """The program's source and code object, which do not depend on the target (only the names bound
    around it do), so they are made once per record and shared by every backend's :class:`Program`."""
    r = lw.meta.get("_rendered")
    if r is not None:
        return r
    check_record(lw)  # every name written below is validated; values are written by repr only
    dtypes: set[str] = set()
    kconsts: dict[str, Any] = {}
    ops: dict[str, tuple[str, Any]] = {}
    body: list[str] = []

    def dtype(name: str) -> str:
        dtypes.add(name)
        return "D_" + name

    def render(a: Any) -> str:
        if isinstance(a, dict):
            if "v" in a:
                return a["v"]
            if "l" in a:
                return "[" + ", ".join(render(x) for x in a["l"]) + "]"
            if "t" in a:
                items = [render(x) for x in a["t"]]
                return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
            if "d" in a:
                return dtype(a["d"])
            if "c" in a:
                return a["c"]
            if "g" in a:  # a subgraph: Program binds its program under this name
                return a["g"]
            key = f"K{len(kconsts)}"
            kconsts[key] = decode(a, lw)
            return key
        if type(a) in _PLAIN:
            return repr(a)
        key = f"K{len(kconsts)}"  # a subclass (an IntEnum, a str subclass): passed as a value, never by its repr
        kconsts[key] = a
        return key

    def ensure(v: str, expr: str, d: str | None) -> str:
        return f"{v} = ENSURE({expr}, {dtype(d)})" if d is not None else f"{v} = {expr}"

    for v, d in zip(lw.params, lw.param_dtypes):
        if d is not None:
            body.append(ensure(v, v, d))
    for ins in lw.instrs:
        if isinstance(ins, Item):
            body.append(ensure(ins.var, f"{ins.base}[{ins.index!r}]", ins.dtype))
        elif ins.op == GUARD:
            x, kind, value = ins.args
            body.append(f"{ins.var} = B.guard({render(x)}, {render(kind)}, {render(value)})")
        else:
            fname = "OP_" + ins.op.replace(".", "_")
            ops.setdefault(fname, (ins.op, ins.src))
            parts = [render(a) for a in ins.args] + [f"{k}={render(x)}" for k, x in ins.kwargs.items()]
            if ins.rng is not None:
                parts.append(f"rng=B.rng_fold(RNG, {ins.rng})")
            body.append(ensure(ins.var, f"{fname}(B, {', '.join(parts)})", ins.dtype))
    body.append("return [" + ", ".join(render(o) for o in lw.outputs) + "]")
    params = list(lw.params) + (["RNG"] if lw.needs_rng else [])
    src = f"def graph({', '.join(params)}):\n" + "".join(f"    {line}\n" for line in body)
    r = (src, compile(src, f"<lazyport graph {lw.name}>", "exec"), dtypes, kconsts, ops)
    lw.meta["_rendered"] = r
    return r


def computed_dtype(backend: Backend, name: str) -> Any:
    """``backend``'s dtype for a torch dtype name the function computes; a clear error if it has none."""
    try:
        if name not in DTYPE_NAMES:
            raise KeyError(name)
        return backend.dtype_by_name(name)
    except Exception as exc:
        raise UnsupportedDtypeError(
            f"the function computes a torch {name} value, which has no {backend.name} dtype; cast it "
            f"to a supported dtype in the torch code (e.g. .to(torch.complex64))"
        ) from exc


class Program:
    """Straight-line target code for one captured graph (or its :class:`Lowered` record).

    Every op's lowering is looked up when the program is made (so a missing one fails here); the
    function itself (``fn``: constants converted to target arrays, code executed) is made at its first
    use — for JAX, whose concrete first call runs the NumPy program, that is in the background compile.
    """

    def __init__(self, captured: Any, backend: Backend, own_results: bool = True):
        lowered = captured if isinstance(captured, Lowered) else lower_graph(captured)
        self.own_results = own_results  # False: results go on to another backend, not to the caller
        self.lowered = lowered
        self.captured = None if isinstance(captured, Lowered) else captured
        self.backend = backend
        self.needs_rng = lowered.needs_rng
        self.out_spec = lowered.out_spec
        self.out_dtypes = lowered.out_dtypes
        self.source, self._code, self._dtypes, self._kconsts, ops = _rendered(lowered)
        self._ops = {fname: self._lowering(op, src) for fname, (op, src) in ops.items()}
        self._subs = {key: Program(sub, backend, own_results=False) for key, sub in lowered.subgraphs.items()}
        for name in self._dtypes:  # fail here, before anything is cached, on a dtype the target lacks
            computed_dtype(backend, name)
        self._fn: Any = None
        self._lock = threading.Lock()

    @property
    def fn(self) -> Any:
        fn = self._fn
        if fn is None:
            with self._lock:
                if self._fn is None:
                    b, lw = self.backend, self.lowered
                    env: dict[str, Any] = {"B": b, "ENSURE": b.ensure, **self._ops, **self._kconsts}
                    for name in self._dtypes:
                        env["D_" + name] = b.dtype_by_name(name)
                    with b.outside_tracing():  # (made inside a tf.function, they would belong to its graph)
                        for key in lw.consts:
                            env[key] = const_array(lw, key, b)
                    for key, sub in self._subs.items():
                        env[key] = sub.fn
                    exec(self._code, env)
                    self._fn = b.wrap_program(env["graph"], self.own_results)
                fn = self._fn
        return fn

    def _lowering(self, op: str, src: list | None) -> Any:
        fn = find(op, self.backend.name)
        if fn is None:
            where = f'  File "{src[0]}", line {src[1]}\n    {src[2]}' if src else None
            from .capture.custom import opaque_reason

            reason = not_lowered_reason(op, self.backend.name) or opaque_reason(op)
            raise UnsupportedOpError(op, self.backend.name, where, reason=reason)
        return fn
