"""Run a torch function op by op on concrete arrays, through the same op tables the programs use.

A lazy first call does not need a graph: the function runs once with its tensors standing in for the
caller's arrays (:class:`Boxed`, a wrapper tensor holding an array of the interpreting backend), and
every ATen op that reaches them is answered by that op's lowering, followed by a cast to the dtype
torch's meta kernel computes for it (the same rule the generated programs follow). Functionalization
runs above, exactly as in capture, so in-place updates through views give torch's results and the op
tables see the same functional ops. Tensors that do not depend on the inputs (constants the function
builds from Python values) are left to torch.

What this path declines, it declines with :class:`Fallback` before returning anything, and the caller
captures and compiles as usual: random ops (their draws must come from the target's RNG stream as the
compiled program numbers it), an op with no lowering (capture names it in the error), a mutation
beneath functionalization, or any failure of torch's meta kernels.

Branches on input values need no special care here: values are concrete, so the function takes the
branch these inputs select, which is why this is also how data-dependent functions run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import optree
import torch
from torch.func import functionalize
from torch.utils._python_dispatch import TorchDispatchMode

from .backends import Backend, registry
from .capture.trace import _decomposition_table, _flat
from .lower import computed_dtype, dtype_name, tensor_from_numpy, tensor_to_numpy

aten = torch.ops.aten
_DROP = (torch.device, torch.layout, torch.memory_format)
_SEEDED = torch.Tag.nondeterministic_seeded


class Fallback(Exception):
    """The op-by-op path declines this call; capture and compile instead."""


class Boxed(torch.Tensor):
    """A tensor whose value is an array of the interpreting backend (``elem``); metadata only in torch."""

    elem: Any
    meta: torch.Tensor  # a meta tensor like this one, for torch's meta kernels

    @staticmethod
    def __new__(cls, elem: Any, meta: torch.Tensor) -> Boxed:
        r = torch.Tensor._make_wrapper_subclass(cls, meta.shape, strides=meta.stride(), dtype=meta.dtype,
                                                device="cpu", requires_grad=False)
        r.elem = elem
        r.meta = meta
        return r

    __torch_function__ = torch._C._disabled_torch_function_impl

    @classmethod
    def __torch_dispatch__(cls, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        raise Fallback(f"{func} reached a lazyport tensor outside the interpreter")

    def __repr__(self) -> str:  # torch's repr reads data through ops we do not want to run
        return f"Boxed({self.elem!r})"


class _Interpreter(TorchDispatchMode):
    @classmethod
    def _should_skip_dynamo(cls) -> bool:
        # torch wraps a mode's __torch_dispatch__ in torch._dynamo.disable unless told otherwise: one more
        # wrapper per op, for nothing, as this mode never runs under torch.compile
        return False

    def __init__(self, backend: Backend, target: Backend):
        super().__init__()
        self.b = backend
        self.out = target
        self.target = target.name
        self.decomps = _decomposition_table()
        self.dtypes: dict[torch.dtype, Any] = {}

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

    def __torch_dispatch__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        kwargs = kwargs or {}
        leaves, treedef = optree.tree_flatten((args, kwargs), none_is_leaf=True)
        boxed = any(type(x) is Boxed for x in leaves)
        if _SEEDED in func.tags:
            raise Fallback(f"{func} is random")
        if not boxed:
            return func(*args, **kwargs)  # a constant: torch computes it
        if func._schema.is_mutable:
            raise Fallback(f"{func} mutates a tensor beneath functionalization")
        if func is aten._local_scalar_dense.default:  # .item(), int(), float(): the value is here
            return self.b.to_numpy(args[0].elem).item()
        if func is aten.is_nonzero.default:  # bool(tensor)
            return bool(self.b.to_numpy(args[0].elem))
        lowering = self.lowering(func)
        if lowering is None:
            if func in self.decomps:  # (a CustomDecompTable: its .get() does not look up lazily)
                decomp = self.decomps[func]
                with self:
                    return decomp(*args, **kwargs)
            with self:
                r = func.decompose(*args, **kwargs)
            if r is not NotImplemented:
                return r
            raise Fallback(f"{func} has no lowering")
        meta = _meta(func, args, kwargs, leaves, treedef, self.b)
        b = self.b
        out = lowering(b, *self._arrays(args), **self._arrays(kwargs))
        if meta is None:  # a check such as _linalg_check_errors
            return None
        if isinstance(meta, torch.Tensor):
            return Boxed(b.ensure(out, self.dtype(meta.dtype)), meta)
        if isinstance(meta, tuple | list):
            return type(meta)(
                Boxed(b.ensure(o, self.dtype(m.dtype)), m) if isinstance(m, torch.Tensor) else o
                for o, m in zip(out, meta)
            )
        raise Fallback(f"{func} returns {type(meta).__name__}")

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


# (op, argument shapes/strides/dtypes and other values) -> torch's meta result: many of torch's meta
# kernels are Python, and a function repeats the same op on the same shapes (and is called again while
# its translation runs in the background). Meta tensors hold no data, so results are shared.
_META: dict[Any, Any] = {}
_META_LIMIT = 8192
_MISSING = object()


def _meta(func: Any, args: Any, kwargs: Any, leaves: list[Any], treedef: Any, run: Backend) -> Any:
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
    try:
        meta = func(*_to_meta(args), **_to_meta(kwargs))
    except Exception as exc:
        # No meta kernel (geqrf, lstsq) or a shape that depends on values (nonzero, masked_select,
        # unique): torch runs the op on the values, for the metadata only; never memoised.
        try:
            result = func(*_to_torch(args, run), **_to_torch(kwargs, run))
        except Exception:
            raise Fallback(f"{func}: no meta result ({exc})") from None
        return optree.tree_map(_meta_like, result, none_is_leaf=True)
    if key is not None:
        if len(_META) >= _META_LIMIT:
            _META.clear()
        _META[key] = meta
    return meta


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


def interpret(
    fn: Callable[..., Any],
    arrays: Sequence[Any],
    specs: Sequence[tuple[tuple[int, ...], Any]],
    rebuild: Callable[[Sequence[Any]], tuple[tuple, dict]],
    backend: Backend,
    run: Backend | None = None,
) -> tuple[list[Any], Any]:
    """Call ``fn`` once on the ``backend`` arrays ``arrays``, op by op on the ``run`` backend (the
    target's own by default; JAX and TensorFlow run eager NumPy faster than their own eager ops).

    ``specs`` are the torch (shape, dtype) of each input; ``rebuild`` turns the flat tensors into
    ``fn``'s arguments. Returns the flat result leaves as ``backend`` arrays (non-tensor leaves as they
    are) and their treedef. Raises :class:`Fallback`, or whatever the function raised, when this
    path does not apply; nothing is left behind either way.
    """
    run = run or backend
    boxes = [Boxed(run.from_backend(a, backend, run.dtype(td)), torch.empty(shape, dtype=td, device="meta"))
             for a, (shape, td) in zip(arrays, specs)]
    spec_box: list[Any] = []
    with torch.no_grad(), _Interpreter(run, backend):
        # (wrap_program: NumPy computes 0/0 and overflow silently, as torch does)
        outs = run.wrap_program(functionalize(_flat(fn, rebuild, spec_box), remove="mutations_and_views"))(*boxes)
    results = []
    for o in outs:
        if type(o) is Boxed:
            o = backend.from_backend(o.elem, run, backend.dtype(o.dtype))
        elif isinstance(o, torch.Tensor):  # a constant torch computed
            o = backend.asarray(tensor_to_numpy(o), dtype=backend.dtype(o.dtype))
        results.append(o)
    return results, spec_box[-1]
