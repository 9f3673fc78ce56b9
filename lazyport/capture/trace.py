"""make_fx over functionalize with the core ATen decompositions, on fake or real tensors."""

from __future__ import annotations

import contextlib
import os
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import torch
import torch._subclasses.fake_tensor as _fake_tensor
import torch.fx as fx
import torch.fx.experimental.proxy_tensor as _proxy_tensor
from torch._decomp import core_aten_decompositions
from torch.func import functionalize
from torch.fx.experimental.proxy_tensor import make_fx
from torch.overrides import TorchFunctionMode
from torch.utils._python_dispatch import _disable_current_modes

from . import custom
from .reads import GRAD_FLAGS, answer, unwrap_functional
from .tracer import as_tracer

# Tensors built only from Python constants (kornia's `torch.tensor([sigma])`) are computed for real
# during capture when they have at most this many elements, so reading them back (`.item()`, `bool()`)
# does not become a data-dependent guard. torch's own limit is 1 element.
CONSTANT_NUMEL_LIMIT = 4096

# Capture swaps the two module constants above, so captures run one at a time.
_capture_lock = threading.RLock()
_decompositions: dict[Any, Any] | None = None

_TORCH_DIR = os.path.dirname(torch.__file__)
_LAZYPORT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _decomposition_table() -> dict[Any, Any]:
    global _decompositions
    if _decompositions is None:
        with _capture_lock:  # (threads' first calls build it at once: one of them, whole, then published)
            if _decompositions is None:
                table = core_aten_decompositions()
                table[torch.ops.aten.native_batch_norm.default] = _native_batch_norm
                # lowered as it is: its Python decomposition refuses integer tensors with a float value, which
                # torch's kernel takes (truncated)
                if torch.ops.aten.addcmul.default in table:
                    del table[torch.ops.aten.addcmul.default]
                table.update(custom.REDIRECTS)
                _decompositions = table
    return _decompositions


def _native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps):
    """native_batch_norm updates running_mean/var in place without saying so in its schema, so
    functionalization misses the update (BatchNorm's running statistics would never change). Make the
    write explicit: the functional op plus ``copy_``, which the re-functionalization pass turns into
    outputs."""
    aten = torch.ops.aten
    if running_mean is None or running_var is None:
        return aten._native_batch_norm_legit.no_stats(input, weight, bias, training, momentum, eps)
    if not training:
        return aten._native_batch_norm_legit_no_training(input, weight, bias, running_mean, running_var, momentum, eps)
    out, mean, rstd, new_mean, new_var = aten._native_batch_norm_legit_functional(
        input, weight, bias, running_mean, running_var, True, momentum, eps
    )
    running_mean.copy_(new_mean)
    running_var.copy_(new_var)
    return out, mean, rstd


@contextlib.contextmanager
def _constant_propagation() -> Iterator[None]:
    saved = _fake_tensor.CONSTANT_NUMEL_LIMIT, _proxy_tensor.CONSTANT_NUMEL_LIMIT
    _fake_tensor.CONSTANT_NUMEL_LIMIT = _proxy_tensor.CONSTANT_NUMEL_LIMIT = CONSTANT_NUMEL_LIMIT
    try:
        yield
    finally:
        _fake_tensor.CONSTANT_NUMEL_LIMIT, _proxy_tensor.CONSTANT_NUMEL_LIMIT = saved


@dataclass
class Captured:
    """A captured graph: ``gm`` maps the flat input tensors to the flat output leaves."""

    gm: fx.GraphModule
    out_spec: Any  # optree treedef of the function's result
    concrete: bool = False  # True: valid only for the values it was captured with
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def op_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for node in self.gm.graph.nodes:
            if node.op == "call_function":
                name = str(node.target)
                counts[name] = counts.get(name, 0) + 1
        return counts


@contextlib.contextmanager
def _full_stack_traces(enabled: bool) -> Iterator[None]:
    """make_fx keeps only frames of functions named `forward`; for error messages we want them all.

    Only used on error paths (re-capturing to find the source line of an op), under the capture lock.
    """
    if not enabled:
        yield
        return
    cls = _proxy_tensor.PythonKeyTracer
    saved = cls.__dict__.get("_filter_traceback_frames")
    cls._filter_traceback_frames = lambda self, user_stack_summary: user_stack_summary
    try:
        yield
    finally:
        if saved is None:
            del cls._filter_traceback_frames
        else:
            cls._filter_traceback_frames = saved


def _trace(
    flat_fn: Callable[..., Any], inputs: Sequence[torch.Tensor], mode: Literal["real", "fake", "symbolic"], stack: bool
) -> fx.GraphModule:
    table = _decomposition_table()
    library = custom.library_decompositions()  # library ops with no lowering: their Python implementations
    if library:
        table = {**table, **library}

    def trace(f: Callable[..., Any]) -> fx.GraphModule:
        return make_fx(
            functionalize(f, remove="mutations_and_views"),
            tracing_mode=mode,
            decomposition_table=table,
            record_stack_traces=stack,
            _error_on_data_dependent_ops=mode != "real",  # real values may be read: that is the point
            _allow_non_fake_inputs=True,  # tensors the function closes over become graph constants
        )(*inputs)

    tracing = as_tracer(compiling=mode != "real")  # (a capture on real values keeps torch's eager semantics)
    with _capture_lock, _constant_propagation(), _full_stack_traces(stack), torch.no_grad(), _Reads(), tracing:
        try:
            gm = trace(flat_fn)
        except _fake_tensor.UnsupportedOperatorException as exc:  # no fake kernel: a library op (C++ only)
            raise custom.opaque_error(exc.func) from None
        if _has_mutations(gm):
            # Decompositions run beneath functionalization, so one may mutate a view of a fresh tensor
            # (circular padding writes into slices of `empty`): functionalize the decomposed graph again.
            gm = trace(gm)
    gm.graph.eliminate_dead_code()
    # no gm.recompile() (a few ms of Python codegen): lazyport reads the graph, it never calls gm
    return gm


def _has_mutations(gm: fx.GraphModule) -> bool:
    for node in gm.graph.nodes:
        target = node.target
        if node.op == "call_function" and isinstance(target, torch._ops.OpOverload) and target._schema.is_mutable:
            return True
    return False


_PLAIN = (bool, int, float, complex, str, type(None))


def _flat(fn: Callable[..., Any], rebuild: Callable[[Sequence[torch.Tensor]], tuple[tuple, dict]], box: list):
    """``fn`` as a function of flat tensors returning flat result leaves (their treedef goes to ``box``)."""
    from .. import trees
    from ..errors import TranslationError

    def flat_fn(*tensors: torch.Tensor) -> list[Any]:
        args, kwargs = rebuild(tensors)
        out = fn(*args, **kwargs)
        leaves, spec = trees.flatten(out)
        for i, leaf in enumerate(leaves):
            if isinstance(leaf, torch.Size):
                leaves[i] = tuple(leaf)
            elif not isinstance(leaf, (torch.Tensor, torch.SymInt, torch.SymFloat, torch.SymBool, *_PLAIN)):
                raise TranslationError(
                    f"{getattr(fn, '__qualname__', fn)} returns a {type(leaf).__module__}.{type(leaf).__qualname__}, "
                    "which lazyport cannot give back as a target value: results must be tensors and plain Python "
                    "values, in containers optree or torch.utils._pytree know (register a container with "
                    "torch.utils._pytree.register_pytree_node)"
                )
        box.append(spec)
        return list(leaves)

    return flat_fn


def capture(
    fn: Callable[..., Any],
    specs: Sequence[tuple[tuple[int, ...], torch.dtype]],
    rebuild: Callable[[Sequence[torch.Tensor]], tuple[tuple, dict]],
    stack: bool = False,
) -> Captured:
    """Trace ``fn`` on fake tensors of the given (shape, dtype) specs.

    ``rebuild`` turns the flat tensors back into ``fn``'s ``(args, kwargs)``. Raises the torch error
    if the function branches on input values (see :func:`is_data_dependent`).
    """
    box: list[Any] = []
    inputs = [torch.empty(shape, dtype=dtype) for shape, dtype in specs]
    gm = _trace(_flat(fn, rebuild, box), inputs, "fake", stack)
    node = _dynamic_node(gm)
    if node is not None:
        if not stack:  # rare path: capture again, recording source lines, to say where
            node = _dynamic_node(_trace(_flat(fn, rebuild, box), inputs, "fake", True)) or node
        err = DynamicShapeError(f"data-dependent: the shape of {node.target}'s result depends on input values")
        err.where = user_frame(node.meta.get("stack_trace"))
        raise err
    return Captured(gm, box[-1])


class _Reads(TorchFunctionMode):
    """Reads of a tensor's values through NumPy or Python (``.numpy()``, ``.tolist()``, ``__array__``)
    during capture. On fake tensors: a constant's value, and a data-dependent read for a tensor computed
    from the inputs, never the garbage of a fake tensor's absent memory. On real tensors (capture on
    concrete values): a read-only copy, as in the op-by-op run, since a write to it would reach no
    graph. (``.item()`` and ``bool()`` are torch's own data-dependent guards: they work for constants
    and fail for inputs already.)"""

    def __torch_function__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        kwargs = kwargs or {}
        if func in GRAD_FLAGS:
            return args[0]
        if func in _VALUE_READS:
            t = unwrap_functional(args[0])
            if isinstance(t, _fake_tensor.FakeTensor):
                t = t.constant
                if t is None:
                    err = DataReadError(
                        f"data-dependent: Tensor.{func.__name__}() reads the values of a tensor computed from "
                        "the inputs"
                    )
                    err.where = user_frame(traceback.extract_stack()[:-1])
                    raise err
            with _disable_current_modes():
                return answer(func, t.detach().numpy(), args, kwargs)
        return func(*args, **kwargs)


# (storage and data_ptr are left alone: torch's tracing machinery itself asks fake tensors for them)
_VALUE_READS = frozenset({torch.Tensor.numpy, torch.Tensor.tolist, torch.Tensor.__array__})


class DataReadError(RuntimeError):
    """Capture met a read of an input-dependent tensor's values (``.numpy()``, ``.tolist()``)."""

    where: str | None = None  # the user's source line


class DynamicShapeError(RuntimeError):
    """A captured value's shape depends on input values (nonzero, boolean masks, unique)."""

    where: str | None = None  # the user's source line


def _dynamic_node(gm: fx.GraphModule) -> fx.Node | None:
    from torch.fx.experimental.symbolic_shapes import free_unbacked_symbols

    return next((n for n in gm.graph.nodes if free_unbacked_symbols(n.meta.get("val"))), None)


def capture_concrete(
    fn: Callable[..., Any],
    tensors: Sequence[torch.Tensor],
    rebuild: Callable[[Sequence[torch.Tensor]], tuple[tuple, dict]],
) -> Captured:
    """Trace ``fn`` on real tensors: branches are taken for these values, so never cache the result."""
    box: list[Any] = []
    gm = _trace(_flat(fn, rebuild, box), list(tensors), "real", True)
    return Captured(gm, box[-1], concrete=True)


# what torch says when capture reads a fake tensor's values (an op whose kernel reads an index tensor's
# data, e.g. tensor_split with a tensor of split points, fails with the last one)
_READS_VALUES = ("data-dependent", "get value out of a tracing tensor", "its data is not allocated yet")


def is_data_dependent(exc: BaseException) -> bool:
    """Did capture fail because the function reads input values (branches, .item(), nonzero)?"""
    from torch._subclasses.fake_tensor import DataDependentOutputException, DynamicOutputShapeException
    from torch.fx.experimental.symbolic_shapes import GuardOnDataDependentSymNode

    kinds = (
        GuardOnDataDependentSymNode,
        DataDependentOutputException,
        DynamicOutputShapeException,
        DynamicShapeError,
        DataReadError,
    )
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        head = str(cur).split("\n", 1)[0]
        if isinstance(cur, kinds) or any(m in head for m in _READS_VALUES):
            return True
        cur = cur.__cause__ or cur.__context__
    return False


def describe_read(exc: BaseException) -> str:
    """What a data-dependent capture failure read, in the user's terms (no sympy guard text)."""
    from torch._subclasses.fake_tensor import DataDependentOutputException, DynamicOutputShapeException
    from torch.fx.experimental.symbolic_shapes import GuardOnDataDependentSymNode

    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, DataReadError):
            return str(cur).removeprefix("data-dependent: ")
        if isinstance(cur, (DynamicShapeError, DynamicOutputShapeException)):
            return "an output's shape depends on input values (nonzero, a boolean mask, unique, repeat_interleave)"
        if isinstance(cur, GuardOnDataDependentSymNode):
            expr = str(getattr(cur, "cond", "")) or str(cur)
            if any(rel in expr for rel in ("Eq(", "Ne(", "<", ">")):
                return (
                    "it takes the truth value of a tensor computed from the inputs (a Python if/while/and/or, "
                    "bool(), assert)"
                )
            if "zuf" in expr:
                return "it converts a tensor computed from the inputs to a Python float (float(), .item())"
            return (
                "it converts a tensor computed from the inputs to a Python int (int(), .item(), a size, "
                "an index or a slice bound)"
            )
        if isinstance(cur, DataDependentOutputException):
            return "it reads the values of a tensor computed from the inputs (.item(), .tolist(), a conversion)"
        cur = cur.__cause__ or cur.__context__
    return "it reads the values of a tensor computed from its inputs"


def _is_library_frame(filename: str) -> bool:
    return filename.startswith(_TORCH_DIR) or filename.startswith(_LAZYPORT_DIR) or "<frozen" in filename


def user_frame(tb_or_summary: Any) -> str | None:
    """The innermost frame outside torch and lazyport, formatted as 'File ..., line N, in f\\n  code'."""
    if isinstance(tb_or_summary, str):  # a node's recorded stack trace
        lines = tb_or_summary.strip().splitlines()
        pairs = []
        for i, line in enumerate(lines):
            if line.strip().startswith("File "):
                nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
                pairs.append((line.strip(), "" if nxt.startswith("File ") else nxt))
        for head, code in reversed(pairs):
            path = head.split('"')[1] if '"' in head else ""
            if not _is_library_frame(path):
                return f"  {head}" + (f"\n    {code}" if code else "")
        return None
    if isinstance(tb_or_summary, list):  # a traceback.StackSummary (traceback.extract_stack())
        frames = tb_or_summary
    else:
        frames = traceback.extract_tb(tb_or_summary) if tb_or_summary is not None else []
    for fr in reversed(frames):
        if not _is_library_frame(fr.filename):
            return f'  File "{fr.filename}", line {fr.lineno}, in {fr.name}\n    {fr.line}'
    return None
