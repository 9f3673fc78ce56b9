"""Run a torch function op by op on concrete arrays, through the same op tables the programs use.

A lazy first call does not need a graph: the function runs once with its tensors standing in for the
caller's arrays (:class:`Boxed`, a wrapper tensor holding an array of the interpreting backend), and
every ATen op that reaches them is answered by that op's lowering, followed by a cast to the dtype
torch's meta kernel computes for it (the same rule the generated programs follow). Functionalization
runs above, exactly as in capture, so in-place updates through views give torch's results and the op
tables see the same functional ops. Tensors that do not depend on the inputs (constants the function
builds from Python values) are left to torch.

The run also *records* what it computes (:class:`Recorder`): each lowered op becomes an instruction of
a :class:`~lazyport.lower.Lowered` record, the same record capture produces and the persistent cache
stores, so a first call is the signature's translation and nothing captures the function again.

Every read of a tensor's value (``.item()``, ``bool()``/``int()``/``float()``, ``.tolist()``,
``.numpy()``, ``__array__``, storage and ``data_ptr``) goes through :meth:`_Interpreter.read`: it gives
the true value, from torch for a constant and from the array for a tensor that depends on the inputs;
the latter makes the run *data-dependent* (its branch holds for these values only, so the record is
dropped and the signature runs op by op at every call).

What this path declines, it declines with :class:`Fallback` before returning anything, and the caller
captures and compiles as usual: random ops (their draws must come from the target's RNG stream as the
compiled program numbers it), an op with no lowering (capture names it in the error), a mutation
beneath functionalization, or any failure of torch's meta kernels.
"""

from __future__ import annotations

import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import optree
import torch
from torch.func import functionalize
from torch.overrides import TorchFunctionMode
from torch.utils._python_dispatch import TorchDispatchMode

from .backends import Backend, registry
from .capture import custom
from .capture.reads import GRAD_FLAGS, MEMORY_READS, READS, answer, unwrap_functional
from .capture.trace import _decomposition_table, _flat, user_frame
from .capture.tracer import as_tracer
from .lower import (
    GUARD,
    Instr,
    Item,
    Lowered,
    Names,
    Op,
    _unique_name,
    computed_dtype,
    dtype_name,
    encode,
    tensor_from_numpy,
    tensor_to_numpy,
    vars_in,
)

aten = torch.ops.aten
_DROP = (torch.device, torch.layout, torch.memory_format)
_SEEDED = torch.Tag.nondeterministic_seeded


def _draws(func: Any, args: tuple, kwargs: dict) -> bool:
    """Does this call of a random-tagged op draw random numbers? Attention kernels are tagged random for
    their dropout: with ``dropout_p=0`` they draw nothing."""
    names = [a.name for a in func._schema.arguments]
    if "dropout_p" not in names:
        return True
    i = names.index("dropout_p")
    p = kwargs.get("dropout_p", args[i] if len(args) > i else 0.0)
    return not (isinstance(p, int | float) and p == 0)


_T = torch.Tensor
# how a read becomes a guard: a truth value; the one element (however the read converts it); every element
_GUARD_KINDS = {
    _T.__bool__: "bool",
    _T.item: "item",
    _T.__int__: "item",
    _T.__index__: "item",
    _T.__float__: "item",
    _T.__complex__: "item",
    _T.tolist: "list",
}


class Fallback(Exception):
    """The op-by-op path declines this call; capture and compile instead."""


class KernelError(Fallback):
    """Neither torch's meta kernel nor its CPU kernel takes an op's arguments (mismatched sizes): the call
    fails in torch eager too, whose error is the one to give (:func:`lazyport.guarded.raise_as_torch`)."""


class Boxed(torch.Tensor):
    """A tensor whose value is an array of the interpreting backend (``elem``); metadata only in torch."""

    elem: Any
    meta: torch.Tensor  # a meta tensor like this one, for torch's meta kernels
    var: str | None  # type: ignore[assignment]  # its variable in the recording (shadows Tensor.var, never called)

    @staticmethod
    def __new__(cls, elem: Any, meta: torch.Tensor) -> Boxed:
        r = torch.Tensor._make_wrapper_subclass(
            cls, meta.shape, strides=meta.stride(), dtype=meta.dtype, device=torch.device("cpu"), requires_grad=False
        )
        r.elem = elem
        r.meta = meta
        r.var = None
        return r

    __torch_function__ = torch._C._disabled_torch_function_impl  # type: ignore[assignment]  # torch's own idiom

    @classmethod
    def __torch_dispatch__(  # type: ignore[override]  # torch declares a plain function; subclasses a classmethod
        cls, func: Any, types: Any, args: Any = (), kwargs: Any = None
    ) -> Any:
        raise Fallback(f"{func} reached a lazyport tensor outside the interpreter")

    def __repr__(self) -> str:  # type: ignore[override]  # torch's reads data through ops we do not want to run
        return f"Boxed({self.elem!r})"


class Recorder:
    """Records the lowered ops of an op-by-op run as a :class:`Lowered` record (the translation).

    Tensors that depend on the inputs are :class:`Boxed` and carry their variable name (``var``);
    tensors torch computed (constants) become constants of the record.
    """

    def __init__(self, params: list[str], specs: Sequence[tuple[tuple[int, ...], Any]], name: str):
        self.used = Names()
        self.params = [_unique_name(p, self.used) for p in params]
        self.specs = specs
        self.name = name
        self.instrs: list[Instr] = []
        self.consts: dict[str, Any] = {}
        self.const_dtypes: dict[str, str] = {}
        self.objects: dict[str, Any] = {}
        self._const_ids: dict[int, tuple[str, torch.Tensor]] = {}  # keeps the tensor alive with its id
        self.checks: set[str] = set()  # ops with no result kept for their checks (_linalg_check_errors)
        self.guards: list[str] = []  # the guards' variables, in the order of the reads
        self.declined: str | None = None

    def decline(self, why: str) -> None:
        self.declined = self.declined or why

    def enc(self, a: Any) -> Any:
        return encode(a, self._leaf, self.objects)

    def _leaf(self, a: Any) -> Any:
        if type(a) is Boxed:
            if a.var is None:
                raise Fallback("a lazyport tensor without a variable")
            return {"v": a.var}
        if isinstance(a, torch.Tensor):  # a constant torch computed
            hit = self._const_ids.get(id(a))
            if hit is None:
                key = f"C{len(self.consts)}"
                # a copy: the first call's result may be this very tensor, which its caller may write into
                self.consts[key] = tensor_to_numpy(a).copy()
                self.const_dtypes[key] = dtype_name(a.dtype)
                hit = self._const_ids[id(a)] = (key, a)
            return {"c": hit[0]}
        return None

    def op(self, func: Any, args: Any, kwargs: Any, meta: Any, result: Any) -> None:
        name = str(func)
        var = _unique_name(func._schema.name.rpartition("::")[2], self.used)
        enc_args = [self.enc(a) for a in args]
        enc_kwargs = {k: self.enc(x) for k, x in kwargs.items()}
        if isinstance(meta, torch.Tensor):
            result.var = var
            self.instrs.append(
                Op(var, name, enc_args, enc_kwargs, dtype_name(meta.dtype), [int(s) for s in meta.shape])
            )
            return
        self.instrs.append(Op(var, name, enc_args, enc_kwargs, None, None))
        if meta is None:
            self.checks.add(var)
            return
        for i, (r, m) in enumerate(zip(result, meta)):
            if type(r) is Boxed:
                r.var = item = _unique_name(f"{var}_{i}", self.used)
                self.instrs.append(Item(item, var, i, dtype_name(m.dtype), [int(s) for s in m.shape]))

    def guard(self, t: Boxed, kind: str, value: Any) -> None:
        """The read of ``t`` gave ``value``: a guard instruction, at this point of the program."""
        var = _unique_name("guard", self.used)
        self.instrs.append(Op(var, GUARD, [self.enc(t), kind, self.enc(value)], {}, "bool", []))
        self.guards.append(var)

    def lowered(self, outs: Sequence[Any], out_spec: Any) -> Lowered | None:
        """The record of the run, dead instructions dropped; None if recording declined."""
        if self.declined is not None:
            return None
        outputs = []
        for o in outs:
            e = self.enc(o)
            outputs.append({"v": e["c"]} if isinstance(e, dict) and "c" in e else e)
        outputs += [{"v": g} for g in self.guards]
        live = set(vars_in(outputs)) | self.checks
        kept = []
        for ins in reversed(self.instrs):
            if ins.var in live:
                kept.append(ins)
                live.update(ins.inputs())
        kept.reverse()
        lw = Lowered(
            self.params,
            [dtype_name(td) for _, td in self.specs],
            [list(s) for s, _ in self.specs],
            kept,
            outputs,
            self.consts,
            self.const_dtypes,
            self.objects,
            False,
            out_spec,
            self.name,
            {"recorded": True},
            guards=len(self.guards),
        )
        return lw


class _Reads(TorchFunctionMode):
    """Sends every value read (:data:`lazyport.capture.reads.READS`) to the interpreter."""

    def __init__(self, interpreter: _Interpreter):
        super().__init__()
        self.interpreter = interpreter

    def __torch_function__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        kwargs = kwargs or {}
        if func in GRAD_FLAGS:
            return args[0]
        if func in READS:
            t = unwrap_functional(args[0])
            if type(t) is Boxed:
                return self.interpreter.read(t, func, args, kwargs)
            return func(t, *args[1:], **kwargs)  # a constant: torch has its value
        return func(*args, **kwargs)


class _Interpreter(TorchDispatchMode):
    @classmethod
    def is_infra_mode(cls) -> bool:
        # torch.cond / while_loop run eagerly through torch.compile, which skips frames under a non-infra
        # mode and then stays broken for the process's later eager calls; as infra, the compile goes on,
        # reaches this mode with the higher-order op, which declines (capture then lowers it)
        return True

    # higher-order ops (torch.cond, while_loop, scan, map) reach __torch_dispatch__, which declines them
    # with a reason the first-call warning can show (torch's own error names the mode's repr)
    supports_higher_order_operators = True

    @classmethod
    def _should_skip_dynamo(cls) -> bool:
        # torch wraps a mode's __torch_dispatch__ in torch._dynamo.disable unless told otherwise: one more
        # wrapper per op, for nothing, as this mode never runs under torch.compile
        return False

    def __init__(self, backend: Backend, target: Backend, recorder: Recorder | None = None):
        super().__init__()
        self.b = backend
        self.out = target
        self.target = target.name
        self.decomps = _decomposition_table()
        self.dtypes: dict[torch.dtype, Any] = {}
        self.rec = recorder
        self.data_dependent: str | None = None  # where the run first read a value of the inputs

    def lowering(self, func: Any) -> Callable[..., Any] | None:
        name = str(func)
        # the op must be lowered for the real target too, or the translation would fail later
        fn = registry.find(name, self.b.name)
        if fn is None or registry.find(name, self.target) is None:
            return None
        return fn

    def dtype(self, td: torch.dtype) -> Any:
        d = self.dtypes.get(td)
        if d is None:
            name = dtype_name(td)
            computed_dtype(self.out, name)  # the target must have it too
            d = self.dtypes[td] = computed_dtype(self.b, name)
        return d

    def read(self, t: Boxed, func: Any, args: tuple = (), kwargs: dict | None = None) -> Any:
        """The value of the input-dependent tensor ``t`` as the read ``func`` returns it. What the run
        computes from here on holds for this value only: a recorded run keeps it as a guard (a later call
        runs the program only where the value reads the same); a read that is no value (``.numpy()``,
        ``__array__``: an array the function may keep) makes the run data-dependent (op by op at every call)."""
        if func in MEMORY_READS:  # no torch memory here; capture (fake tensors have storage) handles it
            raise Fallback(f"Tensor.{func.__name__}() of a tensor computed from the inputs")
        value = self.b.to_numpy(t.elem)
        got = answer(func, value, args, kwargs or {})
        kind = _GUARD_KINDS.get(func)
        if self.rec is not None and kind is not None:
            self.rec.guard(t, kind, got if kind != "item" else np.asarray(value).reshape(()).item())
        elif self.data_dependent is None:
            self.data_dependent = user_frame(traceback.extract_stack()[:-1]) or f"Tensor.{func.__name__}()"
        return got

    def __torch_dispatch__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        if isinstance(func, torch._ops.HigherOrderOperator):
            raise Fallback(f"it calls the higher-order op {func.name()}, whose subgraphs capture translates")
        kwargs = kwargs or {}
        tree: Any = (args, kwargs)  # (optree's recursive PyTree type is beyond mypy)
        leaves, treedef = optree.tree_flatten(tree, none_is_leaf=True)
        boxed = any(type(x) is Boxed for x in leaves)
        seeded = _SEEDED in func.tags
        if seeded and not boxed:
            raise Fallback(f"{func} is random")  # torch would draw from its own generator
        if not boxed:
            return func(*args, **kwargs)  # a constant: torch computes it
        if func._schema.is_mutable:
            raise Fallback(f"{func} mutates a tensor beneath functionalization")
        if func is aten.native_batch_norm.default and _updates_running_stats(args, kwargs):
            # its schema does not declare the in-place update of running_mean/var, so functionalization
            # above would never see it: capture's decomposition makes the write explicit
            raise Fallback(f"{func} updates its running statistics in place")
        if func is aten._local_scalar_dense.default:  # .item(), int(), float(): the value is here
            return self.read(args[0], torch.Tensor.item)
        if func is aten.is_nonzero.default:  # bool(tensor)
            return self.read(args[0], torch.Tensor.__bool__)
        redirect = custom.REDIRECTS.get(func)
        if redirect is not None:
            with self:
                r = redirect(*args, **kwargs)
            if r is not NotImplemented:
                return r
        lowering = None if seeded else self.lowering(func)
        if seeded and _draws(func, args, kwargs):
            # a random op draws from the target's stream, which capture threads through the program; one
            # tagged random that draws nothing here (attention with dropout_p=0) runs its decomposition,
            # whose own random ops, if any, come back here
            raise Fallback(f"{func} is random")
        if lowering is None:
            if func in self.decomps:  # (a CustomDecompTable: its .get() does not look up lazily)
                decomp = self.decomps[func]
                with self:
                    return decomp(*args, **kwargs)
            with self:
                r = func.decompose(*args, **kwargs)
            if r is not NotImplemented:
                return r
            impl = custom.python_impl(func)  # a library op's Python body (torch.library.custom_op)
            if impl is not None:
                with self:
                    return impl(*args, **kwargs)
            raise Fallback(f"{func} has no lowering")
        b = self.b
        product = _torch_product(func, args, kwargs) if func in _PRODUCTS and b.name == "numpy" else None
        if product is not None:  # torch's kernel gave the value and with it the metadata
            meta, out = _meta_like(product), product.numpy()
        else:
            meta = _meta(func, args, kwargs, leaves, treedef, self.b, self.rec)
            out = lowering(b, *self._arrays(args), **self._arrays(kwargs))
        result: Any
        if meta is None:  # a check such as _linalg_check_errors
            result = None
        elif isinstance(meta, torch.Tensor):
            result = Boxed(b.ensure(out, self.dtype(meta.dtype)), meta)
        elif isinstance(meta, tuple | list):
            result = type(meta)(
                Boxed(b.ensure(o, self.dtype(m.dtype)), m) if isinstance(m, torch.Tensor) else o
                for o, m in zip(out, meta)
            )
        else:
            raise Fallback(f"{func} returns {type(meta).__name__}")
        if self.rec is not None:
            self.rec.op(func, args, kwargs, meta, result)
        return result

    def _arrays(self, tree: Any) -> Any:
        b = self.b

        def conv(x: Any) -> Any:
            if type(x) is Boxed:
                return x.elem
            if isinstance(x, torch.Tensor):
                return b.asarray(tensor_to_numpy(x), dtype=self.dtype(x.dtype))
            if isinstance(x, torch.dtype):
                return self.dtype(x)
            if isinstance(x, _DROP):
                return None
            return x

        return optree.tree_map(conv, tree, none_is_leaf=True)


# Matrix products run torch's own CPU kernel on the NumPy values in the op-by-op run (what is recorded is
# still the op's lowering): NumPy's BLAS threads collapse on a busy machine, where a 128x768 @ 768x768
# product took 59 ms with two OpenBLAS threads (1.2 ms with one) and torch's 32 ms, and a batched one
# (attention's) 178 ms against torch's 10 ms; GPT-2's first call spent 85 % of its time there.
_PRODUCTS = {aten.mm.default, aten.bmm.default, aten.addmm.default, aten.baddbmm.default}


def _torch_product(func: Any, args: tuple, kwargs: dict) -> Any:
    """``func``'s result (a CPU tensor) from torch's kernel on the NumPy arrays of float32/float64
    operands (shared, not copied); None where that does not apply (the lowering computes it then)."""

    def tensor(x: Any) -> Any:
        if type(x) is not Boxed:
            return x
        e = x.elem
        if type(e) is not np.ndarray or e.dtype not in _FLOATS or _FLOATS[e.dtype] is not x.dtype:
            raise ValueError("not a float32/float64 NumPy array of the tensor's dtype")
        return torch.from_numpy(e)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # (read-only arrays: the kernel only reads them)
            result = func(*[tensor(a) for a in args], **{k: tensor(v) for k, v in kwargs.items()})
    except (TypeError, ValueError, RuntimeError):  # negative strides, another dtype: the lowering
        return None
    return result


_FLOATS = {np.dtype(np.float32): torch.float32, np.dtype(np.float64): torch.float64}


def _updates_running_stats(args: tuple, kwargs: dict) -> bool:
    """Does this ``native_batch_norm(input, weight, bias, running_mean, running_var, training, ...)`` call
    write new running statistics?"""
    names = ("input", "weight", "bias", "running_mean", "running_var", "training")
    bound = {**dict(zip(names, args)), **kwargs}
    return bool(bound.get("training")) and bound.get("running_mean") is not None


# (op, argument shapes/strides/dtypes and other values) -> torch's meta result: many of torch's meta
# kernels are Python, and a function repeats the same op on the same shapes (and a data-dependent one
# runs op by op at every call). Meta tensors hold no data, so results are shared.
_META: dict[Any, Any] = {}
_META_LIMIT = 8192
_MISSING = object()


def _meta(
    func: Any, args: Any, kwargs: Any, leaves: list[Any], treedef: Any, run: Backend, rec: Recorder | None = None
) -> Any:
    """torch's result metadata for ``func`` on these arguments (meta tensors, or None)."""
    key: Any = [func, treedef]
    for x in leaves:
        key.append((x.shape, x.stride(), x.dtype) if isinstance(x, torch.Tensor) else (type(x), x))
    try:
        key = tuple(key)
        meta = _META.get(key, _MISSING)
        if meta is not _MISSING:
            return meta
    except TypeError:  # an unhashable argument: no memo
        key = None
    meta = _real_meta(func, args, kwargs, leaves, run)
    if meta is _MISSING:
        try:
            meta = func(*_to_meta(args), **_to_meta(kwargs))
        except Exception as exc:
            # No meta kernel (geqrf, lstsq) or a shape that depends on values (nonzero, masked_select,
            # unique): torch runs the op on the values, for the metadata only; never memoised.
            try:
                result = func(*_to_torch(args, run), **_to_torch(kwargs, run))
            except Exception:  # torch's own kernel refuses these values: so would torch eager
                raise KernelError(f"{func}: no meta result ({exc})") from None
            if rec is not None:  # the shape may hold for these values only: capture decides
                rec.decline(f"{func} has no meta kernel")
            return optree.tree_map(_meta_like, result, none_is_leaf=True)
    if key is not None:
        if len(_META) >= _META_LIMIT:
            _META.clear()
        _META[key] = meta
    return meta


# Ops whose result metadata cannot come from running them on these values once and for all: random
# ones (torch's generator would advance), value-dependent shapes, views (their storage offsets) and writes.
_NOT_REAL = {
    torch.Tag.nondeterministic_seeded,
    torch.Tag.dynamic_output_shape,
    torch.Tag.data_dependent_output,
    torch.Tag.inplace_view,
}
_REAL_NUMEL_LIMIT = 1 << 22  # larger inputs: meta kernels, whatever they cost, rather than a second compute


def _real_meta(func: Any, args: Any, kwargs: Any, leaves: list[Any], run: Backend) -> Any:
    """torch's result metadata for ``func`` from its CPU kernel run on the values (``_MISSING`` where
    that does not apply). Most of torch's meta kernels are Python, and the first of them to run in a
    process imports ``torch._dynamo`` (about 1 s here); the C++ kernel on the same values is torch's own
    answer, and fast at the sizes this is used for. Only where the values are host NumPy arrays."""
    if run.name != "numpy" or func is aten._local_scalar_dense.default or not _NOT_REAL.isdisjoint(func.tags):
        return _MISSING
    schema = func._schema
    if schema.is_mutable or any(r.alias_info is not None for r in schema.returns):
        return _MISSING
    numel = 0
    for x in leaves:
        if isinstance(x, torch.Tensor):
            if type(x) is not Boxed and (type(x) is not torch.Tensor or x.device.type != "cpu"):
                return _MISSING
            numel += x.numel()
        elif isinstance(x, torch.device) and x.type != "cpu":
            return _MISSING
    if numel > _REAL_NUMEL_LIMIT:
        return _MISSING

    def real(x: Any) -> Any:
        if type(x) is not Boxed:
            return x
        t = tensor_from_numpy(x.elem, x.dtype)
        if tuple(t.shape) != tuple(x.shape):
            raise ValueError("shape")
        if t.numel() > 1 and t.stride() != x.stride():
            t = torch.empty_strided(x.shape, x.stride(), dtype=x.dtype).copy_(t)
        return t

    try:
        result = func(
            *optree.tree_map(real, args, none_is_leaf=True), **optree.tree_map(real, kwargs, none_is_leaf=True)
        )
    except Exception:  # a dtype the CPU kernel lacks, a check failing on these values: ask the meta kernel
        return _MISSING
    return optree.tree_map(_meta_like, result, none_is_leaf=True)


def _meta_like(x: Any) -> Any:
    if isinstance(x, torch.Tensor):
        return torch.empty_strided(x.shape, x.stride(), dtype=x.dtype, device="meta")
    return x


def _to_meta(tree: Any) -> Any:
    def conv(x: Any) -> Any:
        if type(x) is Boxed:
            return x.meta
        if isinstance(x, torch.Tensor):
            return _meta_like(x)
        if isinstance(x, torch.device):  # .to("cpu") of a meta tensor would copy data it does not have
            return torch.device("meta")
        return x

    return optree.tree_map(conv, tree, none_is_leaf=True)


def _to_torch(tree: Any, run: Backend) -> Any:
    def conv(x: Any) -> Any:
        if type(x) is Boxed:
            return tensor_from_numpy(run.to_numpy(x.elem), x.dtype)
        return x

    return optree.tree_map(conv, tree, none_is_leaf=True)


@dataclass
class Run:
    """What an op-by-op run gives: the flat results (``backend`` arrays; non-tensor leaves as they are)
    and their treedef; the recorded translation (None if not recorded, or if recording declined); and,
    if the run read a value computed from the inputs, where (then ``lowered`` is None); if recording
    declined, why."""

    outs: list[Any]
    out_spec: Any
    lowered: Lowered | None = None
    data_dependent: str | None = None
    declined: str | None = None


def interpret(
    fn: Callable[..., Any],
    arrays: Sequence[Any],
    specs: Sequence[tuple[tuple[int, ...], Any]],
    rebuild: Callable[[Sequence[Any]], tuple[tuple, dict]],
    backend: Backend,
    run: Backend | None = None,
    record: Sequence[str] | None = None,
    name: str = "graph",
) -> Run:
    """Call ``fn`` once on the ``backend`` arrays ``arrays``, op by op on the ``run`` backend (the
    target's own by default; JAX and TensorFlow run eager NumPy faster than their own eager ops).

    ``specs`` are the torch (shape, dtype) of each input; ``rebuild`` turns the flat tensors into
    ``fn``'s arguments. With ``record`` (a name per input) the run is recorded as a
    :class:`~lazyport.lower.Lowered` named ``name``. Raises :class:`Fallback`, or whatever the function
    raised, when this path does not apply; nothing is left behind either way.
    """
    run = run or backend
    boxes = [
        Boxed(run.from_backend(a, backend, run.dtype(td)), torch.empty(shape, dtype=td, device="meta"))
        for a, (shape, td) in zip(arrays, specs)
    ]
    rec = None
    if record is not None:
        rec = Recorder(list(record) + [f"a{i}" for i in range(len(record), len(boxes))], specs, name)
        for box, var in zip(boxes, rec.params):
            box.var = var
    spec_box: list[Any] = []
    interpreter = _Interpreter(run, backend, rec)
    with torch.no_grad(), _Reads(interpreter), as_tracer(compiling=False), interpreter:
        # (wrap_program: NumPy computes 0/0 and overflow silently, as torch does)
        outs = run.wrap_program(functionalize(_flat(fn, rebuild, spec_box), remove="mutations_and_views"))(*boxes)
    results = []
    for o in outs:
        if type(o) is Boxed:
            o = backend.from_backend(o.elem, run, backend.dtype(o.dtype))
        elif isinstance(o, torch.Tensor):  # a constant torch computed
            o = backend.asarray(tensor_to_numpy(o), dtype=backend.dtype(o.dtype))
        results.append(o)
    lowered = None
    if rec is not None and interpreter.data_dependent is None:
        lowered = rec.lowered(outs, spec_box[-1])
    return Run(results, spec_box[-1], lowered, interpreter.data_dependent, rec.declined if rec else None)
