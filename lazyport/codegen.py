"""Readable, standalone target code for a :class:`~lazyport.lower.Lowered` graph.

The program the engine runs calls one lowering per ATen op (``OP_aten_add_Tensor(B, a0, a1)``). For a
person, and for a file that must run without lazyport, we want the target calls themselves::

    mean = jnp.mean(x)
    var = jnp.var(x, ddof=1.0)
    std = jnp.sqrt(var)

**How the lines are obtained: by recording, not by a second implementation.** A lowering is ordinary
Python against ``b.xp`` / ``b.fw``; it reads only static facts (shapes, dtypes, Python arguments) to
decide what to call. So each lowering is *run* once with recording stand-ins: the namespaces ``b.xp``
and ``b.fw`` (and the ones its module imports, and framework modules it imports locally) become
:class:`Rec` objects that perform the real call and write down one line per call; arrays are
:class:`Rec` objects too, answering ``shape``/``dtype``/``ndim`` with the real values and recording
operators, indexing and methods. The recorded lines are exactly the calls the lowering makes for this
signature, with its shape arithmetic folded into constants. Temporaries used once are folded into their
consumer, so one ATen op mostly reads as one line. JAX is recorded under ``jax.eval_shape`` (tracers,
nothing computed), NumPy and TensorFlow on small synthetic inputs.

A lowering that reads a value (``bool(x)``, ``float(x)``), hands an array to a function that is not
recorded, or does anything else the stand-ins cannot follow, is not recorded: its node becomes a call
of the lowering itself, ``aten.reflection_pad2d(b, x, [1, 1, 1, 1])``, whose source (with the helpers
it uses and a stand-in for the backend object ``b``) :meth:`CodeGen.module` copies into the standalone
module. Every generated module is checked against the engine's program before it is used (JAX: equal
jaxprs; NumPy/TensorFlow: equal outputs on synthetic inputs); if the check fails, all nodes are written
as lowering calls, which are the engine's own code and cannot disagree with it.

A design hint suggested a per-op template table (``add`` -> ``jnp.add``) with fallbacks; recording
gives the same lines for every lowering without a second, drifting copy of each op's semantics.
"""

from __future__ import annotations

import ast
import base64
import builtins
import inspect
import keyword
import math
import re
import sys
import textwrap
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .backends.registry import find
from .lower import Lowered, const_array, evaluate, resolve

_OPS_PREFIX = "lazyport.backends"
_METADATA = {"shape", "ndim", "size", "get_shape", "result_type", "iscomplexobj", "isrealobj", "issubdtype",
             "isdtype", "can_cast", "promote_types", "dtype", "__len__", "broadcast_shapes"}
_LINE_LIMIT = 140
_TEMP = re.compile(r"^_t\d+$")  # recorder temporaries (graph variables never start with "_")


class NotRecordable(Exception):
    """The lowering did something the recording stand-ins cannot follow."""


class SaveError(Exception):
    """A lowering cannot be written out as standalone code."""


# ----------------------------------------------------------------------------- classification


def _is_array(v: Any) -> bool:
    if isinstance(v, np.ndarray | np.generic):
        return True
    root = type(v).__module__.partition(".")[0]
    if root in ("jax", "jaxlib"):
        return hasattr(v, "shape") and hasattr(v, "dtype")
    if root == "tensorflow":
        import tensorflow as tf

        return isinstance(v, tf.Tensor | tf.Variable)
    return False


def _is_static(v: Any) -> bool:
    """A value that carries no array data: safe to compute at generation time and write as a literal."""
    if v is None or v is Ellipsis or isinstance(v, bool | int | float | complex | str | bytes | range | slice):
        return not isinstance(v, np.generic)
    if isinstance(v, tuple | list):
        return all(_is_static(x) for x in v)
    if isinstance(v, dict):
        return all(_is_static(x) for x in v.values())
    if isinstance(v, np.dtype | type):
        return True
    root = type(v).__module__.partition(".")[0]
    if root == "tensorflow":
        import tensorflow as tf

        return isinstance(v, tf.dtypes.DType | tf.TensorShape)
    if root in ("jax", "jaxlib"):
        return type(v).__name__ in ("ShapedArray", "ShapeDtypeStruct", "NamedSharding", "PyTreeDef")
    return False


def _has_rec(v: Any) -> bool:
    if type(v) is Rec:
        return object.__getattribute__(v, "_dep")
    if isinstance(v, tuple | list):
        return any(_has_rec(x) for x in v)
    if isinstance(v, dict):
        return any(_has_rec(x) for x in v.values())
    if isinstance(v, slice):
        return _has_rec(v.start) or _has_rec(v.stop) or _has_rec(v.step)
    return False


def _unwrap(v: Any) -> Any:
    t = type(v)
    if t is Rec:
        return object.__getattribute__(v, "_v")
    if t is tuple:
        return tuple(_unwrap(x) for x in v)
    if t is list:
        return [_unwrap(x) for x in v]
    if t is dict:
        return {k: _unwrap(x) for k, x in v.items()}
    if t is slice:
        return slice(_unwrap(v.start), _unwrap(v.stop), _unwrap(v.step))
    return v


# ----------------------------------------------------------------------------- recorded values


def _binop(sym: str, reflected: bool = False) -> Callable[..., Any]:
    import operator

    fn = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "//": operator.floordiv,
          "%": operator.mod, "**": operator.pow, "@": operator.matmul, "&": operator.and_, "|": operator.or_,
          "^": operator.xor, "<<": operator.lshift, ">>": operator.rshift, "<": operator.lt, "<=": operator.le,
          ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne}[sym]

    def method(self: Rec, other: Any) -> Any:
        rec = object.__getattribute__(self, "_r")
        return rec.binop(sym, fn, other, self) if reflected else rec.binop(sym, fn, self, other)

    return method


def _unop(sym: str, fn: Callable[[Any], Any]) -> Callable[..., Any]:
    def method(self: Rec) -> Any:
        return object.__getattribute__(self, "_r").unop(sym, fn, self)

    return method


def _refuse(what: str) -> Callable[..., Any]:
    def method(self: Rec, *a: Any, **k: Any) -> Any:
        raise NotRecordable(f"{what} of {object.__getattribute__(self, '_t')}")

    return method


class Rec:
    """A recorded value: an array, a namespace, a function or a helper object, with its source text."""

    __slots__ = ("_r", "_t", "_v", "_atomic", "_dep")
    __array_ufunc__ = None  # NumPy ufuncs defer to our operators (and then refuse)

    def __init__(self, r: _Recorder, text: str, value: Any, atomic: bool = True, dep: bool = True):
        object.__setattr__(self, "_r", r)
        object.__setattr__(self, "_t", text)
        object.__setattr__(self, "_v", value)
        object.__setattr__(self, "_atomic", atomic)
        object.__setattr__(self, "_dep", dep)

    @property
    def __class__(self) -> type:  # isinstance(x, tf.Tensor) sees the real value's type
        return type(object.__getattribute__(self, "_v"))

    def __getattr__(self, name: str) -> Any:
        return object.__getattribute__(self, "_r").attr(self, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return object.__getattribute__(self, "_r").call(self, args, kwargs)

    def __getitem__(self, index: Any) -> Any:
        return object.__getattribute__(self, "_r").getitem(self, index)

    def __setitem__(self, index: Any, value: Any) -> None:
        object.__getattribute__(self, "_r").setitem(self, index, value)

    def __len__(self) -> int:
        return len(object.__getattribute__(self, "_v"))

    def __iter__(self) -> Any:
        for i in range(len(object.__getattribute__(self, "_v"))):
            yield self[i]

    def __bool__(self) -> bool:
        if object.__getattribute__(self, "_dep"):
            raise NotRecordable("truth value of an array")
        return bool(object.__getattribute__(self, "_v"))

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"Rec({object.__getattribute__(self, '_t')})"

    __int__ = _refuse("int()")
    __float__ = _refuse("float()")
    __complex__ = _refuse("complex()")
    __index__ = _refuse("index")
    __array__ = _refuse("conversion to NumPy")
    __jax_array__ = _refuse("conversion to JAX")
    __contains__ = _refuse("membership test")
    __setattr__ = _refuse("attribute assignment")
    __reduce__ = _refuse("pickling")

    __add__, __radd__ = _binop("+"), _binop("+", True)
    __sub__, __rsub__ = _binop("-"), _binop("-", True)
    __mul__, __rmul__ = _binop("*"), _binop("*", True)
    __truediv__, __rtruediv__ = _binop("/"), _binop("/", True)
    __floordiv__, __rfloordiv__ = _binop("//"), _binop("//", True)
    __mod__, __rmod__ = _binop("%"), _binop("%", True)
    __pow__, __rpow__ = _binop("**"), _binop("**", True)
    __matmul__, __rmatmul__ = _binop("@"), _binop("@", True)
    __and__, __rand__ = _binop("&"), _binop("&", True)
    __or__, __ror__ = _binop("|"), _binop("|", True)
    __xor__, __rxor__ = _binop("^"), _binop("^", True)
    __lshift__, __rlshift__ = _binop("<<"), _binop("<<", True)
    __rshift__, __rrshift__ = _binop(">>"), _binop(">>", True)
    __lt__, __le__, __gt__, __ge__ = _binop("<"), _binop("<="), _binop(">"), _binop(">=")
    __eq__, __ne__ = _binop("=="), _binop("!=")  # type: ignore[assignment]
    __neg__ = _unop("-", lambda x: -x)
    __pos__ = _unop("+", lambda x: +x)
    __invert__ = _unop("~", lambda x: ~x)
    __abs__ = _unop("abs", abs)


def _text(r: Rec) -> str:
    return object.__getattribute__(r, "_t")


def _val(r: Rec) -> Any:
    return object.__getattribute__(r, "_v")


# ----------------------------------------------------------------------------- the recorder


@dataclass
class _Line:
    var: str | None  # None: a statement (a mutation)
    expr: str
    atomic: bool = True


@dataclass
class _Const:
    value: Any  # NumPy array
    kind: str  # "numpy" (a NumPy array) or "target" (a target array)


# target name -> {module name: alias}
_ALIASES = {
    "jax": {"jax.numpy": "jnp", "jax": "jax", "numpy": "np"},
    "tensorflow": {"tensorflow.experimental.numpy": "tnp", "tensorflow": "tf", "numpy": "np"},
    "numpy": {"numpy": "np"},
}
# target name -> roots of the modules whose calls are recorded
_RECORDED = {"jax": ("jax",), "tensorflow": ("tensorflow",), "numpy": ("numpy",)}
_IMPORT_LINES = {
    "jnp": "import jax.numpy as jnp", "jax": "import jax", "np": "import numpy as np",
    "tnp": "import tensorflow.experimental.numpy as tnp", "tf": "import tensorflow as tf",
}
_BACKEND_METHODS = ("asarray", "astype", "ensure", "to_numpy", "is_traced", "rng_fold", "rng_uniform",
                    "rng_normal", "rng_integers", "from_numpy")


class _Recorder:
    def __init__(self, backend: Any, record: bool = True):
        self.b = backend
        self.target = backend.name
        self.record = record
        self.lines: list[_Line] = []
        self.consts: dict[str, _Const] = {}
        self.imports: set[str] = set()  # extra "import x.y" lines
        self.aliases = {id(sys.modules[m]): a for m, a in _ALIASES[self.target].items() if m in sys.modules}
        self.used: set[str] = set()
        self.n_temp = 0
        self.fallbacks: dict[str, Any] = {}  # aten key -> lowering function
        self.reasons: dict[str, str] = {}  # aten key -> why it was not recorded
        self.type_paths: dict[int, str] = {}  # id(class) -> its source text, for enum members
        self._globals: dict[str, dict[str, Any]] = {}
        self._rebound: dict[int, Any] = {}
        self.rb = self._recording_backend()
        # control flow (see _control): id(subgraph record) -> (function name, source); constants of
        # subgraphs under their module-level names; the functions that are loop tests
        self.subfunctions: dict[int, tuple[Lowered, tuple[str, str]]] = {}
        self.sub_consts: dict[str, tuple[Any, str]] = {}
        self.loop_tests: list[str] = []

    # ----- names
    def temp(self) -> str:
        self.n_temp += 1
        return f"_t{self.n_temp}"

    def bind(self, expr: str, value: Any, atomic: bool = True) -> Rec:
        var = self.temp()
        self.lines.append(_Line(var, expr, atomic))
        return Rec(self, var, value)

    def statement(self, expr: str) -> None:
        self.lines.append(_Line(None, expr))

    # ----- namespaces
    def module(self, mod: types.ModuleType, text: str | None = None) -> Rec:
        alias = self.aliases.get(id(mod))
        if alias is not None:
            self.imports.add(_IMPORT_LINES.get(alias, f"import {mod.__name__} as {alias}"))
            return Rec(self, alias, mod, dep=False)
        if text is None:
            text = mod.__name__
        expanded = re.sub(r"^(\w+)", lambda m: {"jnp": "jax.numpy", "tf": "tensorflow", "tnp":
                                                "tensorflow.experimental.numpy", "np": "numpy"}.get(m.group(1),
                                                                                                   m.group(1)), text)
        if expanded == mod.__name__:  # importable under that name: import it (a submodule may be lazy)
            self.imports.add(f"import {mod.__name__}")
        return Rec(self, text, mod, dep=False)

    def _recorded_module(self, mod: Any) -> bool:
        return isinstance(mod, types.ModuleType) and mod.__name__.partition(".")[0] in _RECORDED[self.target]

    # ----- operations on recorded values
    def attr(self, obj: Rec, name: str) -> Any:
        real = getattr(_val(obj), name)
        text = f"{self.operand(obj)}.{name}"
        if isinstance(real, types.ModuleType):
            return self.module(real, text)
        if _is_static(real):
            if isinstance(real, type) and not object.__getattribute__(obj, "_dep"):
                self.type_paths.setdefault(id(real), text)  # jax.lax.Precision: to write its members
            return real
        dep = object.__getattribute__(obj, "_dep")
        if callable(real) or not (_is_array(real) or isinstance(real, tuple | list)):
            return Rec(self, text, real, dep=dep)  # a function or helper object: no line yet
        return self.bind(text, real)

    def call(self, fn: Rec, args: tuple, kwargs: dict) -> Any:
        parts = [self.lit(a) for a in args] + [f"{k}={self.lit(v)}" for k, v in kwargs.items()]
        dep = object.__getattribute__(fn, "_dep") or _has_rec(args) or _has_rec(kwargs)
        result = _val(fn)(*_unwrap(args), **_unwrap(kwargs))
        text = f"{_text(fn)}({', '.join(parts)})"
        if result is None and dep:
            self.statement(text)
            return None
        if _is_static(result):
            if dep and _text(fn).rpartition(".")[2] not in _METADATA:
                raise NotRecordable(f"{text} reads array values")
            return result
        return self.bind(text, result)

    def getitem(self, obj: Rec, index: Any) -> Any:
        dep = object.__getattribute__(obj, "_dep") or _has_rec(index)
        result = _val(obj)[_unwrap(index)]
        text = f"{self.operand(obj)}[{self.index(index)}]"
        if _is_static(result):
            if dep:
                raise NotRecordable(f"{text} reads array values")
            return result
        if not (_is_array(result) or isinstance(result, tuple | list)):
            return Rec(self, text, result, dep=dep)
        return self.bind(text, result)

    def setitem(self, obj: Rec, index: Any, value: Any) -> None:
        target = _val(obj)
        if not isinstance(target, np.ndarray):
            raise NotRecordable("item assignment")
        text = f"{self.operand(obj)}[{self.index(index)}] = {self.lit(value)}"
        target[_unwrap(index)] = _unwrap(value)
        self.statement(text)

    def binop(self, sym: str, fn: Callable[[Any, Any], Any], a: Any, b: Any) -> Any:
        result = fn(_unwrap(a), _unwrap(b))
        if result is NotImplemented:
            return NotImplemented
        text = f"{self.operand(a)} {sym} {self.operand(b)}"
        if _is_static(result):
            raise NotRecordable(f"{text} reads array values")
        return self.bind(text, result, atomic=False)

    def unop(self, sym: str, fn: Callable[[Any], Any], a: Rec) -> Any:
        result = fn(_val(a))
        if sym == "abs":
            return self.bind(f"abs({self.lit(a)})", result)
        return self.bind(f"{sym}{self.operand(a)}", result, atomic=False)

    # ----- literals
    def operand(self, v: Any) -> str:
        text = self.lit(v)
        if type(v) is Rec and not object.__getattribute__(v, "_atomic"):
            return f"({text})"
        if type(v) is not Rec and (text.startswith("-") or " " in text) and not text.startswith(("(", "[", "{")):
            return f"({text})"
        return text

    def index(self, idx: Any) -> str:
        def one(i: Any) -> str:
            if type(i) is slice:
                s = "" if i.start is None else self.lit(i.start)
                s += ":" + ("" if i.stop is None else self.lit(i.stop))
                if i.step is not None:
                    s += ":" + self.lit(i.step)
                return s
            return self.lit(i)

        if type(idx) is tuple:
            return ", ".join(one(i) for i in idx) + ("," if len(idx) == 1 else "") if idx else "()"
        return one(idx)

    def dtype_text(self, d: Any) -> str:
        if self.target == "tensorflow":
            import tensorflow as tf

            if isinstance(d, tf.dtypes.DType):
                self.imports.add(_IMPORT_LINES["tf"])
                return f"tf.{d.name}"
        d = np.dtype(d)
        ns, mod = ("jnp", "jax.numpy") if self.target == "jax" else ("np", "numpy")
        real = sys.modules.get(mod)
        cand = getattr(real, d.name, None)
        if cand is not None and np.dtype(cand) == d:
            self.imports.add(_IMPORT_LINES[ns])
            return f"{ns}.{d.name}"
        if hasattr(sys.modules.get("ml_dtypes"), d.name):
            self.imports.add("import ml_dtypes")
            return f"ml_dtypes.{d.name}"
        self.imports.add(_IMPORT_LINES["np"])
        return f"np.dtype({d.name!r})"

    def dtype_text_np(self, d: Any) -> str:
        """A NumPy dtype as NumPy source (for NumPy arrays written out in any target's code)."""
        self.imports.add(_IMPORT_LINES["np"])
        return f"np.{d.name}" if np.dtype(getattr(np, d.name, None) or "V1") == d else f"np.dtype({d.name!r})"

    def lit(self, v: Any) -> str:
        t = type(v)
        if t is Rec:
            return _text(v)
        if v is None or t is bool or t is int or t is str or t is bytes:
            return repr(v)
        if t is float:
            return repr(v) if math.isfinite(v) else f"float({repr(v)!r})"
        if t is complex:
            return f"complex({self.lit(v.real)}, {self.lit(v.imag)})"
        if v is Ellipsis:
            return "..."
        if t is slice:
            return f"slice({self.lit(v.start)}, {self.lit(v.stop)}, {self.lit(v.step)})"
        if t is tuple:
            inner = ", ".join(self.lit(x) for x in v)
            return f"({inner}{',' if len(v) == 1 else ''})"
        if t is list:
            return "[" + ", ".join(self.lit(x) for x in v) + "]"
        if t is dict:
            return "{" + ", ".join(f"{self.lit(k)}: {self.lit(x)}" for k, x in v.items()) + "}"
        if t is range:
            return f"range({v.start}, {v.stop}, {v.step})"
        if isinstance(v, type) and v in (int, float, bool, complex):
            return v.__name__
        if isinstance(v, np.dtype):
            return self.dtype_text(v)
        if isinstance(v, type) and hasattr(v, "dtype"):
            try:
                return self.dtype_text(np.dtype(v))
            except TypeError:
                pass
        if isinstance(v, type) and issubclass(v, np.generic):
            return self.dtype_text(np.dtype(v))
        root = t.__module__.partition(".")[0]
        if root == "tensorflow":
            import tensorflow as tf

            if isinstance(v, tf.dtypes.DType):
                return self.dtype_text(v)
            if isinstance(v, tf.TensorShape):
                return self.lit(tuple(v.as_list()))
            if isinstance(v, tf.Tensor) and not hasattr(v, "numpy"):
                raise NotRecordable("an unrecorded symbolic tensor")
        if isinstance(v, np.generic):
            if not np.dtype(t).isbuiltin:
                return self.const(np.asarray(v), "numpy") + "[()]"
            return f"{self.dtype_text(v.dtype)}({v.item()!r})"
        if isinstance(v, np.ndarray):
            if v.size <= 16 and v.dtype.isbuiltin and v.dtype.kind in "biufc":
                self.imports.add(_IMPORT_LINES["np"])  # small: written out, exactly (repr round-trips)
                return f"np.asarray({self.lit(v.tolist())}, dtype={self.dtype_text_np(v.dtype)})"
            return self.const(v, "numpy")
        if _is_array(v):
            if root in ("jax", "jaxlib"):
                import jax

                if isinstance(v, jax.core.Tracer) or not hasattr(v, "dtype") or "key<" in str(v.dtype):
                    raise NotRecordable("an unrecorded traced array")
            return self.const(self.b.to_numpy(v), "target")
        if isinstance(v, types.ModuleType):
            return _text(self.module(v))
        import enum

        if isinstance(v, enum.Enum) and id(t) in self.type_paths:
            return f"{self.type_paths[id(t)]}.{v.name}"
        if isinstance(v, type) and id(v) in self.type_paths:
            return self.type_paths[id(v)]
        raise NotRecordable(f"a value of type {t.__name__}")

    def const(self, a: Any, kind: str) -> str:
        name = f"K{len(self.consts)}"
        self.consts[name] = _Const(np.array(a, copy=True), kind)
        return name

    # ----- rebinding lowerings so that their framework calls are recorded
    def _recording_backend(self) -> Any:
        cls = type(self.b)
        attrs: dict[str, Any] = {"xp": self.module(self.b.xp), "fw": self.module(self.b.fw)}
        for name in _BACKEND_METHODS:
            fn = getattr(cls, name, None)
            if isinstance(fn, types.FunctionType):
                attrs[name] = self.rebind(fn)
        rec, recorded_ensure = self, attrs.get("ensure") or self.rebind(cls.ensure)

        def ensure(rb: Any, x: Any, dtype: Any) -> Any:
            if type(x) is Rec:
                real = _val(x)
                if rec.b.ensure(real, dtype) is real:
                    return x  # the engine would leave it as it is: no cast line
                if isinstance(real, np.generic) and real.dtype == dtype:  # NumPy scalar -> 0-d array
                    return rec.bind(f"np.asarray({rec.lit(x)})", np.asarray(real))
            return recorded_ensure(rb, x, dtype)

        attrs["ensure"] = ensure
        rcls = type("Recording" + cls.__name__, (cls,), attrs)
        rb = object.__new__(rcls)
        rb.__dict__.update(self.b.__dict__)
        return rb

    def _import(self, name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        mod = builtins.__import__(name, globals, locals, fromlist, level)
        if level == 0 and self._recorded_module(mod):
            if fromlist:
                return self.module(mod, mod.__name__)
            return self.module(mod, mod.__name__.partition(".")[0])
        return mod

    def patched_globals(self, modname: str) -> dict[str, Any]:
        g = self._globals.get(modname)
        if g is not None:
            return g
        module = sys.modules[modname]
        g = dict(module.__dict__)
        self._globals[modname] = g
        bdict = dict(builtins.__dict__)
        bdict["__import__"] = self._import
        g["__builtins__"] = bdict
        for name, value in module.__dict__.items():
            if self._recorded_module(value):
                g[name] = self.module(value)
            elif isinstance(value, types.FunctionType) and (value.__module__ or "").startswith(_OPS_PREFIX):
                g[name] = self.rebind(value)
            elif type(value) is dict and any(isinstance(x, types.FunctionType) for x in value.values()):
                g[name] = {k: self.rebind(x) if isinstance(x, types.FunctionType) and
                           (x.__module__ or "").startswith(_OPS_PREFIX) else x for k, x in value.items()}
        return g

    def rebind(self, fn: types.FunctionType) -> types.FunctionType:
        key = id(fn)
        out = self._rebound.get(key)
        if out is None:
            g = self.patched_globals(fn.__module__)
            out = types.FunctionType(fn.__code__, g, fn.__name__, fn.__defaults__, fn.__closure__)
            out.__kwdefaults__ = fn.__kwdefaults__
            self._rebound[key] = out
        return out


# ----------------------------------------------------------------------------- generation


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
    note: str = ""
    needs_rng: bool = False
    lowered: Lowered | None = None
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
            notes.append(f"# b: lazyport's {self.target} backend; aten.*: lazyport's lowerings of the ops "
                         "written without a one-line form")
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
            textwrap.indent(line, "    ") + "\n" for line in self.body)  # (a loop's lines are several)

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
        out += future + sorted(i for i in imports if i.startswith("import ")) + \
            sorted(i for i in imports if i.startswith("from ") and not i.startswith("from __future__"))
        out.append("")
        if backend_src:
            out += ["", "# ---- a stand-in for lazyport's backend object `b` (copied from lazyport.backends)",
                    backend_src, "", f"b = {emitter.backend_class_name}()", ""]
        if lowerings:
            out += ["", "# ---- lowerings of the ops the graph calls as aten.* (copied from lazyport.backends.ops)",
                    lowerings, ""]
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
        from .backends import get_backend

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
            specs = ", ".join(f"tf.TensorSpec({tuple(s)!r}, {_dtype_src('tensorflow', d)})"
                              for s, d in zip(lw.param_shapes, lw.param_dtypes))
            if self.needs_rng:
                specs += (", " if specs else "") + "tf.TensorSpec((2,), tf.int64)"
            return [f"{self.name} = tf.function({self.name}, input_signature=[{specs}], autograph=False)"
                    "  # as lazyport compiles it", ""]
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


def synthetic_inputs(lowered: Lowered, backend: Any, seed: int = 0) -> list[Any]:
    """Small deterministic target arrays for the graph's inputs (values never decide what a lowering calls)."""
    rng = np.random.default_rng(seed)
    out = []
    for shape, d in zip(lowered.param_shapes, lowered.param_dtypes):
        shape = tuple(shape or ())
        dtype = backend.dtype_by_name(d or "float32")
        name = backend.dtype_name(dtype)
        if name == "bool":
            a = rng.random(shape) > 0.5
        elif name.startswith(("int", "uint")):
            a = np.zeros(shape, dtype=np.int64)
        elif name.startswith("complex"):
            a = rng.standard_normal(shape) + 1j * rng.standard_normal(shape)
        else:
            a = rng.random(shape) * 0.8 + 0.1
        out.append(backend.asarray(np.asarray(a).astype(np.float32) if name == "bfloat16" else a, dtype=dtype))
    return out


def generate(lowered: Lowered, backend: Any, name: str = "graph", record: bool = True) -> CodeGen:
    """Generate (and check) the target code of ``lowered``."""
    note = ""
    if record:
        try:
            gen = _generate(lowered, backend, name, True)
            problem = _check(gen, lowered, backend)
            if problem is None:
                return gen
            note = f"every op written as a lowering call: the recorded code did not check out ({problem})"
        except Exception as exc:  # pragma: no cover - a recorder bug must not make .code unusable
            note = f"every op written as a lowering call: recording failed ({type(exc).__name__}: {exc})"
    gen = _generate(lowered, backend, name, False)
    gen.note = note
    return gen


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
    return CodeGen(name, backend.name, params, body, r.consts, used_consts, r.imports, r.fallbacks, record,
                   needs_rng=lowered.needs_rng, lowered=lowered, reasons=r.reasons,
                   subfunctions=[src for _, (_, src) in r.subfunctions.values()], sub_consts=r.sub_consts,
                   loop_tests=r.loop_tests, sub_records=[(sub, n) for sub, (n, _) in r.subfunctions.values()])


def _example_rng(backend: Any) -> Any:
    if backend.name == "jax":
        import jax

        return jax.random.key(0)
    if backend.name == "tensorflow":
        import tensorflow as tf

        return tf.constant([1, 2], tf.int64)
    return np.random


def _record_program(r: _Recorder, lw: Lowered, backend: Any, arrays: Any,
                    const_names: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
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
                out = r.rebind(fn)(r.rb, *a, **k)
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

    evaluate(lw, backend, env, call=call, ensure=ensure, before=before,
             after=lambda ins, out: finish(ins.var, out, start))
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
    items = {i.index: i for i in lw.instrs if type(i).__name__ == "Item" and i.base == var}
    out: list[Any] = [None] * (max(items) + 1 if items else 0)
    for index, it in items.items():
        out[index] = backend.asarray(np.zeros(tuple(it.shape or ())), dtype=backend.dtype_by_name(it.dtype or "float32"))
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
        return r.bind(f"jax.lax.while_loop(\n    lambda c: jnp.reshape({test}(*c{more})[0], ()),\n"
                      f"    lambda c: {body}(*c{more}),\n    [{args(carried)}])", value)
    if t == "tensorflow":
        return r.bind(f"tf.while_loop(\n    lambda *c: tf.reshape({test}(*c{more})[0], ()),\n"
                      f"    lambda *c: {body}(*c{more}),\n    [{args(carried)}])", value)
    loop = r.bind(f"[{args(carried)}]", value)
    v = _text(loop)
    r.statement(f"while {test}(*{v}{more})[0]:\n    {v} = {body}(*{v}{more})")
    return loop


def _fallback(r: _Recorder, op: str, fn: Any, a: list, k: dict, rng: Any, rng_index: Any, info: Any,
              backend: Any) -> Rec:
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
    from .diskcache import decode_structure, encode_tree

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
            for p in pending[-k:]:
                sub = p.expr if p.atomic else f"({p.expr})"
                expr = re.sub(rf"\b{re.escape(p.var)}\b", lambda m, sub=sub: sub, expr)
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
        var = rename.get(ln.var, ln.var)
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
            return r.bind(f"tf.map_fn(tf.autograph.experimental.do_not_convert(lambda {p}: {fn}(*{p}{more})), [{xs_text}],\n"
                          f"          fn_output_signature=[tf.TensorSpec({y}.shape, {y}.dtype) for {y} in {lit(one)}])",
                          value)
        i = _fresh_name(r, "i")
        steps = r.bind(f"[{fn}({', '.join(f'{lit(x)}[{i}]' for x in xs)}{more}) for {i} in range(len({lit(xs[0])}))]",
                       value)
        return r.bind(f"[np.stack({y}) for {y} in zip(*{lit(steps)})]", value)
    step, c, x, out = (_fresh_name(r, w) for w in (f"{v}_step", "c", "x", "out"))
    if t == "jax":
        r.statement(f"def {step}({c}, {x}):\n    {out} = {fn}(*{c}, *{x}{more})\n    return {out}[:{n}], {out}[{n}:]")
        both = r.bind(f"jax.lax.scan({step}, [{', '.join(lit(i_) for i_ in init)}], [{xs_text}])", value)
        return r.bind(f"[*{lit(both)}[0], *{lit(both)}[1]]", value)
    if t == "tensorflow":
        r.statement(f"def {step}({c}, {x}):\n    {out} = {fn}(*{c}[0], *{x}{more})\n"
                    f"    return {out}[:{n}], {out}[{n}:]")
        y = _fresh_name(r, "y")
        one = r.bind(f"{fn}({', '.join(lit(i) for i in init)}, {first}{more})", value)
        both = r.bind(f"tf.scan(tf.autograph.experimental.do_not_convert({step}), [{xs_text}],\n"
                      f"        initializer=([{', '.join(lit(i) for i in init)}], [tf.zeros_like({y}) for {y} in {lit(one)}[{n}:]]))",
                      value)
        return r.bind(f"[*[{y}[-1] for {y} in {lit(both)}[0]], *{lit(both)}[1]]", value)
    carry, ys, i, y = (_fresh_name(r, w) for w in (f"{v}_carry", f"{v}_ys", "i", "y"))
    r.statement(f"{carry}, {ys} = [{', '.join(lit(i_) for i_ in init)}], []\n"
                f"for {i} in range(len({lit(xs[0])})):\n"
                f"    {out} = {fn}(*{carry}, {', '.join(f'{lit(x_)}[{i}]' for x_ in xs)}{more})\n"
                f"    {carry} = {out}[:{n}]\n    {ys}.append({out}[{n}:])")
    return r.bind(f"[*{carry}, *[np.stack({y}) for {y} in zip(*{ys})]]", value)


# ----------------------------------------------------------------------------- checking


class _EndlessLoop(Exception):
    """A loop of the check did not end on synthetic inputs (their values are not the user's)."""


_LOOP_LIMIT = 10_000


def _bounded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` (a loop's test) raising :class:`_EndlessLoop` once it was called too often."""
    calls = [0]

    def test(*args: Any) -> Any:
        calls[0] += 1
        if calls[0] > _LOOP_LIMIT:
            raise _EndlessLoop(f"a loop ran {_LOOP_LIMIT} times on synthetic inputs")
        return fn(*args)

    return test


def _bound_loops(program: Any) -> None:
    """Bound the loops of an engine :class:`~lazyport.lower.Program` (and of its subgraphs) for a check."""
    tests = {x["g"] for ins in program.lowered.instrs if getattr(ins, "op", None) == "while_loop"
             for x in ins.args[:1] if isinstance(x, dict) and "g" in x}
    for key, sub in program._subs.items():
        _bound_loops(sub)
        if key in tests:
            sub._fn = _bounded(sub.fn)


def _check(gen: CodeGen, lowered: Lowered, backend: Any) -> str | None:
    """None if the generated code computes what the engine's program computes, else what differs. Each
    branch and loop body is checked too (synthetic inputs take one branch), and loops are bounded."""
    try:
        return _check_graph(gen, lowered, backend)
    except _EndlessLoop as exc:
        return str(exc)


def _check_graph(gen: CodeGen, lowered: Lowered, backend: Any) -> str | None:
    from .lower import Program

    env = _exec_module(gen, compile=False)
    for test in gen.loop_tests:
        env[test] = _bounded(env[test])
    fn = env[gen.name]
    program = Program(lowered, backend)
    _bound_loops(program)
    for sub, name in gen.sub_records:
        sub_program = Program(sub, backend)
        _bound_loops(sub_program)
        problem = _check_function(env[name], sub, sub_program, backend)
        if problem is not None:
            return f"{name}: {problem}"
    return _check_function(fn, lowered, program, backend)


def _check_function(fn: Callable[..., Any], lowered: Lowered, program: Any, backend: Any) -> str | None:
    """None if ``fn`` (generated) computes what ``program`` (the engine's, for ``lowered``) computes."""
    arrays = synthetic_inputs(lowered, backend, seed=1)
    if lowered.needs_rng:
        arrays.append(_example_rng(backend))
    if backend.name == "jax":
        import jax

        def flat(f: Callable[..., Any]) -> Callable[..., Any]:
            def g(*xs: Any) -> Any:
                out = f(*xs)
                return out if isinstance(out, list) else optree_leaves(out)

            return g

        want = str(jax.make_jaxpr(program.fn)(*arrays))
        got = str(jax.make_jaxpr(flat(fn))(*arrays))
        if want == got:
            return None
        with jax.disable_jit():  # equal jaxprs are sufficient, not necessary: compare values
            return _compare_values(program.fn(*arrays), optree_leaves(fn(*arrays)), backend)
    if backend.name == "numpy" and lowered.needs_rng:
        np.random.seed(0)
        want = program.fn(*arrays)
        np.random.seed(0)
        return _compare_values(want, optree_leaves(fn(*arrays)), backend)
    with np.errstate(all="ignore"):
        return _compare_values(program.fn(*arrays), optree_leaves(fn(*arrays)), backend)


def optree_leaves(out: Any) -> list[Any]:
    import optree

    return optree.tree_leaves(out, none_is_leaf=True)


def _compare_values(want: list[Any], got: list[Any], backend: Any) -> str | None:
    if len(want) != len(got):
        return f"{len(got)} outputs instead of {len(want)}"
    for i, (w, g) in enumerate(zip(want, got)):
        if w is None or not hasattr(w, "dtype"):
            if w != g:
                return f"output {i} differs"
            continue
        w, g = backend.to_numpy(w), backend.to_numpy(g)
        if w.dtype != g.dtype or w.shape != g.shape:
            return f"output {i}: {g.dtype}{g.shape} instead of {w.dtype}{w.shape}"
        if w.dtype.kind in "fc":
            same = np.array_equal(w, g, equal_nan=True)
        else:
            same = np.array_equal(w, g)
        if not same:
            return f"output {i} has other values"
    return None


def load(gen: CodeGen, compile: bool = False) -> Callable[..., Any]:
    """The generated module executed in a fresh namespace; returns the graph function."""
    return _exec_module(gen, compile)[gen.name]


def _exec_module(gen: CodeGen, compile: bool = False) -> dict[str, Any]:
    src = gen.module(compile=compile)
    env: dict[str, Any] = {"__name__": f"lazyport_generated_{gen.name}"}
    exec(builtins.compile(src, f"<lazyport generated {gen.target} {gen.name}>", "exec"), env)
    return env


# ----------------------------------------------------------------------------- standalone copies of lowerings

_BACKEND_KEEP = {"__init__", "x64", "dtype_by_name", "dtype_name", "_dtype_name", "is_floating", "is_complex", "is_integer",
                 "at_least_float32",
                 "is_array", "is_traced", "asarray", "to_numpy", "astype", "ensure", "rng_fold", "rng_uniform",
                 "rng_normal", "rng_integers", "from_numpy"}
_ALLOWED_MODULES = ("numpy", "jax", "jaxlib", "tensorflow", "math", "itertools", "functools", "operator",
                    "builtins", "ml_dtypes", "cmath", "threading", "collections", "typing", "contextlib")
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
        self._reserved = set(dir(builtins)) | {"b", "aten", "jnp", "jax", "np", "tf", "tnp", "math", "find",
                                               "base64", "_array", "ml_dtypes", "rng"}

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
        chunks.append("class aten:\n    \"\"\"The ATen ops this graph calls as lowerings.\"\"\"\n\n" + "\n".join(entries))
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
            self.chunks.append(f"def {name}(b, *args, **kwargs):\n"
                               f"    args = [b.at_least_float32(a) if hasattr(a, 'dtype') else a for a in args]\n"
                               f"    return {inner}(b, *args, **kwargs)")
            return name
        # (a lowering made from a table row carries its source: backends.registry.from_source)
        tree = ast.parse(getattr(fn, "source", None) or textwrap.dedent(inspect.getsource(fn)))
        fdef = tree.body[0]
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
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "find"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
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
        if (isinstance(value, types.FunctionType) and (value.__module__ or "").startswith(_OPS_PREFIX)
                and "<locals>" not in value.__qualname__):  # (a closure made at import: its assignment, below)
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
                self.imports.add(f"from {value.__module__} import {value.__name__}" +
                                 ("" if alias == value.__name__ else f" as {alias}"))
                return None
        # a module-level assignment of the lowering's module: copy the statement
        stmt = self._assignment(modname, ref)
        if stmt is not None:
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
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == ref \
                    and stmt.value is not None:
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
        from .backends import get_backend

        cls = type(get_backend(self.target))
        chain = [c for c in cls.__mro__ if c is not object]
        out = []
        for c in reversed(chain):
            tree = ast.parse(textwrap.dedent(inspect.getsource(c)))
            cdef = tree.body[0]
            body = []
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
