"""Recording a lowering's target calls: stand-ins that perform each call and write it down as a line.

A lowering is ordinary Python against ``b.xp`` / ``b.fw``; it reads only static facts (shapes, dtypes,
Python arguments) to decide what to call. So each lowering is *run* once with recording stand-ins: the
namespaces ``b.xp`` and ``b.fw`` (and the ones its module imports, and framework modules it imports
locally) become :class:`Rec` objects that perform the real call and write down one line per call; arrays
are :class:`Rec` objects too, answering ``shape``/``dtype``/``ndim`` with the real values and recording
operators, indexing and methods. The recorded lines are exactly the calls the lowering makes for this
signature, with its shape arithmetic folded into constants.

Recording rather than a per-op template table (``add`` -> ``jnp.add``): it gives the same lines for every
lowering without a second, drifting copy of each op's semantics. A lowering that reads a value
(``bool(x)``, ``float(x)``), hands an array to a function that is not recorded, or does anything else the
stand-ins cannot follow raises :class:`NotRecordable`.
"""

from __future__ import annotations

import builtins
import math
import re
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..lower import Lowered

_OPS_PREFIX = "lazyport.backends"
_METADATA = {
    "shape",
    "ndim",
    "size",
    "get_shape",
    "result_type",
    "iscomplexobj",
    "isrealobj",
    "issubdtype",
    "isdtype",
    "can_cast",
    "promote_types",
    "dtype",
    "__len__",
    "broadcast_shapes",
}


class NotRecordable(Exception):
    """The lowering did something the recording stand-ins cannot follow."""


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

    fn = {
        "+": operator.add,
        "-": operator.sub,
        "*": operator.mul,
        "/": operator.truediv,
        "//": operator.floordiv,
        "%": operator.mod,
        "**": operator.pow,
        "@": operator.matmul,
        "&": operator.and_,
        "|": operator.or_,
        "^": operator.xor,
        "<<": operator.lshift,
        ">>": operator.rshift,
        "<": operator.lt,
        "<=": operator.le,
        ">": operator.gt,
        ">=": operator.ge,
        "==": operator.eq,
        "!=": operator.ne,
    }[sym]

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

    @property  # type: ignore[misc]  # read-only on purpose: a stand-in's class is its value's
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
    __eq__, __ne__ = _binop("=="), _binop("!=")
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
    "jnp": "import jax.numpy as jnp",
    "jax": "import jax",
    "np": "import numpy as np",
    "tnp": "import tensorflow.experimental.numpy as tnp",
    "tf": "import tensorflow as tf",
}
_BACKEND_METHODS = (
    "asarray",
    "astype",
    "ensure",
    "to_numpy",
    "is_traced",
    "rng_fold",
    "rng_uniform",
    "rng_normal",
    "rng_integers",
    "from_numpy",
)


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
        expanded = re.sub(
            r"^(\w+)",
            lambda m: {
                "jnp": "jax.numpy",
                "tf": "tensorflow",
                "tnp": "tensorflow.experimental.numpy",
                "np": "numpy",
            }.get(m.group(1), m.group(1)),
            text,
        )
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
        rb: Any = object.__new__(rcls)
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
                g[name] = {
                    k: self.rebind(x)
                    if isinstance(x, types.FunctionType) and (x.__module__ or "").startswith(_OPS_PREFIX)
                    else x
                    for k, x in value.items()
                }
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
