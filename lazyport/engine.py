"""Translated functions: signature → cache → (record or capture → lower → compile) → run.

A :class:`TranslatedFunction` owns one torch function and one target. Per input signature it keeps an
:class:`Entry`: the lowered record, its straight-line target program and, once ready, the compiled
form. How a call runs:

* a concrete call of a signature not translated yet runs op by op (:mod:`lazyport.interpret`: the
  function itself on tensors that hold arrays, each ATen op answered by its lowering; JAX and
  TensorFlow run the NumPy lowerings for arrays in host memory, which are faster eagerly) and records
  the program it runs: that record is the signature's translation (one pass; nothing captures the
  function again). Later calls run the recorded program; once they have cost as much as the first call
  did, the signature is compiled (JAX traces and lowers in the caller's thread, XLA compiles on the
  background worker) and calls use the compiled form as soon as it is ready. Where recording declines
  (random ops, an op without a lowering or a meta kernel), the signature is captured in the foreground.
  ``LAZYPORT_FIRST_CALL=compile`` captures and compiles synchronously instead;
* inside the target's tracing (``jax.jit``/``grad``/``vmap``, ``tf.function``): captured on fake
  tensors, and the program is traced into the caller's computation;
* a function that reads input values (a branch, ``.item()``, ``.numpy()``) has no translation for all
  values. With concrete inputs it runs op by op at every call (never cached as if the branch were
  unconditional, neither in memory nor on disk); under tracing it raises :class:`DataDependentError`
  naming the line. In graph mode (``lazyport.trace_graph``) there is no such fallback: a graph is one
  program for every value of a signature, so it raises right away.

Before translating, a signature is looked up in the persistent cache (:mod:`lazyport.diskcache`); a
hit gives the lowered program without running torch at all, and a fresh translation is written there.
"""

from __future__ import annotations

import functools
import inspect
import keyword
import logging
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import optree

from . import config, diskcache, log, progress, trees, worker
from .backends import Backend, get_backend
from .backends.base import framework_of
from .cache import LRU
from .errors import (
    DataDependentError,
    DynamicShapesError,
    LazyportError,
    MixedFrameworkError,
    TranslationError,
    UnsupportedDtypeError,
    UnsupportedOpError,
)
from .tracebacks import at_boundary

# what an argument leaf is: a target array being traced (a JAX tracer), a concrete target array, a NumPy
# array to convert, a static Python value, or a mistake
_TRACED, _ARRAY, _CONVERT, _STATIC, _FOREIGN, _TORCH = -1, 0, 1, 2, 3, 4
_functions: weakref.WeakSet[TranslatedFunction] = weakref.WeakSet()  # for lazyport.wait()
_GONE = object()  # a guarded name that was deleted
_log = log.get("engine")


def wait_all(timeout: float | None = None) -> bool:
    """:func:`lazyport.wait`: start the compiles every translated function has left, then wait."""
    for f in list(_functions):
        f.compile_pending()
    with progress.status("waiting for background compiles"):
        return worker.join(timeout)


class ArraySpec(NamedTuple):
    """The shape and dtype of an input array: what compiling a signature needs of it."""

    shape: tuple[int, ...]
    dtype: Any


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    translations: int
    currsize: int
    maxsize: int


class Entry:
    """What one input signature translated to."""

    def __init__(self, owner: TranslatedFunction, captured: Any, program: Any, arrays: Sequence[Any],
                 cost: float = 0.0, label: str = ""):
        self.owner = owner
        self.label = label or owner.label(arrays)  # 'module.fn(float32[2,3]) -> jax', for log lines
        self.cost = cost  # seconds it took to make this translation: the budget of uncompiled calls
        self.captured = captured  # None when the program came from the persistent cache
        self.program = program
        self.out_spec = program.out_spec
        self.single = self.out_spec.num_nodes == 1 and self.out_spec.num_leaves == 1
        backend = owner.backend
        self.compiled: Callable[..., Any] | None = None
        self.first: Callable[[Sequence[Any]], list[Any]] | None = None
        self.compile_error: BaseException | None = None  # what the background compile raised
        self.compiled_at: float | None = None  # time.perf_counter() when the compiled form was ready
        self.uncompiled: Callable[..., Any] | None = None  # the calls before compiling (and the fastest time)
        self.best_uncompiled = float("inf")
        self.executor = "compiled" if self.compiled is not None else "program"  # what calls run
        self.example = [ArraySpec(tuple(a.shape), a.dtype) for a in arrays]  # what to compile for
        self._compile_started = False
        self._lock = threading.Lock()
        self.stage = backend.stage  # (for dynamic dims: one that compiles for every size, lazyport.dynamic)
        if type(backend).compile is Backend.compile:
            self.compiled = program.fn  # nothing to compile (NumPy)
        # what a concrete call runs, on positional arrays: the compiled form, else the uncompiled program
        self.call: Callable[..., Any] | None = self.compiled

    @property
    def origin(self) -> str:
        """How this translation was made: "recorded" (a first call), "captured" or "disk"."""
        meta = self.program.lowered.meta
        return "disk" if meta.get("from_disk") else "recorded" if meta.get("recorded") else "captured"

    # ----- compiling
    def compile_now(self, arrays: Sequence[Any]) -> None:
        if self.compiled is None:
            start = time.perf_counter()
            with progress.status(f"compiling {self.label}"):
                self.compiled = self.call = self.stage(self.program.fn, arrays)()
            self.compiled_at = time.perf_counter()
            _log.info("%s: compiled in the foreground in %.0f ms", self.label, 1e3 * (self.compiled_at - start))

    def compile_in_background(self, arrays: Sequence[Any]) -> None:
        """Compile for ``arrays``' signature: the part that needs the GIL (JAX's trace and lowering) now,
        the rest (XLA's compile, TensorFlow's graph) on the background worker."""
        with self._lock:
            if self._compile_started:
                return
            self._compile_started = True
        start = time.perf_counter()
        backend = self.owner.backend
        finish = self.stage(self.program.fn, arrays) if self.compiled is None else None
        backend.staged(time.perf_counter() - start)

        def job() -> None:
            try:
                if finish is not None:
                    compiled = self.compiled = finish()
                    self.call = self._choose(compiled)
                    self.compiled_at = time.perf_counter()
                    _log.info("%s: compiled in the background in %.0f ms", self.label,
                              1e3 * (self.compiled_at - start))
            except Exception as exc:  # calls keep running the uncompiled program
                self.compile_error = exc
                _log.warning("%s: compiling failed, calls keep running the uncompiled program: %s",
                             self.label, str(exc).split("\n", 1)[0])

        worker.submit(job, self.label)
        # Let the worker take the GIL now, for the Python part of the compile before XLA's own (which
        # releases it), rather than in the middle of the next call, which would wait for it.
        time.sleep(0.0002)

    def set_first_runner(self) -> None:
        """What calls run until the compiled form is ready: the uncompiled program, which starts the
        compile once these calls have taken as long as making the translation did (``cost``).

        That cost (a recorded first call, a capture, a read from disk), or what staging a compile has
        recently cost the caller in this process where that is more (JAX traces and lowers in the
        caller's thread: 5-35 ms for the kornia set), stands for the price of compiling: a signature
        called a few times is never compiled, a hot one is compiled after its uncompiled calls have cost
        about as much as compiling would (the ski-rental rule: never more than twice the better choice),
        and the calls right after a first call are not held up by a compile they have not paid for."""
        first = self.first = self._first_runner()
        if self.call is not None:
            return
        spent, budget = 0.0, max(self.cost, self.owner.backend.staging_cost)
        block = self.owner.backend.block

        def call(*arrays: Any) -> list[Any]:
            nonlocal spent
            start = time.perf_counter()
            out = block(first(arrays))  # (timed to completion, as the compiled form is)
            took = time.perf_counter() - start
            spent += took
            self.best_uncompiled = min(self.best_uncompiled, took)
            if spent >= budget:
                self.compile_in_background(arrays)
            return out

        self.call = self.uncompiled = call

    def _choose(self, compiled: Callable[..., Any]) -> Callable[..., Any]:
        """The compiled form, timed on its first calls against the fastest uncompiled call: whichever is
        faster runs this signature from then on (``executor``). On a CPU, XLA's convolutions are often
        slower than NumPy's program for the same record."""
        if self.uncompiled is None or self.best_uncompiled == float("inf"):
            return compiled
        block, times = self.owner.backend.block, []

        def timed(*arrays: Any) -> list[Any]:
            start = time.perf_counter()
            out = block(compiled(*arrays))
            times.append(time.perf_counter() - start)
            if len(times) >= 8:
                del times[:3]  # (the first runs of an executable warm its buffers up)
                faster = min(times) <= self.best_uncompiled
                self.executor = "compiled" if faster else "program"
                self.call = compiled if faster else self.uncompiled
                _log.debug("%s: calls run the %s form (compiled %.3f ms, uncompiled %.3f ms)", self.label,
                           self.executor, 1e3 * min(times), 1e3 * self.best_uncompiled)
            return out

        return timed

    def _first_runner(self) -> Callable[[Sequence[Any]], list[Any]]:
        from .lower import Program

        backend = self.owner.backend
        alt = backend.first_call_backend()
        target_fn = self.program.fn
        if alt is None:
            return lambda arrays: target_fn(*arrays)
        try:
            prog = Program(self.program.lowered, alt)
        except UnsupportedOpError:  # no NumPy lowering: run the target program instead
            return lambda arrays: target_fn(*arrays)
        out_dtypes = [None if d is None else backend.dtype_by_name(d) for d in prog.out_dtypes]
        fn = prog.fn  # made now, not at the next call
        on_host = backend.on_host

        def run(arrays: Sequence[Any]) -> list[Any]:
            if not all(on_host(a) for a in arrays):  # never copied off an accelerator: eager target ops
                return target_fn(*arrays)
            outs = fn(*(alt.from_backend(a, backend) for a in arrays))
            return [o if d is None else backend.from_backend(o, alt, d) for o, d in zip(outs, out_dtypes)]

        return run

    # ----- running
    def run(self, arrays: Sequence[Any], traced: bool, key: Any = None) -> list[Any]:
        if self.program.needs_rng:
            # a callable rng_key is a key source, asked only here (lazyport.nn's modules pass nnx.Rngs this way)
            arrays = [*arrays, self.owner.backend.next_rng(traced, key() if callable(key) else key)]
        if traced:  # into the caller's computation
            return self.program.fn(*arrays)
        if self.call is None:
            if config.first_call() == "compile" or self.program.needs_rng:
                self.compile_now(arrays)
            else:
                self.set_first_runner()
        call = self.call
        assert call is not None  # (either branch above set it)
        return call(*arrays)


class ConcreteEntry:
    """A signature whose control flow depends on input values: run op by op at every call (or, where
    that path declines, captured on the real values at every call)."""

    def __init__(self, owner: TranslatedFunction, reason: str, where: str | None):
        self.owner = owner
        self.where = where
        self.reason = reason.split("\n", 1)[0]
        self.op_by_op = True  # False once the op-by-op path declined this function

    @classmethod
    def from_capture(cls, owner: TranslatedFunction, exc: BaseException) -> ConcreteEntry:
        from .capture import describe_read, user_frame

        return cls(owner, describe_read(exc), getattr(exc, "where", None) or user_frame(exc.__traceback__))

    def announce(self, label: str) -> None:
        """Log that this signature runs op by op at every call; warn once per function, naming the line."""
        warned = self.owner._warned
        if "data-dependent" in warned:
            _log.info("%s: runs op by op at every call (%s)", label, self.reason)
            return
        where = f", at\n{self.where}" if self.where else ""
        log.once(_log, warned, "data-dependent", logging.WARNING,
                 "%s runs op by op at every call, never compiled: %s%s\nExpress the branch with torch.where "
                 "(or compute the value outside the function and pass it in) to get one compiled program.",
                 label, self.reason, where)

    def read(self) -> str:
        """'f is not one program for every input value: <what>, at <the user's line>'."""
        fn = self.owner.fn
        where = f", at\n{self.where}" if self.where else ""
        return f"{getattr(fn, '__qualname__', fn)} is not one program for every input value: {self.reason}{where}"

    def graph_error(self) -> DataDependentError:
        """Why trace_graph cannot make a graph of this function."""
        return DataDependentError(
            f"{self.read()}\ntrace_graph makes one graph for every value of a signature and lazyport does "
            "not turn Python branches into the target's control flow, so this function has no graph. Express "
            "the branch with torch.where, or use lazyport.transpile, which runs such code op by op on "
            "concrete arrays at every call (never caching a branch)."
        )


class TranslatedFunction:
    """A torch function translated to ``target``: call it with target arrays."""

    # TensorFlow's AutoGraph leaves callables carrying this marker alone: our call path is plain Python
    # over tf ops already, and converting it (and torch's tracer beneath it) only produces warnings.
    autograph_info__: dict[str, Any] = {}

    def __init__(self, fn: Callable[..., Any], target: str, cache_size: int | None = None, *,
                 graph_mode: bool = False, persist: bool | None = None, dynamic_shapes: Any = None):
        self.fn = fn
        # explicit dynamic dims (lazyport.dynamic): one translation, captured with symbolic sizes, for every size
        self.dynamic: Any = None
        if dynamic_shapes is not None:
            from .dynamic import DynamicShapes

            self.dynamic = DynamicShapes.parse(dynamic_shapes, fn)
            persist = False  # (kept in memory: the persistent cache stores static signatures)
        self.backend = get_backend(target)
        self.target = self.backend.name
        # automatic dynamic sizes (lazyport.autodynamic): lazy translations without dynamic_shapes
        self.auto: Any = None
        if dynamic_shapes is None and not graph_mode and config.dynamic() == "auto":
            from .autodynamic import AutoDynamic

            self.auto = AutoDynamic(fn)
        self.cache = LRU(cache_size) if cache_size else LRU()
        # graph mode (trace_graph): capture records source lines (names, error locations) and a
        # data-dependent function raises instead of running op by op
        self.graph_mode = graph_mode
        self.persist = persist  # None: use the persistent cache when LAZYPORT_CACHE_DIR allows it
        self.last_entry: Entry | ConcreteEntry | None = None
        self.last_key: Any = None
        self._build_lock = threading.RLock()
        self._kinds: dict[type, int] = {}
        self._fast: dict[tuple, Entry] = {}  # positional-arrays signature -> compiled entry
        # callers' own keys -> what they prepared from shortcut_entry (lazyport.nn's modules); cleared with the cache
        self.shortcuts: dict[Any, Any] = {}
        self._pending: set[Any] = set()  # signatures whose first call is being recorded
        self._pending_lock = threading.Lock()
        self._hits = self._misses = self._translations = 0
        self._declined: dict[Any, str] = {}  # signatures the op-by-op first call does not take -> why
        # (namespace, name, value) of the globals and attributes the translations read (diskcache.reads_of),
        # checked by identity at every call; None until the first translation
        self._guards: tuple | None = None
        self._warned: set[str] = set()  # warnings given (once per function each)
        functools.update_wrapper(self, fn, updated=())
        _functions.add(self)

    def __repr__(self) -> str:
        name = getattr(self.fn, "__qualname__", repr(self.fn))
        return f"<lazyport {self.target} translation of {name}>"

    def __get__(self, obj: Any, objtype: Any = None) -> Any:  # usable as a method
        return self if obj is None else functools.partial(self, obj)

    def __reduce__(self) -> Any:
        """Pickled by reference: the original function, the target and the options; unpickling translates
        afresh (see :mod:`lazyport.pickling`). A lambda or local function raises a PicklingError saying why."""
        from .pickling import original_reference

        name = original_reference(self.fn, self, repr(self))
        if name is not None:  # decorated with @lazyport.transpile: the module's global is this object
            return name
        options = {"cache_size": self.cache.maxsize, "graph_mode": self.graph_mode, "persist": self.persist}
        if self.dynamic is not None:
            options["dynamic_shapes"] = self.dynamic.spec
        return rebuild_translated, (self.fn, self.target, options)

    def __copy__(self) -> TranslatedFunction:  # as for Python functions: a copy is the function itself
        return self

    def __deepcopy__(self, memo: Any) -> TranslatedFunction:
        return self

    def label(self, arrays: Sequence[Any], leaves: Sequence[Any] | None = None) -> str:
        """``'kornia.color.rgb_to_hsv(float32[1,3,8,8]) -> jax'``: a signature, for log lines and status."""
        fn = self.fn
        name = (getattr(fn, "__qualname__", None) or type(fn).__name__).rpartition("<locals>.")[2]
        module = getattr(fn, "__module__", None)
        if module and module != "__main__":
            name = f"{module}.{name}"
        parts = []
        for a in arrays:
            dtype = getattr(a.dtype, "name", a.dtype)
            parts.append(f"{dtype}[{','.join(str(d) for d in a.shape)}]")
        for leaf in leaves or ():
            if self._kind(leaf) == _STATIC:
                text = repr(leaf)
                parts.append(text if len(text) <= 24 else text[:21] + "...")
        return f"{name}({', '.join(parts)}) -> {self.target}"

    # ----- signatures
    def _kind(self, leaf: Any) -> int:
        t = type(leaf)
        kind = self._kinds.get(t)
        if kind is None:
            fw = framework_of(leaf)
            if self.backend.is_array(leaf):
                kind = _TRACED if isinstance(leaf, self.backend.tracer_types) else _ARRAY
            elif fw == "torch" and hasattr(leaf, "shape"):
                kind = _TORCH
            elif fw == "numpy" and hasattr(leaf, "shape") and type(leaf).__name__ == "ndarray":
                kind = _CONVERT  # NumPy arrays are accepted by every target
            elif fw in ("jax", "tensorflow") and hasattr(leaf, "shape") and hasattr(leaf, "dtype"):
                kind = _FOREIGN
            else:
                kind = _STATIC
            self._kinds[t] = kind
        return kind

    def signature(self, leaves: Sequence[Any], treedef: Any) -> tuple[Any, list[Any]]:
        parts: list[Any] = [treedef]
        arrays: list[Any] = []
        for leaf in leaves:
            kind = self._kind(leaf)
            if kind <= _CONVERT:
                if kind == _CONVERT:
                    leaf = self.backend.asarray(leaf)
                arrays.append(leaf)
                parts.append((tuple(leaf.shape), leaf.dtype))
            elif kind == _STATIC:
                bits = diskcache.float_key(leaf)
                if bits is not None:  # by bits: -0.0 and 0.0 differ, nan equals nan
                    parts.append((type(leaf), bits))
                    continue
                try:
                    hash(leaf)
                except TypeError:
                    if type(leaf) is slice:  # unhashable before Python 3.12
                        parts.append((slice, (leaf.start, leaf.stop, leaf.step)))
                        continue
                    raise TranslationError(
                        f"argument {leaf!r} of type {type(leaf).__name__} is neither a {self.target} array nor "
                        "a hashable Python value; pass arrays, scalars, strings, dtypes or containers of them"
                    ) from None
                parts.append((type(leaf), leaf))
            else:
                self._mixed(leaf)
        if self.dynamic is not None:  # dynamic sizes by their names, after checking the call's relations
            parts = self.dynamic.key(parts, treedef, lambda: self._input_names(leaves, treedef))
        return tuple(parts), arrays

    def _mixed(self, leaf: Any) -> None:
        fw = framework_of(leaf)
        if fw == "torch":
            raise MixedFrameworkError(
                f"{self!r} was called with a torch.Tensor; it takes {self.target} arrays "
                f"(call the original torch function for torch tensors, or convert the tensor first)"
            )
        raise MixedFrameworkError(
            f"{self!r} was called with a {fw} array ({type(leaf).__name__}); it takes {self.target} arrays. "
            "Do not mix frameworks in one call: convert the array first."
        )

    # ----- calling
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        guards = self._guards
        if guards:  # a global or attribute the translations read was rebound: they are stale
            for namespace, name, value in guards:
                if namespace.get(name, _GONE) is not value:
                    self._invalidate(name)
                    break
        try:
            if not kwargs:  # fast path: positional target arrays of a signature already compiled
                kinds = self._kinds
                key: list[Any] = []
                for a in args:
                    if kinds.get(type(a)) != _ARRAY:
                        break
                    key.append(a.shape)
                    key.append(a.dtype)
                else:
                    entry = self._fast.get(tuple(key))
                    if entry is not None:
                        self._hits += 1
                        out = entry.call(*args)  # type: ignore[misc]  # (_fast holds entries with a call)
                        return out[0] if entry.single else optree.tree_unflatten(entry.out_spec, out)
            return self._call(args, kwargs)
        except Exception as exc:  # the user's and the library's frames, not lazyport's and torch's
            raise at_boundary(exc, self.fn, self.target)  # noqa: B904 (the same exception: cause, context stay)

    def _call(self, args: tuple, kwargs: dict) -> Any:
        rng_key = kwargs.pop("rng_key", None) if kwargs else None
        leaves, treedef = trees.flatten((args, kwargs))
        key, arrays = self.signature(leaves, treedef)
        entry = self.cache.get(key)
        b = self.backend
        traced = any(b.is_traced(a) for a in arrays) if arrays else False
        auto_key = None  # the symbolic key automatic dynamic sizes give this call (lazyport.autodynamic)
        if entry is None and self.auto is not None:
            key, entry, auto_key = self._auto_lookup(key, leaves, treedef, arrays)
        if entry is not None:
            self._hits += 1
        else:
            self._misses += 1
            if self._guards is None:  # what the translations about to be made depend on, as it is now
                self._guards = diskcache.reads_of(self.fn)
            if auto_key is not None:
                key, entry = self._auto_build(key, auto_key, leaves, treedef, arrays, traced)
            if (entry is None and not traced and not self.graph_mode and self.dynamic is None
                    and key not in self._declined and config.first_call() == "interpret"):
                # the persistent cache first; else this call is the translation
                entry = self._disk_entry(key, self._disk_key(key), arrays)
                if entry is None:
                    run = self._first_call(key, leaves, treedef, arrays)
                    if run is not None:
                        return optree.tree_unflatten(run.out_spec, run.outs)
            if entry is None:
                entry = self._build(key, leaves, treedef, arrays)
            self.last_entry, self.last_key = entry, key  # the most recently translated signature
        if type(entry) is ConcreteEntry:
            outs, spec = self._run_concrete(entry, leaves, treedef, arrays, traced, rng_key)
            return optree.tree_unflatten(spec, outs)
        if self.dynamic is not None:  # the conditions on sizes the traced code assumed (h < 16)
            arrays = self.dynamic.check_conditions(entry.program.lowered.meta.get("conditions"), arrays)
        try:
            small = None
            if traced and self.auto is not None and "dims" in entry.program.lowered.meta:
                from .autodynamic import small_branch

                small = small_branch(entry.program.lowered, arrays)
            if small is not None:  # a tf.function's None dim: sizes of 1 get their own translation
                outs = self._run_with_size_one(entry, small, key, leaves, treedef, arrays)
            else:
                outs = entry.run(arrays, traced, rng_key)
        except Exception as exc:
            if not traced or not entry.program.lowered.meta.get("dims"):  # (a lowering may need a size tf leaves None)
                raise
            from .dynamic import unknown_sizes_error

            raise unknown_sizes_error(entry.program.lowered, b, arrays, exc) from exc
        writes = entry.program.lowered.writes
        if writes:
            outs = self._write_back(entry.program.lowered, outs, leaves, arrays)
        result = optree.tree_unflatten(entry.out_spec, outs)
        if (not entry.program.needs_rng and not kwargs and not traced and entry.call is not None and not writes
                and (entry.compiled is not None or b.concrete_by_type)):
            # (where an array's type does not say whether it is traced, only a compiled form is safe)
            self._remember_fast(args, entry)
        return result

    def _run_with_size_one(self, entry: Entry, small: tuple[int, int], key: Any, leaves: Sequence[Any],
                           treedef: Any, arrays: Sequence[Any]) -> list[Any]:
        """``entry`` (a symbolic translation) traced into a tf.function whose dim ``small`` is None, where a
        size of 1 there takes a static translation for that size (``tf.cond`` on the size): torch captured
        the symbolic one assuming sizes >= 2 (a size of 1 may broadcast or squeeze differently). Keras traces
        ``fit`` and ``predict`` so, with a last batch that may hold one sample."""
        import tensorflow as tf

        j, d = small
        shape = [1 if k == d else s for k, s in enumerate(arrays[j].shape)]
        specs = [tf.TensorSpec(shape, a.dtype) if i == j else a for i, a in enumerate(arrays)]  # (what to build for)
        parts, i = list(key), 0
        for p, part in enumerate(key):
            if p and isinstance(part[0], tuple):
                parts[p] = (tuple(specs[i].shape), part[1])
                i += 1
        one_key = tuple(parts)
        one = self.cache.get(one_key)
        if one is None:
            one = self._build(one_key, leaves, treedef, specs)
        if type(one) is not Entry or one.out_spec != entry.out_spec or one.program.lowered.writes:
            raise DynamicShapesError(f"{self.label(arrays, leaves)}: a size of 1 of dim {d} has no translation of "
                                     "its own that fits a tf.cond; trace with the size known")
        from .autodynamic import at_least

        size = tf.shape(arrays[j])[d]
        with tf.control_dependencies([at_least(arrays[j], d, None, entry.program.lowered.meta["dims"][small], 1)]):
            size = tf.identity(size)  # (the size check runs before either branch, which may fail on a size 0)
        return tf.cond(size >= 2, lambda: entry.run(arrays, True),
                       lambda: one.run([tf.ensure_shape(a[(slice(None),) * d + (slice(0, 1),)], shape) if i == j else a
                                        for i, a in enumerate(arrays)], True))  # (a[:1] is a: XLA compiles both)

    def _auto_lookup(self, key: Any, leaves: Sequence[Any], treedef: Any,
                     arrays: Sequence[Any]) -> tuple[Any, Any, Any]:
        """For a static ``key`` not in memory: ``(key, entry, auto_key)``, the symbolic translation in
        memory that serves this call (then ``key`` is its key), or ``entry`` None and the symbolic key
        to translate (``auto_key``, None when this call is translated statically)."""
        auto_key = self.auto.key(key, lambda: self._input_names(leaves, treedef), lambda: self.label(arrays, leaves))
        if auto_key is None:
            return key, None, None
        entry = self.cache.get(auto_key)
        if entry is None:
            return key, None, auto_key
        if type(entry) is Entry and not self.auto.holds(entry.program.lowered, arrays):
            return key, None, None  # sizes where the code's assumptions fail: a static translation
        return auto_key, entry, None

    def _auto_build(self, key: Any, auto_key: Any, leaves: Sequence[Any], treedef: Any, arrays: Sequence[Any],
                    traced: bool) -> tuple[Any, Any]:
        """``(key, entry)``: the static signature from the persistent cache, else a fresh symbolic
        translation under ``auto_key``; entry None when that fails (the family is static from now on)."""
        if not traced:
            disk = self._disk_entry(key, self._disk_key(key), arrays)
            if disk is not None:
                return key, disk
        try:
            entry = self._build(auto_key, leaves, treedef, arrays)
        except Exception as exc:  # specialised code, a capture or lowering that fails with symbolic sizes
            label = self.label(arrays, leaves)
            self.auto.give_up(auto_key, exc, label)
            if any(type(d) is not int for a in arrays for d in a.shape):  # (no static translation to fall back to)
                raise DynamicShapesError(
                    f"{label}: this trace leaves sizes unknown, and the translation with those dims dynamic failed "
                    f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); give the trace "
                    "concrete sizes (an input signature without None)") from exc
            return key, None
        if type(entry) is Entry and not self.auto.holds(entry.program.lowered, arrays):
            return key, None
        return auto_key, entry

    def _write_back(self, lowered: Any, outs: Sequence[Any], leaves: Sequence[Any], arrays: Sequence[Any]) -> list[Any]:
        """The result's leaves of ``outs``; the values after them, which the function wrote into its
        inputs in place, go to the caller's arrays where those can change (NumPy arrays, ``tf.Variable``).
        Where they cannot (JAX arrays, ``tf.Tensor``), a warning, once per function, says so."""
        import numpy as np

        k = len(lowered.writes)
        outs, values = list(outs[:len(outs) - k]), outs[len(outs) - k:]
        given = [leaf for leaf in leaves if self._kind(leaf) <= _CONVERT]  # the caller's, before conversion
        for i, value in zip(lowered.writes, values):
            original = given[i]
            if type(original) is np.ndarray:  # a result may share the input's memory: keep its value
                outs = [o.copy() if type(o) is np.ndarray and np.may_share_memory(o, original) else o for o in outs]
            if not self.backend.write_back(original, value):
                kind = f"{type(original).__module__.partition('.')[0]}.{type(original).__name__}"
                log.once(_log, self._warned, "write", logging.WARNING,
                         "%s writes in place to its input %s (an in-place op such as add_, or out=), but a %s "
                         "cannot change, so the caller's array keeps its old value (the result is torch's). "
                         "Pass a NumPy array or a tf.Variable to have it updated, or return the new value "
                         "from the function.", self.label(arrays, leaves), lowered.params[i], kind)
        return outs

    def interpret(self, *args: Any, **kwargs: Any) -> Any:
        """Run this call op by op (as a lazy first call does) without translating or caching anything.

        Raises :class:`TranslationError` if the op-by-op path declines the call (random ops, an op
        without a lowering); a lazy first call would then translate in the foreground instead."""
        leaves, treedef = trees.flatten((args, kwargs))
        _, arrays = self.signature(leaves, treedef)
        if any(self.backend.is_traced(a) for a in arrays):
            raise TranslationError("interpret() runs on concrete arrays, not inside jit / tf.function")
        try:
            run = self._op_by_op(leaves, treedef, arrays)
        except LazyportError:
            raise
        except Exception as exc:
            raise TranslationError(f"the op-by-op path declines this call: {str(exc).splitlines()[0]}") from exc
        return optree.tree_unflatten(run.out_spec, run.outs)

    def _op_by_op(self, leaves: Sequence[Any], treedef: Any, arrays: Sequence[Any], record: bool = False) -> Any:
        """Run the call op by op (:func:`lazyport.interpret.interpret`), recording it if ``record``."""
        from .interpret import interpret

        b = self.backend
        names = self._input_names(leaves, treedef) if record else None
        return interpret(self.fn, arrays, self._specs(arrays), self._rebuild_fn(leaves, treedef), b,
                         b.first_call_backend(arrays), record=names, name=self._name())

    def _first_call(self, key: Any, leaves: Sequence[Any], treedef: Any, arrays: Sequence[Any]) -> Any:
        """A lazy first call, in one pass: run op by op and record the program it runs, which becomes
        the signature's translation (only the target's compile is left to the background).

        A run that read values computed from the inputs makes the signature data-dependent (op by op at
        every call). Returns None when the op-by-op path or its recording declines (random ops, an op
        without a lowering or a meta kernel, anything unusual, including an error the function raises):
        the caller then translates now, which also gives the proper error."""
        with self._pending_lock:  # one of several threads making the same first call records it
            record = key not in self._pending and key not in self.cache
            if record:
                self._pending.add(key)
        try:
            return self._record(key, leaves, treedef, arrays, record)
        finally:
            if record:
                with self._pending_lock:
                    self._pending.discard(key)

    def _record(self, key: Any, leaves: Sequence[Any], treedef: Any, arrays: Sequence[Any], record: bool) -> Any:
        start = time.perf_counter()
        label = self.label(arrays, leaves)
        try:
            with progress.status(f"translating {label} (first call, op by op)"):
                run = self._op_by_op(leaves, treedef, arrays, record=record)
        except LazyportError:
            raise
        except Exception as exc:  # (an error of the function's own is raised again by the capture)
            self._decline(key, str(exc).split("\n", 1)[0] or type(exc).__name__)
            return None
        if not record:
            return run
        if run.data_dependent is not None:
            entry = ConcreteEntry(self, "it reads the values of a tensor computed from its inputs", run.data_dependent)
            self.cache.put(key, entry)
            self._translations += 1
            entry.announce(label)
            return run
        if run.lowered is None:
            self._decline(key, run.declined or "recording declined")
            return None
        from .lower import Program

        recorded = Entry(self, None, Program(run.lowered, self.backend), arrays, cost=time.perf_counter() - start,
                         label=label)
        if recorded.compiled is None:
            recorded.set_first_runner()
        self._store(self._disk_key(key), run.lowered)
        self.cache.put(key, recorded)
        self._translations += 1
        self.last_entry, self.last_key = recorded, key
        _log.info("%s: recorded on its first call, %d ops, %.1f ms; compiled once called often", label,
                  recorded.program.lowered.op_count, 1e3 * recorded.cost)
        return run

    def _store(self, disk_key: str | None, lowered: Any) -> None:
        """Write a translation to the persistent cache (if it is on and the record can be stored)."""
        cache = diskcache.get_cache() if disk_key is not None else None
        if cache is not None and disk_key is not None:
            cache.store(disk_key, lowered)

    def _decline(self, key: Any, why: str) -> None:
        """This signature is translated in the foreground (now, and at its next call), not interpreted."""
        if len(self._declined) > 4 * self.cache.maxsize:
            self._declined.clear()
        self._declined[key] = why
        _log.debug("%s: the op-by-op first call declines (%s)", self.fn, why)

    def _invalidate(self, name: str) -> None:
        """``name``, which the translations read, was rebound since they were made: forget them all."""
        self._forget()
        _log.info("%s: %s changed since it was translated; translating again", self.fn, name)

    def cache_info(self) -> CacheInfo:
        """``(hits, misses, translations, currsize, maxsize)`` like ``functools.lru_cache``'s:
        ``translations`` counts recorded first calls and captures, not signatures read from disk."""
        return CacheInfo(self._hits, self._misses, self._translations, len(self.cache), self.cache.maxsize)

    def cache_clear(self) -> None:
        """Forget every translation in memory and reset :meth:`cache_info` (as ``functools.lru_cache``'s
        ``cache_clear``). The persistent cache on disk is kept: ``python -m lazyport cache clear`` empties it."""
        with self._build_lock:
            self._forget()
            self._hits = self._misses = self._translations = 0

    def _forget(self) -> None:
        """Drop every translation in memory and what was derived from them (counters stay)."""
        with self._build_lock:
            self.cache.clear()
            self._fast.clear()
            self.shortcuts.clear()
            self._declined.clear()
            self.last_entry = self.last_key = None
            self._guards = None
            if self.auto is not None:
                self.auto.clear()

    def wait(self, timeout: float | None = None) -> bool:
        """Compile every signature of this function that is not compiled yet, and block until that and
        the other background compiles submitted so far are done (or ``timeout`` seconds passed); True
        when they are.

        Lazily translated signatures are compiled once they are called often enough (see
        :meth:`Entry.set_first_runner`); benchmarks and tests that want the compiled form now call this.
        It waits for all of lazyport's background work, not only this function's: jobs run one at a
        time, in order."""
        self.compile_pending()
        return worker.join(timeout)

    def compile_pending(self) -> None:
        """Start compiling (in the background) every signature not compiled yet."""
        for entry in list(self.cache._data.values()):
            if type(entry) is Entry and not entry.program.needs_rng:  # (those compile at their first call)
                entry.compile_in_background(entry.example)

    def shortcut_entry(self, args: tuple, kwargs: dict) -> Entry | None:
        """The translation a concrete call with these arguments runs, when a caller that keeps its own
        key for the signature may run it directly: ``entry.run(arrays, False)`` with the array leaves of
        ``(args, kwargs)`` in flattening order gives the output leaves (``entry.out_spec``).

        None unless the signature is cached as one program for all values that draws no random numbers,
        writes nothing into its inputs, and gets concrete target arrays only (no conversion, no tracers).
        The caller checks, at every call, that its key still means this signature (shapes, dtypes, static
        values) and counts a hit with :meth:`count_hit`."""
        leaves, treedef = trees.flatten((args, kwargs))
        if any(self._kind(leaf) in (_TRACED, _CONVERT) for leaf in leaves):
            return None
        key, arrays = self.signature(leaves, treedef)
        entry = self.cache.get(key)
        if entry is None and self.auto is not None:  # a size served by the translation with dynamic dims
            _, entry, _ = self._auto_lookup(key, leaves, treedef, arrays)
        if type(entry) is not Entry or entry.program.needs_rng or entry.program.lowered.writes:
            return None
        if entry.compiled is None and not self.backend.concrete_by_type:
            return None  # (as for _remember_fast: only a compiled form is safe where types do not say "concrete")
        return entry

    def is_concrete(self, x: Any) -> bool:
        """Is ``x`` a concrete array of the target, of a type a call has met (no conversion, not traced)?"""
        return self._kinds.get(type(x)) == _ARRAY

    def count_hit(self) -> None:
        """A call that ran a signature through a shortcut (:meth:`shortcut_entry`), for :meth:`cache_info`."""
        self._hits += 1

    def _remember_fast(self, args: tuple, entry: Entry) -> None:
        key = []
        for a in args:
            if self._kinds.get(type(a)) != _ARRAY:
                return
            key += [a.shape, a.dtype]
        if len(self._fast) >= self.cache.maxsize:
            self._fast.clear()
        self._fast[tuple(key)] = entry

    def warm(self, *args: Any, **kwargs: Any) -> Entry | ConcreteEntry:
        """Translate (and compile) now for the signature of ``args``/``kwargs``: the eager form."""
        kwargs.pop("rng_key", None)
        leaves, treedef = trees.flatten((args, kwargs))
        key, arrays = self.signature(leaves, treedef)
        if self._guards is None:
            self._guards = diskcache.reads_of(self.fn)
        entry = self.cache.get(key) or self._build(key, leaves, treedef, arrays)
        self.last_entry, self.last_key = entry, key
        if self.dynamic is not None and isinstance(entry, Entry):
            self.dynamic.check_conditions(entry.program.lowered.meta.get("conditions"), arrays)
        if isinstance(entry, Entry) and not any(self.backend.is_traced(a) for a in arrays):
            if entry.program.needs_rng:
                arrays = [*arrays, self.backend.next_rng(False)]
            entry.compile_now(arrays)
            if not entry.program.needs_rng and not kwargs and not entry.program.lowered.writes:
                self._remember_fast(args, entry)  # so the first call already takes the fast path
        return entry

    def _rebuild_fn(self, leaves: Sequence[Any], treedef: Any) -> Callable[[Sequence[Any]], tuple[tuple, dict]]:
        statics = []
        mask = []
        for leaf in leaves:
            is_arr = self._kind(leaf) <= _CONVERT  # NumPy arrays given to another target are inputs too
            mask.append(is_arr)
            if not is_arr:
                td = self.backend.as_torch_dtype(leaf) if not isinstance(leaf, bool | int | float | str) else None
                statics.append(td if td is not None else leaf)

        def rebuild(tensors: Sequence[Any]) -> tuple[tuple, dict]:
            ti, si = iter(tensors), iter(statics)
            flat = [next(ti) if m else next(si) for m in mask]
            return optree.tree_unflatten(treedef, flat)  # type: ignore[return-value]  # (an (args, kwargs) treedef)

        return rebuild

    def _specs(self, arrays: Sequence[Any], exact: bool = False,
               hints: Sequence[Sequence[int]] | None = None) -> list[tuple[tuple[int, ...], Any]]:
        """(shape, torch dtype) per input array; ``exact``: without the JAX int32 -> int64 widening;
        ``hints``: per array, the sizes to capture dims unknown while tracing at (automatic dynamic sizes)."""
        b = self.backend
        to_torch = functools.partial(Backend.torch_dtype, b) if exact else b.torch_dtype
        specs = []
        for j, a in enumerate(arrays):
            shape = tuple(a.shape)
            if self.dynamic is not None:  # dims unknown while tracing: the sizes of the first call
                shape = self.dynamic.hint(j, shape)
            elif hints is not None:
                shape = tuple(s if type(s) is int else h for s, h in zip(shape, hints[j]))
            if any(not isinstance(d, int) for d in shape):
                raise TranslationError(
                    f"{self!r} needs static shapes, got an input of shape {shape}; give tf.function an input "
                    "signature with known dimensions"
                )
            try:
                td = to_torch(a.dtype)
            except UnsupportedDtypeError:
                raise
            except Exception as exc:
                raise UnsupportedDtypeError(f"input dtype {a.dtype!r} is not supported by lazyport") from exc
            specs.append((shape, td))
        return specs

    def _capture(self, specs: list, arrays: Sequence[Any], rebuild: Any,
                 dims: dict[tuple[int, int], str] | None = None, labels: Sequence[str] = (),
                 hints: Sequence[Sequence[int]] | None = None) -> tuple[Any, list]:
        """Capture at ``specs``; if that fails on JAX int32 inputs widened to int64, at their exact dtypes
        (torch code insisting on int64 labels gets int64, code insisting on int32 LU pivots int32).
        ``dims`` ((input, dim) -> name) are captured as symbolic sizes (:mod:`lazyport.capture.symbolic`)."""
        from .capture import capture, is_data_dependent

        if dims:
            from .capture.symbolic import capture_symbolic

            # (automatic names are lazyport's: dims tied by the code are conditions, not the user's mistake)
            capture = functools.partial(capture_symbolic, dims=dims, labels=labels,  # noqa: F811
                                        ties=self.dynamic is None)
        try:
            return capture(self.fn, specs, rebuild, stack=self.graph_mode), specs
        except LazyportError:
            raise
        except Exception as exc:
            exact = self._specs(arrays, exact=True, hints=hints)
            if is_data_dependent(exc) or exact == specs:
                raise
            try:
                return capture(self.fn, exact, rebuild, stack=self.graph_mode), exact
            except Exception:
                raise exc from None

    def _build(self, key: Any, leaves: Sequence[Any], treedef: Any, arrays: Sequence[Any]) -> Entry | ConcreteEntry:
        """The entry of ``key`` from memory, the persistent cache or a fresh translation."""
        from .lower import Program

        with self._build_lock:
            entry = self.cache.get(key)
            if entry is not None:
                return entry
            if self._guards is None:
                self._guards = diskcache.reads_of(self.fn)
            start = time.perf_counter()
            dims = hints = None
            if self.dynamic is not None or self.auto is not None:
                from .dynamic import DynamicShapes

                dims = DynamicShapes.dims_of(key)
                if dims and self.auto is not None:
                    hints = self.auto.hints(key)
            disk_key = self._disk_key(key) if not dims else None  # (symbolic translations: memory only)
            entry = self._disk_entry(key, disk_key, arrays)
            if entry is not None:
                return entry
            from .capture import is_data_dependent
            from .lower import lower_graph

            rebuild = self._rebuild_fn(leaves, treedef)
            specs = self._specs(arrays, hints=hints)
            label = self.label(arrays, leaves)
            try:
                with progress.status(f"translating {label} (capture)"):
                    captured, specs = self._capture(specs, arrays, rebuild, dims,
                                                    self._input_names(leaves, treedef) if dims else (), hints)
            except LazyportError:
                raise
            except Exception as exc:
                if not is_data_dependent(exc):
                    raise
                entry = ConcreteEntry.from_capture(self, exc)
                if self.graph_mode:
                    raise entry.graph_error() from None
                self.cache.put(key, entry)
                self._translations += 1  # in memory only: it holds no graph, just "capture per call"
                entry.announce(label)
                return entry
            try:
                lowered = lower_graph(captured, self._input_names(leaves, treedef), self._name())
                program = Program(lowered, self.backend)
            except UnsupportedOpError as exc:
                raise self._with_source(exc, specs, rebuild) from None
            if self.graph_mode and lowered.writes:
                raise TranslationError(
                    f"{self._name()} writes in place to its input {lowered.params[lowered.writes[0]]} (an in-place "
                    "op such as add_, or out=); a graph maps inputs to outputs and has no such side effect. Return "
                    "the new value instead, or use lazyport.transpile, which writes it back to NumPy arrays and "
                    "tf.Variables.")
            entry = Entry(self, captured, program, arrays, cost=time.perf_counter() - start, label=label)
            if dims:  # one program for every size of these dims (and the conditions the code assumed of them)
                from .dynamic import polymorphic_stage, rename_sizes

                rename_sizes(lowered, captured.meta.get("symbol_names", {}))
                lowered.meta["dims"] = dims
                lowered.meta["conditions"] = captured.meta.get("conditions", [])
                entry.stage = polymorphic_stage(self.backend, dims)
            self.cache.put(key, entry)
            self._translations += 1
            self._store(disk_key, lowered)
            _log.info("%s: captured, %d ops, %.1f ms", label, lowered.op_count, 1e3 * entry.cost)
            why = self._declined.get(key)
            if why is not None:
                log.once(_log, self._warned, "foreground", logging.WARNING,
                         "%s: the first call could not run op by op (%s), so it was translated in the "
                         "foreground (%.0f ms) before running", label, why, 1e3 * entry.cost)
            return entry

    # ----- the persistent cache
    def _disk_key(self, key: Any) -> str | None:
        if self.persist is False or diskcache.get_cache() is None:
            return None
        # recomputed per build (builds are rare): a global the function reads may have changed
        return diskcache.entry_key(self.fn, self.backend, key, self.graph_mode)

    def _disk_entry(self, key: Any, disk_key: str | None, arrays: Sequence[Any]) -> Entry | None:
        """``key``'s entry from the persistent cache (then also in memory), or None."""
        from .lower import Program

        start = time.perf_counter()
        cache = diskcache.get_cache() if disk_key is not None else None
        lowered = cache.load(disk_key) if cache is not None and disk_key is not None else None
        if lowered is None:
            return None
        try:
            program = Program(lowered, self.backend)
        except Exception:  # e.g. a lowering that is gone: capture afresh (and overwrite the entry)
            return None
        entry = Entry(self, None, program, arrays, cost=time.perf_counter() - start)
        self.cache.put(key, entry)
        _log.info("%s: read from the persistent cache, %d ops, %.1f ms", entry.label, lowered.op_count,
                  1e3 * entry.cost)
        return entry

    def _name(self) -> str:
        name = getattr(self.fn, "__name__", None) or type(self.fn).__name__
        return name if name.isidentifier() and not keyword.iskeyword(name) else "graph"  # (it names generated code)

    def _input_names(self, leaves: Sequence[Any], treedef: Any) -> list[str]:
        """A name per array input, from the function's parameters (``x``, ``d_a``, ``pair_0``)."""
        try:
            params = list(inspect.signature(self.fn).parameters.values())
        except (TypeError, ValueError):
            params = []
        positional = []
        for p in params:
            if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
                break
            positional.append(p.name)
        try:
            paths, flat, _ = optree.tree_flatten_with_path(optree.tree_unflatten(treedef, list(leaves)),
                                                          none_is_leaf=True, namespace=trees.NAMESPACE)
        except Exception:
            return []
        names = []
        for path, leaf in zip(paths, flat):
            if self._kind(leaf) > _CONVERT:
                continue
            if len(path) < 2:
                names.append("x")
                continue
            if path[0] == 0:
                i = path[1]
                base = positional[i] if isinstance(i, int) and i < len(positional) else f"arg{i}"
            else:
                base = str(path[1])
            rest = "_".join(str(p) for p in path[2:])
            names.append(f"{base}_{rest}" if rest else base)
        return names

    def _with_source(self, exc: UnsupportedOpError, specs: Any, rebuild: Any) -> UnsupportedOpError:
        """Re-capture with stack traces (only on this error path) to name the user's source line."""
        from .capture import capture, user_frame

        if exc.source_line:
            return exc
        try:
            captured = capture(self.fn, specs, rebuild, stack=True)
        except Exception:
            return exc
        for node in captured.gm.graph.nodes:
            if node.op == "call_function" and str(node.target) == exc.op and node.meta.get("stack_trace"):
                return UnsupportedOpError(exc.op, exc.target, user_frame(node.meta["stack_trace"]), exc.reason)
        return exc

    def _run_concrete(self, entry: ConcreteEntry, leaves: Sequence[Any], treedef: Any, arrays: Sequence[Any],
                      traced: bool, key: Any = None) -> tuple[list[Any], Any]:
        from .capture import capture_concrete
        from .lower import Program, tensor_from_numpy

        if traced:
            raise DataDependentError(
                f"{entry.read()}\nSuch code runs op by op on concrete {self.target} arrays, but not inside "
                "jax.jit / jax.grad / jax.vmap / tf.function. Call it outside the transform, or express the "
                "branch with torch.where."
            )
        if key is None and entry.op_by_op:  # random ops (which take a key) are declined there anyway
            try:
                run = self._op_by_op(leaves, treedef, arrays)
                return run.outs, run.out_spec
            except LazyportError:
                raise
            except Exception:  # capturing on the real values below gives the error, if it is one
                entry.op_by_op = False
        b = self.backend
        specs = self._specs(arrays)
        tensors = [tensor_from_numpy(b.to_numpy(a), td) for a, (_, td) in zip(arrays, specs)]
        captured = capture_concrete(self.fn, tensors, self._rebuild_fn(leaves, treedef))
        try:
            program = Program(captured, b)
        except UnsupportedOpError as exc:
            raise exc from None
        inputs = list(arrays)
        if program.needs_rng:
            inputs.append(b.next_rng(False, key() if callable(key) else key))
        outs = program.fn(*inputs)
        if program.lowered.writes:
            outs = self._write_back(program.lowered, outs, leaves, arrays)
        return outs, captured.out_spec


def rebuild_translated(fn: Any, target: str, options: dict[str, Any]) -> Any:
    """A fresh :class:`TranslatedFunction` of ``fn``: what an unpickled one becomes (pickles name this)."""
    return TranslatedFunction(fn, target, **options)
